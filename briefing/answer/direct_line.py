"""The line an offline answer opens with: the cited sentences' names, places, numbers and dates,
in the question's language ("Sergueï Lavrov and Marco Rubio — Riyadh, the week before 2025-02-26 [1]").
Relative dates inside a quote ("la semaine dernière", "mercredi") are resolved against the
article's date. Pure: the entities of each quote come in with it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from briefing.answer.kind_words import MONTHS
from briefing.question.models import Kind
from briefing.text.analysis import fold

_NUMBER = re.compile(r"(?<![\w/-])(\d{1,3}(?:[ ,.\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s*(%|[^\W\d_]+)?", re.UNICODE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_COUNTED_FROM_EVENT = re.compile(r"\s*(?:\w+\s+)?(?:après|plus tard|avant|after|later|before|earlier|nach|später|vor|después|antes)\b",
                                re.IGNORECASE)
_WEEKDAY = {
    "en": re.compile(r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.IGNORECASE),
    "fr": re.compile(r"(?:le\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)", re.IGNORECASE),
}
# A sentence about what is to come: its weekday is the coming one, not the last
_FUTURE = {
    "en": re.compile(r"\b(?:will|shall|next|upcoming|is due|are due|to be held)\b|'ll\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:aura|auront|sera|seront|prochain\w*|va|vont)\b|\b\w{3,}(?:eront|iront|dront|era|ira|dra)\b",
                     re.IGNORECASE),
}


def _counted(wording: str) -> bool:
    """"il y a trois mois", "two weeks ago": a count of days, weeks or months back."""
    from briefing.answer.counted import has_number

    return has_number(re.sub(r"\b(?:un|une|a|an)\b", " ", wording, flags=re.IGNORECASE))


_AND = {"en": "and", "fr": "et", "de": "und", "es": "y", "it": "e", "pt": "e", "nl": "en"}
_WEEK_BEFORE = {"en": "the week before {d}", "fr": "la semaine précédant le {d}", "de": "die Woche vor dem {d}",
                "es": "la semana anterior al {d}"}
_MONTH_BEFORE = {"en": "the month before {d}", "fr": "le mois précédant le {d}", "de": "der Monat vor dem {d}",
                 "es": "el mes anterior al {d}"}
# "this week", "cette semaine": the article's own week or month, not the one before
_THIS = re.compile(r"\b(?:this|cette|ce|diese[rnms]?|esta|este)\b", re.IGNORECASE)
_WEEK_OF = {"en": "the week of {d}", "fr": "la semaine du {d}", "de": "die Woche vom {d}", "es": "la semana del {d}"}
_MONTH_OF = {"en": "the month of {d}", "fr": "le mois du {d}", "de": "der Monat vom {d}", "es": "el mes del {d}"}


@dataclass
class QuotedFacts:
    """What one citation's quote holds, as found by the actor index."""

    n: int
    quote: str
    published: dt.date | None
    language: str
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResolvedDate:
    wording: str  # as written in the quote
    label: str  # what it means, in the question's language


def relative_dates(quote: str, language: str, published: dt.date | None, question_language: str) -> list[ResolvedDate]:
    """Relative dates of a quote ("hier", "last week", "jeudi"), resolved against its article's date."""
    if published is None:
        return []
    from briefing.question.scope import find_dates

    out: list[ResolvedDate] = []
    for start, end, when, period in find_dates(quote, language, published):
        wording = quote[start:end]
        if any(ch.isdigit() for ch in wording):
            continue  # explicit dates need no resolving
        if _COUNTED_FROM_EVENT.match(quote[end:]):
            continue  # "trois mois après le début des manifestations": counted from an event, not the article's day
        if re.search(r"\bil y\s*$", quote[:start], re.IGNORECASE):
            wording = quote[quote[:start].lower().rindex("il y"):end]
        if period == "day" and _WEEKDAY.get(language, _WEEKDAY["en"]).fullmatch(wording.strip()) \
                and _FUTURE.get(language, _FUTURE["en"]).search(re.split(r"[,;:.«»\"“”()]", quote[:start])[-1]) \
                and when <= published:
            when += dt.timedelta(days=7 * ((published - when).days // 7 + 1))  # "se rencontreront jeudi": the coming one
            if (when - published).days > 7:
                when -= dt.timedelta(days=7)
        elif period == "day" and _WEEKDAY.get(language, _WEEKDAY["en"]).fullmatch(wording.strip()) \
                and (published - when).days == 7:
            continue  # "a déclaré mercredi" in a Wednesday's article: that very day
        counted = bool(re.search(r"\d", wording)) or _counted(wording)
        if counted:
            label = f"{when:%Y-%m}" if period in ("month", "year") else when.isoformat()
        elif period in ("week", "month"):
            table = ((_WEEK_OF if _THIS.search(wording) else _WEEK_BEFORE) if period == "week"
                     else (_MONTH_OF if _THIS.search(wording) else _MONTH_BEFORE))
            label = table.get(question_language, table["en"]).format(d=published.isoformat())
        elif when == published:
            continue  # "today", "now": the article's own date, shown anyway
        else:
            label = when.isoformat()
        out.append(ResolvedDate(wording.strip(), label))
    return out


def explicit_date(quote: str, language: str, published: dt.date | None) -> str:
    """The first date written out in a quote ("vendredi 1 juillet 2011", "le 10 avril"), as ISO."""
    if published is None:
        return ""
    from briefing.question.scope import find_dates

    for start, end, when, period in find_dates(quote, language, published):
        if any(ch.isdigit() for ch in quote[start:end]):
            return when.isoformat() if period == "day" else (f"{when:%Y-%m}" if period == "month" else str(when.year))
    return ""


def numbers(quote: str) -> list[str]:
    """Counts a "how many" answer names: "150 people", "12 %" (years and days of the month are dates, not counts)."""
    from briefing.text.analysis import stopwords

    small = stopwords("en") | stopwords("fr") | stopwords("de") | stopwords("es")
    out = []
    for m in _NUMBER.finditer(quote):
        value, unit = m.group(1), m.group(2) or ""
        if unit.lower() in small:
            unit = ""  # "25 and 26": a count has no unit "and"
        if _YEAR.match(value) and not unit.startswith("%"):
            continue
        before = quote[:m.start()].split()[-1:]
        if fold(unit) in MONTHS or (before and fold(before[0]).strip(",.") in MONTHS):
            continue  # "du 9 mars", "June 16": the day of a date
        out.append(f"{value} {unit}".strip() if unit and len(unit) > 1 or unit == "%" else value)
    return out


def _join(items: list[str], lang: str) -> str:
    items = list(dict.fromkeys(i for i in items if i))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {_AND.get(lang, 'and')} " + items[-1]


def direct_line(facts: list[QuotedFacts], kind: Kind, question_language: str) -> str:
    """One line naming who, where, how many and when, each part cited; "" when the quotes name nothing."""
    parts: list[str] = []
    named: set[str] = set()
    for f in facts[:2]:
        dates = relative_dates(f.quote, f.language, f.published, question_language)
        when = dates[0].label if dates else (f.published.isoformat() if f.published else "")
        if kind == "when":
            when = explicit_date(f.quote, f.language, f.published) or when
        # a second quote, often of the same story, names what the first did not: "Abdel Fattah
        # Al-Sissi — Riyad [1]; mosquée Al Ferdous [2]", not Al-Sissi twice
        actors, places = f.people or f.orgs, f.places[:2]
        who = _join([x for x in actors if x not in named], question_language)
        where = _join([x for x in places if x not in named], question_language)
        named.update(actors, places)
        count = numbers(f.quote)[:2]
        if kind == "how_many":
            head = _join(count, question_language) or who
            tail = [where, when]
        elif kind == "where":
            head = where or who
            tail = [who if where else "", when]
        elif kind == "when":
            head = when
            tail = [who, where]
        else:
            head = who or where
            tail = [where if who else "", when]
        tail = [t for t in tail if t and t != head]
        if not head and not any(tail):
            continue
        line = head + (" — " + ", ".join(tail) if tail and head else ", ".join(tail))
        parts.append(f"{line} [{f.n}]")
    return "; ".join(parts)


def annotate_quote(quote: str, dates: list[ResolvedDate]) -> str:
    """The quote with its relative dates resolved: « … la semaine dernière … » (la semaine dernière: …)."""
    if not dates:
        return quote
    return quote + " (" + "; ".join(f"{d.wording}: {d.label}" for d in dates) + ")"

"""The period a question names ("on 21 February 2011", "hier", "last week", "since Monday"),
read with dateparser and resolved against the newest stored article's date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from briefing.question.models import TimeScope

# dateparser knows these languages' month and weekday names and relative phrases; others fall
# back to English (a French or German question is still read in its own language).
_SUPPORTED = frozenset("en fr de es it pt nl ru uk pl ar tr sv da fi cs ro hu el id vi ca".split())
_SINCE = re.compile(r"\b(?:since|depuis|seit|desde|from)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_EN_VERB_MONTHS = re.compile(r"\b(?:march|may)\b")
# the edge of a period is part of its wording ("at the end of November 2012", "à la fin de juin"):
# left in the question, "end" and "fin" read as the event asked about
_EDGE = re.compile(r"(?:\b(?:at|by|in|towards?|until)\s+)?(?:\bthe\s+)?\b(?:end|beginning|start|middle)(?P<of>\s+of)?\s*$"
                   r"|(?:\b(?:à|a)\s+la\s+|\bau\s+|\bdès\s+(?:le\s+)?)?\b(?:fin|début|debut|milieu)(?P<de>\s*(?:de\s+|d['’]|du\s+))?\s*$",
                   re.IGNORECASE)
# … but not "when did the war end in 2011", "le conflit a pris fin en 2011"
_PREPOSITION = re.compile(r"^(?:in|on|at|en|le|au|à|a|since|depuis|from|du)\b", re.IGNORECASE)


def _edge_start(before: str, wording: str) -> int | None:
    m = _EDGE.search(before)
    if m is None:
        return None
    joined = m.group("of") or m.group("de") or re.match(r"of\b", wording, re.IGNORECASE)
    return m.start() if joined or not _PREPOSITION.match(wording) else None


# a day number next to a word: a date if the word is a month (dateparser decides which words are)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+([^\W\d_]{3,})(?:\s+(\d{4}))?\b", re.UNICODE)
_UNIT = re.compile(r"(?:days?|weeks?|months?|years?|jours?|semaines?|mois|ans|années?|tage?n?|wochen?|monate?n?|jahren?"
                   r"|días?|semanas?|meses|años?)[.,;:]?", re.IGNORECASE)
# "the Friday of Anger", "le Vendredi de la colère": a named day of protest, not a date
_NAMED_DAY = re.compile(r"\s+(?:of|de la|du|des|de)\s+(?:the\s+|l['’])?(?!(?:this|last|next|cette|la|ce|semaine|week|mois|month)\b)"
                        r"[A-ZÀ-Ýa-zà-ÿ]", re.UNICODE)
# what stands between the two ends of a period ("from 14 June to 16 June", "du 14 au 16 juin")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|until|till|through|au|à|et|jusqu'(?:au|à)|bis|und|a|al|y|hasta)?\s*"
                         r"(?:the\s+|le\s+|zum\s+|el\s+)?", re.IGNORECASE)
# "from 14 to 16 June 2025", "du 14 au 16 juin", "the night of 20 to 21 August 2011": dateparser
# reads only the second day; the first takes its month and year
_DAY_RANGE = re.compile(
    r"(?:\b(?:from|between|du|les|entre(?:\s+le)?|(?:on\s+)?the\s+night\s+of|(?:dans\s+)?la\s+nuit\s+du)\s+)?"
    r"\b(\d{1,2})(?:st|nd|rd|th|er)?\s*(?:to|and|till|until|au|et|à|-|–)\s*(?:the\s+|le\s+)?"
    r"(\d{1,2})(?:st|nd|rd|th|er)?\s+([^\W\d_]{3,})(?:\s+(\d{4}))?\b", re.IGNORECASE | re.UNICODE)
# "the 2012 Africa Cup of Nations", "the 2025 U.S. Open": a year as part of an event's name
_EDITION = re.compile(r"(?:1[89]|20)\d\d\s+[A-Z]")
_MONTH_DAY = re.compile(r"\b([^\W\d_]{3,})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.UNICODE)


class ImpossibleDate(ValueError):
    """The question names a day that does not exist ("31 February")."""

    def __init__(self, message: str, *, wording: str = "", days: int = 0):
        super().__init__(message)
        self.wording, self.days = wording, days


def _languages(lang: str) -> list[str]:
    return [lang] if lang in _SUPPORTED else ["en"]


def _settings(reference: dt.date) -> dict:
    return {"RELATIVE_BASE": dt.datetime.combine(reference, dt.time()), "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False}


@lru_cache(maxsize=16)
def _parser(lang: str, reference: dt.date):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=_languages(lang), settings=_settings(reference))


def _month_number(word: str, lang: str) -> int | None:
    data = _parser(lang, dt.date(2000, 1, 1)).get_date_data(f"1 {word} 2000")
    if data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.month


def check_impossible(question: str, lang: str, reference: dt.date) -> None:
    """Raise ImpossibleDate for "31 February", "le 30 février 2011", "April 31"."""
    found = [(int(m.group(1)), m.group(2), m.group(3)) for m in _DAY_MONTH.finditer(question)]
    found += [(int(m.group(2)), m.group(1), m.group(3)) for m in _MONTH_DAY.finditer(question)]
    for day, word, year in found:
        month = _month_number(word, lang)
        if month is None:
            continue
        y = int(year) if year else (reference.year if month <= reference.month else reference.year - 1)
        if day < 1 or day > calendar.monthrange(y, month)[1]:
            raise ImpossibleDate(f"{day} {word}" + (f" {year}" if year else "") + " is not a date: "
                                 f"{calendar.month_name[month]} has {calendar.monthrange(y, month)[1]} days"
                                 + (f" in {y}" if month == 2 else "") + ".",
                                 wording=f"{day} {word}" + (f" {year}" if year else ""),
                                 days=calendar.monthrange(y, month)[1])


def _period(text: str, lang: str, reference: dt.date) -> tuple[dt.date, str] | None:
    data = _parser(lang, reference).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _span(day: dt.date, period: str, reference: dt.date) -> tuple[dt.date, dt.date]:
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "month":
        return dt.date(day.year, day.month, 1), dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    if period == "week":
        # "last week": the seven days up to the reference; "this week": the six before it and it
        since = day if day < reference else reference - dt.timedelta(days=6)
        return since, min(since + dt.timedelta(days=7), reference)
    return day, day


@lru_cache(maxsize=32)
def _relative_phrases(lang: str) -> re.Pattern | None:
    """dateparser's own relative phrases for the language ("la semaine dernière", "avant-hier"):
    its search misses some that its parser reads."""
    from dateparser.languages.loader import default_loader

    try:
        info = default_loader.get_locale(_languages(lang)[0]).info
    except Exception:
        return None
    phrases = sorted({p for ps in info.get("relative-type", {}).values() for p in ps if len(p) >= 3}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.IGNORECASE)


# dateparser's words for a language that can start or make a date on their own; its "in" words
# ("in", "after") and skip words need a number or one of these next to them
_DATE_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "year", "month", "week", "day", "hour", "minute", "second", "century", "decade", "fortnight",
              "early_morning", "morning", "afternoon", "evening", "night", "ago")


@lru_cache(maxsize=32)
def _date_words(lang: str) -> re.Pattern | None:
    """Every word dateparser reads as (part of) a date in this language, from its translation data
    alone: loading that takes a twentieth of what its search does (measured on a cold `ask`)."""
    import importlib

    words: set[str] = set()
    for code in _languages(lang):
        try:
            info = importlib.import_module(f"dateparser.data.date_translation_data.{code}").info
        except (ImportError, AttributeError):
            return None
        for key in _DATE_KEYS:
            words.update(w for w in info.get(key, []) if isinstance(w, str))
        for phrases in (info.get("relative-type") or {}).values():
            words.update(w for p in phrases for w in p.split())
    words = {w.lower() for w in words if w.strip()}
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE) if words else None


def may_name_a_date(text: str, lang: str) -> bool:
    """False only when `text` has no digit and none of dateparser's date words for the language:
    then dateparser's search (a quarter of a second to load) cannot find a date in it."""
    if any(ch.isdigit() for ch in text):
        return True
    pattern = _date_words(lang)
    return pattern is None or pattern.search(text) is not None


def find_dates(text: str, lang: str, reference: dt.date) -> list[tuple[int, int, dt.date, str]]:
    """(start, end, date, period) of each date wording in `text`, in order, read against `reference`."""
    if not may_name_a_date(text, lang):
        return []
    found: list[tuple[int, int, dt.date, str]] = []
    pos = 0
    if lang == "en":
        # English writes months capitalised: "protesters march on 26 April" names April, not March
        text = _EN_VERB_MONTHS.sub(lambda m: " " * len(m.group(0)), text)
    # "au mois d'août 2011", "in the month of August 2011": dateparser's search reads the year
    # alone, or nothing; the words are blanked out, keeping every offset
    text = _MONTH_OF.sub(lambda m: " " * len(m.group(0)), text)
    hits = _search(text, lang, reference)
    for wording, when in hits:
        span = _locate(text, wording, pos) or _locate(text, wording, 0)
        if span is None or not _is_temporal(wording, lang):
            continue
        start = span[0]
        end = _locate(text, wording[:_trimmed_length(wording, lang, reference)], start)[1]
        got = _period(text[start:end], lang, reference)
        found.append((start, end, when.date(), got[1] if got else "day"))
        pos = end
    pattern = _relative_phrases(lang)
    if pattern is not None:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _, _ in found):
                continue
            got = _period(m.group(0), lang, reference)
            if got:
                found.append((m.start(), m.end(), got[0], got[1]))
    return sorted(found)


_MONTH_OF = re.compile(r"(?<=\bmois d)['’](?=(?:avril|ao[uû]t|octobre)\b)|\b(?:the )?month of\b", re.IGNORECASE)


def _locate(text: str, wording: str, pos: int) -> tuple[int, int] | None:
    """Where a wording dateparser found is in the text: it gives runs of spaces as one."""
    words = wording.split()
    if not words:
        return None
    m = re.compile(r"\s+".join(map(re.escape, words))).search(text, pos)
    return (m.start(), m.end()) if m else None


_DAY_NUMBER_BEFORE = re.compile(r"\b\d{1,2}(?:er|st|nd|rd|th)?\s+$")
_ORDINAL = re.compile(r"(\d{1,2})(er|st|nd|rd|th)\b")


def _search_dates(text: str, lang: str, reference: dt.date) -> list | None:
    """dateparser's search of a text; None when it trips on some odd input."""
    from dateparser.search import search_dates

    try:
        return search_dates(text, languages=_languages(lang), settings=_settings(reference)) or []
    except Exception:
        return None


def _search(text: str, lang: str, reference: dt.date) -> list:
    hits = _search_dates(text, lang, reference)
    if hits is None:
        return []  # no dates found then
    # after some words dateparser's search leaves the day out ("Mother's Day, 21 March 2012" gives
    # "March" and "2012"): a month right after a day's number is searched again from that number
    for i, (wording, _) in enumerate(hits):
        at = text.find(wording)
        before = _DAY_NUMBER_BEFORE.search(text[:at]) if at > 0 else None
        if before is None or _month_number(wording.strip(), lang) is None:
            continue
        begin, kept = before.start(), hits[:i]
        if i:
            # "vendredi 1er juillet": the weekday found alone just before the number is part of the date
            prev = text.rfind(hits[i - 1][0], 0, begin)
            if prev >= 0 and not text[prev + len(hits[i - 1][0]):begin].strip():
                begin, kept = prev, hits[:i - 1]
        rest = text[begin:]
        # nor does it read an ordinal day ("1er juin", "21st March"): searched without its suffix
        ordinal = _ORDINAL.match(rest, before.start() - begin)
        cut = len(ordinal.group(2)) if ordinal else 0
        searched = rest[:ordinal.start(2)] + rest[ordinal.end(2):] if ordinal else rest
        again = _search_dates(searched, lang, reference)
        if again is None:
            return hits
        if not (again and any(ch.isdigit() for ch in again[0][0])):
            continue
        first, when = again[0]
        if cut and searched.startswith(first):
            first = rest[:len(first) + cut]  # the wording as written, suffix included
        return kept + [(first, when)] + again[1:]
    return hits


def _trimmed_length(text: str, lang: str, reference: dt.date) -> int:
    """search_dates keeps a trailing word ("last week in", "in 2011 in"): drop end words that are
    no date on their own while what is left still reads as one."""
    text = text.rstrip()
    while True:
        head, _, last = text.rpartition(" ")
        if _UNIT.fullmatch(last):
            return len(text)  # "il y a trois mois": without its unit the wording is a bare number
        if not head or _period(last, lang, reference) is not None or _period(head, lang, reference) is None:
            return len(text)
        text = head


def _is_temporal(text: str, lang: str) -> bool:
    """dateparser's search also takes a lone number or a stray word ("a", "sat") for a date."""
    core = text.strip(" ,.;:?!")
    words = [w for w in re.split(r"\W+", core) if w]
    if not words:
        return False
    if len(words) == 1 and words[0].isdigit() and not _YEAR.fullmatch(words[0]):
        return False
    if not any(w.isdigit() or len(w) >= 3 for w in words):
        return False  # "et sa", "à sa": a possessive, not "samedi"
    if len(words) == 1 and lang == "en" and words[0][:1].islower() and _month_number(words[0], lang):
        return False  # English writes months capitalised: "march", "may" here are a verb
    return len(core) >= 3


def _day_range(question: str, lang: str, reference: dt.date) -> tuple[TimeScope, str] | None:
    m = _DAY_RANGE.search(question)
    if m is None or _month_number(m.group(3), lang) is None:
        return None
    first, last, month, year = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
    ends = find_dates(f"{last} {month}{' ' + year if year else ''}", lang, reference)
    if not ends or first > last:
        return None
    until = ends[0][2]
    try:
        since = until.replace(day=first)
    except ValueError:
        return None
    wording = m.group(0).strip()
    scope = TimeScope(since=since, until=until, wording=wording, granularity="range", relative=year is None)
    if scope.relative:
        scope.reference = reference
    topic = re.sub(r"\s+(?:on|in|le|en)([?!.,]|$)", r"\1", _without(question, m.start(), m.end()))
    return scope, topic


def _in_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _with_years(question: str, found: list[tuple[int, int, dt.date, str]]) -> list[tuple[int, int, dt.date, str]]:
    """A day read apart from the year written right after it ("2 June" and "2011" in "between 31
    May and 2 June 2011") is that year's day: the two become one wording."""
    out: list[tuple[int, int, dt.date, str]] = []
    for f in found:
        if out and f[3] == "year" and out[-1][3] in ("day", "month") and re.fullmatch(r"[\s,]*", question[out[-1][1]:f[0]]) \
                and not _YEAR.search(question[out[-1][0]:out[-1][1]]):
            start, _, day, period = out[-1]
            out[-1] = (start, f[1], _in_year(day, f[2].year), period)
        else:
            out.append(f)
    return out


def _without(question: str, start: int, end: int) -> str:
    """The question with its date wording taken out, spaces and punctuation tidied."""
    topic = (question[:start] + question[end:]).strip()
    return re.sub(r"\s+([?!.,])", r"\1", re.sub(r"\s{2,}", " ", topic)).lstrip(" ,;:")


def read_scope(question: str, lang: str, reference: dt.date | None) -> tuple[TimeScope | None, str]:
    """(scope, question without the date wording). Raises ImpossibleDate.

    `reference` is the newest stored article's date: "yesterday" is the day before it. Without
    one (an empty store) today stands in."""
    reference = reference or dt.date.today()
    check_impossible(question, lang, reference)
    day_range = _day_range(question, lang, reference)
    if day_range is not None:
        return day_range
    found = find_dates(question, lang, reference)
    if not found:
        return None, question
    found = [f for f in found if not _NAMED_DAY.match(question[f[1]:]) or any(ch.isdigit() for ch in question[f[0]:f[1]])]
    if not found:
        return None, question
    found = _with_years(question, found)
    spans = []
    for start, end, day, period in found:
        since = _SINCE.search(question[:start])
        if since:
            start = since.start()
        else:
            edge = _edge_start(question[:start], question[start:end])
            start = start if edge is None else edge
        spans.append((start, end, day, period, bool(since)))
    if len(spans) >= 2 and not _RANGE_JOIN.fullmatch(question[spans[0][1]:spans[1][0]]):
        # two date wordings that are no "from … to …": "their Friday protests in October 2011"
        # names one period, the one written out most fully; a year that names an edition ("the
        # 2012 Africa Cup of Nations") is no period of the question's own
        spans = [max(spans, key=lambda s: (not _EDITION.match(question[s[0]:]),
                                           bool(_YEAR.search(question[s[0]:s[1]])),
                                           any(ch.isdigit() for ch in question[s[0]:s[1]]),
                                           len(question[s[0]:s[1]].split())))]
    start, end = spans[0][0], spans[-1][1]
    wording = question[start:end].strip()
    relative = not _YEAR.search(wording)
    if len(spans) >= 2:  # "from 14 June to 16 June 2025", "between … and …"
        first, last = spans[0], spans[1]
        if not _YEAR.search(question[first[0]:first[1]]) and _YEAR.search(question[last[0]:last[1]]):
            # "between 31 May and 2 June 2011": the first end is in the year written after the second
            day = _in_year(first[2], last[2].year)
            if day > last[2]:
                day = _in_year(first[2], last[2].year - 1)  # "from 30 December to 2 January 2012"
            spans[0] = (first[0], first[1], day, first[3], first[4])
        days = sorted(_span(d, p, reference)[i] for _, _, d, p, _ in spans[:2] for i in (0, 1))
        scope = TimeScope(since=days[0], until=days[-1], wording=wording, granularity="range", relative=relative)
    elif spans[0][4]:
        day = spans[0][2]
        scope = TimeScope(since=day, until=max(day, reference), wording=wording, granularity="since", relative=True)
    else:
        _, _, day, period, _ = spans[0]
        since, until = _span(day, period, reference)
        gran = period if period in ("day", "week", "month", "year") else "day"
        scope = TimeScope(since=since, until=until, wording=wording, granularity=gran, relative=relative)
    if scope.relative:
        scope.reference = reference
    return scope, _without(question, start, end)

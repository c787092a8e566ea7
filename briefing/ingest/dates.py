"""Publication dates from metadata strings, article text and file or URL names (pure)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from typing import Any

# Month names of the languages news is most often read in; abbreviations included because
# feeds and datelines use them ("26 févr. 2025", "Feb 26, 2025").
_MONTHS: dict[str, int] = {}
for _month, _names in enumerate(
    [
        "january jan janvier janv januar jänner jaenner enero ene gennaio gen janeiro januari",
        "february feb febr février fevrier févr fevr februar febrero febbraio fevereiro fev februari",
        "march mar mars märz maerz mrz marzo março marco maart",
        "april apr avril avr abril aprile abr",
        "may mai mayo maggio maio mag mei",
        "june jun juin juni junio giugno junho giu",
        "july jul juillet juil juli julio luglio julho lug",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre setiembre septiembre settembre setembro set",
        "october oct octobre oktober octubre ottobre outubro okt out ott",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre déc dezember diciembre dicembre dezembro dez dic",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _month

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
)

_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?!\d)")
# "26 février 2025", "1er mars 2025", "26. Februar 2025", "26 de febrero de 2025"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w])(\d{{1,2}})(?:er|st|nd|rd|th|º|°|\.)?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+|del\s+)?((?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)
# "February 26, 2025", "Feb. 26 2025"
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w])({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)
# "26/02/2025", "26.02.2025": day first unless that cannot be
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})(?![\d/])")
# File and URL names: "..._2025-02-26.txt", "/2025/02/26/", "20250226"
_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_./]?(0[1-9]|1[0-2])[-_./]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
# Words that introduce the publication date (en, fr, de, es, it, pt).
_PUBLISHED_CUE = re.compile(
    r"\b(?:published|posted|updated|last updated|first published|publié|publiée|mis en ligne|mis à jour|"
    r"modifié|veröffentlicht|aktualisiert|erschienen|stand|publicado|publicada|actualizado|"
    r"pubblicato|aggiornato|atualizado)\b(?:\s+(?:on|le|am|el|il|em|at))?\s*[:,]?\s*",
    re.IGNORECASE,
)
_DATELINE_LEAD = re.compile(
    rf"^\s*(?:[A-ZÀ-Ý][\w'’.\- ]{{1,40}}(?:\([^)]{{1,30}}\))?,\s*)?(?:(?:{_WEEKDAYS}),?\s+)?",
    re.IGNORECASE,
)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _plausible(d: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """News dates lie between 1900 and (a day after) today: anything else is a misread number."""
    if d is None:
        return None
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    return d if dt.date(1900, 1, 1) <= d <= latest else None


def _match_to_date(m: re.Match, kind: str) -> dt.date | None:
    if kind == "iso":
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if kind == "dmy":
        return _safe_date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    if kind == "mdy":
        return _safe_date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    if kind == "num":
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if b > 12 and a <= 12:  # 02/26/2025 can only be month first
            a, b = b, a
        return _safe_date(year, b, a)
    return None


_PATTERNS = (("iso", _ISO), ("dmy", _DAY_MONTH_YEAR), ("mdy", _MONTH_DAY_YEAR), ("num", _NUMERIC))


def _first_date(text: str, *, numeric: bool = True, anchored: bool = False) -> tuple[dt.date, int, int] | None:
    """The earliest date written in `text`, with its span; `anchored` wants it at the start."""
    best: tuple[dt.date, int, int] | None = None
    for kind, pattern in _PATTERNS:
        if kind == "num" and not numeric:
            continue
        m = pattern.match(text) if anchored else pattern.search(text)
        if not m:
            continue
        d = _match_to_date(m, kind)
        if d and (best is None or m.start() < best[1]):
            best = (d, m.start(), m.end())
    return best


def parse_date(value: Any, *, today: dt.date | None = None) -> dt.date | None:
    """A date from a metadata value: date, datetime, time.struct_time, epoch, or a string in
    ISO 8601, RFC 822 (feeds), numeric or written form in several languages."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), today)
    if isinstance(value, dt.date):
        return _plausible(value, today)
    if isinstance(value, time.struct_time):
        return _plausible(_safe_date(value.tm_year, value.tm_mon, value.tm_mday), today)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value  # milliseconds are common in JSON
        try:
            return _plausible(dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date(), today)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    try:
        return _plausible(dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date(), today)
    except ValueError:
        pass
    if re.search(r"\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}", s):
        try:
            return _plausible(email.utils.parsedate_to_datetime(s).date(), today)
        except (TypeError, ValueError, IndexError):
            pass
    found = _first_date(s)
    if found:
        return _plausible(found[0], today)
    m = re.fullmatch(r"((?:19|20)\d{2})(\d{2})(\d{2})", s)
    if m:
        return _plausible(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), today)
    return None


def date_in_text(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """The publication date stated in an article's text, or None.

    Only places where a publisher writes it are trusted: after a "published/publié/…" cue near
    the top or at the very end, a short dateline line among the first lines, or a dateline
    opening the first paragraph ("PARIS, 26 février 2025 — …"). A date inside the story
    ("on 12 March the army…") is an event date, not a publication date, and is ignored.
    """
    head, tail = text[:1500], text[-400:]
    for part in (head, tail):
        for cue in _PUBLISHED_CUE.finditer(part):
            found = _first_date(part[cue.end():cue.end() + 60], anchored=False)
            if found and found[1] <= 25:
                d = _plausible(found[0], today)
                if d:
                    return d
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:5]
    for line in lines:
        if len(line) <= 60:
            found = _first_date(line)
            if found:
                rest = re.findall(r"[^\W\d_]+", line[:found[1]] + " " + line[found[2]:])
                if len(rest) <= 3:  # the line is (almost) only the date: "Mercredi 26 février 2025, 14h05"
                    d = _plausible(found[0], today)
                    if d:
                        return d
        lead = _DATELINE_LEAD.match(line)
        at = lead.end() if lead else 0
        found = _first_date(line[at:], anchored=True)
        if found:
            # "PARIS, 26 février 2025 (AFP) — …": a dash or colon closes a dateline
            if re.match(r"\s*(?:\([^)]{1,30}\)\s*)?[—–\-:|]", line[at + found[2]:]):
                d = _plausible(found[0], today)
                if d:
                    return d
    return None


def date_in_name(name: str, *, today: dt.date | None = None) -> dt.date | None:
    """A date embedded in a file name or URL path: `x_2025-02-26.txt`, `/2025/02/26/slug`."""
    for m in _NAME_DATE.finditer(name):
        d = _plausible(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), today)
        if d:
            return d
    return None

"""Publisher boilerplate removal: appeals, newsletter prompts, read-also blocks, share bars,
cookie notices, series notices and trailing site signatures (pure).

The method is general, not a list of publishers. Each line is scored on multilingual cues
(boilerplate_cues): self-sufficient phrasings that speak to the reader ("subscribe to our
newsletter", "soutenez-nous", "ce billet fait partie de notre dossier…"), weaker business words
(donation, journalisme, Abonnement) that only count when the line also addresses the reader,
recurring money amounts ("2 $ mensuellement"), and how densely the line speaks as "we" to
"you" outside quotations and tweets. Then, in this order:

1. a "Read also:" header followed only by a short list of headlines is cut to the end;
2. a contiguous block at the end is cut when, as a whole, it is the publisher talking to the
   reader about paying, giving or subscribing: it opens on an appeal header ("Dear readers,",
   "Un message de …") or a clearly scored line, and holds a strong line. Site furniture in
   the block (share bars, series notices) is passed over but is no evidence by itself;
3. short lines with an unmistakable cue are dropped wherever they stand;
4. a last line that is a bare site handle ("themoscowtimes", "example.com") is dropped.

News sentences that mention money, readers, donations or subscriptions in the third person
carry no address to the reader and score nothing, so they stay. The kept lines are verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.ingest import boilerplate_cues as cues

def _any(patterns: list[str]) -> re.Pattern:
    """One pattern for a list of cues, matched against lower-cased text: Python's re is several
    times faster without IGNORECASE and with the shared leading word boundary factored out."""
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    other = [p for p in patterns if not p.startswith(r"\b")]
    parts = ([r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []) + [f"(?:{p})" for p in other]
    return re.compile("|".join(parts))


_SERIES = _any(cues.SERIES)
_SUBSCRIBE = _any(cues.SUBSCRIBE)
_APPEAL = _any(cues.APPEAL)
_COOKIE = _any(cues.COOKIE)
_SHARE = _any(cues.SHARE_FOLLOW)
_PLAYER = _any(cues.PLAYER_AD)
_RIGHTS = _any(cues.RIGHTS)
_WEAK = _any(cues.WEAK)
_HEADER = _any(cues.APPEAL_HEADER)
_CURRENCY = re.compile(cues.CURRENCY)
_MONEY_RECURRING = re.compile(
    rf"{cues.MONEY}.{{0,40}}{cues.RECURRING}|{cues.RECURRING}.{{0,40}}{cues.MONEY}|{cues.FROM_JUST}{cues.MONEY}"
)
_SEP = r"\s*(?:$|[:>»|•·–—\-]|\.\.\.|…)"
# Cues that announce a link to another article however the line goes on.
_READ_MORE_ALWAYS = re.compile(
    r"^\W{0,3}(?:read (?:more|also)|lire (?:aussi|également|egalement)|à lire (?:aussi|également)|voir aussi|"
    r"lesen sie auch|mehr zum thema|lee también|leer más|ver también|leggi anche|leia também|saiba mais)\b"
)
_READ_MORE = re.compile(rf"^\W{{0,3}}(?:{'|'.join(cues.READ_MORE_LEAD)}){_SEP}")
_READ_MORE_HEADER = re.compile(rf"^\W{{0,3}}(?:{'|'.join(cues.READ_MORE_LEAD)})\s*[:>»]?\s*$")
_NAV = frozenset(cues.NAV_TOKENS)
_NAV_SPLIT = re.compile(r"[\s|•·/,;]+")
_SHARE_VERBS = frozenset("share partager partagez teilen compartir condividi compartilhar tweet print imprimer drucken imprimir".split())
_CODE = re.compile(
    r"\b(?:function\s*\(|var\s+\w+\s*=|let\s+\w+\s*=|const\s+\w+\s*=|document\.\w+|window\.\w+|googletag\.|datalayer\b)"
    r"|^\s*[.#]?[\w-]+\s*\{[^}]*:[^}]*;"
)
_KEY_VALUE = re.compile(r"\b\w+\s*:\s*(?:'[^']*'|\"[^\"]*\"|[\w.]+|\{)")
# Quotations and tweets speak for someone else: their "we" and "you" do not address our reader.
_QUOTED = re.compile(r"“[^”\n]{0,600}”|«[^»\n]{0,600}»|„[^“”\n]{0,600}[“”]|\"[^\"\n]{0,600}\"|‘[^’\n]{0,300}’")
_TWEET = re.compile(r"^\W{0,2}@\w+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")  # "soutenez-nous" → "soutenez", "nous"
_HANDLE = re.compile(r"^(?:@[\w.]{2,40}|[a-z][a-z0-9_]{3,39}|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}/?)$")


@dataclass(frozen=True)
class LineCues:
    """What one line says about itself: its score and the cues behind it."""

    text: str
    words: int
    strong: str | None = None  # the category of an unmistakable cue
    header: str | None = None  # "appeal" or "read_more": this line opens a block
    weak: int = 0
    address: int = 0
    money: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def score(self) -> int:
        s = 0
        if self.strong in ("series", "subscribe", "cookie", "rights", "player", "nav", "code", "read_more"):
            s += 3
        elif self.strong in ("appeal", "share"):
            s += 2
        if self.header:
            s += 3
        if self.weak and (self.address or self.strong == "appeal"):
            s += min(self.weak, 2)
        if self.money:
            s += 1
        if self.address >= 2 and self.address / max(self.words, 1) >= 0.05:
            s += 1
        return s


@dataclass
class Cleaned:
    text: str
    removed: list[str] = field(default_factory=list)


def _unquoted(line: str) -> str:
    if _TWEET.match(line):
        return ""
    return _QUOTED.sub(" ", line)


def _strong(low: str, unquoted: str) -> str | None:
    """The category of an unmistakable cue in a lower-cased line, if any."""
    if _CODE.search(low) or (low.lstrip().startswith(("{", "[")) and len(_KEY_VALUE.findall(low)) >= 2):
        return "code"
    tokens = [t for t in _NAV_SPLIT.split(low) if t]
    if tokens and all(t in _NAV for t in tokens) and (len(tokens) >= 2 or tokens[0] in _SHARE_VERBS):
        return "nav"
    if _SERIES.search(unquoted):
        return "series"
    if _READ_MORE_ALWAYS.search(low) or _READ_MORE.search(low):
        return "read_more"
    if _COOKIE.search(unquoted):
        return "cookie"
    if _RIGHTS.search(low):
        return "rights"
    if _PLAYER.search(low):
        return "player"
    if _SUBSCRIBE.search(unquoted):
        return "subscribe"
    if _APPEAL.search(unquoted):
        return "appeal"
    if _SHARE.search(unquoted):
        return "share"
    return None


def _address(words: list[str]) -> int:
    return sum(1 for w in words if w in cues.ADDRESS_EXACT or w.lower() in cues.ADDRESS_WORDS and w != "US")


def line_cues(line: str) -> LineCues:
    text = line.strip()
    if not text:
        return LineCues(text="", words=0)
    words = _WORD.findall(text)
    unquoted = _unquoted(text)
    low, unquoted_low = text.lower(), unquoted.lower()
    header = None
    if len(words) <= 12 and _HEADER.search(low):
        header = "appeal"
    elif _READ_MORE_HEADER.match(low):
        header = "read_more"
    return LineCues(
        text=text,
        words=len(words),
        strong=_strong(low, unquoted_low),
        header=header,
        weak=len(_WEAK.findall(unquoted_low)),
        address=_address(_PLAIN_WORD.findall(unquoted)) if unquoted else 0,
        money=bool(_CURRENCY.search(unquoted_low) and _MONEY_RECURRING.search(unquoted_low)),
    )


def _removable_anywhere(c: LineCues) -> bool:
    """A short line with an unmistakable cue is boilerplate wherever it stands."""
    if c.strong in ("code", "nav", "player"):
        return True
    if c.strong in ("series", "cookie", "rights") and c.words <= 45:
        return True
    if c.strong == "read_more" and c.words <= 25:
        return True
    if c.strong == "subscribe" and c.words <= 35:
        return True
    if c.strong == "share" and c.words <= 15:
        return True
    # an appeal line stands alone only when it is about paying or subscribing, not a quoted plea
    return c.strong == "appeal" and c.words <= 35 and (c.weak > 0 or c.money)


def _is_handle(line: str) -> bool:
    s = line.strip()
    return bool(s) and " " not in s and not s.isdigit() and bool(_HANDLE.match(s))


# Site furniture: removed wherever it stands, but no evidence that the text around it is not news.
_FURNITURE = frozenset({"series", "nav", "player", "code", "rights", "cookie", "share", "read_more"})


def _business(c: LineCues) -> bool:
    """The line talks about paying, giving or subscribing to the reader."""
    return c.strong in ("appeal", "subscribe") or bool(c.weak and c.address) or c.money


def _read_more_list_start(lines: list[LineCues], protect: int) -> int | None:
    """A "Read also:" header followed only by a short list of headlines, up to the end."""
    for h in range(protect, len(lines)):
        if lines[h].header == "read_more":
            rest = [c for c in lines[h + 1:] if not c.blank]
            if len(rest) <= 10 and all(c.words <= 20 for c in rest):
                return h
    return None


def _appeal_start(lines: list[LineCues], protect: int) -> int | None:
    """Where a trailing block of publisher talk to the reader begins, or None."""
    end = len(lines)
    i = end
    while i > protect:
        c = lines[i - 1]
        trailing_handle = all(x.blank for x in lines[i:]) and _is_handle(c.text)
        if c.blank or trailing_handle or _removable_anywhere(c) or c.header or c.score >= 1:
            i -= 1
            continue
        break
    evidence = [
        (k, c) for k, c in enumerate(lines[i:end], start=i)
        if not c.blank and not _is_handle(c.text) and not (c.strong in _FURNITURE and _removable_anywhere(c))
    ]
    # the block opens on a header or a clearly scored line, not on a reporter's quoted "we"
    while evidence and not (evidence[0][1].header == "appeal" or evidence[0][1].score >= 2):
        evidence.pop(0)
    if not evidence:
        return None
    scores = [c.score for _, c in evidence]
    if max(scores) >= 3 and sum(scores) >= 4 and any(_business(c) for _, c in evidence):
        return evidence[0][0]
    return None


def remove_boilerplate(text: str) -> Cleaned:
    """The text without publisher boilerplate, and the lines that were taken out."""
    raw = text.split("\n")
    lines = [line_cues(line) for line in raw]
    content = [i for i, c in enumerate(lines) if not c.blank]
    if not content:
        return Cleaned(text=text.strip())
    # the first content line and a quarter of the text are never cut as a tail
    protect = max(content[0] + 1, content[len(content) // 4] if len(content) >= 4 else 0)
    cut = len(raw)
    for find in (_read_more_list_start, _appeal_start):
        start = find(lines[:cut], protect)
        if start is not None:
            cut = start
    removed = [raw[i] for i in range(cut, len(raw)) if raw[i].strip()]
    kept: list[str] = []
    for i in range(cut):
        if not lines[i].blank and _removable_anywhere(lines[i]):
            removed.append(raw[i])
            continue
        kept.append(raw[i])
    while kept and not kept[-1].strip():
        kept.pop()
    if len([k for k in kept if k.strip()]) > 1 and _is_handle(kept[-1]):
        removed.append(kept.pop())
    out: list[str] = []
    for line in kept:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return Cleaned(text="\n".join(out).strip(), removed=removed)

"""Where a cited quote sits: in its passage, and in a window of the article around it (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.models import Answer, Citation, Passage
from briefing.webapp.safe_markdown import find_quote

_WINDOW = 700  # characters of article text either side of the quote


@dataclass(frozen=True)
class Span:
    """Text with the quote at text[start:end]; start == end when the quote was not found in it."""

    text: str
    start: int
    end: int

    @property
    def found(self) -> bool:
        return self.end > self.start


def quote_in(text: str, offset: int, citation: Citation) -> Span:
    """The quote located in `text`, which starts at article offset `offset`.

    The citation's offsets are trusted only when they point at the quote; otherwise the quote
    is searched for, so a stale offset never highlights the wrong words.
    """
    s, e = citation.start - offset, citation.end - offset
    if 0 <= s < e <= len(text) and _same(text[s:e], citation.quote):
        return Span(text, s, e)
    found = find_quote(text, citation.quote)
    if found:
        return Span(text, *found)
    return Span(text, 0, 0)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def passage_for(answer: Answer, citation: Citation) -> Passage | None:
    for p in answer.passages:
        if p.chunk_id == citation.chunk_id:
            return p
    return None


def passage_span(answer: Answer, citation: Citation) -> Span:
    passage = passage_for(answer, citation)
    if passage is None:
        return Span(citation.quote, 0, len(citation.quote))
    return quote_in(passage.text, passage.start, citation)


def surrounding(article_text: str, citation: Citation, *, window: int = _WINDOW) -> Span:
    """A window of the article around the quote, cut at line or word boundaries."""
    span = quote_in(article_text, 0, citation)
    if not span.found:
        return Span(article_text[: 2 * window], 0, 0)
    lo = max(0, span.start - window)
    hi = min(len(article_text), span.end + window)
    if lo > 0:
        nl = article_text.find("\n", lo, span.start)
        lo = nl + 1 if nl >= 0 else _word_start(article_text, lo)
    if hi < len(article_text):
        nl = article_text.rfind("\n", span.end, hi)
        hi = nl if nl >= 0 else _word_end(article_text, hi)
    prefix = "… " if lo > 0 else ""
    suffix = " …" if hi < len(article_text) else ""
    text = prefix + article_text[lo:hi] + suffix
    shift = len(prefix) - lo
    return Span(text, span.start + shift, span.end + shift)


def _word_start(text: str, i: int) -> int:
    j = text.find(" ", i)
    return j + 1 if 0 <= j < i + 40 else i


def _word_end(text: str, i: int) -> int:
    j = text.rfind(" ", max(0, i - 40), i)
    return j if j >= 0 else i


def unique_citations(answer: Answer) -> list[Citation]:
    """One citation per number, in number order."""
    seen: dict[int, Citation] = {}
    for c in answer.citations:
        seen.setdefault(c.n, c)
    return [seen[n] for n in sorted(seen)]

"""Sentence splitting with character offsets, for chunking, quoting and extractive answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a period does not end a sentence (English and French news).
_ABBREVIATIONS = frozenset(
    "m mm mme mmes mlle dr pr st ste mr mrs ms prof gen gén col lt sgt capt cpt rev hon sen rep gov "
    "jr sr inc ltd co corp av apr j.-c etc vs cf no nº vol p pp fig ed éd env approx dept est jan feb "
    "fév mar avr jun jul juil aug sep sept oct nov dec déc u.s u.k e.g i.e ex ca".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”»)\]]*\s+|\n+")
_LAST_WORD = re.compile(r"([\w.\-]+)[.!?…]*[\"'”»)\]]*\s*$", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _ends_with_abbreviation(fragment: str) -> bool:
    # callers pass only the fragment's tail: the search below is quadratic in its length
    m = _LAST_WORD.search(fragment)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # single capital initials ("J. K. Rowling", "M. Lavrov") do not end sentences
    return len(word) == 1 and word.isalpha()


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences; each keeps its offsets so quotes can be shown in context.

    Newlines always end a sentence (headlines, paragraphs); a period followed by a lowercase
    letter or after a known abbreviation or initial does not.
    """
    sentences: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if "\n" not in m.group(0):
            nxt = text[end:end + 1]
            if nxt and (nxt.islower() or nxt.isdigit()):
                continue
            if m.group(0).lstrip().startswith(".") and _ends_with_abbreviation(text[max(start, m.start() - 64):m.start() + 1]):
                continue
        _add(sentences, text, start, m.start() + len(m.group(0).rstrip()))
        start = end
    if start < n:
        _add(sentences, text, start, n)
    return sentences


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))

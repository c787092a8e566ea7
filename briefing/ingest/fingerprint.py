"""The text fingerprint that lets the store keep one copy of an article met twice (pure)."""

from __future__ import annotations

import re
import unicodedata

from briefing.models import stable_hash

_NOT_WORD = re.compile(r"[\W_]+")


def normalise_for_fingerprint(text: str) -> str:
    """Case-folded words separated by single spaces: accents are kept (they change words in
    many languages), while punctuation, quotes style, spacing and line breaks are not."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def text_fingerprint(text: str) -> str:
    """Same words in the same order → same fingerprint, whatever the layout."""
    return stable_hash(normalise_for_fingerprint(text), length=32)

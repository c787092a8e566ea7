"""Readable source names from file names and URLs (pure)."""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlsplit

# Parts of a file name that say nothing about who published it.
_LANG_CODES = frozenset(
    "en fr de es it pt nl ru uk pl ar zh ja ko tr fa he hi sv da no fi cs ro hu el id vi ca und".split()
)
_GENERIC = frozenset(
    "article articles story stories post page item copy final draft text index export dump feed rss "
    "atom html htm txt md json jsonl www com org net"
    .split()
)
_SPLIT = re.compile(r"[\s_\-.+,;()\[\]]+")


def source_from_filename(path: str) -> str | None:
    """`moscowtimes_fr_2025-02-26.txt` → "moscowtimes"; None when the name holds no words."""
    stem = PurePath(path).name
    for suffix in PurePath(stem).suffixes:
        stem = stem[: -len(suffix)] if stem.endswith(suffix) and len(suffix) <= 6 else stem
    words = [w for w in _SPLIT.split(stem) if w]
    kept = [
        w for w in words
        if not any(ch.isdigit() for ch in w) and w.lower() not in _LANG_CODES and w.lower() not in _GENERIC
        and len(w) > 1
    ]
    return " ".join(kept) if kept else None


def source_from_url(url: str) -> str | None:
    """The site's host without "www.": `https://www.example.org/a` → "example.org"."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
    return host or None

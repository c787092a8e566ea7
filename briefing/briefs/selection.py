"""Choosing a story's sentences: central to the story, not redundant with each other (MMR)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from briefing.answer.statement_filter import is_caption

_URLISH = re.compile(r"https?://|www\.|@\w|\b\w+\.(?:com|org|net)\b", re.I)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    """A sentence that may go into a summary, with where it lives and what it says."""

    article_id: str
    start: int
    end: int
    text: str
    source: str
    language: str
    vector: np.ndarray


def usable_sentence(text: str, *, min_chars: int = 40, max_chars: int = 450) -> bool:
    """A summary sentence is a sentence: not a link line, a caption, a byline or a heading."""
    t = text.strip()
    if not (min_chars <= len(t) <= max_chars):
        return False
    if _URLISH.search(t):
        return False
    letters = _LETTERS.findall(t)
    if len(letters) < 0.6 * len(t.replace(" ", "")):
        return False
    if t.isupper() or is_caption(t):
        return False
    # headings and captions rarely end with sentence punctuation
    return t[-1] in ".!?»\"”)…"


def mmr_select(candidates: Sequence[Candidate], centroid: np.ndarray, *, k: int = 3,
               lambda_: float = 0.7, avoid: np.ndarray | None = None,
               prefer_language: str | None = None, max_redundancy: float = 0.92) -> list[int]:
    """Indices of up to k candidates by maximal marginal relevance.

    Relevance is closeness to the story centroid; redundancy the closest already chosen sentence
    or anything in `avoid` (what an earlier briefing said). Sentences in the briefing's language
    get a bonus so a mixed-language story is told in that language when it can be. A candidate
    nearly identical to a chosen one is never taken, however central; one close to `avoid` is only
    penalised, since an update ("the toll rises to 150") reads much like what it updates.
    """
    if not candidates or k <= 0:
        return []
    vectors = np.stack([c.vector for c in candidates]).astype(np.float32)
    relevance = vectors @ centroid.astype(np.float32)
    if prefer_language:
        relevance = relevance + np.array([0.05 if c.language == prefer_language else 0.0 for c in candidates])
    chosen: list[int] = []
    said = np.full(len(candidates), -1.0, dtype=np.float32)
    if avoid is not None and len(avoid):
        said = (vectors @ np.asarray(avoid, dtype=np.float32).T).max(axis=1)
    redundancy = np.full(len(candidates), -1.0, dtype=np.float32)  # against the chosen ones
    sources_used: set[str] = set()
    while len(chosen) < min(k, len(candidates)):
        score = lambda_ * relevance - (1.0 - lambda_) * np.maximum(np.maximum(redundancy, said), 0.0)
        # a second source saying it is worth a little more than the same source again
        score = score + np.array([0.0 if c.source in sources_used else 0.02 for c in candidates])
        score[chosen] = -np.inf
        score[redundancy >= max_redundancy] = -np.inf
        best = int(np.argmax(score))
        if not np.isfinite(score[best]):
            break
        chosen.append(best)
        sources_used.add(candidates[best].source)
        redundancy = np.maximum(redundancy, vectors @ vectors[best])
    return chosen

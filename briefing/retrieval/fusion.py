"""Fusing dense and lexical rankings without wrecking cross-language retrieval.

Plain fusion lets BM25 vote on passages in another language, where it sees only names and
numbers: on English questions over German passages it drops R@1 from 0.82 to 0.54. Here the
lexical side speaks for a passage in proportion to how much of the query it can read there:
fully when the passage is in the question's language, and only through the terms it actually
shares (names, numbers) otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FusionWeights:
    same_language: float = 0.6
    cross_language: float = 0.04
    sentence: float = 0.5  # weight of the best sentence's similarity beside the chunk's
    recency: float = 0.5  # bonus (in z units) for the newest articles, halving every `half_life_days`
    half_life_days: float = 365.0
    per_article: int = 2  # chunks of one article allowed in the top k before others get a turn


def recency_bonus(published_ord: np.ndarray, newest_ord: int, weights: FusionWeights) -> np.ndarray:
    """News questions without a date usually mean the latest events: a mild prior for recent
    articles, relative to the newest one stored (so a corpus of one day is unaffected)."""
    def days(o):
        o = np.asarray(o, dtype=np.int64)
        return (o // 10000) * 365.25 + ((o // 100) % 100) * 30.44 + o % 100
    age = np.maximum(0.0, days(newest_ord) - days(published_ord))
    return weights.recency * np.power(0.5, age / weights.half_life_days)


def diversify(order: list[int], article_of: list[str], k: int, per_article: int) -> list[int]:
    """The first k of `order`, with at most `per_article` chunks of any one article while others wait."""
    taken: dict[str, int] = {}
    first, rest = [], []
    for i in order:
        a = article_of[i]
        if taken.get(a, 0) < per_article:
            taken[a] = taken.get(a, 0) + 1
            first.append(i)
        else:
            rest.append(i)
    return (first + rest)[:k]


def zscore(values: np.ndarray) -> np.ndarray:
    if values.size == 0:
        return values
    sd = float(values.std())
    return (values - float(values.mean())) / (sd if sd > 1e-6 else 1.0)


def fuse(dense: np.ndarray, lexical: np.ndarray, same_language: np.ndarray, best_sentence: np.ndarray | None = None,
         weights: FusionWeights = FusionWeights()) -> np.ndarray:
    """One score per candidate. `dense` are cosines, `lexical` BM25 scores (0 where absent),
    `same_language` a boolean per candidate, `best_sentence` the best sentence cosine."""
    d = dense.astype(np.float64)
    if best_sentence is not None and weights.sentence:
        d = (1 - weights.sentence) * d + weights.sentence * best_sentence.astype(np.float64)
    top = float(lexical.max()) if lexical.size else 0.0
    lex = lexical / top if top > 0 else np.zeros_like(lexical, dtype=np.float64)
    w = np.where(same_language, weights.same_language, weights.cross_language)
    return zscore(d) + w * zscore(lex) * (top > 0)

"""Grouping items into stories: average-linkage agglomeration over a blended similarity.

The blend: embedding cosine (rescaled against the batch's own typical similarity, because e5
cosines of any two news sentences sit around 0.8), plus shared rare names (IDF-weighted, so
"Israel" in half the batch counts for little and "Bat Yam" for a lot), minus a penalty for items
far apart in time. Pure numpy: no clustering library is needed for a few hundred items.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GroupingParams:
    # average blended similarity at which two groups still merge: the middle of the plateau
    # (0.10–0.275) where WCEP grouping is stable, not its peak (see `briefing eval stories`)
    threshold: float = 0.2
    name_weight: float = 0.5  # weight of IDF-weighted shared names against embedding similarity
    no_name_penalty: float = 0.1  # two items naming nobody and nothing in common are rarely one event
    day_window: int = 2  # items this many days apart or closer are not penalised
    day_penalty: float = 0.1  # subtracted per day beyond the window


def rescaled_cosine(vectors: np.ndarray, baseline: float | None = None) -> np.ndarray:
    """Cosine mapped so a typical unrelated pair is 0 and identical vectors are 1.

    "Typical" is `baseline` when given (the median over the whole corpus: a day of six articles
    on one war must not be taken as its own background), else the batch's median pair.
    """
    sim = vectors @ vectors.T
    n = len(vectors)
    if baseline is None:
        if n < 5:
            raise ValueError("fewer than 5 items: pass the corpus baseline cosine to rescale against")
        baseline = float(np.median(sim[np.triu_indices(n, 1)]))
    return (sim - baseline) / max(1e-6, 1.0 - baseline)


def name_similarity(keys: list[set[str]]) -> np.ndarray:
    """IDF-weighted overlap of name keys: sum of shared weights over the smaller side's total."""
    n = len(keys)
    df = Counter(k for ks in keys for k in ks)
    idf = {k: math.log((1 + n) / (1 + c)) for k, c in df.items()}
    totals = [sum(idf[k] for k in ks) for ks in keys]
    sim = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            shared = keys[i] & keys[j]
            if not shared:
                continue
            denom = min(totals[i], totals[j])
            if denom > 0:
                sim[i, j] = sim[j, i] = sum(idf[k] for k in shared) / denom
    return sim


def blended_similarity(vectors: np.ndarray, keys: list[set[str]], days: list[int],
                       params: GroupingParams = GroupingParams(), baseline: float | None = None) -> np.ndarray:
    if len(vectors) != len(keys) or len(keys) != len(days):
        raise ValueError("vectors, keys and days must describe the same items")
    sim = rescaled_cosine(np.asarray(vectors, dtype=np.float32), baseline)
    names = name_similarity(keys)
    if params.name_weight:
        sim = (sim + params.name_weight * names) / (1.0 + params.name_weight)
    if params.no_name_penalty:
        sim = sim - params.no_name_penalty * (names == 0)
    d = np.asarray(days, dtype=np.float32)
    gap = np.abs(d[:, None] - d[None, :])
    sim = sim - params.day_penalty * np.clip(gap - params.day_window, 0, None)
    return sim


def average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    """Merge the most similar pair of groups while their mean pairwise similarity ≥ threshold.

    Returns a label per item, labels numbered by first appearance.
    """
    n = len(sim)
    if n == 0:
        return []
    s = np.array(sim, dtype=np.float64)
    np.fill_diagonal(s, -np.inf)
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    while active.sum() > 1:
        masked = np.where(active[:, None] & active[None, :], s, -np.inf)
        flat = int(np.argmax(masked))
        i, j = divmod(flat, n)
        if masked[i, j] < threshold:
            break
        # Lance–Williams update for average linkage
        s[i, :] = (sizes[i] * s[i, :] + sizes[j] * s[j, :]) / (sizes[i] + sizes[j])
        s[:, i] = s[i, :]
        s[i, i] = -np.inf
        sizes[i] += sizes[j]
        active[j] = False
        s[j, :] = -np.inf
        s[:, j] = -np.inf
        members[i].extend(members[j])
        members[j] = []
    labels = [0] * n
    order = sorted((min(m), idx) for idx, m in enumerate(members) if m)
    for label, (_first, idx) in enumerate(order):
        for item in members[idx]:
            labels[item] = label
    return labels


def group_items(vectors: np.ndarray, keys: list[set[str]], days: list[int],
                params: GroupingParams = GroupingParams(), baseline: float | None = None) -> list[int]:
    """A story label per item. With fewer than 5 items a corpus `baseline` cosine is required."""
    if len(keys) == 0:
        return []
    if len(keys) == 1:
        return [0]
    return average_linkage(blended_similarity(vectors, keys, days, params, baseline), params.threshold)

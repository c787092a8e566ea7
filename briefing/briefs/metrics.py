"""Agreement between a grouping and gold labels: purity, inverse purity, adjusted Rand index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def _contingency(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> Counter:
    if len(pred) != len(gold):
        raise ValueError(f"pred has {len(pred)} labels but gold has {len(gold)}; they must align item by item")
    return Counter(zip(pred, gold))


def purity(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Share of items whose predicted group's majority gold label is their own."""
    if not pred:
        return 0.0
    best: dict[Hashable, int] = {}
    for (p, _g), n in _contingency(pred, gold).items():
        best[p] = max(best.get(p, 0), n)
    return sum(best.values()) / len(pred)


def inverse_purity(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Purity with the roles swapped: how whole each gold story stays."""
    return purity(gold, pred)


def _pairs(n: int) -> float:
    return n * (n - 1) / 2.0


def adjusted_rand_index(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Hubert–Arabie ARI: 1 for identical partitions, about 0 for chance agreement."""
    n = len(pred)
    table = _contingency(pred, gold)
    if n < 2:
        return 1.0
    sum_cells = sum(_pairs(c) for c in table.values())
    sum_pred = sum(_pairs(c) for c in Counter(pred).values())
    sum_gold = sum(_pairs(c) for c in Counter(gold).values())
    expected = sum_pred * sum_gold / _pairs(n)
    maximum = (sum_pred + sum_gold) / 2.0
    if maximum == expected:  # both partitions all-singletons or one group: agreement is total
        return 1.0
    return (sum_cells - expected) / (maximum - expected)


def grouping_scores(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    return {
        "purity": purity(pred, gold),
        "inverse_purity": inverse_purity(pred, gold),
        "ari": adjusted_rand_index(pred, gold),
        "groups": float(len(set(pred))),
        "gold_groups": float(len(set(gold))),
    }

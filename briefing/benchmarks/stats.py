"""Percentiles and targets, pure."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100) by linear interpolation between closest ranks, as numpy's default."""
    if not values:
        raise ValueError("percentile of no values: the measurement produced nothing to summarise")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {p}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(values: Sequence[float]) -> dict[str, float]:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "mean": statistics.fmean(values), "min": min(values), "max": max(values)}


@dataclass(frozen=True)
class Target:
    """A figure's goal: `value <= limit` (or >= when higher is better)."""

    limit: float
    unit: str = ""
    higher_is_better: bool = False

    def met(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value <= self.limit

    def describe(self) -> str:
        return f"{'≥' if self.higher_is_better else '≤'} {fmt_number(self.limit)}{' ' + self.unit if self.unit else ''}"

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "not measured"
        return "MET" if self.met(value) else "MISSED"


def fmt_number(value: float) -> str:
    """Three significant figures at most, without trailing noise: 0.0123, 1.23, 12.3, 1,234."""
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    digits = max(0, 2 - math.floor(math.log10(magnitude)))
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

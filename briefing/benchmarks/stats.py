"""Percentiles and targets, pure."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
    label: str = ""  # how the limit reads, when not as `limit unit` (e.g. 1.5 GB for a limit in MB)

    def met(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value <= self.limit

    def describe(self) -> str:
        limit = self.label or f"{fmt_number(self.limit)}{' ' + self.unit if self.unit else ''}"
        return f"{'≥' if self.higher_is_better else '≤'} {limit}"

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


class CallTimer:
    """Adds up the seconds spent in chosen methods of one object, by wrapping them on the instance."""

    def __init__(self, obj: Any, names: list[str], *, clock: Callable[[], float]):
        self.seconds: dict[str, float] = {name: 0.0 for name in names}
        self.calls: dict[str, int] = {name: 0 for name in names}
        for name in names:
            setattr(obj, name, self._wrap(name, getattr(obj, name), clock))

    def _wrap(self, name: str, method, clock):
        def timed(*args, **kwargs):
            started = clock()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds[name] += clock() - started
                self.calls[name] += 1

        return timed

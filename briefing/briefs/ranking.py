"""Ordering stories: how much coverage, how independent (distinct sources), how recent."""

from __future__ import annotations

import datetime as dt
import math


def story_score(*, articles: int, sources: int, last_seen: dt.date, until: dt.date,
                half_life_days: float = 1.0) -> float:
    """log-scaled coverage plus a larger weight for independent sources, times a recency factor.

    Ten copies from one outlet should not outrank three outlets each reporting it, and a story
    whose last article is days old yields to today's.
    """
    age = max(0, (until - last_seen).days)
    recency = 0.5 ** (age / half_life_days) if half_life_days > 0 else 1.0
    coverage = math.log1p(articles) + 1.5 * math.log1p(sources)
    return coverage * (0.5 + 0.5 * recency)

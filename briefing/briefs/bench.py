"""Timing daily briefings: the store's busiest day and the 7-day span ending on it, extractive mode."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections import Counter
from pathlib import Path


def busiest_day(service, source: str | None = None) -> tuple[dt.date, int] | None:
    """The day with the most stored articles (from `source` if given), and how many."""
    from briefing.models import Filters

    counts = Counter(a.published for a in service.articles(Filters(sources=[source] if source else [])))
    if not counts:
        return None
    day, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return day, n


def bench_briefings(service, *, day: dt.date | None = None, span_days: int = 7, source: str | None = None,
                    repeats: int = 2) -> dict:
    """Seconds per extractive briefing for one day and a `span_days` span ending on it.

    Default day: the busiest stored day (2011-08-22 for the Global Voices corpus; prefer
    `source="Global Voices en français"` when other corpora share the store). Briefings go to a
    throwaway archive so the store's own are untouched. The best of `repeats` runs is reported,
    with the first (cold) run apart, and every citation is checked against the stored chunks.
    """
    from briefing.briefs.archive import BriefingArchive
    from briefing.briefs.builder import BriefRequest, build_briefing
    from briefing.briefs.verify import citation_problems

    if day is None:
        found = busiest_day(service, source)
        if found is None:
            return {"error": "the store holds no articles: ingest a corpus first"}
        day = found[0]
    sources = [source] if source else []
    result: dict = {"day": day.isoformat(), "span": f"{day - dt.timedelta(days=span_days - 1)}..{day}"}
    with tempfile.TemporaryDirectory() as tmp:
        archive = BriefingArchive(Path(tmp))
        for label, since in (("daily", day), (f"{span_days}_days", day - dt.timedelta(days=span_days - 1))):
            runs = []
            briefing = None
            for _ in range(max(1, repeats)):
                t = time.perf_counter()
                briefing = build_briefing(service, BriefRequest(since=since, until=day, sources=sources),
                                          mode="extractive", archive=archive, save=False)
                runs.append(time.perf_counter() - t)
            problems = citation_problems(briefing, service.store.get_passages) if hasattr(service, "store") else []
            result[label] = {
                "articles": briefing.articles, "stories": len(briefing.stories),
                "citations": len(briefing.all_citations()), "citation_problems": len(problems),
                "seconds_cold": round(runs[0], 3), "seconds": round(min(runs), 3),
                "stages": briefing.timings,
            }
    return result

"""Daily briefings: the period's articles grouped into stories, ranked, summarized and cited.

`build_briefing(service, BriefRequest(...))` in `briefing.briefs.builder` is the entry point;
the pure parts (grouping, ranking, sentence selection, continuity, export, metrics) live in
their own modules and need no store.
"""

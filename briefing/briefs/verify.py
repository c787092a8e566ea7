"""Checking a briefing's citations against the store: each quote must lie in the chunk it names."""

from __future__ import annotations

from briefing.briefs.models import Briefing


def citation_problems(briefing: Briefing, get_passages) -> list[str]:
    """Every citation whose chunk is missing, whose offsets fall outside it, or whose quote differs.

    `get_passages(chunk_ids) -> (passages, _)` is the store's reader. An empty list means all hold.
    """
    cites = briefing.all_citations()
    if not cites:
        return []
    passages, _ = get_passages(sorted({c.chunk_id for c in cites}))
    by_id = {p.chunk_id: p for p in passages}
    problems = []
    for c in cites:
        p = by_id.get(c.chunk_id)
        if p is None:
            problems.append(f"[{c.n}] names chunk {c.chunk_id}, which is not stored")
        elif not (p.start <= c.start < c.end <= p.end):
            problems.append(f"[{c.n}] offsets {c.start}-{c.end} fall outside chunk {c.chunk_id} ({p.start}-{p.end})")
        elif p.text[c.start - p.start:c.end - p.start] != c.quote:
            problems.append(f"[{c.n}] quote is not the text of chunk {c.chunk_id} at {c.start}-{c.end}")
    numbers = [c.n for c in cites]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"citation numbers are not 1..{len(numbers)} in order: {numbers}")
    for s in briefing.stories:
        own = {c.n for c in s.citations}
        used = {int(x) for x in __import__("re").findall(r"\[(\d+)\]", s.summary)}
        if used != own:
            problems.append(f"story {s.id}: markers {sorted(used)} but citations {sorted(own)}")
    return problems

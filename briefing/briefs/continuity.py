"""Linking today's stories to the stories of earlier briefings, so a briefing says what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from briefing.briefs.names import fold


@dataclass
class StoryTrace:
    """What continuity needs of a story: its articles, centroid and actors."""

    key: str
    article_ids: set[str]
    centroid: np.ndarray
    actors: set[str] = field(default_factory=set)
    # for earlier stories: where they were told
    briefing_id: str = ""
    until: dt.date | None = None
    headline: str = ""
    first_seen: dt.date | None = None
    quotes: list[str] = field(default_factory=list)


def _affinity(a: StoryTrace, b: StoryTrace, *, min_similarity: float, baseline: float) -> float:
    shared = len(a.article_ids & b.article_ids)
    if shared:
        return 1.0 + shared / len(a.article_ids | b.article_ids)
    if a.centroid.size == 0 or b.centroid.size == 0 or a.centroid.shape != b.centroid.shape:
        return 0.0
    similarity = (float(a.centroid @ b.centroid) - baseline) / max(1e-6, 1.0 - baseline)
    shared_actors = {fold(x) for x in a.actors} & {fold(x) for x in b.actors}
    # new articles on an old story: close in meaning and naming at least one same actor
    if similarity >= min_similarity and shared_actors:
        return similarity
    return 0.0


def link_stories(current: list[StoryTrace], earlier: list[list[StoryTrace]], *,
                 min_similarity: float = 0.4, baseline: float = 0.0) -> dict[str, StoryTrace]:
    """Map each current story key to the earlier story it continues.

    `earlier` holds the stories of earlier briefings, newest briefing first: a story is linked to
    the most recent briefing that told it, so "what changed" is measured from the last time the
    reader saw it. Within one briefing the matching is one to one, best pairs first. Shared
    articles are the surest link; otherwise a close centroid plus a shared actor. Closeness is the
    cosine rescaled against `baseline`, the corpus's typical cosine between unrelated articles
    (about 0.8 for e5), so one threshold holds across embedders.
    """
    links: dict[str, StoryTrace] = {}
    for stories in earlier:
        pairs = []
        for i, cur in enumerate(current):
            if cur.key in links:
                continue
            for j, old in enumerate(stories):
                score = _affinity(cur, old, min_similarity=min_similarity, baseline=baseline)
                if score > 0:
                    pairs.append((score, i, j))
        pairs.sort(reverse=True)
        used_old: set[int] = set()
        for _score, i, j in pairs:
            if current[i].key in links or j in used_old:
                continue
            used_old.add(j)
            links[current[i].key] = stories[j]
    return links

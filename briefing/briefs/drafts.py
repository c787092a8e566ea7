"""From grouped articles to story drafts: who covers it, when, how much, and its centroid."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from briefing.briefs.ranking import story_score
from briefing.models import Article, stable_hash


@dataclass
class StoryDraft:
    articles: list[Article]
    vectors: np.ndarray  # one per article, same order
    centroid: np.ndarray
    score: float = 0.0
    actors: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return stable_hash(*sorted(a.id for a in self.articles), length=12)

    @property
    def sources(self) -> list[str]:
        return sorted({a.source for a in self.articles})

    @property
    def first_seen(self) -> dt.date:
        return min(a.published for a in self.articles)

    @property
    def last_seen(self) -> dt.date:
        return max(a.published for a in self.articles)

    def central_order(self) -> list[int]:
        """Article indices, most central (closest to the centroid) first."""
        return list(np.argsort(-(self.vectors @ self.centroid), kind="stable"))


def make_drafts(articles: list[Article], vectors: np.ndarray, labels: list[int], *, until: dt.date) -> list[StoryDraft]:
    """One draft per label, ranked best first."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(i)
    drafts = []
    for idx in members.values():
        v = vectors[idx]
        centroid = v.mean(axis=0)
        norm = float(np.linalg.norm(centroid))
        draft = StoryDraft([articles[i] for i in idx], v, centroid / norm if norm else centroid)
        draft.score = story_score(articles=len(idx), sources=len(draft.sources), last_seen=draft.last_seen, until=until)
        drafts.append(draft)
    drafts.sort(key=lambda d: (-d.score, -d.last_seen.toordinal(), d.key))
    return drafts

"""Extractive story writing: the story's most central, non-redundant sentences, each cited."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from briefing.briefs.drafts import StoryDraft
from briefing.briefs.selection import Candidate, mmr_select
from briefing.models import Article, Citation


@dataclass
class WrittenStory:
    headline: str
    summary: str  # sentences followed by [n], numbered from 1 within the story
    citations: list[Citation] = field(default_factory=list)
    changes: str = ""
    flagged: list[str] = field(default_factory=list)


def shorten(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def pick_headline(draft: StoryDraft, language: str, *, repeated: frozenset[str] = frozenset(),
                  fallback: str = "") -> str:
    """The most central article's title, preferring the briefing's language.

    A title that is really a series note repeated across articles ("This post is part of our
    coverage…") is no headline: then the story's lead sentence, shortened, stands in.
    """
    order = draft.central_order()
    titled = [draft.articles[i] for i in order
              if draft.articles[i].title.strip() and " ".join(draft.articles[i].title.split()) not in repeated]
    for a in titled:
        if a.language == language:
            return shorten(a.title)
    if titled:
        return shorten(titled[0].title)
    if fallback:
        return shorten(fallback)
    return shorten(draft.articles[order[0]].title) or "Untitled story"


def cite(n: int, article: Article, candidate: Candidate, chunk_id: str) -> Citation:
    return Citation(n=n, article_id=article.id, title=article.title, source=article.source,
                    published=article.published, url=article.url, chunk_id=chunk_id,
                    quote=candidate.text, start=candidate.start, end=candidate.end)


def write_extractive(draft: StoryDraft, candidates: list[tuple[Candidate, str]], *, language: str,
                     sentences: int = 3, avoid: np.ndarray | None = None,
                     repeated: frozenset[str] = frozenset()) -> WrittenStory:
    """2–4 sentences chosen by MMR against the story centroid, in reading order, each cited.

    `avoid` holds vectors of what an earlier briefing already said about this story.
    """
    by_id = {a.id: a for a in draft.articles}
    pool = [c for c, _ in candidates]
    chosen = mmr_select(pool, draft.centroid, k=sentences, avoid=avoid, prefer_language=language)
    lead = pool[chosen[0]].text if chosen else ""  # the most central sentence: a headline of last resort
    # reading order: older reporting first, then position in the article
    chosen.sort(key=lambda i: (by_id[pool[i].article_id].published, pool[i].article_id, pool[i].start))
    parts, citations = [], []
    for n, i in enumerate(chosen, 1):
        candidate, chunk_id = candidates[i]
        citations.append(cite(n, by_id[candidate.article_id], candidate, chunk_id))
        parts.append(f"{' '.join(candidate.text.split())} [{n}]")
    return WrittenStory(headline=pick_headline(draft, language, repeated=repeated, fallback=lead),
                        summary=" ".join(parts), citations=citations)

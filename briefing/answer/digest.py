""""What happened (in X) (on D)?" answered as a short digest: the period's top stories, one or two
cited sentences each, built by the briefing machinery (grouping, ranking, extractive selection)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefing.answer.news_phrases import news_phrase
from briefing.models import Citation

MAX_STORIES = 4
SENTENCES = 2


class _NoArchive:
    """A chat digest stands alone: it neither links to saved briefings nor is saved as one."""

    def earlier(self, **_):
        return []

    def save(self, _briefing) -> None:
        return None


@dataclass
class Digest:
    text: str
    citations: list[Citation] = field(default_factory=list)
    stories: int = 0
    articles: int = 0


def build_digest(service, *, since: dt.date, until: dt.date, language: str, sources: list[str] | None = None,
                 article_ids: list[str] | None = None, max_stories: int = MAX_STORIES, focus: str = "") -> Digest:
    from briefing.briefs.builder import BriefRequest, build_briefing

    request = BriefRequest(since=since, until=until, sources=list(sources or []), article_ids=list(article_ids or []),
                           max_stories=max_stories, top=max_stories, sentences=SENTENCES, focus=focus)
    briefing = build_briefing(service, request, mode="extractive", archive=_NoArchive(), save=False)
    stories = [s for s in briefing.stories if s.citations]
    if not stories:
        return Digest(text="", articles=briefing.articles)
    head = news_phrase("story" if len(stories) == 1 else "stories", language, n=len(stories))
    lines = [f"{head}:"]
    for s in stories:
        count = f" ({s.articles} articles)" if s.articles > 1 else ""
        lines.append(f"- **{s.headline.strip()}**{count} — {s.summary.strip()}")
    return Digest(text="\n".join(lines), citations=[c for s in stories for c in s.citations],
                  stories=len(stories), articles=briefing.articles)

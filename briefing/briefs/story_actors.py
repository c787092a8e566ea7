"""Key actors of a story: the actor extractor when the project has one, else capitalised names."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.briefs.names import top_names
from briefing.models import Article


def story_actors(articles: Sequence[Article], *, limit: int = 5, extractor=None) -> list[str]:
    """Names most articles of the story mention. `extractor(article) -> list[str]` overrides."""
    if extractor is not None:
        from collections import Counter

        counts: Counter[str] = Counter()
        for a in articles:
            counts.update(dict.fromkeys(extractor(a), 1))
        return [name for name, _ in counts.most_common(limit)]
    texts = [f"{a.title}\n{a.text[:3000]}" for a in articles]
    return [name for name, _ in top_names(texts, limit=limit)]


def default_extractor(service):
    """The project's actor extractor if it is installed and exposes one, else None."""
    try:
        from briefing import actors  # noqa: F401
    except ImportError:
        return None
    for owner in (service, *getattr(service, "hooks", [])):
        fn = getattr(owner, "article_actors", None)
        if callable(fn):
            return lambda article, fn=fn: [getattr(x, "name", x) for x in fn(article)]
    return None

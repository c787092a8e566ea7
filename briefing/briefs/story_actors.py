"""Key actors of a story: the project's actor index when it holds the story's articles (spaCy NER
and identity resolution, briefing.actors), else capitalised names counted across the articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from briefing.briefs.names import top_names
from briefing.models import Article

# article -> its actors' names, most mentioned first; None when the article is unknown to it
Extractor = Callable[[Article], "list[str] | None"]


def story_actors(articles: Sequence[Article], *, limit: int = 5, extractor: Extractor | None = None) -> list[str]:
    """Names that most articles of the story mention (each article counts once per name)."""
    if extractor is not None:
        counts: Counter[str] = Counter()
        known = 0
        for a in articles:
            names = extractor(a)
            if names is None:
                continue
            known += 1
            for rank, name in enumerate(dict.fromkeys(names)):
                counts[name] += 1.0 + 1.0 / (10 + rank)  # article count first, prominence breaks ties
        if known:
            return [name for name, _ in counts.most_common(limit)]
    # titles are left out: they are often topic labels ("2025 Iran–Israel War"), not who acted
    texts = [a.text[:3000] for a in articles]
    return [name for name, _ in top_names(texts, limit=limit)]


def default_extractor(service) -> Extractor | None:
    """Names from the service's registered actor index (briefing.actors.hook.ActorIndex), if any."""
    try:
        from briefing.actors.hook import ActorIndex
    except ImportError:
        return None
    index = next((h for h in getattr(service, "hooks", []) if isinstance(h, ActorIndex)), None)
    if index is None:
        return None
    try:
        snapshot = index.snapshot()
    except Exception:  # an unreadable actor store must not stop a briefing: names fall back
        return None
    by_article: dict[str, Counter] = defaultdict(Counter)
    for article_id, _mention, _date, actor_id in snapshot.mentions:
        by_article[article_id][actor_id] += 1
    names: dict[str, str] = {}

    def name(actor_id: str) -> str:
        if actor_id not in names:
            names[actor_id] = snapshot.actor(actor_id).name
        return names[actor_id]

    def extractor(article: Article) -> list[str] | None:
        counts = by_article.get(article.id)
        if not counts:
            return None
        return [name(i) for i, _ in counts.most_common()]

    return extractor

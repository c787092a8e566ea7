"""Actors in chat questions: "What did Lavrov say about Istanbul?" → Lavrov, Istanbul; passages that
mention them rank first."""

from __future__ import annotations

from briefing.actors.folding import name_key, phonetic_key
from briefing.actors.models import Actor
from briefing.models import Passage

# Added to the fused retrieval score (z-scores) of passages from articles naming the question's
# actors, scaled by the share of those actors they name: enough to lift a passage over a few
# near-equal candidates, not over a clearly better one.
ARTICLE_BOOST = 0.75


def resolve_actors_in_question(question: str, store) -> list[Actor]:
    """Actors named in `question` (any spelling, case, language), in order of appearance.
    `store` is the ActorIndex."""
    return store.actors_in(question)


def article_boost(actors: list[Actor], store, weight: float = ARTICLE_BOOST) -> dict[str, float]:
    """article id → score bonus, for the retriever's `boost_articles`."""
    if not actors:
        return {}
    hits: dict[str, int] = {}
    for actor in actors:
        for article_id in store.article_ids([actor]):
            hits[article_id] = hits.get(article_id, 0) + 1
    return {a: weight * n / len(actors) for a, n in hits.items()}


def boost_passages(passages: list[Passage], actors: list[Actor], weight: float = ARTICLE_BOOST) -> list[Passage]:
    """Re-rank passages: those whose text names more of `actors` (any alias; a person's surname
    alone counts) come first; order is kept otherwise. Scores are raised by the same bonus."""
    if not actors:
        return list(passages)
    keys = [_actor_keys(a) for a in actors]
    scored = []
    for i, p in enumerate(passages):
        folded = f" {phonetic_key(p.text)} "
        named = sum(1 for ks in keys if any(f" {k} " in folded for k in ks))
        bonus = weight * named / len(actors)
        scored.append((-(p.score + bonus), i, p.model_copy(update={"score": p.score + bonus})))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [p for *_, p in scored]


def _actor_keys(actor: Actor) -> set[str]:
    keys = set()
    for alias in [actor.name, *actor.aliases]:
        k = phonetic_key(alias)
        if len(name_key(alias)) >= 3:
            keys.add(k)
        if actor.type == "person" and k.split():
            keys.add(k.split()[-1])
    return keys

"""ActorIndex: the store hook that keeps actor data in step with the articles, and the query API
(rankings, profiles, actors named in a question) that the CLI, the web app and the chat use."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from briefing.actors.extract import extract_article, fallback_entities
from briefing.actors.folding import name_key
from briefing.actors.gazetteer import Gazetteer
from briefing.actors.models import Actor, ActorProfile, ActorRank, ArticleActors
from briefing.actors.pipelines import NerPipelines
from briefing.actors.profiles import profile, rank
from briefing.actors.snapshot import Snapshot
from briefing.actors.store import ActorStore
from briefing.models import Article, Chunk
from briefing.settings import Settings


_KNOWN_NAMES_STALENESS = 50


class ActorNotFound(LookupError):
    pass


class ActorIndex:
    """Register it in `service.hooks`; it extracts actors from each added article and forgets them
    with the article. spaCy pipelines load on first use and stay with this object."""

    def __init__(self, settings: Settings | None = None, *, path: Path | None = None,
                 pipelines: NerPipelines | None = None, gazetteer: Gazetteer | None = None):
        settings = settings or Settings()
        self.path = Path(path) if path is not None else settings.data_dir / "actors.sqlite"
        self.store = ActorStore(self.path)
        self.pipelines = pipelines or NerPipelines()
        self._gazetteer = gazetteer
        self._snapshot: Snapshot | None = None
        self._known: tuple[int, dict] | None = None
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.shipped()
        return self._gazetteer

    # --- hook -------------------------------------------------------------------------------
    def on_added(self, article: Article, chunks: list[Chunk]) -> None:
        found = self.extract(article)
        self.store.put(article, chunks, found)

    def on_removed(self, article_id: str) -> None:
        self.store.remove(article_id)

    def known_article_ids(self) -> list[str]:
        return self.store.article_ids()

    # --- extraction -------------------------------------------------------------------------
    def language_of(self, article: Article) -> str:
        lang = (article.language or "und").lower().split("-")[0]
        if lang in ("", "und"):
            from briefing.text.language import detect_language

            lang = detect_language(article.text)
        return lang

    def extract(self, article: Article) -> ArticleActors:
        lang = self.language_of(article)
        if self.pipelines.supports(lang):
            entities = self.pipelines.entities(article.text, lang)
        else:
            entities = fallback_entities(article.text, gazetteer=self.gazetteer, known=self._known_names())
        return extract_article(article.id, article.text, lang, entities, gazetteer=self.gazetteer)

    # --- queries ----------------------------------------------------------------------------
    def _known_names(self) -> dict:
        """Names met so far, for languages without a pipeline. Rebuilding the whole resolution after
        every stored article made ingest quadratic; names only accumulate, so a view up to
        `_KNOWN_NAMES_STALENESS` store changes old misses little."""
        if not self.store.count_articles():
            return {}
        generation = self.store.generation()
        if self._known is None or generation - self._known[0] >= _KNOWN_NAMES_STALENESS:
            self._known = (generation, self.snapshot().known_names())
        return self._known[1]

    def snapshot(self) -> Snapshot:
        generation = self.store.generation()
        with self._lock:
            if self._snapshot is None or self._snapshot.generation != generation:
                self._snapshot = Snapshot.build(
                    generation, self.store.mentions(), self.store.statements(), self.store.meetings(),
                    self.store.articles(), self.gazetteer,
                )
            return self._snapshot

    def rank(self, *, since: dt.date | None = None, until: dt.date | None = None, type: str | None = None,
             limit: int | None = None) -> list[ActorRank]:
        return rank(self.snapshot(), since=since, until=until, type=type, limit=limit)

    def find(self, name: str) -> list[Actor]:
        """Actors a typed name may mean, best first: exact alias, then surname, gazetteer, then close spellings."""
        snap = self.snapshot()
        if name in snap.resolution.actors:
            return [snap.actor(name)]
        ids = snap.find_in_text(name, self.gazetteer)
        if not ids:
            from difflib import get_close_matches

            key = name_key(name)
            close = get_close_matches(key, list(snap.alias_index), n=5, cutoff=0.75)
            ids = list(dict.fromkeys(snap.alias_index[k] for k in close))
        return [snap.actor(i) for i in ids]

    def profile(self, name_or_id: str) -> ActorProfile:
        found = self.find(name_or_id)
        if not found:
            raise ActorNotFound(
                f"No actor matches {name_or_id!r}. Run `briefing actors` to list the actors in the store, "
                "or ingest articles that mention them."
            )
        return profile(self.snapshot(), found[0].id, text_of=self.store.text, chunks_of=self.store.chunks)

    def actors_in(self, text: str) -> list[Actor]:
        snap = self.snapshot()
        return [snap.actor(i) for i in snap.find_in_text(text, self.gazetteer)]

    def article_boost(self, question: str) -> dict[str, float]:
        """Bonus per article id for the actors named in `question` (called by the service on each question)."""
        from briefing.actors.chat import article_boost

        if not self.store.count_articles():
            return {}
        return article_boost(self.actors_in(question), self)

    def article_ids(self, actors: list[Actor]) -> set[str]:
        wanted = {a.id for a in actors}
        return {a for a, _, _, i in self.snapshot().mentions if i in wanted}

    def chunk_ids(self, actors: list[Actor]) -> set[str]:
        wanted = {a.id for a in actors}
        out: set[str] = set()
        by_article: dict[str, list[int]] = {}
        for a, m, _, i in self.snapshot().mentions:
            if i in wanted:
                by_article.setdefault(a, []).append(m.start)
        for a, starts in by_article.items():
            for cid, s, e in self.store.chunks(a):
                if any(s <= x < e for x in starts):
                    out.add(cid)
        return out


def actor_index_for(service) -> ActorIndex:
    """The service's registered ActorIndex, or one on the service's data dir."""
    for hook in getattr(service, "hooks", []):
        if isinstance(hook, ActorIndex):
            return hook
    return ActorIndex(service.settings)

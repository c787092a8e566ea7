"""BriefingService: the one layer the CLI and the web app call."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


from briefing.chunking import chunk_article
from briefing.models import Answer, Article, Filters, IngestItem, IngestReport, Passage, Turn
from briefing.settings import Settings
from briefing.store.chroma_store import ChromaStore, where_from_filters
from briefing.store.lexical import LexicalIndex
from briefing.text.language import detect_language
from briefing.text.sentences import split_sentences

Progress = Callable[[int, "int | None", str], None]

EMBED_BATCH_TEXTS = 512  # chunks + sentences embedded per call, across articles


@dataclass
class _Pending:
    """An article chunked and waiting for its vectors."""

    article: Article
    fingerprint: str
    existing: dict | None
    chunks: list
    spans: list[tuple[int, int]]
    texts: list[str]
    note: str | None
    slot: int = -1


class BriefingService:
    def __init__(self, settings: Settings, *, store: ChromaStore, embedder, retriever, answerer, rewriter,
                 fetcher=None, hooks: list | None = None):
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.retriever = retriever
        self.answerer = answerer  # .stream(question, language, retrieval, coverage, history) -> Iterator[str | Answer]
        self.rewriter = rewriter  # (question, history) -> standalone question
        self.fetcher = fetcher
        self.hooks: list = hooks if hooks is not None else []
        self._lexical: LexicalIndex | None = None
        self._coverage_cache: tuple[int, dict] | None = None

    # -- ingest ------------------------------------------------------------------------------
    def ingest(self, sources: Sequence[str], progress: Progress | None = None,
               waiting: Callable[[str], None] | None = None) -> IngestReport:
        from briefing.ingest import load_sources

        items = list(load_sources(sources, settings=self.settings, fetch=self.fetcher))
        return self.ingest_articles(items, progress=progress, waiting=waiting)

    def ingest_articles(self, items: Iterable[Article | IngestItem], progress: Progress | None = None,
                        waiting: Callable[[str], None] | None = None) -> IngestReport:
        """Store the articles. `waiting` is told when another process holds the store's writer lock.
        Texts of many articles are embedded together: big batches of similar lengths run several
        times faster than one article at a time."""
        from briefing.ingest import text_fingerprint
        from briefing.ingest.limits import apply_size_limit

        started = time.perf_counter()
        items = list(items)
        report = IngestReport()
        seen_in_batch: dict[str, str] = {}
        pending: list[_Pending] = []
        slots: list[IngestItem | None] = []
        done = 0

        def flush() -> None:
            nonlocal done
            self._embed_and_store(pending, slots, report)
            done += len(pending)
            pending.clear()
            if progress:
                progress(done, len(items), "")

        with self.writing(waiting):
            for item in items:
                if not isinstance(item, IngestItem):
                    item, note = apply_size_limit(item, self.settings.max_article_chars, self.settings.oversize)
                if not isinstance(item, IngestItem):
                    if any(p.article.id == item.id for p in pending):  # the same id twice: store the first
                        flush()
                    item = self._prepare(item, text_fingerprint(item.text), seen_in_batch, note)
                if isinstance(item, IngestItem):
                    slots.append(item)
                    done += 1
                    continue
                item.slot = len(slots)
                slots.append(None)
                pending.append(item)
                if sum(len(p.texts) for p in pending) >= EMBED_BATCH_TEXTS:
                    flush()
                elif progress:
                    progress(done, len(items), item.article.title)
            if pending:
                flush()
        report.items = [s for s in slots if s is not None]
        if progress:
            progress(len(items), len(items), "done")
        report.seconds = time.perf_counter() - started
        return report

    @contextmanager
    def writing(self, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """A write session: the store's writer lock (embedded), then whatever a crashed writer left
        half done is undone first."""
        from briefing.store.recovery import recover

        with self.store.writing(waiting):
            recover(self.store, self.hooks)
            yield

    def _prepare(self, article: Article, fingerprint: str, seen: dict[str, str], note: str | None):
        """The article chunked and split, ready for its vectors, or what happened to it instead."""
        base = {"origin": article.origin, "article_id": article.id, "title": article.title}
        existing = self.store.find_article(article.id)
        if existing and existing.get("content_hash") == article.content_hash:
            return IngestItem(status="unchanged", reason="already stored with the same content", **base)
        twin = seen.get(fingerprint) or self.store.find_by_fingerprint(fingerprint)
        if twin is None and article.url:
            # articles of this batch are stored only after their vectors, so the store cannot see them yet
            twin = seen.get(f"url:{article.url}") or self.store.find_by_url(article.url)
        if twin and twin != article.id:
            return IngestItem(status="duplicate", reason=f"same article as {twin}, already stored", **base)
        seen[fingerprint] = article.id
        if article.url:
            seen[f"url:{article.url}"] = article.id
        chunks = chunk_article(article, max_tokens=self.settings.chunk_tokens,
                               overlap_tokens=self.settings.chunk_overlap_tokens)
        if not chunks:
            return IngestItem(status="skipped", reason="no text left after cleaning", **base)
        spans = [(s.start, s.end) for s in split_sentences(article.text)]
        texts = [f"{article.title}\n{c.text}" for c in chunks] + [article.text[s:e] for s, e in spans]
        return _Pending(article, fingerprint, existing, chunks, spans, texts, note)

    def _embed_and_store(self, pending: list[_Pending], slots: list, report: IngestReport) -> None:
        t = time.perf_counter()
        vectors = self.embedder.embed_passages([text for p in pending for text in p.texts])
        report.embed_seconds += time.perf_counter() - t
        at = 0
        split = []
        for p in pending:
            vecs = vectors[at:at + len(p.texts)]
            at += len(p.texts)
            split.append((p, vecs[:len(p.chunks)], vecs[len(p.chunks):]))
        self._store_batch(split, slots)

    def _store_batch(self, batch: list[tuple[_Pending, Any, Any]], slots: list) -> None:
        """Journal entries, claims and rows of the batch's articles, each written in one call per
        collection. The journal entries are in place before any row is touched and removed only when
        every article of the batch, with its actor data, is stored: a crash anywhere in between is
        undone article by article by recovery."""
        from briefing.store.chroma_store import ArticleRows

        store = self.store
        entries = store.journal.begin_many([p.article.id for p, _, _ in batch], "put")
        # another writer may be storing the same text under another id right now
        owners = store.claims.claim_many({p.fingerprint: p.article.id for p, _, _ in batch})
        in_progress = {e.article_id for e in store.journal.entries() if e.id not in set(entries)}
        rows, kept, done_entries = [], [], []
        for (p, chunk_vectors, sentence_vectors), entry in zip(batch, entries):
            article, fingerprint, existing = p.article, p.fingerprint, p.existing
            base = {"origin": article.origin, "article_id": article.id, "title": article.title}
            owner = owners[fingerprint]
            if owner != article.id and (store.find_article(owner) or owner in in_progress):
                done_entries.append(entry)
                slots[p.slot] = IngestItem(status="duplicate", reason=f"same article as {owner}, already stored", **base)
                continue
            if owner != article.id:  # a claim left by an article that is gone
                store.claims.release(fingerprint, owner)
                store.claims.claim(fingerprint, article.id)
            if existing and existing.get("fingerprint") not in (None, fingerprint):
                store.claims.release(existing["fingerprint"], article.id)
            # looked up again: another client of a server may have stored it since it was read
            replacing = bool(existing or article.id in in_progress or store.find_article(article.id))
            rows.append(ArticleRows(article, fingerprint, p.chunks, chunk_vectors, p.spans, sentence_vectors, replacing))
            kept.append((p, entry))
        store.put_articles(rows)
        for p, entry in kept:
            article, existing = p.article, p.existing
            for hook in self.hooks:
                if existing:
                    hook.on_removed(article.id)
                hook.on_added(article, p.chunks)
            done_entries.append(entry)
            base = {"origin": article.origin, "article_id": article.id, "title": article.title}
            slots[p.slot] = IngestItem(status="replaced" if existing else "added", chunks=len(p.chunks),
                                       reason=p.note, **base)
        store.journal.end_many(done_entries)

    # -- lexical index, kept in step with the store --------------------------------------------
    def lexical(self) -> LexicalIndex:
        revision = self.store.revision()
        if self._lexical is not None and self._lexical.revision == revision:
            return self._lexical
        path = self.settings.index_dir / f"{self.settings.collection}.lexical.pkl"
        index = None if self.settings.chroma_url else LexicalIndex.load(path)
        if index is None or index.revision != revision:
            ids, docs, metas = self.store.all_chunks()
            index = LexicalIndex.build(revision, ids, docs, metas)
            if not self.settings.chroma_url:
                index.save(path)
        self._lexical = index
        return index

    # -- questions ---------------------------------------------------------------------------
    def retrieve(self, query: str, filters: Filters | None = None, k: int = 8) -> list[Passage]:
        return self.retriever.search(query, filters, k).passages

    def ask(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None, *,
            read_dates: bool = True) -> Answer:
        answer = None
        for part in self.ask_stream(question, history, filters, read_dates=read_dates):
            if isinstance(part, Answer):
                answer = part
        assert answer is not None
        return answer

    def ask_stream(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None, *,
                   read_dates: bool = True) -> Iterator[str | Answer]:
        """The question is read first (scope, kind, actors) and routed: briefing.answer.news_router."""
        from briefing.answer.news_router import route_question

        yield from route_question(self, question, history, filters, read_dates=read_dates)

    def answer_passages(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None, *,
                        language: str | None = None, search_query: str | None = None) -> Iterator[str | Answer]:
        """Retrieve passages for the question within `filters` and let the answerer quote or write from them."""
        started = time.perf_counter()
        language = language or detect_language(question, default="en")
        search_query = self.rewriter(question, list(history)) if history else (search_query or question)
        t = time.perf_counter()
        boost = self._actor_boost(search_query)
        retrieval = self.retriever.search(search_query, filters, self.settings.top_k, query_language=language,
                                          boost_articles=boost)
        if search_query != question:
            # passages come from the standalone query, but the sentences that answer are the ones
            # closest to what was actually asked ("where will they meet next?")
            import dataclasses

            retrieval = dataclasses.replace(retrieval, query_vector=self.embedder.embed_query(question))
        retrieve_seconds = time.perf_counter() - t
        coverage = self.coverage(filters)
        for part in self.answerer.stream(question, language, retrieval, coverage, list(history)):
            if isinstance(part, Answer):
                part.search_query = search_query
                part.timings.update({"retrieve": round(retrieve_seconds, 4),
                                     **{f"retrieve_{k}": round(v, 4) for k, v in retrieval.timings.items()},
                                     "total": round(time.perf_counter() - started, 4)})
            yield part

    def _actor_boost(self, query: str) -> dict[str, float] | None:
        for hook in self.hooks:
            boost = getattr(hook, "article_boost", None)
            if boost is not None:
                return boost(query) or None
        return None

    # -- what is stored ----------------------------------------------------------------------
    def articles(self, filters: Filters | None = None) -> list[Article]:
        articles = self.store.get_articles(where=where_from_filters(filters))
        return sorted(articles, key=lambda a: (a.published, a.title))

    def get_article(self, article_id: str) -> Article | None:
        found = self.store.get_articles(ids=[article_id])
        return found[0] if found else None

    def sources(self) -> dict[str, Any]:
        metas = self.store.article_metadatas()
        by_source: dict[str, dict[str, Any]] = {}
        languages: dict[str, int] = {}
        for m in metas:
            s = by_source.setdefault(m["source"], {"source": m["source"], "articles": 0, "first": m["published"], "last": m["published"]})
            s["articles"] += 1
            s["first"] = min(s["first"], m["published"])
            s["last"] = max(s["last"], m["published"])
            languages[m.get("language", "und")] = languages.get(m.get("language", "und"), 0) + 1
        dates = [m["published"] for m in metas]
        return {
            "articles": len(metas), "chunks": self.store.count_chunks(),
            "sources": sorted(by_source.values(), key=lambda s: (-s["articles"], s["source"])),
            "languages": dict(sorted(languages.items(), key=lambda kv: -kv[1])),
            "first": min(dates) if dates else None, "last": max(dates) if dates else None,
            "embedder": self.embedder.name, "mode": self.mode, "model": self.model_name,
        }

    def coverage(self, filters: Filters | None = None) -> dict[str, Any]:
        """What the corpus covers, for abstentions: counts, sources and the date span."""
        revision = self.store.revision()
        if self._coverage_cache and self._coverage_cache[0] == revision:
            return self._coverage_cache[1]
        info = self.sources()
        self._coverage_cache = (revision, info)
        return info

    def forget(self, source: str | None = None, article_id: str | None = None) -> int:
        if not source and not article_id:
            raise ValueError("Say what to forget: a source name or an article id (see `briefing sources`).")
        with self.writing():
            if article_id:
                ids = [article_id] if self.store.find_article(article_id) else []
            else:
                ids = self.store.article_ids(where={"source": source})
            entries = [self.store.journal.begin(one, "delete") for one in ids]
            self.store.delete_articles(ids)
            for one in ids:
                for hook in self.hooks:
                    hook.on_removed(one)
            for entry in entries:
                self.store.journal.end(entry)
        return len(ids)

    @property
    def mode(self) -> str:
        return getattr(self.answerer, "mode", "extractive")

    @property
    def model_name(self) -> str:
        return getattr(self.answerer, "model_name", "extractive")

"""Chroma holds everything durable: chunks, sentences and articles, each with its embedding.

Three collections share a prefix: `<name>` (chunks, what retrieval searches), `<name>_sentences`
(sentence vectors for picking and checking quotes) and `<name>_articles` (full text and
metadata; the vector is the mean of its chunks, used to group stories). The embedder's name
and dimension are written on each collection so vectors of two models are never mixed.
Bookkeeping beside them (revision log, write journal, fingerprint claims) is in side_records.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from briefing.models import Article, Chunk, Filters, Passage
from briefing.store.side_records import FingerprintClaims, RevisionLog, WriteJournal, side_collection
from briefing.store.transient import retry_transient
from briefing.store.writer_lock import WriterLock, opening

_BATCH = 1000


class StoreError(RuntimeError):
    pass


class EmbedderMismatch(StoreError):
    pass


def date_ord(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def where_from_filters(filters: Filters | None) -> dict[str, Any] | None:
    if filters is None:
        return None
    clauses: list[dict[str, Any]] = []
    if filters.since:
        clauses.append({"published_ord": {"$gte": date_ord(filters.since)}})
    if filters.until:
        clauses.append({"published_ord": {"$lte": date_ord(filters.until)}})
    if filters.sources:
        clauses.append({"source": {"$in": list(filters.sources)}})
    if filters.languages:
        clauses.append({"language": {"$in": list(filters.languages)}})
    if filters.article_ids:
        clauses.append({"article_id": {"$in": list(filters.article_ids)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _article_meta(article: Article, fingerprint: str) -> dict[str, Any]:
    meta = {
        "article_id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat(),
        "published_ord": date_ord(article.published),
        "published_from": article.published_from,
        "language": article.language,
        "origin": article.origin,
        "content_hash": article.content_hash,
        "fingerprint": fingerprint,
        "extra": json.dumps(article.metadata, ensure_ascii=False, default=str),
    }
    if article.url:
        meta["url"] = article.url
    return meta


def _open_problem(exc: Exception, *, url: str | None, path, headers: dict[str, str] | None) -> str:
    """What went wrong opening the store, and what to do; never the token, never a password in the URL."""
    from briefing.redaction import redact, redact_url

    detail = " ".join(str(exc).split())
    for value in (headers or {}).values():  # a proxy may echo what it was sent
        for secret in {value, value.removeprefix("Bearer ")}:
            detail = detail.replace(secret, "***") if len(secret) >= 4 else detail
    detail = redact(detail)[:300]
    sent_token = bool(headers)
    if not url:
        return (f"Could not open the Chroma store at {path} ({exc.__class__.__name__}: {detail}). "
                "Check the folder's permissions or set BRIEFING_DATA_DIR to another folder.")
    shown = redact_url(url if "://" in url else f"http://{url}")
    text = f"{type(exc).__name__} {exc}".lower()
    if re.search(r"\b(?:401|403)\b|unauthori[sz]ed|forbidden|autherror|authn|authz", text):
        said = "refused the token sent" if sent_token else "asks for a token and none was sent"
        return (f"The Chroma server at {shown} {said} (HTTP 401/403). Set BRIEFING_CHROMA_TOKEN to the token its "
                "proxy expects (BRIEFING_CHROMA_TOKEN_HEADER names the header, Authorization by default).")
    return (f"Could not open the Chroma server at {shown} ({exc.__class__.__name__}: {detail}). "
            "Check that `chroma run` is serving there, or unset BRIEFING_CHROMA_URL to use the embedded store.")


def article_from_record(text: str, meta: dict[str, Any]) -> Article:
    return Article(
        id=meta["article_id"], title=meta.get("title", ""), text=text,
        published=dt.date.fromisoformat(meta["published"]), published_from=meta.get("published_from", "metadata"),
        source=meta.get("source", ""), url=meta.get("url"), language=meta.get("language", "und"),
        origin=meta.get("origin", ""), metadata=json.loads(meta.get("extra") or "{}"),
    )


def _persistent_client(path, *, fresh: bool):
    """An embedded client. Chroma keeps one per folder and process; `fresh` drops it first so the
    vector index is read again from disk (another process may have written since)."""
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings

    if fresh:
        SharedSystemClient._identifier_to_system.pop(str(path), None)
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def passage_from_record(chunk_id: str, text: str, meta: dict[str, Any]) -> Passage:
    return Passage(
        chunk_id=chunk_id, article_id=meta["article_id"], index=int(meta.get("index", 0)), text=text,
        start=int(meta.get("start", 0)), end=int(meta.get("end", 0)), title=meta.get("title", ""),
        source=meta.get("source", ""), published=dt.date.fromisoformat(meta["published"]) if meta.get("published") else None,
        url=meta.get("url"), language=meta.get("language", "und"),
        dated=meta.get("published_from", "metadata") != "ingest",
    )


@dataclass
class ArticleRows:
    """One article's rows for `ChromaStore.put_articles`."""

    article: Article
    fingerprint: str
    chunks: list[Chunk]
    chunk_vectors: np.ndarray
    sentences: list[tuple[int, int]]
    sentence_vectors: np.ndarray
    replacing: bool = True


def mismatch_message(name: str, have: dict, embedder_name: str, dim: int) -> str:
    stored = have.get("embedder")
    same_family = isinstance(stored, str) and stored != embedder_name and all(
        n.startswith("multilingual-e5-small") for n in (stored, embedder_name))
    why = ("It was written by an earlier version of the same embedder, whose vectors differ from this "
           "version's. " if same_family else "")
    return (f"The store '{name}' was built with the embedder {stored!r} ({have.get('dim')} dimensions); the "
            f"configured one is {embedder_name!r} ({dim}). {why}Vectors of two embedders are never mixed: "
            "re-ingest your sources into a new folder with one command, `briefing --data-dir NEW_FOLDER ingest "
            "SOURCES…` (for the demo store: `rm -rf data && make demo`), then use BRIEFING_DATA_DIR=NEW_FOLDER; "
            "or set BRIEFING_EMBEDDER back to the store's embedder, or use another BRIEFING_COLLECTION.")


HNSW_SYNC = 100  # records between saves of the vector graph (see ChromaStore._collection)


class ChromaStore:
    def __init__(self, client, *, name: str, embedder_name: str, dim: int, path: Path | None = None):
        self.name = name
        self.embedder_name = embedder_name
        self.dim = dim
        self.path = Path(path) if path is not None else None  # set for an embedded store
        self.writer_lock = WriterLock(self.path.with_name(self.path.name + ".lock")) if self.path else None
        self._attach(client)

    def _attach(self, client) -> None:
        self.client = client
        self.chunks = self._collection(self.name)
        self.sentences = self._collection(f"{self.name}_sentences")
        self.articles = self._collection(f"{self.name}_articles")
        legacy = int((self.chunks.metadata or {}).get("revision", 0))
        self.revisions = RevisionLog(side_collection(client, f"{self.name}_revisions"), base=legacy)
        self.journal = WriteJournal(side_collection(client, f"{self.name}_journal"))
        self.claims = FingerprintClaims(side_collection(client, f"{self.name}_claims"))

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, *, path=None, url: str | None = None, name: str, embedder_name: str, dim: int,
             headers: dict[str, str] | None = None) -> ChromaStore:
        """`headers` go with every request to a server (a token for the authenticating proxy in front of it)."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if url:
                from urllib.parse import urlparse

                parsed = urlparse(url if "://" in url else f"http://{url}")
                client = chromadb.HttpClient(host=parsed.hostname or "localhost", port=parsed.port or 8000,
                                             ssl=parsed.scheme == "https", headers=headers or None,
                                             settings=chroma_settings)
                client.heartbeat()
                return cls(client, name=name, embedder_name=embedder_name, dim=dim)
            with opening(Path(path)):
                return cls(_persistent_client(path, fresh=False), name=name, embedder_name=embedder_name,
                           dim=dim, path=path)
        except EmbedderMismatch:
            raise
        except Exception as exc:
            raise StoreError(_open_problem(exc, url=url, path=path, headers=headers)) from None

    def _collection(self, name: str):
        # Chroma keeps a collection's HNSW graph in memory until `sync_threshold` records, and
        # builds it anew, with random links, each time the store is opened: below 1,000 chunks
        # (Chroma's default) the same question then found different passages from one run to
        # the next (one chunk at cosine 0.84 missing from a top 40 in 2 of 6 runs, measured). A
        # graph saved every 100 records is read back the same in every process.
        meta = {"embedder": self.embedder_name, "dim": self.dim, "revision": 0}
        collection = self.client.get_or_create_collection(
            name=name, metadata=meta, configuration={"hnsw": {"space": "cosine", "sync_threshold": HNSW_SYNC}},
            embedding_function=None,
        )
        have = collection.metadata or {}
        if have.get("embedder") != self.embedder_name or int(have.get("dim", -1)) != self.dim:
            raise EmbedderMismatch(mismatch_message(name, have, self.embedder_name, self.dim))
        return collection

    # -- one writer at a time (embedded), revision --------------------------------------------
    @contextmanager
    def writing(self, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """Around every write. Embedded: hold the writer lock and reload the store from disk, so
        this process writes on top of what other processes wrote. A server needs neither."""
        if self.writer_lock is None:
            yield
            return
        with self.writer_lock.held(waiting) as fresh:
            if fresh:
                self._attach(_persistent_client(self.path, fresh=True))
            yield

    def revision(self) -> int:
        """Grows with every write, from any process or client: the lexical index is rebuilt when it moved."""
        return self.revisions.current()

    def _bump_revision(self, what: str = "") -> None:
        self.revisions.bump(what)

    # -- writing ---------------------------------------------------------------------------
    def find_article(self, article_id: str) -> dict[str, Any] | None:
        got = self.articles.get(ids=[article_id], include=["metadatas"])
        return got["metadatas"][0] if got["ids"] else None

    def find_by_fingerprint(self, fingerprint: str) -> str | None:
        got = self.articles.get(where={"fingerprint": fingerprint}, include=[], limit=1)
        return got["ids"][0] if got["ids"] else None

    def find_by_url(self, url: str) -> str | None:
        got = self.articles.get(where={"url": url}, include=[], limit=1)
        return got["ids"][0] if got["ids"] else None

    def put_article(self, article: Article, fingerprint: str, chunks: Sequence[Chunk], chunk_vectors: np.ndarray,
                    sentences: Sequence[tuple[int, int]], sentence_vectors: np.ndarray, *, replacing: bool = True) -> None:
        """Replace whatever was stored under this article id with the new content."""
        self.put_articles([ArticleRows(article, fingerprint, list(chunks), chunk_vectors, list(sentences),
                                       sentence_vectors, replacing)])

    def put_articles(self, items: Sequence[ArticleRows]) -> None:
        """Store several articles with one write per collection: each Chroma call costs 10-50 ms
        whatever its size, and storing article by article made up most of ingest outside
        embedding (measured on the demo corpus). Articles whose write began before they were
        stored (`replacing=False`) skip the search for old rows. One revision per article."""
        for item in items:
            if item.replacing:
                self._delete_article_rows(item.article.id)
        chunk_rows: tuple[list, list, list, list] = ([], [], [], [])
        sentence_rows: tuple[list, list, list] = ([], [], [])
        article_rows: tuple[list, list, list, list] = ([], [], [], [])
        for item in items:
            article = item.article
            meta = _article_meta(article, item.fingerprint)
            base = {k: meta[k] for k in ("article_id", "title", "source", "published", "published_ord",
                                         "published_from", "language")}
            if article.url:
                base["url"] = article.url
            for c, v in zip(item.chunks, item.chunk_vectors):
                chunk_rows[0].append(c.id)
                chunk_rows[1].append(c.text)
                chunk_rows[2].append(v)
                chunk_rows[3].append({**base, "index": c.index, "start": c.start, "end": c.end, "tokens": c.token_count})
            for j, ((start, end), v) in enumerate(zip(item.sentences, item.sentence_vectors)):
                sentence_rows[0].append(f"{article.id}#{j}")
                sentence_rows[1].append(v)
                sentence_rows[2].append({**base, "start": start, "end": end})
            vectors = np.asarray(item.chunk_vectors, dtype=np.float32)
            mean = vectors.mean(axis=0) if len(item.chunks) else np.zeros(self.dim, dtype=np.float32)
            norm = float(np.linalg.norm(mean))
            article_rows[0].append(article.id)
            article_rows[1].append(article.text)
            article_rows[2].append(mean / norm if norm else mean)
            article_rows[3].append(meta)
        for i in range(0, len(chunk_rows[0]), _BATCH):
            self.chunks.upsert(ids=chunk_rows[0][i:i + _BATCH], documents=chunk_rows[1][i:i + _BATCH],
                               embeddings=np.asarray(chunk_rows[2][i:i + _BATCH], dtype=np.float32),
                               metadatas=chunk_rows[3][i:i + _BATCH])
        for i in range(0, len(sentence_rows[0]), _BATCH):
            self.sentences.upsert(ids=sentence_rows[0][i:i + _BATCH],
                                  embeddings=np.asarray(sentence_rows[1][i:i + _BATCH], dtype=np.float32),
                                  metadatas=sentence_rows[2][i:i + _BATCH])
        for i in range(0, len(article_rows[0]), _BATCH):
            self.articles.upsert(ids=article_rows[0][i:i + _BATCH], documents=article_rows[1][i:i + _BATCH],
                                 embeddings=np.asarray(article_rows[2][i:i + _BATCH], dtype=np.float32),
                                 metadatas=article_rows[3][i:i + _BATCH])
        if items:
            self.revisions.bump_many([f"put {item.article.id}" for item in items])

    def delete_article_rows_everywhere(self, article_id: str) -> None:
        """The article, its chunks, sentences and claims, whichever of them exist."""
        self._delete_article_rows(article_id)
        self.articles.delete(ids=[article_id])
        self.claims.release_article(article_id)
        self._bump_revision(f"undo {article_id}")

    def _delete_article_rows(self, article_id: str) -> None:
        self.chunks.delete(where={"article_id": article_id})
        self.sentences.delete(where={"article_id": article_id})

    def delete_articles(self, article_ids: Iterable[str]) -> int:
        ids = list(article_ids)
        for article_id in ids:
            self._delete_article_rows(article_id)
        if ids:
            self.articles.delete(ids=ids)
            for article_id in ids:
                self.claims.release_article(article_id)
            self._bump_revision(f"delete {len(ids)}")
        return len(ids)

    # -- reading ---------------------------------------------------------------------------
    def article_ids(self, where: dict | None = None) -> list[str]:
        return self.articles.get(where=where, include=[])["ids"]

    def get_articles(self, ids: list[str] | None = None, where: dict | None = None) -> list[Article]:
        got = self.articles.get(ids=ids, where=where, include=["documents", "metadatas"])
        return [article_from_record(doc, meta) for doc, meta in zip(got["documents"], got["metadatas"])]

    def article_metadatas(self, where: dict | None = None) -> list[dict[str, Any]]:
        out = []
        offset = 0
        while True:
            got = self.articles.get(where=where, include=["metadatas"], limit=_BATCH, offset=offset)
            out.extend(got["metadatas"])
            if len(got["ids"]) < _BATCH:
                return out
            offset += _BATCH

    def article_vectors(self, ids: list[str]) -> np.ndarray:
        got = self.articles.get(ids=ids, include=["embeddings"])
        order = {i: n for n, i in enumerate(got["ids"])}
        return np.asarray([got["embeddings"][order[i]] for i in ids], dtype=np.float32)

    def count_chunks(self) -> int:
        return self.chunks.count()

    def all_chunks(self) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        ids, docs, metas = [], [], []
        offset = 0
        while True:
            got = self.chunks.get(include=["documents", "metadatas"], limit=_BATCH * 5, offset=offset)
            ids += got["ids"]
            docs += got["documents"]
            metas += got["metadatas"]
            if len(got["ids"]) < _BATCH * 5:
                return ids, docs, metas
            offset += _BATCH * 5

    def dense_search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[Passage, float]]:
        if self.chunks.count() == 0:
            return []
        got = retry_transient(lambda: self.chunks.query(query_embeddings=[vector], n_results=k, where=where,
                                                        include=["documents", "metadatas", "distances"]))
        return [(passage_from_record(i, d, m), 1.0 - float(dist))
                for i, d, m, dist in zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0])]

    def sentence_search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, int, int, float]]:
        """Nearest sentences as (article_id, start, end, cosine): a precise fact can sit in a chunk
        whose overall vector is diluted by its neighbours."""
        if self.sentences.count() == 0:
            return []
        got = retry_transient(lambda: self.sentences.query(query_embeddings=[vector], n_results=k, where=where,
                                                           include=["metadatas", "distances"]))
        return [(m["article_id"], int(m["start"]), int(m["end"]), 1.0 - float(d))
                for m, d in zip(got["metadatas"][0], got["distances"][0])]

    def chunks_with_vectors(self, article_ids: list[str]) -> tuple[list[Passage], np.ndarray]:
        """Every stored chunk of these articles, with vectors."""
        got = retry_transient(lambda: self.chunks.get(where={"article_id": {"$in": list(article_ids)}},
                                                      include=["documents", "metadatas", "embeddings"]))
        passages = [passage_from_record(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        vectors = np.asarray(got["embeddings"], dtype=np.float32) if passages else np.zeros((0, self.dim), np.float32)
        return passages, vectors

    def get_passages(self, chunk_ids: list[str], with_vectors: bool = False) -> tuple[list[Passage], np.ndarray | None]:
        if not chunk_ids:
            return [], None
        include = ["documents", "metadatas"] + (["embeddings"] if with_vectors else [])
        got = retry_transient(lambda: self.chunks.get(ids=chunk_ids, include=include))
        order = {i: n for n, i in enumerate(got["ids"])}
        keep = [c for c in chunk_ids if c in order]
        passages = [passage_from_record(c, got["documents"][order[c]], got["metadatas"][order[c]]) for c in keep]
        vectors = None
        if with_vectors:
            vectors = np.asarray([got["embeddings"][order[c]] for c in keep], dtype=np.float32)
        return passages, vectors

    def sentence_vectors(self, article_ids: list[str]) -> dict[str, list[tuple[int, int, np.ndarray]]]:
        """Stored sentence spans and vectors, by article: the extractive answerer's raw material."""
        if not article_ids:
            return {}
        got = retry_transient(lambda: self.sentences.get(where={"article_id": {"$in": list(article_ids)}},
                                                         include=["metadatas", "embeddings"]))
        out: dict[str, list[tuple[int, int, np.ndarray]]] = {}
        for meta, vec in zip(got["metadatas"], got["embeddings"]):
            out.setdefault(meta["article_id"], []).append((int(meta["start"]), int(meta["end"]), np.asarray(vec, dtype=np.float32)))
        for spans in out.values():
            spans.sort(key=lambda s: s[0])
        return out

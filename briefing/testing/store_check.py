"""Read an embedded store from outside and say what is inconsistent, for crash and bad-input tests.

`snapshot(data_dir)` reads every collection, the actor index and the saved lexical index with a
fresh client (never the cached one of this process, which may predate another process's writes).
`problems(snap)` lists what does not agree; `changed(before, after)` what happened to articles that
were already stored.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Snapshot:
    articles: dict[str, dict]  # id → content_hash, fingerprint, title
    chunks: dict[str, tuple[str, int]]  # chunk id → (article id, index)
    sentences: dict[str, str]  # sentence id → article id
    revision: int
    journal: list[str]
    actor_articles: set[str] = field(default_factory=set)
    actor_chunks: dict[str, list[str]] = field(default_factory=dict)  # article id → chunk ids
    lexical: tuple[int, list[str]] | None = None  # (revision, chunk ids) of the saved index
    chunk_text: dict[str, str] = field(default_factory=dict)
    vectors_readable: bool = True  # an embedded store broken by two writers fails to return them


def _all(collection, include):
    out = {"ids": [], "metadatas": [], "documents": []}
    offset = 0
    while True:
        got = collection.get(include=include, limit=5000, offset=offset)
        out["ids"] += got["ids"]
        for key in ("metadatas", "documents"):
            if key in include:
                out[key] += got[key]
        if len(got["ids"]) < 5000:
            return out
        offset += 5000


def snapshot(data_dir: Path, collection: str = "briefing") -> Snapshot:
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings
    import chromadb

    path = Path(data_dir) / "chroma"
    SharedSystemClient._identifier_to_system.pop(str(path), None)
    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    try:
        names = {c.name for c in client.list_collections()}

        def col(suffix):
            name = collection + suffix
            return client.get_collection(name, embedding_function=None) if name in names else None

        arts, chs, sens = col("_articles"), col(""), col("_sentences")
        articles, chunks, sentences, text = {}, {}, {}, {}
        if arts is not None:
            got = _all(arts, ["metadatas"])
            articles = {i: {"content_hash": m.get("content_hash"), "fingerprint": m.get("fingerprint"),
                            "title": m.get("title")} for i, m in zip(got["ids"], got["metadatas"])}
        if chs is not None:
            got = _all(chs, ["metadatas", "documents"])
            chunks = {i: (m["article_id"], int(m.get("index", -1))) for i, m in zip(got["ids"], got["metadatas"])}
            text = dict(zip(got["ids"], got["documents"]))
        if sens is not None:
            got = _all(sens, ["metadatas"])
            sentences = {i: m["article_id"] for i, m in zip(got["ids"], got["metadatas"])}
        for c in (chs, sens, arts):
            try:
                if c is not None:
                    c.get(include=["embeddings"])
            except Exception:
                vectors_ok = False
                break
        else:
            vectors_ok = True
        legacy = int(((chs.metadata if chs is not None else None) or {}).get("revision", 0))
        revisions, journal = col("_revisions"), col("_journal")
        snap = Snapshot(articles=articles, chunks=chunks, sentences=sentences, chunk_text=text,
                        revision=legacy + (revisions.count() if revisions is not None else 0),
                        journal=journal.get(include=[])["ids"] if journal is not None else [],
                        vectors_readable=vectors_ok)
    finally:
        SharedSystemClient._identifier_to_system.pop(str(path), None)
    actors = Path(data_dir) / "actors.sqlite"
    if actors.exists():
        db = sqlite3.connect(actors)
        try:
            snap.actor_articles = {r[0] for r in db.execute("SELECT id FROM articles")}
            for article_id, chunk_id in db.execute("SELECT article_id, id FROM chunks ORDER BY article_id, idx"):
                snap.actor_chunks.setdefault(article_id, []).append(chunk_id)
        finally:
            db.close()
    lexical = Path(data_dir) / "index" / f"{collection}.lexical.pkl"
    if lexical.exists():
        with lexical.open("rb") as fh:
            index = pickle.load(fh)
        snap.lexical = (index.revision, list(index.chunk_ids))
    return snap


def problems(snap: Snapshot, *, actors: bool = True) -> list[str]:
    out: list[str] = []
    by_article: dict[str, list[int]] = {}
    for chunk_id, (article_id, index) in snap.chunks.items():
        if article_id not in snap.articles:
            out.append(f"chunk {chunk_id} belongs to no stored article ({article_id})")
        by_article.setdefault(article_id, []).append(index)
    with_sentences = set(snap.sentences.values())
    for sentence_id, article_id in snap.sentences.items():
        if article_id not in snap.articles:
            out.append(f"sentence {sentence_id} belongs to no stored article ({article_id})")
    for article_id in snap.articles:
        indexes = sorted(by_article.get(article_id, []))
        if not indexes:
            out.append(f"article {article_id} has no chunks")
        elif indexes != list(range(len(indexes))):
            out.append(f"article {article_id} has chunks {indexes}, not 0…{len(indexes) - 1}")
        if article_id not in with_sentences:
            out.append(f"article {article_id} has no sentences")
    twins = [fp for fp, n in Counter(a["fingerprint"] for a in snap.articles.values()).items() if fp and n > 1]
    out += [f"{n} articles share the fingerprint {fp}" for fp in twins for n in [sum(
        1 for a in snap.articles.values() if a["fingerprint"] == fp)]]
    if not snap.vectors_readable:
        out.append("the store's vectors cannot be read back (its vector index lost records)")
    if snap.journal:
        out.append(f"unfinished writes in the journal: {snap.journal}")
    if actors:
        stored = set(snap.articles)
        if snap.actor_articles != stored:
            out.append(f"actor index lacks {sorted(stored - snap.actor_articles)} "
                       f"and has extra {sorted(snap.actor_articles - stored)}")
        for article_id in stored & snap.actor_articles:
            mine = sorted(c for c, (a, _) in snap.chunks.items() if a == article_id)
            if sorted(snap.actor_chunks.get(article_id, [])) != mine:
                out.append(f"actor index has other chunks than the store for {article_id}")
    if snap.lexical is not None and snap.lexical[0] == snap.revision and sorted(snap.lexical[1]) != sorted(snap.chunks):
        out.append("the saved lexical index claims the store's revision but holds other chunks")
    return out


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """What happened to the articles of `before`: gone, or stored with other content or chunks."""
    out = []
    for article_id, facts in before.articles.items():
        now = after.articles.get(article_id)
        if now is None:
            out.append(f"article {article_id} is gone")
        elif now != facts:
            out.append(f"article {article_id} changed")
        else:
            mine = {c: t for c, t in before.chunk_text.items() if before.chunks[c][0] == article_id}
            theirs = {c: t for c, t in after.chunk_text.items() if after.chunks[c][0] == article_id}
            if mine != theirs:
                out.append(f"the chunks of article {article_id} changed")
    return out

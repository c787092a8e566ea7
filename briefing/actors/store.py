"""SQLite persistence of what was extracted per article; identities are recomputed from it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from briefing.actors.models import ArticleActors, MeetingRecord, Mention, Statement
from briefing.models import Article, Chunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT, source TEXT, published TEXT, url TEXT, language TEXT,
    content_hash TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS chunks (article_id TEXT, id TEXT, idx INTEGER, start INTEGER, end_ INTEGER);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT, start INTEGER, end_ INTEGER, surface TEXT, type TEXT, label TEXT, role TEXT,
    sentence_start INTEGER, sentence_end INTEGER);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE TABLE IF NOT EXISTS statements (article_id TEXT, speaker INTEGER, text TEXT, start INTEGER, end_ INTEGER);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE TABLE IF NOT EXISTS meetings (
    article_id TEXT, participants TEXT, places TEXT, when_ TEXT, start INTEGER, end_ INTEGER);
CREATE INDEX IF NOT EXISTS meetings_article ON meetings(article_id);
"""


class ActorStore:
    """One file; a new connection per operation, so threads (the web app) and processes can share it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self):
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        try:
            with db:
                yield db
        finally:
            db.close()

    def generation(self) -> int:
        """Bumped on every change, so a cached resolution knows when it is stale (even across processes)."""
        with self._db() as db:
            row = db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row["value"]) if row else 0

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta(key, value) VALUES('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def content_hash(self, article_id: str) -> str | None:
        with self._db() as db:
            row = db.execute("SELECT content_hash FROM articles WHERE id=?", (article_id,)).fetchone()
        return row["content_hash"] if row else None

    def put(self, article: Article, chunks: list[Chunk], found: ArticleActors) -> None:
        with self._db() as db:
            self._delete(db, article.id)
            db.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?)",
                (article.id, article.title, article.source, article.published.isoformat(), article.url,
                 article.language, article.content_hash, article.text),
            )
            db.executemany("INSERT INTO chunks VALUES (?,?,?,?,?)",
                           [(article.id, c.id, c.index, c.start, c.end) for c in chunks])
            db.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?)",
                [(article.id, m.start, m.end, m.surface, m.type, m.label, m.role, m.sentence_start, m.sentence_end)
                 for m in found.mentions],
            )
            db.executemany("INSERT INTO statements VALUES (?,?,?,?,?)",
                           [(article.id, s.speaker, s.text, s.start, s.end) for s in found.statements])
            db.executemany(
                "INSERT INTO meetings VALUES (?,?,?,?,?,?)",
                [(article.id, json.dumps(m.participants), json.dumps(m.places), m.when, m.start, m.end)
                 for m in found.meetings],
            )
            self._bump(db)

    def remove(self, article_id: str) -> bool:
        with self._db() as db:
            existed = self._delete(db, article_id)
            if existed:
                self._bump(db)
        return existed

    @staticmethod
    def _delete(db: sqlite3.Connection, article_id: str) -> bool:
        cur = db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        for table in ("chunks", "mentions", "statements", "meetings"):
            db.execute(f"DELETE FROM {table} WHERE article_id=?", (article_id,))
        return cur.rowcount > 0

    def mentions(self) -> list[tuple[str, Mention, dt.date]]:
        with self._db() as db:
            rows = db.execute(
                "SELECT m.*, a.published FROM mentions m JOIN articles a ON a.id = m.article_id "
                "ORDER BY a.published, m.article_id, m.start"
            ).fetchall()
        return [(r["article_id"], Mention(start=r["start"], end=r["end_"], surface=r["surface"], type=r["type"],
                                          label=r["label"] or "", role=r["role"], sentence_start=r["sentence_start"],
                                          sentence_end=r["sentence_end"]),
                 dt.date.fromisoformat(r["published"])) for r in rows]

    def statements(self) -> list[tuple[str, Statement]]:
        with self._db() as db:
            rows = db.execute("SELECT * FROM statements").fetchall()
        return [(r["article_id"], Statement(speaker=r["speaker"], text=r["text"], start=r["start"], end=r["end_"])) for r in rows]

    def meetings(self) -> list[tuple[str, MeetingRecord]]:
        with self._db() as db:
            rows = db.execute("SELECT * FROM meetings").fetchall()
        return [(r["article_id"], MeetingRecord(participants=json.loads(r["participants"]), places=json.loads(r["places"]),
                                                when=r["when_"], start=r["start"], end=r["end_"])) for r in rows]

    def articles(self, ids: list[str] | None = None) -> dict[str, dict]:
        with self._db() as db:
            if ids is None:
                rows = db.execute("SELECT id, title, source, published, url, language FROM articles").fetchall()
            else:
                rows = []
                for i in range(0, len(ids), 500):
                    part = ids[i:i + 500]
                    rows += db.execute(
                        f"SELECT id, title, source, published, url, language FROM articles WHERE id IN ({','.join('?' * len(part))})",
                        part).fetchall()
        return {r["id"]: {**dict(r), "published": dt.date.fromisoformat(r["published"])} for r in rows}

    def text(self, article_id: str) -> str | None:
        with self._db() as db:
            row = db.execute("SELECT text FROM articles WHERE id=?", (article_id,)).fetchone()
        return row["text"] if row else None

    def chunks(self, article_id: str) -> list[tuple[str, int, int]]:
        with self._db() as db:
            rows = db.execute("SELECT id, start, end_ FROM chunks WHERE article_id=? ORDER BY idx", (article_id,)).fetchall()
        return [(r["id"], r["start"], r["end_"]) for r in rows]

    def article_ids(self) -> list[str]:
        with self._db() as db:
            return [r[0] for r in db.execute("SELECT id FROM articles")]

    def count_articles(self) -> int:
        with self._db() as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

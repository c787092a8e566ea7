"""Small bookkeeping collections beside the content ones: the revision log, the write journal
and fingerprint claims. They live in Chroma too, so every client of a shared server sees them.

Chroma has no transactions or compare-and-set, but `add` of an id that already exists keeps the
first record, in the order the store applies writes. That gives two safe primitives across
processes and server clients: an append-only log whose length only grows (a counter no writer can
lose), and a claim that the first writer wins.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any

# Chroma wants a vector for every record; these records are looked up by id or metadata only.
_VECTOR = [1.0]


def side_collection(client, name: str):
    return client.get_or_create_collection(name=name, metadata={"role": "bookkeeping"}, embedding_function=None)


class RevisionLog:
    """The store's revision is how many writes were logged: each write appends one record, so
    two writers at once both count (a read-modify-write counter would lose one of them), and a
    reader whose lexical index was built at revision n knows it is stale once the log is longer."""

    def __init__(self, collection, *, base: int = 0):
        self.collection = collection
        self.base = base  # stores written before the log existed kept a counter in metadata

    def current(self) -> int:
        return self.base + self.collection.count()

    def bump(self, what: str = "") -> None:
        self.bump_many([what])

    def bump_many(self, whats: list[str]) -> None:
        """One revision per write, all appended in one call."""
        now = time.time()
        self.collection.add(ids=[uuid.uuid4().hex for _ in whats], embeddings=[_VECTOR] * len(whats),
                            metadatas=[{"what": w[:200] or "-", "t": now} for w in whats])


def _start_ticks(pid: int) -> int | None:
    """When the process started (clock ticks since boot): a pid reused by a later process differs."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return int(fh.read().rsplit(b")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


_HOST = socket.gethostname()


@dataclass(frozen=True)
class JournalEntry:
    id: str
    article_id: str
    op: str
    host: str
    pid: int
    start: int | None
    started: float

    def writer_is_gone(self) -> bool:
        """True when the process that began this write is known to be dead. A writer on another
        host cannot be checked from here, so its entries are left to that host."""
        if self.host != _HOST:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return self.start is not None and _start_ticks(self.pid) not in (None, self.start)


class WriteJournal:
    """An entry is written before an article's rows are touched and removed once the article, its
    chunks, sentences and actor data are all in place (or all gone, for a deletion). An entry left
    behind by a dead writer names an article that may be half written: recovery removes it
    everywhere, and ingesting the same sources again stores it whole."""

    def __init__(self, collection):
        self.collection = collection
        self._me = (_HOST, os.getpid(), _start_ticks(os.getpid()))

    def begin(self, article_id: str, op: str) -> str:
        return self.begin_many([article_id], op)[0]

    def begin_many(self, article_ids: list[str], op: str) -> list[str]:
        """One entry per article, written in one call."""
        host, pid, start = self._me
        entry_ids = [f"{a}@{uuid.uuid4().hex[:12]}" for a in article_ids]
        metas: list[dict[str, Any]] = []
        for article_id in article_ids:
            meta: dict[str, Any] = {"article_id": article_id, "op": op, "host": host, "pid": pid, "started": time.time()}
            if start is not None:
                meta["start"] = start
            metas.append(meta)
        if entry_ids:
            self.collection.add(ids=entry_ids, embeddings=[_VECTOR] * len(entry_ids), metadatas=metas)
        return entry_ids

    def end(self, entry_id: str) -> None:
        self.end_many([entry_id])

    def end_many(self, entry_ids: list[str]) -> None:
        if entry_ids:
            self.collection.delete(ids=list(entry_ids))

    def entries(self) -> list[JournalEntry]:
        got = self.collection.get(include=["metadatas"])
        return [JournalEntry(id=i, article_id=m["article_id"], op=m.get("op", ""), host=m.get("host", ""),
                             pid=int(m.get("pid", 0)), start=m.get("start"), started=float(m.get("started", 0)))
                for i, m in zip(got["ids"], got["metadatas"])]

    def abandoned(self) -> list[JournalEntry]:
        return [e for e in self.entries() if e.writer_is_gone()]


class FingerprintClaims:
    """Which article owns a text fingerprint. Two writers storing the same text under different
    ids (the same story in two files) each look for a twin, find none, and would both store it;
    a claim makes the first one the owner and the second a duplicate."""

    def __init__(self, collection):
        self.collection = collection

    def owner(self, fingerprint: str) -> str | None:
        got = self.collection.get(ids=[fingerprint], include=["metadatas"])
        return got["metadatas"][0]["article_id"] if got["ids"] else None

    def claim(self, fingerprint: str, article_id: str) -> str:
        """The owner after this claim: `article_id` unless another article got there first."""
        return self.claim_many({fingerprint: article_id})[fingerprint]

    def claim_many(self, claims: dict[str, str]) -> dict[str, str]:
        """fingerprint -> article id claims in one call; the owner of each fingerprint after them."""
        if not claims:
            return {}
        fingerprints = list(claims)
        self.collection.add(ids=fingerprints, embeddings=[_VECTOR] * len(fingerprints),
                            metadatas=[{"article_id": claims[f]} for f in fingerprints])
        got = self.collection.get(ids=fingerprints, include=["metadatas"])
        owners = {i: m["article_id"] for i, m in zip(got["ids"], got["metadatas"])}
        return {f: owners.get(f) or claims[f] for f in fingerprints}

    def release(self, fingerprint: str, article_id: str) -> None:
        self.collection.delete(ids=[fingerprint], where={"article_id": article_id})

    def release_article(self, article_id: str) -> None:
        self.collection.delete(where={"article_id": article_id})

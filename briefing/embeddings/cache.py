"""A disk cache in front of any embedder: evaluations and benchmarks re-embed the same text often."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np


class CachedEmbedder:
    def __init__(self, inner, path: Path):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)")

    def _key(self, kind: str, text: str) -> str:
        return hashlib.sha1(f"{self.name}\x1f{kind}\x1f{text}".encode()).hexdigest()

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
            found.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        return found

    def embed_query(self, text: str) -> np.ndarray:
        key = self._key("q", text)
        hit = self._lookup([key])
        if key in hit:
            return hit[key]
        vec = np.asarray(self.inner.embed_query(text), dtype=np.float32)
        self._db.execute("INSERT OR REPLACE INTO vectors VALUES (?, ?)", (key, vec.tobytes()))
        self._db.commit()
        return vec

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        keys = [self._key("p", t) for t in texts]
        hit = self._lookup(keys)
        todo = sorted({i for i, k in enumerate(keys) if k not in hit}, key=lambda i: i)
        if todo:
            unique = list(dict.fromkeys(texts[i] for i in todo))
            vecs = np.asarray(self.inner.embed_passages(unique), dtype=np.float32)
            rows = [(self._key("p", t), v.tobytes()) for t, v in zip(unique, vecs)]
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            self._db.commit()
            hit.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([hit[k] for k in keys])

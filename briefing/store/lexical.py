"""BM25 over chunks, each stemmed in its own language, rebuilt when the store's revision moves."""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from briefing.text.analysis import terms


@dataclass
class LexicalIndex:
    revision: int
    chunk_ids: list[str]
    languages: np.ndarray  # per chunk, its language code
    published: np.ndarray  # per chunk, yyyymmdd
    sources: np.ndarray
    article_ids: np.ndarray
    _bm25: object = field(default=None, repr=False)

    @classmethod
    def build(cls, revision: int, ids: list[str], docs: list[str], metas: list[dict]) -> LexicalIndex:
        import bm25s

        tokenized = [terms(f"{m.get('title', '')}\n{d}", m.get("language", "und")) or ["∅"] for d, m in zip(docs, metas)]
        bm25 = bm25s.BM25()
        if tokenized:
            bm25.index(tokenized, show_progress=False)
        return cls(
            revision=revision, chunk_ids=list(ids),
            languages=np.asarray([m.get("language", "und") for m in metas], dtype=object),
            published=np.asarray([int(m.get("published_ord", 0)) for m in metas], dtype=np.int64),
            sources=np.asarray([m.get("source", "") for m in metas], dtype=object),
            article_ids=np.asarray([m.get("article_id", "") for m in metas], dtype=object),
            _bm25=bm25,
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a name of its own per process: two processes saving at once must not interleave
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> LexicalIndex | None:
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # missing or written by another version: rebuilt by the caller
            return None

    def query_terms(self, query: str, query_lang: str) -> list[str]:
        """The query stemmed as its own language and as each language the store holds, so
        names and shared words still meet passages in another language."""
        langs = {query_lang, *set(self.languages.tolist())}
        out: list[str] = []
        for lang in sorted(langs):
            for t in terms(query, lang):
                if t not in out:
                    out.append(t)
        return out

    def scores(self, query: str, query_lang: str, mask: np.ndarray | None = None) -> np.ndarray:
        if not self.chunk_ids:
            return np.zeros(0, dtype=np.float32)
        q = self.query_terms(query, query_lang)
        if not q:
            return np.zeros(len(self.chunk_ids), dtype=np.float32)
        s = np.asarray(self._bm25.get_scores(q), dtype=np.float32)
        if mask is not None:
            s = np.where(mask, s, 0.0)
        return s

    def idf(self, query: str, query_lang: str) -> dict[str, float]:
        """Inverse document frequency of each query term: rare terms are the ones an answer must share."""
        if not self.chunk_ids:
            return {}
        vocab, indptr = self._bm25.vocab_dict, self._bm25.scores["indptr"]
        n = len(self.chunk_ids)
        out = {}
        for t in self.query_terms(query, query_lang):
            i = vocab.get(t)
            df = int(indptr[i + 1] - indptr[i]) if i is not None else 0
            out[t] = float(np.log(1 + (n - df + 0.5) / (df + 0.5)))
        return out

    def mask(self, *, since: int | None = None, until: int | None = None, sources=None, languages=None,
             article_ids=None) -> np.ndarray | None:
        if not (since or until or sources or languages or article_ids):
            return None
        m = np.ones(len(self.chunk_ids), dtype=bool)
        if since:
            m &= self.published >= since
        if until:
            m &= self.published <= until
        if sources:
            m &= np.isin(self.sources, list(sources))
        if languages:
            m &= np.isin(self.languages, list(languages))
        if article_ids:
            m &= np.isin(self.article_ids, list(article_ids))
        return m

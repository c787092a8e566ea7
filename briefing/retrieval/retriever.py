"""Hybrid retrieval: Chroma dense search, BM25, sentence vectors, fused per language."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from briefing.models import Filters, Passage
from briefing.retrieval.fusion import FusionWeights, fuse
from briefing.store.chroma_store import ChromaStore, date_ord, where_from_filters
from briefing.store.lexical import LexicalIndex
from briefing.text.language import detect_language


@dataclass
class RetrievalResult:
    passages: list[Passage]
    query_language: str
    query_vector: np.ndarray
    sentences: dict[str, list[tuple[int, int, np.ndarray]]] = field(default_factory=dict)
    term_idf: dict[str, float] = field(default_factory=dict)  # the query's terms, weighted by rarity
    timings: dict[str, float] = field(default_factory=dict)


class Retriever:
    def __init__(self, store: ChromaStore, embedder, lexical_loader, *, weights: FusionWeights = FusionWeights(),
                 candidates: int = 40, rerank: int = 12):
        self.store = store
        self.embedder = embedder
        self._lexical_loader = lexical_loader  # () -> LexicalIndex, fresh for the store's revision
        self.weights = weights
        self.candidates = candidates
        self.rerank = rerank

    def search(self, query: str, filters: Filters | None = None, k: int = 8, *, query_language: str | None = None,
               boost_articles: dict[str, float] | None = None) -> RetrievalResult:
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        lang = query_language or detect_language(query, default="en")
        qvec = self.embedder.embed_query(query)
        timings["embed_query"] = time.perf_counter() - t0

        t = time.perf_counter()
        where = where_from_filters(filters)
        dense_hits = self.store.dense_search(qvec, self.candidates, where)
        timings["dense"] = time.perf_counter() - t

        t = time.perf_counter()
        lexical: LexicalIndex = self._lexical_loader()
        f = filters or Filters()
        mask = lexical.mask(since=date_ord(f.since) if f.since else None, until=date_ord(f.until) if f.until else None,
                            sources=f.sources, languages=f.languages, article_ids=f.article_ids)
        lex_scores = lexical.scores(query, lang, mask)
        lex_by_id: dict[str, float] = {}
        if lex_scores.size:
            top = np.argsort(-lex_scores)[: self.candidates]
            lex_by_id = {lexical.chunk_ids[i]: float(lex_scores[i]) for i in top if lex_scores[i] > 0}
        timings["lexical"] = time.perf_counter() - t

        t = time.perf_counter()
        passages: dict[str, Passage] = {}
        dense: dict[str, float] = {}
        for p, cos in dense_hits:
            passages[p.chunk_id] = p
            dense[p.chunk_id] = cos
        missing = [c for c in lex_by_id if c not in passages]
        if missing:
            extra, vectors = self.store.get_passages(missing, with_vectors=True)
            for p, v in zip(extra, vectors):
                passages[p.chunk_id] = p
                dense[p.chunk_id] = float(np.dot(v, qvec))
        if not passages:
            return RetrievalResult([], lang, qvec, {}, timings)
        ids = list(passages)
        dense_arr = np.asarray([dense[i] for i in ids])
        lex_arr = np.asarray([lex_by_id.get(i, 0.0) for i in ids])
        same = np.asarray([passages[i].language == lang for i in ids])
        boost = np.asarray([boost_articles.get(passages[i].article_id, 0.0) for i in ids]) if boost_articles else 0.0
        # First pass without sentence vectors; only the leading articles' sentences are fetched,
        # which keeps the store round-trip small at 10k chunks.
        first = fuse(dense_arr, lex_arr, same, None, self.weights) + boost
        lead = [ids[n] for n in np.argsort(-first)[: max(k, self.rerank)]]
        sentences = self.store.sentence_vectors(sorted({passages[i].article_id for i in lead}))
        best_sentence = np.asarray([self._best_sentence(passages[i], sentences, qvec, dense[i]) for i in ids])
        scores = fuse(dense_arr, lex_arr, same, best_sentence, self.weights) + boost
        lead_set = set(lead)
        # candidates outside the lead keep their first-pass rank below the lead
        scores = np.where([i in lead_set for i in ids], scores, scores.min() - 1 + first / 100)
        order = np.argsort(-scores)[:k]
        out = []
        for n in order:
            p = passages[ids[n]].model_copy(update={"score": float(scores[n]), "dense": dense[ids[n]],
                                                    "lexical": lex_by_id.get(ids[n])})
            out.append(p)
        timings["fuse"] = time.perf_counter() - t
        return RetrievalResult(out, lang, qvec, sentences, timings=timings, term_idf=lexical.idf(query, lang))

    @staticmethod
    def _best_sentence(p: Passage, sentences, qvec: np.ndarray, fallback: float) -> float:
        spans = [v for s, e, v in sentences.get(p.article_id, []) if s >= p.start and e <= p.end]
        if not spans:
            return fallback
        return float(np.max(np.stack(spans) @ qvec))

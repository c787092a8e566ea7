"""Hybrid retrieval: Chroma dense search, BM25, sentence vectors, fused per language."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from briefing.models import Filters, Passage
from briefing.retrieval.fusion import FusionWeights, diversify, fuse, recency_bonus
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
    # the other chunks of the leading article: a news story often names its event in one paragraph
    # and gives the date or the place in another, which the per-article cap keeps out of `passages`
    siblings: list[Passage] = field(default_factory=list)
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
        hit_cos = self._add_sentence_hits(qvec, where, passages, dense)
        if not passages:
            return RetrievalResult([], lang, qvec, {}, timings)
        ids = list(passages)
        dense_arr = np.asarray([dense[i] for i in ids])
        lex_arr = np.asarray([lex_by_id.get(i, 0.0) for i in ids])
        same = np.asarray([passages[i].language == lang for i in ids])
        boost = np.asarray([boost_articles.get(passages[i].article_id, 0.0) for i in ids]) if boost_articles else 0.0
        if lexical.published.size and self.weights.recency:
            published = [date_ord(passages[i].published) if passages[i].published else 0 for i in ids]
            boost = boost + recency_bonus(np.asarray(published), int(lexical.published.max()), self.weights)
        # First pass without sentence vectors; only the leading articles' sentences are fetched,
        # which keeps the store round-trip small at 10k chunks.
        hinted = np.asarray([max(dense[i], hit_cos.get(i, -1.0)) for i in ids])
        first = fuse(dense_arr, lex_arr, same, hinted, self.weights) + boost
        lead = [ids[n] for n in np.argsort(-first)[: max(k, self.rerank)]]
        sentences = self.store.sentence_vectors(sorted({passages[i].article_id for i in lead}))
        best_sentence = np.asarray([self._best_sentence(passages[i], sentences, qvec, dense[i]) for i in ids])
        scores = fuse(dense_arr, lex_arr, same, best_sentence, self.weights) + boost
        lead_set = set(lead)
        # candidates outside the lead keep their first-pass rank below the lead
        scores = np.where([i in lead_set for i in ids], scores, scores.min() - 1 + first / 100)
        order = diversify(list(np.argsort(-scores)), [passages[i].article_id for i in ids], k,
                          self.weights.per_article)
        out = []
        for n in order:
            p = passages[ids[n]].model_copy(update={"score": float(scores[n]), "dense": dense[ids[n]],
                                                    "lexical": lex_by_id.get(ids[n])})
            out.append(p)
        timings["fuse"] = time.perf_counter() - t
        siblings = self._siblings(out, qvec) if out else []
        return RetrievalResult(out, lang, qvec, sentences, timings=timings, term_idf=lexical.idf(query, lang),
                               siblings=siblings)

    def _siblings(self, out: list[Passage], qvec: np.ndarray) -> list[Passage]:
        lead = out[0].article_id
        taken = {p.chunk_id for p in out}
        chunks, vectors = self.store.chunks_with_vectors([lead])
        return sorted((p.model_copy(update={"score": out[0].score, "dense": float(np.dot(v, qvec)), "lexical": None})
                       for p, v in zip(chunks, vectors) if p.chunk_id not in taken), key=lambda p: p.start)

    def _add_sentence_hits(self, qvec: np.ndarray, where, passages: dict[str, Passage],
                           dense: dict[str, float]) -> dict[str, float]:
        """Chunks holding the sentences nearest the question join the candidates: many chunks of
        one long article can fill the dense top-k while the one sentence that answers sits elsewhere.
        Returns, per candidate chunk, the best of those sentences' cosines."""
        hits = self.store.sentence_search(qvec, self.candidates, where)
        if not hits:
            return {}
        covered = [(p.article_id, p.start, p.end) for p in passages.values()]
        wanted = [(a, s, e) for a, s, e, _ in hits
                  if not any(a == ca and s >= cs and e <= ce for ca, cs, ce in covered)]
        if wanted:
            chunks, vectors = self.store.chunks_with_vectors(sorted({a for a, _, _ in wanted}))
            for p, v in zip(chunks, vectors):
                if p.chunk_id not in passages and any(a == p.article_id and s >= p.start and e <= p.end
                                                      for a, s, e in wanted):
                    passages[p.chunk_id] = p
                    dense[p.chunk_id] = float(np.dot(v, qvec))
        best: dict[str, float] = {}
        for p in passages.values():
            for a, s, e, cos in hits:
                if a == p.article_id and s >= p.start and e <= p.end:
                    best[p.chunk_id] = max(best.get(p.chunk_id, -1.0), cos)
        return best

    @staticmethod
    def _best_sentence(p: Passage, sentences, qvec: np.ndarray, fallback: float) -> float:
        spans = [v for s, e, v in sentences.get(p.article_id, []) if s >= p.start and e <= p.end]
        if not spans:
            return fallback
        return float(np.max(np.stack(spans) @ qvec))

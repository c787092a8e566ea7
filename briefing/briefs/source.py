"""What a briefing reads from the service: articles, their vectors, sentences and stored chunks.

Uses the store's saved vectors when the service has them (no re-embedding), else embeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from briefing.briefs.selection import Candidate, usable_sentence
from briefing.models import Article, Filters, Passage
from briefing.text.sentences import split_sentences


@dataclass
class StoredChunk:
    chunk_id: str
    start: int
    end: int
    text: str


class BriefSource:
    def __init__(self, service):
        self.service = service
        self.store = getattr(service, "store", None)
        self.embedder = service.embedder
        self._chunks: dict[str, list[StoredChunk]] = {}

    # -- articles -------------------------------------------------------------------------
    def articles(self, since: dt.date, until: dt.date, sources: Sequence[str] = ()) -> list[Article]:
        return self.service.articles(Filters(since=since, until=until, sources=list(sources)))

    def days_with_news(self, sources: Sequence[str] = ()) -> list[dt.date]:
        if self.store is not None and hasattr(self.store, "article_metadatas"):
            metas = self.store.article_metadatas()
            days = {dt.date.fromisoformat(str(m["published"])[:10]) for m in metas
                    if not sources or m.get("source") in sources}
        else:
            days = {a.published for a in self.service.articles(Filters(sources=list(sources)))}
        return sorted(days)

    def article_vectors(self, articles: Sequence[Article]) -> np.ndarray:
        """One vector per article (the store's mean of its chunk vectors when available)."""
        if not articles:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        if self.store is not None and hasattr(self.store, "article_vectors"):
            try:
                return _normalise(self.store.article_vectors([a.id for a in articles]))
            except (KeyError, ValueError):
                pass  # some article has no stored vector: embed them all the same way
        return _normalise(self.embedder.embed_passages([f"{a.title}\n{a.text[:2000]}" for a in articles]))

    def corpus_baseline(self, sample: int = 300) -> float | None:
        """Median cosine between stored articles: what "unrelated" looks like for this embedder."""
        if self.store is None or not hasattr(self.store, "article_ids"):
            return None
        ids = sorted(self.store.article_ids())
        if len(ids) < 5:
            return None
        step = max(1, len(ids) // sample)
        vectors = _normalise(self.store.article_vectors(ids[::step][:sample]))
        sim = vectors @ vectors.T
        return float(np.median(sim[np.triu_indices(len(vectors), 1)]))

    # -- sentences and chunks -----------------------------------------------------------------
    def chunks(self, article: Article) -> list[StoredChunk]:
        """The article's stored chunks, with offsets into its text."""
        if article.id in self._chunks:
            return self._chunks[article.id]
        from briefing.chunking import chunk_article

        settings = self.service.settings
        expected = chunk_article(article, max_tokens=settings.chunk_tokens, overlap_tokens=settings.chunk_overlap_tokens)
        found: list[StoredChunk]
        if self.store is not None and hasattr(self.store, "article_chunks"):
            found = [StoredChunk(c.id, c.start, c.end, c.text) for c in self.store.article_chunks(article.id)]
        elif self.store is not None and hasattr(self.store, "get_passages"):
            # chunk ids are "<article id>:<index>": ask for the ones today's settings would make, then
            # keep asking past them, in case the article was chunked smaller when it was stored
            passages, _ = self.store.get_passages([c.id for c in expected])
            index = len(expected)
            while True:
                more, _ = self.store.get_passages([f"{article.id}:{i}" for i in range(index, index + 16)])
                passages += more
                if len(more) < 16:
                    break
                index += 16
            found = [StoredChunk(p.chunk_id, p.start, p.end, p.text) for p in passages]
        else:
            found = [StoredChunk(c.id, c.start, c.end, c.text) for c in expected]
        self._chunks[article.id] = found
        return found

    def stored_passage(self, chunk_id: str) -> Passage | None:
        if self.store is not None and hasattr(self.store, "get_passages"):
            got, _ = self.store.get_passages([chunk_id])
            return got[0] if got else None
        return None

    def candidates(self, articles: Sequence[Article], *, skip: frozenset[str] = frozenset()) -> list[tuple[Candidate, str]]:
        """Usable sentences of the articles with their vectors, each with the stored chunk holding it.

        `skip` holds normalised sentences to leave out (boilerplate repeated across articles).
        """
        stored: dict[str, list[tuple[int, int, np.ndarray]]] = {}
        if self.store is not None and hasattr(self.store, "sentence_vectors"):
            stored = self.store.sentence_vectors([a.id for a in articles])
        out: list[tuple[Candidate, str]] = []
        to_embed: list[tuple[Article, int, int, str]] = []
        for a in articles:
            chunks = self.chunks(a)
            spans = stored.get(a.id)
            if spans is None:
                spans = [(s.start, s.end, None) for s in split_sentences(a.text)]
            for start, end, vector in spans:
                text = a.text[start:end]
                if not usable_sentence(text) or " ".join(text.split()) in skip:
                    continue
                chunk = next((c for c in chunks if c.start <= start and end <= c.end), None)
                if chunk is None:
                    continue  # a sentence cut across chunks cannot be quoted from one stored passage
                if vector is None:
                    to_embed.append((a, start, end, chunk.chunk_id))
                    continue
                out.append((Candidate(a.id, start, end, text, a.source, a.language, _normalise(vector[None])[0]),
                            chunk.chunk_id))
        if to_embed:
            vectors = _normalise(self.embedder.embed_passages([a.text[s:e] for a, s, e, _ in to_embed]))
            for (a, s, e, cid), v in zip(to_embed, vectors):
                out.append((Candidate(a.id, s, e, a.text[s:e], a.source, a.language, v), cid))
        return out


def _normalise(vectors) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim == 1:
        v = v[None]
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return v / norms


def repeated_sentences(articles: Sequence[Article], *, opening_words: int = 5, title_opening_words: int = 4,
                       opening_articles: int = 3) -> frozenset[str]:
    """Sentences that are site furniture rather than news: found whole in two or more different
    articles, or opening with the same five words in three or more ("Ce billet fait partie de…");
    titles by their first four words, since series notes vary their ends ("…du dossier", "…de notre")."""
    whole: dict[str, set[str]] = {}
    openings: dict[str, set[str]] = {}
    sentences: dict[str, str] = {}
    texts = {}
    for a in articles:
        texts.setdefault(" ".join(a.text.split()), a)
    for a in texts.values():
        # titles count by their opening only: a series note used as a title ("Ce billet fait partie
        # de…") is no headline, but a topic label shared by a story's articles is a good one
        for is_title, text in [(True, a.title)] + [(False, s.text) for s in split_sentences(a.text)]:
            norm = " ".join(text.split())
            if not norm:
                continue
            if not is_title:
                whole.setdefault(norm, set()).add(a.id)
            words = norm.lower().split()
            size = title_opening_words if is_title else opening_words
            if len(words) > size:
                opening = ("title:" if is_title else "") + " ".join(words[:size])
                openings.setdefault(opening, set()).add(a.id)
                sentences[norm] = opening
    common = {o for o, ids in openings.items() if len(ids) >= opening_articles}
    return frozenset({k for k, ids in whole.items() if len(ids) > 1}
                     | {k for k, opening in sentences.items() if opening in common})

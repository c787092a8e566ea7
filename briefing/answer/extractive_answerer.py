"""The offline answerer: quotes the best sentences, or abstains, in the question's language."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from briefing.answer.extractive import ScoringWeights, citations_for, pick_sentences
from briefing.models import Answer, Turn

from briefing.answer.i18n import abstention as _abstention_phrase
from briefing.answer.i18n import phrase

# What the corpus covers, as a fragment the abstention phrase embeds ("They cover …").
_COVERAGE = {
    "en": "{articles} articles from {sources}, {first} to {last}",
    "fr": "{articles} articles de {sources}, du {first} au {last}",
    "de": "{articles} Artikel von {sources}, vom {first} bis {last}",
    "es": "{articles} artículos de {sources}, del {first} al {last}",
}


def describe_coverage(coverage: dict[str, Any], lang: str) -> str:
    if not coverage.get("articles"):
        return ""
    names = [s["source"] for s in coverage.get("sources", [])]
    sources = ", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")
    return _COVERAGE.get(lang, _COVERAGE["en"]).format(articles=coverage["articles"], sources=sources,
                                                       first=coverage["first"], last=coverage["last"])


def abstention(coverage: dict[str, Any], lang: str) -> str:
    if not coverage.get("articles"):
        return phrase("empty_corpus", lang)
    return _abstention_phrase(lang, describe_coverage(coverage, lang))


class ExtractiveAnswerer:
    mode = "extractive"
    model_name = "extractive"

    def __init__(self, *, weights: ScoringWeights = ScoringWeights(), embed_sentences=None,
                 embedder_name: str | None = None):
        self.weights = weights
        self.embedder_name = embedder_name  # picks the support model fitted for this embedder
        self.embed_sentences = embed_sentences  # for passages stored without sentence vectors

    def stream(self, question: str, language: str, retrieval, coverage: dict[str, Any],
               history: list[Turn]) -> Iterator[str | Answer]:
        t = time.perf_counter()
        result = pick_sentences(question, language, retrieval.query_vector, retrieval.passages, retrieval.sentences,
                                weights=self.weights, embed_sentences=self.embed_sentences,
                                term_idf=retrieval.term_idf, embedder_name=self.embedder_name,
                                siblings=getattr(retrieval, "siblings", []))
        if not result.supported:
            text = abstention(coverage, language)
            yield text
            yield Answer(question=question, answer=text, language=language, mode="extractive", model="extractive",
                         abstained=True, passages=retrieval.passages, answered_by="none",
                         timings={"answer": round(time.perf_counter() - t, 4), "support": round(result.probability, 4)})
            return
        citations = citations_for(result.sentences)
        shown = {p.chunk_id for p in retrieval.passages}
        # a quote from elsewhere in the leading article is shown in its passage like any other
        passages = list(retrieval.passages) + list({s.passage.chunk_id: s.passage for s in result.sentences
                                                     if s.passage.chunk_id not in shown}.values())
        lines = [phrase("extractive", language)]
        for c in citations:
            date = c.published.isoformat() if c.published else ""
            lines.append(f"« {c.quote} » — {c.source}, {date} [{c.n}]")
        text = "\n\n".join(lines)
        for piece in _pieces(text):
            yield piece
        yield Answer(question=question, answer=text, language=language, mode="extractive", model="extractive",
                     abstained=False, citations=citations, passages=passages, answered_by="extractive",
                     timings={"answer": round(time.perf_counter() - t, 4), "support": round(result.probability, 4)})


def _pieces(text: str, size: int = 24) -> Iterator[str]:
    """Stream the composed answer in word-sized pieces, as a model would."""
    start = 0
    while start < len(text):
        end = text.find(" ", start + size)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end

"""The model answerer as the service sees it: retrieval in, streamed text and a checked Answer out.

When the model fails (unreachable, refused, rate limited, timed out, cut off) or its answer does not
check out against the passages, the extractive answerer answers from the same passages and the
Answer says why (`answered_by`, `notice`): the user is never left with nothing while a sentence of
the articles states the answer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from briefing.answer.extractive_answerer import describe_coverage
from briefing.answer.i18n import phrase
from briefing.llm.errors import ChatModelError
from briefing.models import Answer, Turn
from briefing.settings import Settings

log = logging.getLogger(__name__)


class LLMServiceAnswerer:
    mode = "llm"

    def __init__(self, answerer, chat_model, *, fallback=None):
        self._answerer = answerer
        self.chat_model = chat_model  # also rewrites follow-up questions
        self.model_name = answerer.model_name
        self.fallback = fallback  # an ExtractiveAnswerer, or None to abstain instead

    @property
    def model_answerer(self):
        """The LLMAnswerer behind the fallback: its prompt and limits."""
        return self._answerer

    @classmethod
    def from_settings(cls, settings: Settings, *, embedder=None, chat_model=None) -> LLMServiceAnswerer:
        from briefing.answer.extractive_answerer import ExtractiveAnswerer
        from briefing.answer.llm_answer import LLMAnswerer
        from briefing.citations import embedding_similarity
        from briefing.llm import build_chat_model

        chat_model = chat_model or build_chat_model(settings)
        answerer = LLMAnswerer(
            chat_model, model_name=settings.chat_model if settings.generation_mode() == "openai" else None,
            similarity=embedding_similarity(embedder) if embedder is not None else None,
            base_url=settings.resolved_base_url(), secrets=[settings.resolved_api_key()],
            context_tokens=settings.chat_context_tokens, max_tokens=settings.chat_max_tokens,
        )
        fallback = ExtractiveAnswerer(embed_sentences=embedder.embed_passages if embedder is not None else None,
                                      embedder_name=getattr(embedder, "name", None))
        return cls(answerer, chat_model, fallback=fallback)

    def stream(self, question: str, language: str, retrieval, coverage: dict[str, Any],
               history: list[Turn]) -> Iterator[str | Answer]:
        final: Answer | None = None
        try:
            for part in self._answerer.stream(question, retrieval.passages, language=language, history=history,
                                              coverage=describe_coverage(coverage, language)):
                if isinstance(part, Answer):
                    final = part
                else:
                    yield part
        except ChatModelError as exc:
            log.info("chat model failed (%s): answering extractively", exc.kind)
            yield self._fallback(question, language, retrieval, coverage, history,
                                 notice=phrase("fallback_error", language, error=str(exc)), model_text=None,
                                 error=str(exc))
            return
        assert final is not None
        if not final.abstained or self.fallback is None:
            yield final
            return
        unverified = bool(final.notice)  # the model wrote an answer that did not check out
        notice = phrase("fallback_unverified" if unverified else "fallback_absent", language)
        yield self._fallback(question, language, retrieval, coverage, history, notice=notice, model_text=final.model_text,
                             abstained=final)

    def _fallback(self, question, language, retrieval, coverage, history, *, notice: str, model_text: str | None,
                  abstained: Answer | None = None, error: str | None = None) -> Answer:
        extractive = None
        if self.fallback is not None:
            for part in self.fallback.stream(question, language, retrieval, coverage, history):
                if isinstance(part, Answer):
                    extractive = part
        if extractive is not None and not extractive.abstained:
            extractive.answered_by = "extractive-fallback"
            extractive.notice = notice
            extractive.model_text = model_text
            extractive.flagged = (abstained.flagged if abstained else []) + extractive.flagged
            extractive.tokens = dict(abstained.tokens) if abstained else {}
            if abstained is not None:  # what the model took, before its text was set aside
                extractive.timings = {**{f"model_{k}": v for k, v in abstained.timings.items()}, **extractive.timings}
            return extractive
        if abstained is not None:
            return abstained  # neither path has a supported answer
        answer = extractive or Answer(question=question, answer=phrase("abstain", language), language=language,
                                      mode="extractive", model="extractive", abstained=True)
        answer.answered_by = "none"
        # the error is the first thing to say: the user must know the model was not asked
        answer.notice = error or notice
        answer.answer = f"{answer.notice}\n\n{answer.answer}"
        return answer

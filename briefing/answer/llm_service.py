"""The model answerer as the service sees it: retrieval in, streamed text and a checked Answer out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.answer.extractive_answerer import describe_coverage
from briefing.models import Answer, Turn
from briefing.settings import Settings


class LLMServiceAnswerer:
    mode = "llm"

    def __init__(self, answerer, chat_model):
        self._answerer = answerer
        self.chat_model = chat_model  # also rewrites follow-up questions
        self.model_name = answerer.model_name

    @classmethod
    def from_settings(cls, settings: Settings, *, embedder=None, chat_model=None) -> LLMServiceAnswerer:
        from briefing.answer.llm_answer import LLMAnswerer
        from briefing.citations import embedding_similarity
        from briefing.llm import build_chat_model

        chat_model = chat_model or build_chat_model(settings)
        answerer = LLMAnswerer(
            chat_model, model_name=settings.chat_model if settings.generation_mode() == "openai" else None,
            similarity=embedding_similarity(embedder) if embedder is not None else None,
            base_url=settings.resolved_base_url(), secrets=[settings.resolved_api_key()],
        )
        return cls(answerer, chat_model)

    def stream(self, question: str, language: str, retrieval, coverage: dict[str, Any],
               history: list[Turn]) -> Iterator[str | Answer]:
        yield from self._answerer.stream(question, retrieval.passages, language=language, history=history,
                                         coverage=describe_coverage(coverage, language))

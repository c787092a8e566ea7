"""The chat-model seam: LangChain's ChatOpenAI (any OpenAI-compatible server) or a fake."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefing.llm.errors import ChatModelError, explain, redact
from briefing.llm.prompts import load_prompt, render_prompt

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from briefing.settings import Settings

__all__ = ["ChatModelError", "build_chat_model", "explain", "load_prompt", "model_name", "redact", "render_prompt"]

# Local servers (Ollama, llama.cpp, vLLM) ignore the key, but the openai client insists on one.
_PLACEHOLDER_KEY = "not-needed"


def build_chat_model(settings: Settings | None = None, *, replies: Iterable | None = None,
                     timeout: float | None = None, max_retries: int | None = None) -> BaseChatModel | None:
    """The chat model the settings ask for; None in extractive mode.

    `openai` → ChatOpenAI on the key and/or base URL of the settings (streaming); `fake` → a
    LangChain fake chat model answering `replies` in order, or quoting passage [1] when none are given.
    """
    from briefing.settings import Settings

    settings = settings or Settings()
    mode = settings.generation_mode()
    if mode == "extractive":
        return None
    if mode == "fake":
        from briefing.testing.fake_chat import quoting_chat_model, scripted_chat_model

        return scripted_chat_model(replies) if replies is not None else quoting_chat_model()
    if mode != "openai":
        raise ChatModelError(f"Unknown BRIEFING_LLM={settings.llm!r}: use auto, openai, extractive or fake.",
                             kind="config")
    key, base_url = settings.resolved_api_key(), settings.resolved_base_url()
    if not (key or base_url):
        raise ChatModelError(
            "BRIEFING_LLM=openai needs OPENAI_API_KEY (or BRIEFING_OPENAI_API_KEY), or BRIEFING_OPENAI_BASE_URL "
            "for a local OpenAI-compatible server. Without either, use BRIEFING_LLM=extractive.", kind="config")
    from langchain_openai import ChatOpenAI

    # ChatOpenAI sends the reply limit as `max_completion_tokens`, which OpenAI reads but llama.cpp's
    # server ignores (its answers then run on to the context window, thousands of tokens): an
    # OpenAI-compatible server named by its base URL gets the classic `max_tokens`, which all of them read
    limit = {"extra_body": {"max_tokens": settings.chat_max_tokens}} if base_url else {
        "max_tokens": settings.chat_max_tokens}
    return ChatOpenAI(
        model=settings.chat_model,
        api_key=key or _PLACEHOLDER_KEY,
        base_url=base_url,
        temperature=settings.temperature,
        streaming=True,
        # the openai client retries 408/409/429/5xx and connection errors with exponential backoff
        timeout=settings.chat_timeout if timeout is None else timeout,
        max_retries=settings.chat_max_retries if max_retries is None else max_retries,
        **limit,
    )


def model_name(chat_model) -> str:
    """The model's name as reported in answers."""
    return str(getattr(chat_model, "model_name", None) or getattr(chat_model, "model", None)
               or type(chat_model).__name__)

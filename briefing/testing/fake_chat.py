"""LangChain fake chat models with scripted answers, recording what they were sent.

Used by the tests and by `BRIEFING_LLM=fake`, so the whole answering path (prompt, streaming,
citation check) runs without a key or a network.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

Reply = str | AIMessage | Callable[[list[BaseMessage]], str]


class ScriptedChatModel(GenericFakeChatModel):
    """Answers with the next scripted reply (a string, or a function of the messages), and records calls.

    Streaming splits each reply on whitespace, so consumers see several deltas in order.
    """

    calls: list[list[BaseMessage]] = Field(default_factory=list)
    model_name: str = "fake-scripted"

    @property
    def _llm_type(self) -> str:
        return "briefing-scripted-fake"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        self.calls.append(list(messages))
        try:
            reply = next(self.messages)
        except StopIteration:
            raise RuntimeError(
                f"The scripted chat model has no reply left after {len(self.calls) - 1} calls: script more replies."
            ) from None
        if callable(reply):
            reply = reply(list(messages))
        message = AIMessage(content=reply) if isinstance(reply, str) else reply
        return ChatResult(generations=[ChatGeneration(message=message)])

    @property
    def prompts(self) -> list[str]:
        """The text of every call's messages, joined: what the model was asked."""
        return ["\n\n".join(str(m.content) for m in call) for call in self.calls]


def scripted_chat_model(replies: Iterable[Reply], *, cycle: bool = False) -> ScriptedChatModel:
    """A fake chat model answering `replies` in order (forever, repeating, when `cycle`)."""
    replies = list(replies)
    if not replies:
        raise ValueError("A scripted chat model needs at least one reply.")
    iterator: Iterator[Reply] = itertools.cycle(replies) if cycle else iter(replies)
    return ScriptedChatModel(messages=iterator)


_PASSAGE_ONE = re.compile(r"^\[1\][^\n]*\n(?P<text>[^\n]+)", re.MULTILINE)
_FOLLOW_UP = re.compile(r"^Follow-up question:\s*(?P<q>.+)$", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


def quote_first_passage(messages: list[BaseMessage]) -> str:
    """A stand-in model: quotes the first sentence of passage [1], cited; abstains when none was given.

    Asked to rewrite a follow-up, it returns the follow-up unchanged.
    """
    prompt = str(messages[-1].content) if messages else ""
    follow_up = _FOLLOW_UP.search(prompt)
    if follow_up:
        return follow_up.group("q").strip()
    found = _PASSAGE_ONE.search(prompt)
    if not found:
        return "NOT_IN_CORPUS"
    first = _SENTENCE_END.split(found.group("text").strip(), maxsplit=1)[0].rstrip()
    end = first[-1] if first[-1] in ".!?…" else ""
    return f"{first[:len(first) - len(end)].rstrip()} [1]{end or '.'}"


def quoting_chat_model() -> ScriptedChatModel:
    """The fake used by `BRIEFING_LLM=fake` when no replies are scripted."""
    model = scripted_chat_model([quote_first_passage], cycle=True)
    model.model_name = "fake-quoting"
    return model

"""Answers written by a chat model from numbered passages, streamed, then held to the citation contract."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from briefing.answer.i18n import abstention, language_name, phrase
from briefing.citations import DEFAULT_THRESHOLD, CitationCheck, Similarity, Unsupported, check_citations
from briefing.llm import explain, load_prompt, model_name as _model_name, render_prompt
from briefing.models import Answer, Passage, Turn

# The model says this, alone, when the passages do not hold the answer: abstention must be
# machine-detectable, whatever language the answer is in.
SENTINEL = "NOT_IN_CORPUS"
_MARKERS = re.compile(r"\s*\[[^\[\]\n]{0,40}\]")


def format_passages(passages: Sequence[Passage]) -> str:
    """Passages as the model sees them: `[n] title — source, date` then the text."""
    blocks = []
    for n, p in enumerate(passages, start=1):
        facts = " — ".join(x for x in (p.title.strip(), p.source.strip()) if x)
        if p.published:
            facts = f"{facts}, {p.published.isoformat()}" if facts else p.published.isoformat()
        blocks.append(f"[{n}] {facts}\n{' '.join(p.text.split())}")
    return "\n\n".join(blocks)


class SentinelFilter:
    """Passes streamed text through while holding back anything that may be the sentinel."""

    def __init__(self, sentinel: str = SENTINEL):
        self.sentinel = sentinel
        self.text = ""
        self._sent = 0

    def _safe(self) -> str:
        hold = 0
        for size in range(min(len(self.sentinel) - 1, len(self.text)), 0, -1):
            if self.sentinel.startswith(self.text[-size:]):
                hold = size
                break
        return self.text[:len(self.text) - hold].replace(self.sentinel, "").lstrip()

    def feed(self, delta: str) -> str:
        self.text += delta
        safe = self._safe()
        out, self._sent = safe[self._sent:], max(self._sent, len(safe))
        return out

    @property
    def saw_sentinel(self) -> bool:
        return self.sentinel in self.text


def _delta_text(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


class LLMAnswerer:
    """Answers a question from passages with a chat model; every citation is checked before it is shown.

    `stream()` yields the model's text deltas as they arrive (the sentinel held back), then one
    final `Answer` whose text is the checked one (markers renumbered, unsupported claims dropped
    or flagged): a UI shows the deltas while they come, then replaces them with `Answer.answer`.
    """

    def __init__(self, chat_model, *, model_name: str | None = None, similarity: Similarity | None = None,
                 threshold: float = DEFAULT_THRESHOLD, unsupported: Unsupported = "drop",
                 history_turns: int = 6, base_url: str | None = None, secrets: Sequence[str | None] = ()):
        self.chat_model = chat_model
        self.model_name = model_name or _model_name(chat_model)
        self.similarity = similarity
        self.threshold = threshold
        self.unsupported = unsupported
        self.history_turns = history_turns
        self._base_url = base_url
        self._secrets = tuple(secrets)

    def messages(self, question: str, passages: Sequence[Passage], *, language: str,
                 history: Sequence[Turn] = ()) -> list[BaseMessage]:
        system = render_prompt(load_prompt("answer"), count=len(passages), language_name=language_name(language),
                               sentinel=SENTINEL)
        out: list[BaseMessage] = [SystemMessage(content=system)]
        for turn in list(history)[-self.history_turns:] if self.history_turns else []:
            # earlier answers cite passages the model no longer sees: their numbers would mislead
            content = _MARKERS.sub("", turn.content).strip()
            out.append(HumanMessage(content=content) if turn.role == "user" else AIMessage(content=content))
        user = render_prompt(load_prompt("answer_user"), passages=format_passages(passages), question=question.strip())
        out.append(HumanMessage(content=user))
        return out

    def stream(self, question: str, passages: Sequence[Passage], *, language: str, history: Sequence[Turn] = (),
               coverage: str = "") -> Iterator[str | Answer]:
        passages = list(passages)
        started = time.perf_counter()
        if not passages:
            yield self._abstain(question, language, coverage, passages, flagged=[])
            return
        messages = self.messages(question, passages, language=language, history=history)
        filtered = SentinelFilter()
        try:
            for chunk in self.chat_model.stream(messages):
                visible = filtered.feed(_delta_text(chunk))
                if visible:
                    yield visible
        except Exception as exc:  # provider errors carry URLs and key fragments: re-raise them cleaned
            raise explain(exc, model=self.model_name, base_url=self._base_url, secrets=self._secrets) from None
        generated = time.perf_counter()
        yield self.finish(question, passages, filtered.text, language=language, coverage=coverage,
                          timings={"generate": round(generated - started, 4)}, started=generated)

    def answer(self, question: str, passages: Sequence[Passage], *, language: str, history: Sequence[Turn] = (),
               coverage: str = "") -> Answer:
        final = None
        for part in self.stream(question, passages, language=language, history=history, coverage=coverage):
            if isinstance(part, Answer):
                final = part
        assert final is not None
        return final

    def finish(self, question: str, passages: Sequence[Passage], raw: str, *, language: str, coverage: str = "",
               timings: dict[str, float] | None = None, started: float | None = None) -> Answer:
        """Check the model's full text and build the Answer (abstaining when nothing checks out)."""
        started = started if started is not None else time.perf_counter()
        said_absent = SENTINEL in raw
        text = raw.replace(SENTINEL, "").strip()
        check: CitationCheck = check_citations(
            text, passages, similarity=self.similarity, threshold=self.threshold, unsupported=self.unsupported,
            unverified_label=phrase("unverified", language), claim_language=language,
        )
        timings = {**(timings or {}), "check": round(time.perf_counter() - started, 4)}
        if not check.verified:
            # an answer the passages do not bear out is not shown; say so rather than "not in the articles"
            message = phrase("unverifiable", language) if text and not said_absent else None
            return self._abstain(question, language, coverage, passages, flagged=check.flagged, timings=timings,
                                 message=message)
        return Answer(question=question, answer=check.text, language=language, mode="llm", model=self.model_name,
                      citations=check.citations, flagged=check.flagged, passages=list(passages), timings=timings)

    def _abstain(self, question: str, language: str, coverage: str, passages: list[Passage], *,
                 flagged: list[str], timings: dict[str, float] | None = None, message: str | None = None) -> Answer:
        return Answer(question=question, answer=message or abstention(language, coverage), language=language,
                      mode="llm", model=self.model_name, abstained=True, flagged=flagged, passages=passages,
                      timings=timings or {})

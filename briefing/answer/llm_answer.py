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
from briefing.llm.prompts import delimit_passage
from briefing.models import Answer, Passage, Turn

# The model says this, alone, when the passages do not hold the answer: abstention must be
# machine-detectable, whatever language the answer is in.
SENTINEL = "NOT_IN_CORPUS"
_MARKERS = re.compile(r"\s*\[[^\[\]\n]{0,40}\]")


def format_passages(passages: Sequence[Passage]) -> str:
    """Passages as the model sees them: a <passage> block of `[n] title — source, date` then the text.

    An undated article shows no date: the day it was stored is no fact of the article, and a
    placeholder under every passage is what a small model copies into its answer.
    """
    blocks = []
    for n, p in enumerate(passages, start=1):
        facts = " — ".join(x for x in (p.title.strip(), p.source.strip()) if x)
        if p.published and p.dated:
            facts = f"{facts}, {p.published.isoformat()}" if facts else p.published.isoformat()
        blocks.append(delimit_passage(n, facts, " ".join(p.text.split())))
    return "\n\n".join(blocks)


def _count_messages(messages: Sequence[BaseMessage]) -> int:
    from briefing.text.tokens import count_tokens

    # about 4 tokens of chat-template framing per message
    return sum(count_tokens(str(m.content)) + 4 for m in messages)


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
                 history_turns: int = 6, base_url: str | None = None, secrets: Sequence[str | None] = (),
                 context_tokens: int | None = None, max_tokens: int = 400):
        self.chat_model = chat_model
        self.model_name = model_name or _model_name(chat_model)
        self.similarity = similarity
        self.threshold = threshold
        self.unsupported = unsupported
        self.history_turns = history_turns
        self._base_url = base_url
        self._secrets = tuple(secrets)
        self.context_tokens = context_tokens
        self.max_tokens = max_tokens

    def fit(self, question: str, passages: Sequence[Passage], *, language: str,
            history: Sequence[Turn] = ()) -> tuple[list[BaseMessage], list[Passage]]:
        """The messages, with trailing passages left out until prompt and reply fit the context window.

        tiktoken's count is not the model's own tokenizer: a sixth of the window stays free for the
        difference (small local models split non-English text into more pieces).
        """
        from briefing.briefs.budget import context_window

        window = self.context_tokens or context_window(self.model_name)
        room = int(window * 0.83) - self.max_tokens
        passages = list(passages)
        while True:
            messages = self.messages(question, passages, language=language, history=history)
            used = _count_messages(messages)
            if used <= room or len(passages) <= 1:
                return messages, passages
            passages = passages[:-1]

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
        messages, passages = self.fit(question, passages, language=language, history=history)
        prompt_tokens = _count_messages(messages)
        filtered = SentinelFilter()
        checked = CheckedStream(self, passages, language, question)
        first: float | None = None
        try:
            for chunk in self.chat_model.stream(messages):
                visible = filtered.feed(_delta_text(chunk))
                if visible:
                    first = first or time.perf_counter()
                    shown = checked.feed(visible)
                    if shown:
                        yield shown
        except Exception as exc:  # provider errors carry URLs and key fragments: re-raise them cleaned
            raise explain(exc, model=self.model_name, base_url=self._base_url, secrets=self._secrets) from None
        rest = checked.flush(filtered.text.replace(SENTINEL, ""))
        if rest:
            yield rest
        generated = time.perf_counter()
        timings = {"generate": round(generated - started, 4)}
        if first is not None:
            timings["first_token"] = round(first - started, 4)
        final = self.finish(question, passages, filtered.text, language=language, coverage=coverage,
                            timings=timings, started=generated)
        from briefing.text.tokens import count_tokens

        final.tokens = {"prompt": prompt_tokens, "output": count_tokens(filtered.text), "passages": len(passages)}
        yield final

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
            unverified_label=phrase("unverified", language), claim_language=language, question=question,
        )
        timings = {**(timings or {}), "check": round(time.perf_counter() - started, 4)}
        # the model leads with the claim that answers (the prompt asks it to): when that claim fails,
        # what is left would answer another question, so the answer counts as unverified
        lead_failed = bool(check.claims) and not check.claims[0].supported
        if not check.verified or lead_failed:
            # an answer the passages do not bear out is not shown; say so rather than "not in the articles"
            message = phrase("unverifiable", language) if text and not said_absent else None
            answer = self._abstain(question, language, coverage, passages, flagged=check.flagged, timings=timings,
                                   message=message)
            answer.notice = message or ""
            answer.model_text = raw
            return answer
        return Answer(question=question, answer=check.text, language=language, mode="llm", model=self.model_name,
                      citations=check.citations, flagged=check.flagged, passages=list(passages), timings=timings,
                      answered_by="model", model_text=raw)

    def _abstain(self, question: str, language: str, coverage: str, passages: list[Passage], *,
                 flagged: list[str], timings: dict[str, float] | None = None, message: str | None = None) -> Answer:
        return Answer(question=question, answer=message or abstention(language, coverage), language=language,
                      mode="llm", model=self.model_name, abstained=True, flagged=flagged, passages=passages,
                      timings=timings or {}, answered_by="none")


class CheckedStream:
    """Streams only checked text: each sentence is shown once complete and checked, never before.

    The check of a prefix of the answer is a prefix of the check of the whole (claims are checked
    sentence by sentence, markers renumbered in order of first use), so what is shown while the
    model writes is what the final answer says, markers included; unsupported claims never appear.
    """

    def __init__(self, answerer: LLMAnswerer, passages: Sequence[Passage], language: str, question: str = ""):
        self.answerer = answerer
        self.question = question
        self.passages = list(passages)
        self.language = language
        self.text = ""
        self.sent = ""

    def feed(self, delta: str) -> str:
        from briefing.text.sentences import split_sentences

        self.text += delta
        sentences = split_sentences(self.text)
        if len(sentences) < 2:
            return ""
        return self._show(self.text[:sentences[-1].start])  # the last sentence may still grow

    def flush(self, text: str) -> str:
        """The rest, once the model has finished."""
        return self._show(text.strip()) if text.strip() else ""

    def _show(self, complete: str) -> str:
        check = check_citations(complete, self.passages, similarity=self.answerer.similarity,
                                threshold=self.answerer.threshold, unsupported=self.answerer.unsupported,
                                unverified_label=phrase("unverified", self.language),
                                claim_language=self.language, question=self.question)
        if not check.verified or not check.claims[0].supported:
            return ""  # nothing is shown before the claim that answers has checked out
        shown = check.text
        if not shown.startswith(self.sent) or len(shown) <= len(self.sent):
            return ""
        out = shown[len(self.sent):]
        if self.sent and not out[:1].isspace():
            out = " " + out
        self.sent = shown
        return out

"""LLM story writing, map-reduce within a token budget, under the citation contract.

A story whose passages fit the budget is written in one call. A larger one is mapped: each batch
of passages yields cited notes, the notes are checked and turned into quote-sized passages (still
pointing at their stored chunks), and the reduce call writes the story from those. Every marker of
the result is checked with `briefing.citations.check_citations`; unsupported claims are dropped and
listed in `flagged`. A story left with no supported claim falls back to the extractive summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.briefs.budget import context_window, estimate_cost, input_budget, tokens
from briefing.briefs.drafts import StoryDraft
from briefing.briefs.extractive import WrittenStory, pick_headline, shorten, write_extractive
from briefing.llm.prompts import delimit_passage
from briefing.models import Article, Citation, Passage

LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
                  "ar": "Arabic", "zh": "Chinese", "ja": "Japanese", "tr": "Turkish", "fa": "Persian"}
_HEADLINE = re.compile(r"^\s*\**HEADLINE\**\s*:\s*(.+?)\s*$", re.I | re.M)
_SUMMARY = re.compile(r"^\s*\**SUMMARY\**\s*:\s*(.+)\Z", re.I | re.M | re.S)


def format_passages(passages: Sequence[Passage]) -> str:
    blocks = []
    for n, p in enumerate(passages, 1):
        date = p.published.isoformat() if p.published and p.dated else "undated"
        blocks.append(delimit_passage(n, f"({' '.join(p.title.split())[:120]} — {p.source}, {date})", p.text.strip()))
    return "\n\n".join(blocks)


def _size(p: Passage) -> int:
    """Tokens the passage takes in a prompt, its [n] (title — source, date) line included."""
    return tokens(format_passages([p])) + 2


def parse_story(reply: str) -> tuple[str, str]:
    """(headline, summary) from a reply in the HEADLINE:/SUMMARY: form; tolerant of markdown bold."""
    h = _HEADLINE.search(reply)
    s = _SUMMARY.search(reply)
    headline = h.group(1).strip().strip("*#\"“”") if h else ""
    summary = " ".join(s.group(1).split()) if s else ""
    if not summary and not h:
        summary = " ".join(reply.split())  # a model that ignored the form: its text is still checked
    return headline, summary


class LLMStoryWriter:
    def __init__(self, chat_model, *, model_name: str | None = None, output_tokens: int = 400,
                 cap: int = 6_000, max_notes: int = 6, sentences: int = 3, similarity=None):
        from briefing.llm import load_prompt, model_name as name_of

        self.chat_model = chat_model
        self.model_name = model_name or name_of(chat_model)
        self.output_tokens = output_tokens
        self.cap = cap
        self.max_notes = max_notes
        self.sentences = sentences
        self.similarity = similarity
        self.story_prompt = load_prompt("brief_story")
        self.notes_prompt = load_prompt("brief_notes")
        self.usage: dict[str, float] = {"calls": 0, "input_tokens": 0, "output_tokens": 0}

    # -- planning ------------------------------------------------------------------------------
    def passages_for(self, articles: Sequence[Article], source, repeated: frozenset[str] = frozenset()) -> list[Passage]:
        out = []
        for a in articles:
            for c in source.chunks(a):
                if " ".join(c.text.split()) in repeated:
                    continue
                out.append(Passage(chunk_id=c.chunk_id, article_id=a.id, text=c.text, start=c.start, end=c.end,
                                   title=a.title, source=a.source, published=a.published, url=a.url,
                                   language=a.language, dated=a.published_from != "ingest"))
        return out

    def _budget(self, template: str) -> int:
        return input_budget(self.model_name, prompt_tokens=tokens(template), output_tokens=self.output_tokens,
                            cap=self.cap)

    def _batches(self, passages: list[Passage], budget: int) -> list[list[Passage]]:
        batches: list[list[Passage]] = [[]]
        used = 0
        for p in passages:
            size = _size(p)
            if size > budget:
                continue  # a single chunk larger than a call allows cannot be sent whole
            if used + size > budget and batches[-1]:
                batches.append([])
                used = 0
            batches[-1].append(p)
            used += size
        return [b for b in batches if b]

    def estimate(self, drafts: Sequence[StoryDraft], source, repeated: frozenset[str] = frozenset()) -> dict:
        """Calls, input and output tokens and a cost estimate for writing `drafts`, before any call."""
        calls = input_tokens = 0
        budget = self._budget(self.story_prompt)
        for d in drafts:
            passages = self.passages_for(d.articles, source, repeated)
            size = sum(_size(p) for p in passages)
            prompt = tokens(self.story_prompt)
            if size <= budget:
                calls += 1
                input_tokens += prompt + size
            else:
                batches = self._batches(passages, self._budget(self.notes_prompt))
                calls += len(batches) + 1
                input_tokens += sum(tokens(self.notes_prompt) + sum(_size(p) for p in b) for b in batches)
                input_tokens += prompt + 60 * self.max_notes * min(len(batches), 4)
        output_tokens = calls * self.output_tokens
        return {"model": self.model_name, "calls": calls, "input_tokens": input_tokens,
                "output_tokens_max": output_tokens, "cost_usd_max": estimate_cost(self.model_name, input_tokens, output_tokens)}

    # -- writing -------------------------------------------------------------------------------
    def _call(self, prompt: str) -> str:
        from briefing.llm import explain

        self.usage["calls"] += 1
        self.usage["input_tokens"] += tokens(prompt)
        try:
            reply = self.chat_model.invoke(prompt)
        except Exception as exc:
            raise explain(exc, model=self.model_name) from exc
        text = reply.content if isinstance(reply.content, str) else " ".join(
            part.get("text", "") if isinstance(part, dict) else str(part) for part in reply.content)
        self.usage["output_tokens"] += tokens(text)
        return text

    def _check(self, text: str, passages: Sequence[Passage], language: str):
        from briefing.citations import check_citations

        return check_citations(text, passages, similarity=self.similarity, unsupported="drop",
                               flag_uncited=True, claim_language=language)

    def _notes(self, batch: list[Passage], language: str) -> tuple[list[Passage], list[str]]:
        """Map step: cited notes on one batch, checked, as quote-sized passages for the reduce step."""
        from briefing.llm import render_prompt

        prompt = render_prompt(self.notes_prompt, language_name=LANGUAGE_NAMES.get(language, language),
                               max_notes=self.max_notes, passages=format_passages(batch))
        check = self._check(self._call(prompt), batch, language)
        by_chunk = {p.chunk_id: p for p in batch}
        quotes = []
        for c in check.verified:
            p = by_chunk[c.chunk_id]
            quotes.append(p.model_copy(update={"text": c.quote, "start": c.start, "end": c.end}))
        return quotes, check.flagged

    def write(self, draft: StoryDraft, fresh: Sequence[Article], source, *, language: str, previous=None,
              repeated: frozenset[str] = frozenset()) -> WrittenStory:
        from briefing.llm import render_prompt

        passages = self.passages_for(fresh, source, repeated)
        flagged: list[str] = []
        if previous is not None and previous.quotes:
            said = "\n".join(f"- {shorten(q, 300)}" for q in previous.quotes[:6])
            prev_block = f"Already reported in the briefing of {previous.until} (do not repeat it):\n{said}\n\n"
            prev_rule = "Tell only what is new compared with what was already reported."
        else:
            prev_block, prev_rule = "", "Lead with the most important fact."
        budget = self._budget(self.story_prompt + prev_block)
        if sum(_size(p) for p in passages) > budget:
            reduced: list[Passage] = []
            for batch in self._batches(passages, self._budget(self.notes_prompt)):
                quotes, notes_flagged = self._notes(batch, language)
                reduced.extend(quotes)
                flagged.extend(notes_flagged)
            passages = self._batches(reduced, budget)[0] if reduced else []
        written = None
        if passages:
            prompt = render_prompt(self.story_prompt, language_name=LANGUAGE_NAMES.get(language, language),
                                   previous=prev_block, previous_rule=prev_rule, passages=format_passages(passages))
            # the estimate per passage is close, not exact: never send more than the model can read
            while len(passages) > 1 and tokens(prompt) + self.output_tokens > context_window(self.model_name):
                passages = passages[:-1]
                prompt = render_prompt(self.story_prompt, language_name=LANGUAGE_NAMES.get(language, language),
                                       previous=prev_block, previous_rule=prev_rule, passages=format_passages(passages))
            headline, summary = parse_story(self._call(prompt))
            check = self._check(summary, passages, language)
            flagged.extend(check.flagged)
            citations = [c for c in check.citations if c.verified]
            if citations:
                text = _renumber(check.text, citations)
                written = WrittenStory(headline=shorten(headline or pick_headline(draft, language, repeated=repeated)),
                                       summary=text, citations=[c.model_copy(update={"n": i}) for i, c in
                                                                enumerate(sorted(citations, key=lambda c: c.n), 1)],
                                       flagged=flagged)
        if written is None:
            flagged.append("the model's summary kept no supported claim: the extractive summary is shown instead")
            written = write_extractive(draft, source.candidates(fresh, skip=repeated), language=language,
                                       sentences=self.sentences, repeated=repeated)
            written.flagged = flagged
        return written


def _renumber(text: str, citations: list[Citation]) -> str:
    """Markers as 1..k in the order of the kept citations (the check numbers densely already;
    this guards the invariant and drops any label the check left, e.g. "[unverified]")."""
    from briefing.text.sentences import split_sentences

    order = {c.n: i for i, c in enumerate(sorted(citations, key=lambda c: c.n), 1)}
    # an uncited factual sentence is labelled by the check (and listed in its flags): it goes
    text = " ".join(s.text for s in split_sentences(text) if "[unverified]" not in s.text)
    return re.sub(r"\[(\d+)\]", lambda m: f"[{order[int(m.group(1))]}]" if int(m.group(1)) in order else "", text).strip()

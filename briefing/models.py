"""The types that flow through briefing: Article → Chunk → Passage → Answer."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import BaseModel, Field

from briefing.question.models import TimeScope

DateOrigin = Literal["metadata", "text", "filename", "ingest"]
Mode = Literal["llm", "extractive"]


def stable_hash(*parts: str, length: int = 16) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


class Article(BaseModel):
    """One news item, cleaned: the unit of identity, dedupe and deletion."""

    id: str
    title: str
    text: str
    published: dt.date
    published_from: DateOrigin = "metadata"
    source: str
    url: str | None = None
    language: str = "und"
    origin: str = ""  # the file path or URL it was loaded from
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of what is embedded: a changed hash means the chunks must be replaced."""
        return stable_hash(self.title, self.text, self.published.isoformat(), self.language)


class Chunk(BaseModel):
    """A token-bounded, sentence-aligned slice of an article, with offsets into article.text."""

    id: str
    article_id: str
    index: int
    text: str
    token_count: int
    start: int
    end: int


class Passage(BaseModel):
    """A retrieved chunk with its article's facts and how it was ranked."""

    chunk_id: str
    article_id: str
    index: int = 0
    text: str
    start: int = 0
    end: int = 0
    title: str = ""
    source: str = ""
    published: dt.date | None = None
    # False when `published` is only the day the article was stored: no date to show or to cite
    dated: bool = True
    url: str | None = None
    language: str = "und"
    score: float = 0.0
    dense: float | None = None  # cosine similarity to the query
    lexical: float | None = None  # BM25 score


class Filters(BaseModel):
    """What retrieval may draw from. Empty means everything."""

    since: dt.date | None = None
    until: dt.date | None = None
    sources: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.since or self.until or self.sources or self.languages or self.article_ids)


class Citation(BaseModel):
    """A [n] marker resolved to the exact quote in a passage that was given."""

    n: int
    article_id: str
    title: str
    source: str
    published: dt.date | None
    url: str | None
    chunk_id: str
    quote: str
    start: int  # character offsets of the quote in the article text
    end: int
    verified: bool = True


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class Answer(BaseModel):
    question: str
    answer: str
    language: str
    mode: Mode
    model: str
    abstained: bool = False
    citations: list[Citation] = Field(default_factory=list)
    flagged: list[str] = Field(default_factory=list)  # claims whose citation did not check out
    search_query: str = ""  # the question as rewritten for retrieval
    # which path wrote what is shown: model | extractive | extractive-fallback (the model failed or
    # could not be verified) | none (abstained); `notice` says why a fallback happened
    answered_by: str = ""
    notice: str = ""
    model_text: str | None = Field(default=None, exclude=True)  # the model's own text, before the check
    kind: str = ""  # what the question asks for (briefing.question.models.Kind)
    scope: TimeScope | None = None  # the period read from the question, when it names one
    passages: list[Passage] = Field(default_factory=list, exclude=True)
    timings: dict[str, float] = Field(default_factory=dict)
    # a model's answer: tiktoken counts of its prompt and its text, and how many passages the prompt held
    tokens: dict[str, int] = Field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"passages"})


class IngestItem(BaseModel):
    """What happened to one input item during ingest."""

    status: Literal["added", "unchanged", "replaced", "skipped", "duplicate"]
    origin: str
    article_id: str | None = None
    title: str | None = None
    reason: str | None = None
    chunks: int = 0


class IngestReport(BaseModel):
    items: list[IngestItem] = Field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("added", "unchanged", "replaced", "duplicate", "skipped")}

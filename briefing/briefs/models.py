"""The types of a briefing: stories with cited summaries, the top list, what was left out."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from briefing.models import Citation, Mode


class PreviousMention(BaseModel):
    """Where a story last appeared: the earlier briefing and the story's id there."""

    briefing_id: str
    story_id: str
    until: dt.date
    headline: str


class Story(BaseModel):
    id: str
    headline: str
    summary: str  # sentences ending in [n] markers that index `citations`
    citations: list[Citation] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    articles: int = 0  # how many articles cover it
    sources: int = 0  # how many distinct sources
    article_ids: list[str] = Field(default_factory=list)
    source_names: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    first_seen: dt.date
    last_seen: dt.date
    status: Literal["new", "developing"] = "new"
    previous: PreviousMention | None = None
    changes: str = ""  # what is new since `previous`, for developing stories
    score: float = 0.0
    flagged: list[str] = Field(default_factory=list)  # claims dropped because their citation failed
    centroid: list[float] = Field(default_factory=list, exclude=True)  # kept in the archive for continuity


class TopItem(BaseModel):
    story_id: str
    headline: str
    articles: int
    sources: int
    status: Literal["new", "developing"]


class LeftOut(BaseModel):
    story_id: str
    headline: str
    articles: int
    sources: int
    reason: str


class Briefing(BaseModel):
    id: str
    since: dt.date
    until: dt.date
    language: str
    mode: Mode
    model: str = ""
    created: dt.datetime
    filters: dict[str, Any] = Field(default_factory=dict)
    top: list[TopItem] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(default_factory=list)
    articles: int = 0
    note: str = ""  # said instead of stories when the period holds no news
    nearest: list[dt.date] = Field(default_factory=list)  # closest days that have news, when empty
    timings: dict[str, float] = Field(default_factory=dict)
    usage: dict[str, Any] = Field(default_factory=dict)  # token estimate and counts of an LLM run

    def all_citations(self) -> list[Citation]:
        return [c for s in self.stories for c in s.citations]

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_archive_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        for story, stored in zip(self.stories, data["stories"]):
            stored["centroid"] = [round(x, 4) for x in story.centroid]
        return data

"""Types of the actors part: what one article yields, and the resolved actors and their profiles."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from briefing.models import Citation

ActorType = Literal["person", "org", "place"]
ACTOR_TYPES: tuple[str, ...] = ("person", "org", "place")


class RawEntity(BaseModel):
    """A span as the NER pipeline tagged it, before any filtering."""

    text: str
    label: str
    start: int
    end: int


class Mention(BaseModel):
    """One accepted mention of an actor in an article; offsets cover the name without its title."""

    start: int
    end: int
    surface: str
    type: ActorType
    label: str = ""
    role: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0


class Statement(BaseModel):
    """Something an actor said: a quotation attributed to them, or reported speech."""

    speaker: int  # start offset of the speaker's mention
    text: str  # the words attributed (inside the quotation marks when there are any)
    start: int  # the span to cite: the quotation and its attribution
    end: int


class MeetingRecord(BaseModel):
    """A sentence telling that actors met: who (mention offsets), where, when."""

    participants: list[int]
    places: list[int] = Field(default_factory=list)
    when: str | None = None
    start: int
    end: int


class ArticleActors(BaseModel):
    """Everything extracted from one article's text."""

    article_id: str
    language: str
    mentions: list[Mention] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    meetings: list[MeetingRecord] = Field(default_factory=list)
    rejected: list[str] = Field(default_factory=list)  # spans the junk filter dropped, for inspection


class Actor(BaseModel):
    """One identity across spellings, titles and languages."""

    id: str
    name: str
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    mentions: int = 0
    articles: int = 0
    first: dt.date | None = None
    last: dt.date | None = None


class ActorRank(BaseModel):
    actor: Actor
    mentions: int
    articles: int
    first_half: int  # mentions in the first half of the period
    second_half: int
    trend: Literal["new", "up", "down", "steady"]
    by_day: dict[str, int] = Field(default_factory=dict)


class CoActor(BaseModel):
    id: str
    name: str
    type: ActorType
    articles: int


class ActorArticle(BaseModel):
    article_id: str
    title: str
    source: str
    published: dt.date | None
    url: str | None
    mentions: int


class Quote(BaseModel):
    text: str
    citation: Citation


class Meeting(BaseModel):
    with_: list[CoActor] = Field(default_factory=list, alias="with")
    where: list[str] = Field(default_factory=list)
    when: str | None = None
    date: dt.date | None = None  # the article's date; `when` is the text's own words
    citation: Citation

    model_config = {"populate_by_name": True}


class ActorProfile(BaseModel):
    id: str
    name: str
    type: ActorType
    aliases: list[str]
    role: str | None
    roles: list[str] = Field(default_factory=list)
    mentions: int
    articles: list[ActorArticle]
    timeline: dict[str, int]  # ISO date → mentions
    co_actors: list[CoActor]
    quotes: list[Quote]
    meetings: list[Meeting]
    summary: str
    citations: list[Citation]

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

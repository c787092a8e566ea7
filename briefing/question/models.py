"""What a question asks, read before any retrieval: language, time scope, actors, kind."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal["what_happened", "who_is", "who", "when", "where", "how_many", "what_said", "other"]
Granularity = Literal["day", "week", "month", "year", "since", "range"]


class TimeScope(BaseModel):
    """The period a question names, as dates, and how it was read."""

    since: dt.date
    until: dt.date
    wording: str  # the words it was read from ("on 21 February 2011", "hier")
    granularity: Granularity
    relative: bool = False  # read against `reference` ("yesterday", "in June")
    reference: dt.date | None = None  # the newest stored article's date, when relative
    applied: bool = True  # False when dates chosen in the filters were used instead

    @property
    def label(self) -> str:
        if self.since == self.until:
            return self.since.isoformat()
        return f"{self.since.isoformat()} … {self.until.isoformat()}"


class QuestionActor(BaseModel):
    """An actor of the actor index the question names."""

    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)


class Understanding(BaseModel):
    question: str
    language: str
    kind: Kind
    scope: TimeScope | None = None
    actors: list[QuestionActor] = Field(default_factory=list)
    topic: str = ""  # the question without its date wording: what retrieval looks for
    subject: str = ""  # for "who is X": X as typed
    problem: str | None = None  # why the question cannot be answered as asked (an impossible date)
    impossible: str = ""  # that date as written ("31 February"), and its month's length
    month_days: int = 0

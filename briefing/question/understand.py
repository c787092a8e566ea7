"""understand(question): one typed reading of a question, before retrieval. Pure: the actor
index comes in as a function, the newest article's date as a value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from briefing.question.kind import question_kind
from briefing.question.models import QuestionActor, Understanding
from briefing.question.scope import ImpossibleDate, read_scope
from briefing.text.language import detect_language

FindActors = Callable[[str], Sequence]  # text -> actors (objects with id, name, type, aliases)


def understand(question: str, *, reference: dt.date | None = None, find_actors: FindActors | None = None,
               language: str | None = None) -> Understanding:
    question = " ".join(question.split())
    lang = language or detect_language(question, default="en")
    kind, subject = question_kind(question)
    problem, impossible, days = None, "", 0
    try:
        scope, topic = read_scope(question, lang, reference)
    except ImpossibleDate as exc:
        scope, topic, problem, impossible, days = None, question, str(exc), exc.wording, exc.days
    actors: list[QuestionActor] = []
    if find_actors is not None:
        for a in find_actors(topic or question):
            actors.append(QuestionActor(id=a.id, name=a.name, type=a.type, aliases=list(getattr(a, "aliases", []))))
    return Understanding(question=question, language=lang, kind=kind, scope=scope, actors=actors,
                         topic=topic or question, subject=subject, problem=problem,
                         impossible=impossible, month_days=days)

"""Reading a news question before retrieval: language, time scope, actors and kind."""

from briefing.question.models import Kind, QuestionActor, TimeScope, Understanding
from briefing.question.understand import understand

__all__ = ["Kind", "QuestionActor", "TimeScope", "Understanding", "understand"]

"""What one browser session keeps: the conversation and the filters chosen in the sidebar."""

from __future__ import annotations

from typing import Any

import streamlit as st

from briefing.models import Answer, Filters, Turn

CONVERSATION = "conversation"
FILTERS = "filters"
PENDING_QUESTION = "pending_question"


def conversation() -> list[dict[str, Any]]:
    """Entries: {"role": "user", "content"}, {"role": "assistant", "answer", "contexts"} or {"role": "assistant", "error"}."""
    return st.session_state.setdefault(CONVERSATION, [])


def new_conversation() -> None:
    st.session_state[CONVERSATION] = []
    st.session_state.pop(PENDING_QUESTION, None)


def history() -> list[Turn]:
    """The conversation so far as turns for follow-ups; failed answers are left out."""
    turns: list[Turn] = []
    for entry in conversation():
        if entry["role"] == "user":
            turns.append(Turn(role="user", content=entry["content"]))
        elif isinstance(entry.get("answer"), Answer):
            turns.append(Turn(role="assistant", content=entry["answer"].answer))
    return turns


def current_filters() -> Filters:
    """The sidebar's filters; pages read them from here so every page retrieves the same way."""
    value = st.session_state.get(FILTERS)
    return value if isinstance(value, Filters) else Filters()


def set_filters(filters: Filters) -> None:
    st.session_state[FILTERS] = filters

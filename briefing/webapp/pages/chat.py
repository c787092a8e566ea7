"""Chat with the news: streamed answers, each claim tied to a numbered, quoted source."""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from briefing.models import Answer
from briefing.webapp import session
from briefing.webapp.answer_view import collect_contexts, render_answer
from briefing.webapp.friendly_errors import friendly_message
from briefing.webapp.safe_markdown import escape, stream_delta
from briefing.webapp.suggestions import suggest_questions

log = logging.getLogger(__name__)


def render(service: Any) -> None:
    head, button = st.columns([5, 2], vertical_alignment="center")
    head.title("Chat with the news")
    conversation = session.conversation()
    if button.button("New conversation", icon=":material/add_comment:",
                     width="stretch"):
        session.new_conversation()
        st.rerun()

    stats = _stats(service)
    empty_store = stats is not None and not stats.get("articles")
    if empty_store:
        st.info("The library is empty. Add articles on the **Library** page (or with `briefing ingest`), "
                "then ask about them here.", icon=":material/library_add:")

    unscoped = None
    for i, entry in enumerate(conversation):
        unscoped = _render_entry(entry, i) or unscoped

    question = st.chat_input("Ask about the news… e.g. Who met in Riyadh?", disabled=empty_store,
                             key="chat_question")
    suggestions = st.empty()
    if not conversation and not question and not empty_store:
        with suggestions.container():
            picked = _suggestions(service)
            if picked:
                question = picked
    if question:
        suggestions.empty()
        _ask(service, question)
    elif unscoped:
        _ask(service, unscoped, read_dates=False)


def _stats(service: Any) -> dict | None:
    try:
        return service.sources()
    except Exception as exc:
        log.exception("could not read store statistics")
        st.error(friendly_message(exc, doing="read the library"), icon=":material/error:")
        return None


def _render_entry(entry: dict, index: int) -> str | None:
    """Draws one entry; returns its question when "Ask without these dates" was clicked on it."""
    with st.chat_message(entry["role"]):
        if entry["role"] == "user":
            st.markdown(escape(entry["content"]))
        elif "error" in entry:
            st.error(entry["error"], icon=":material/error:")
        else:
            render_answer(entry["answer"], entry.get("contexts"))
            return _scope_chip(entry["answer"], index)
    return None


def _scope_chip(answer: Answer, index: int) -> str | None:
    """The dates read from the question, with one click to ask again without them."""
    scope = answer.scope
    if scope is None or not scope.applied:
        return None
    if st.button(f"{scope.label} ✕ Ask without these dates", key=f"unscope_{index}", icon=":material/event_busy:",
                 help=f"Dates read from “{scope.wording}”: ask the same question over all stored articles"):
        return answer.question
    return None


@st.cache_data(ttl=300, show_spinner=False, max_entries=16)
def _suggested_questions(revision: str, _service: Any) -> list[str]:
    articles = _service.articles()
    actors = _top_actors(_service)
    return suggest_questions(articles, actors=actors)


def _top_actors(service: Any) -> list[str]:
    """The most mentioned actors when the actors index runs with the service; else none."""
    # it knows people, places and organisations better than the capitalised-name heuristic
    for hook in getattr(service, "hooks", []):
        rank = getattr(hook, "rank", None)
        if rank is None or type(hook).__name__ != "ActorIndex":
            continue
        try:
            return [r.actor.name for r in rank(limit=4)]
        except Exception:
            log.exception("top actors unavailable; suggesting from names in the articles")
    return []


def _suggestions(service: Any) -> str | None:
    try:
        stats = service.sources()
        revision = f"{id(service)}:{stats.get('articles')}:{stats.get('chunks')}:{stats.get('last')}"
        questions = _suggested_questions(revision, service)
    except Exception:
        log.exception("could not build suggested questions")
        return None
    if not questions:
        return None
    st.markdown("**Try asking**")
    picked = None
    for i, q in enumerate(questions):
        if st.button(escape(q), key=f"suggestion_{i}", icon=":material/chat_bubble_outline:"):
            picked = q
    return picked


def _ask(service: Any, question: str, *, read_dates: bool = True) -> None:
    conversation = session.conversation()
    history = session.history()
    filters = session.current_filters()
    with st.chat_message("user"):
        st.markdown(escape(question))
    conversation.append({"role": "user", "content": question})
    with st.chat_message("assistant"):
        slot = st.empty()
        final: list[Answer] = []

        def deltas():
            # only a re-ask passes the flag: other services keep the three-argument contract
            parts = (service.ask_stream(question, history, filters) if read_dates
                     else service.ask_stream(question, history, filters, read_dates=False))
            for part in parts:
                if isinstance(part, Answer):
                    final.append(part)
                elif part:
                    yield stream_delta(part)

        try:
            with slot.container():
                st.write_stream(deltas(), cursor="▌")
            if not final:
                raise RuntimeError("the answerer finished without an answer")
        except Exception as exc:
            log.exception("answering failed")
            message = friendly_message(exc, doing="answer")
            slot.error(message, icon=":material/error:")
            conversation.append({"role": "assistant", "error": message})
            return
        answer = final[-1]
        contexts = collect_contexts(answer, service)
        with slot.container():
            render_answer(answer, contexts)
            _scope_chip(answer, len(conversation))
    conversation.append({"role": "assistant", "answer": answer, "contexts": contexts})

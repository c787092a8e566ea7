"""The sidebar: retrieval filters, which answerer is active, and what the store holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from briefing.models import Filters
from briefing.webapp.safe_markdown import escape_inline
from briefing.webapp.session import set_filters

ENABLE_MODEL_HINT = "To have a model write answers, set OPENAI_API_KEY or BRIEFING_OPENAI_BASE_URL and restart."


def _keep_known(key: str, options: list[str]) -> list[str]:
    # a source deleted since it was picked would make the widget's stored value invalid
    chosen = [v for v in st.session_state.get(key, []) if v in options]
    st.session_state[key] = chosen
    return chosen


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def render_filters(stats: dict[str, Any]) -> Filters:
    st.sidebar.subheader("Filters")
    sources = [s["source"] for s in stats.get("sources", [])]
    languages = list(stats.get("languages", {}))
    _keep_known("filter_sources", sources)
    _keep_known("filter_languages", languages)
    picked_sources = st.sidebar.multiselect("Sources", sources, key="filter_sources", placeholder="All sources")
    picked_languages = st.sidebar.multiselect("Languages", languages, key="filter_languages", placeholder="All languages")
    since = until = None
    first, last = _as_date(stats.get("first")), _as_date(stats.get("last"))
    if st.sidebar.toggle("Limit dates", key="filter_dates_on", disabled=first is None):
        default = (first, last) if first and last else ()
        picked = st.sidebar.date_input("Published between", value=default, key="filter_dates", format="YYYY-MM-DD")
        if isinstance(picked, (tuple, list)):
            since = picked[0] if len(picked) > 0 else None
            until = picked[1] if len(picked) > 1 else None
        elif isinstance(picked, dt.date):
            since = picked
    filters = Filters(since=since, until=until, sources=picked_sources, languages=picked_languages)
    set_filters(filters)
    return filters


def render_mode(service: Any, stats: dict[str, Any]) -> None:
    mode = stats.get("mode") or getattr(service, "mode", None) or service.settings.generation_mode()
    model = stats.get("model") or getattr(service, "model_name", None) or service.settings.chat_model
    st.sidebar.subheader("Answers")
    if mode == "extractive":
        st.sidebar.markdown("**extractive, offline** — quotes the best supporting sentences.")
        st.sidebar.caption(ENABLE_MODEL_HINT)
    else:
        st.sidebar.markdown(f"written by **{escape_inline(str(model))}** ({escape_inline(str(mode))})")


def render_stats(stats: dict[str, Any]) -> None:
    st.sidebar.subheader("Library")
    n = stats.get("articles", 0)
    if not n:
        st.sidebar.caption("No articles yet: add some on the Library page.")
        return
    first, last = _as_date(stats.get("first")), _as_date(stats.get("last"))
    span = f" · {first:%Y-%m-%d} → {last:%Y-%m-%d}" if first and last else ""
    chunks = stats.get("chunks", 0)
    st.sidebar.markdown(f"**{n}** article{'s' if n != 1 else ''} · **{chunks}** passage{'s' if chunks != 1 else ''}{span}")
    lines = []
    for s in stats.get("sources", [])[:8]:
        lines.append(f"- {escape_inline(str(s['source']))}: {s['articles']}")
    more = len(stats.get("sources", [])) - 8
    if more > 0:
        lines.append(f"- … and {more} more sources")
    st.sidebar.markdown("\n".join(lines))
    languages = ", ".join(f"{escape_inline(str(k))} {v}" for k, v in stats.get("languages", {}).items())
    embedder = stats.get("embedder")
    st.sidebar.caption(f"Languages: {languages}" + (f" · embedder {escape_inline(str(embedder))}" if embedder else ""))

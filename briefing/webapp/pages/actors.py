"""The Actors page: who is in the news; one actor's aliases, role, mentions over time, articles,
co-actors, what they said and whom they met — every line cited. Article text is untrusted: it is
shown with st.text or escaped markdown only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from briefing.webapp.safe_markdown import escape, safe_url

SELECTED = "actors_selected"
_TRENDS = {"up": "↑ rising", "down": "↓ falling", "new": "new", "steady": "→ steady"}


def render(service: Any) -> None:
    from briefing.actors.hook import actor_index_for

    st.title("Actors")
    index = actor_index_for(service)
    if not index.store.count_articles():
        st.info("No actors yet: add articles in the Library; people, organisations and places are extracted as they are stored.")
        return
    kind, since, until = _filters()
    ranking = index.rank(since=since, until=until, type=kind, limit=200)
    if not ranking:
        st.info("No actor matches these filters.")
        return
    st.dataframe(
        [{"actor": r.actor.name, "type": r.actor.type, "role": r.actor.role or "", "mentions": r.mentions,
          "articles": r.articles, "trend": _TRENDS[r.trend]} for r in ranking],
        hide_index=True, use_container_width=True,
    )
    labels = {f"{r.actor.name} ({r.actor.type})": r.actor.id for r in ranking}
    current = st.session_state.get(SELECTED)
    options = list(labels)
    default = next((i for i, label in enumerate(options) if labels[label] == current), 0)
    choice = st.selectbox("Actor", options, index=default)
    st.session_state[SELECTED] = labels[choice]
    st.divider()
    _profile(index, labels[choice])


def _filters():
    c1, c2, c3 = st.columns(3)
    kind = c1.selectbox("Type", ["all", "person", "org", "place"], index=0)
    since = c2.date_input("Since", value=None)
    until = c3.date_input("Until", value=None)
    return (None if kind == "all" else kind), _as_date(since), _as_date(until)


def _as_date(value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _profile(index, actor_id: str) -> None:
    p = index.profile(actor_id)
    st.subheader(p.name)
    st.markdown(escape(f"{p.type}{' — ' + p.role if p.role else ''} · {p.mentions} mentions in {len(p.articles)} articles"))
    st.caption("Also written: " + escape(", ".join(a for a in p.aliases if a != p.name)) if len(p.aliases) > 1 else "")
    if len(p.timeline) > 1:
        st.bar_chart({"mentions": p.timeline})
    else:
        st.text(f"Mentions over time: {p.timeline}")

    st.markdown("**Summary**")
    for line in p.summary.splitlines():
        st.markdown(escape(line))
    _citations(p.citations)

    left, right = st.columns(2)
    with left:
        st.markdown("**Said**")
        if not p.quotes:
            st.caption("No statement attributed in the text.")
        for q in p.quotes:
            st.text(f"« {q.text} »")
            st.caption(escape(f"[{q.citation.n}] {q.citation.title} — {q.citation.source}, {q.citation.published}"))
    with right:
        st.markdown("**Met**")
        if not p.meetings:
            st.caption("No meeting told in the text.")
        for m in p.meetings:
            where = f" in {', '.join(m.where)}" if m.where else ""
            when = f", {m.when}" if m.when else ""
            st.text(f"{', '.join(w.name for w in m.with_)}{where}{when} (article of {m.date})")
            st.caption(escape(f"[{m.citation.n}] {m.citation.title} — {m.citation.source}"))

    st.markdown("**Often with**")
    st.text(", ".join(f"{c.name} ({c.articles})" for c in p.co_actors) or "—")
    st.markdown("**Articles**")
    for a in p.articles:
        url = safe_url(a.url) if a.url else None
        line = escape(f"{a.published} · {a.title} — {a.source} ({a.mentions} mentions)")
        st.markdown(f"{line} [↗]({url})" if url else line)


def _citations(citations) -> None:
    if not citations:
        return
    with st.expander(f"Sources ({len(citations)})"):
        for c in citations:
            st.markdown(escape(f"[{c.n}] {c.title} — {c.source}, {c.published}"))
            st.text(" ".join(c.quote.split()))

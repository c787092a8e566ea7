"""The Briefing page: make a day's (or a period's) briefing, read it with its sources, browse past ones.

Everything shown from articles goes through `safe_markdown` (escaped, inert); exports are files.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import streamlit as st

from briefing.webapp.friendly_errors import friendly_message
from briefing.webapp.safe_markdown import answer_markdown, escape_inline, link

log = logging.getLogger(__name__)
SHOWN = "briefing_shown_id"


def render(service: Any) -> None:
    from briefing.briefs.archive import BriefingArchive

    st.title("Briefing")
    archive = BriefingArchive(service.settings.data_dir / "briefings")
    stats = service.sources()
    if not stats.get("articles"):
        st.info("Nothing stored yet: add articles in the Library, then come back for a briefing.", icon=":material/inbox:")
        return
    made = _controls(service, stats, archive)
    past = archive.list()
    shown_id = made.id if made is not None else st.session_state.get(SHOWN)
    if past:
        labels = {b.id: f"{b.id} · {len(b.stories)} stories" for b in past}
        ids = list(labels)
        index = ids.index(shown_id) if shown_id in ids else 0
        picked = st.selectbox("Past briefings", ids, index=index, format_func=lambda i: labels[i], key="briefing_past")
        shown_id = picked
    st.session_state[SHOWN] = shown_id
    briefing = made if made is not None and made.id == shown_id else (archive.load(shown_id) if shown_id else None)
    if briefing is None:
        st.caption("No briefing yet: pick a day and make one.")
        return
    st.divider()
    _show(briefing)


def _controls(service: Any, stats: dict, archive) -> Any:
    last = _as_date(stats.get("last")) or dt.date.today()
    first = _as_date(stats.get("first")) or last
    with st.form("briefing_form"):
        c1, c2 = st.columns(2)
        day = c1.date_input("Day (or first day)", value=last, min_value=min(first, last), key="briefing_day")
        until = c2.date_input("Last day (for a longer period)", value=None, key="briefing_until")
        c3, c4 = st.columns(2)
        languages = ["auto"] + list(stats.get("languages", {}))
        language = c3.selectbox("Language", languages, key="briefing_lang")
        sources = c4.multiselect("Sources", [s["source"] for s in stats.get("sources", [])], key="briefing_sources")
        actor = st.text_input("Only stories mentioning (optional)", key="briefing_actor", placeholder="e.g. Kadhafi")
        submitted = st.form_submit_button("Make the briefing", type="primary", icon=":material/newspaper:")
    if not submitted:
        return None
    since, end = day, until or day
    if end < since:
        st.error("The last day is before the first day: swap them.", icon=":material/error:")
        return None
    return _make(service, archive, since, end, None if language == "auto" else language, sources,
                 [actor.strip()] if actor.strip() else [])


def _make(service: Any, archive, since: dt.date, until: dt.date, language, sources, actors) -> Any:
    from briefing.briefs.builder import BriefRequest, build_briefing

    writer = _writer(service)
    bar = st.progress(0.0, text="Grouping stories…")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(min(1.0, done / total) if total else 1.0, text=f"Writing story {min(done + 1, total)}/{total}")

    def on_plan(drafts, source, repeated):
        if writer is not None:
            e = writer.estimate(drafts, source, repeated)
            cost = f", at most ${e['cost_usd_max']:.4f}" if e["cost_usd_max"] is not None else ""
            st.caption(f"{escape_inline(e['model'])}: {e['calls']} calls, about {e['input_tokens']:,} input tokens{cost}")

    try:
        briefing = build_briefing(service, BriefRequest(since=since, until=until, language=language, sources=sources,
                                                        actors=actors),
                                  writer=writer, archive=archive, progress=progress, on_plan=on_plan)
    except Exception as exc:
        log.exception("briefing failed")
        bar.empty()
        st.error(friendly_message(exc, doing="make the briefing"), icon=":material/error:")
        return None
    bar.empty()
    return briefing


def _writer(service: Any):
    if service.settings.generation_mode() == "extractive":
        return None
    from briefing.briefs.llm_writer import LLMStoryWriter
    from briefing.citations import embedding_similarity
    from briefing.llm import build_chat_model

    chat = build_chat_model(service.settings)
    if chat is None:
        return None
    return LLMStoryWriter(chat, similarity=embedding_similarity(service.embedder))


def _show(b: Any) -> None:
    from briefing.briefs.export import to_html, to_markdown

    period = b.since.isoformat() if b.since == b.until else f"{b.since} – {b.until}"
    st.subheader(f"Briefing {period}")
    model = f" ({escape_inline(b.model)})" if b.model else ""
    st.caption(f"{b.articles} articles · language {escape_inline(b.language)} · {escape_inline(b.mode)}{model}")
    c1, c2 = st.columns(2)
    c1.download_button("Markdown", to_markdown(b), file_name=f"briefing-{b.id}.md", mime="text/markdown",
                       icon=":material/download:", key=f"md_{b.id}")
    c2.download_button("HTML", to_html(b), file_name=f"briefing-{b.id}.html", mime="text/html",
                       icon=":material/download:", key=f"html_{b.id}")
    if not b.stories:
        st.info(escape_inline(b.note or "No news in this period."), icon=":material/event_busy:")
        return
    if b.note:
        st.caption(escape_inline(b.note))
    st.markdown("**Top of the day**")
    st.markdown("\n".join(f"{i}. {escape_inline(t.headline)}" + (" · *developing*" if t.status == "developing" else "")
                          for i, t in enumerate(b.top, 1)))
    for story in b.stories:
        _story(story)
    if b.left_out:
        with st.expander(f"Left out ({len(b.left_out)})", icon=":material/playlist_remove:"):
            st.markdown("\n".join(f"- {escape_inline(x.headline)} · {x.articles} articles, {x.sources} sources"
                                  for x in b.left_out))


def _story(story: Any) -> None:
    st.markdown(f"#### {escape_inline(story.headline)}")
    span = story.first_seen.isoformat() + (f" – {story.last_seen}" if story.last_seen != story.first_seen else "")
    st.caption(f"{story.articles} articles · {story.sources} sources · {span} · {story.status}")
    if story.actors:
        st.caption("Actors: " + escape_inline(", ".join(story.actors)))
    if story.previous is not None:
        st.markdown(f"*Follows “{escape_inline(story.previous.headline)}” "
                    f"({escape_inline(story.previous.briefing_id)}). {escape_inline(story.changes)}*")
    if story.summary:
        st.markdown(answer_markdown(story.summary))
    if story.citations:
        with st.expander(f"Sources ({len(story.citations)})", icon=":material/format_quote:"):
            for c in story.citations:
                when = c.published.isoformat() if c.published else "undated"
                st.markdown(f":blue-badge[{c.n}] “{escape_inline(c.quote)}”  \n"
                            f"— {link(c.title or c.source, c.url)}, {escape_inline(c.source)}, {when}")
    if story.flagged:
        st.caption(f"{len(story.flagged)} claim(s) dropped: their citation did not check out.")


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None

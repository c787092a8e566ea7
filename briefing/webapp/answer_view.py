"""Drawing an answer: its text with citation badges, then each numbered source with its quote."""

from __future__ import annotations

from typing import Any

import streamlit as st

from briefing.models import Answer, Citation
from briefing.webapp.citation_context import Span, passage_span, surrounding, unique_citations
from briefing.webapp.safe_markdown import answer_markdown, escape, escape_inline, highlight, link, safe_url


def collect_contexts(answer: Answer, service: Any) -> dict[int, Span]:
    """The article window around each cited quote, fetched once when the answer arrives."""
    contexts: dict[int, Span] = {}
    articles: dict[str, Any] = {}
    for c in unique_citations(answer):
        if c.article_id not in articles:
            try:
                articles[c.article_id] = service.get_article(c.article_id)
            except Exception:  # a missing context only hides the expander; the quote still shows
                articles[c.article_id] = None
        article = articles[c.article_id]
        if article is not None:
            contexts[c.n] = surrounding(article.text, c)
    return contexts


def _unverified(answer: Answer) -> set[int]:
    return {c.n for c in answer.citations if not c.verified}


def render_answer(answer: Answer, contexts: dict[int, Span] | None = None) -> None:
    if answer.notice and answer.answered_by in ("extractive-fallback", "none"):
        # the model wrote something that did not check out, or failed: say so before what is shown instead
        st.info(escape_inline(answer.notice), icon="ℹ️")
    st.markdown(answer_markdown(answer.answer, _unverified(answer)))
    if answer.flagged:
        claims = "\n".join(f"- {escape_inline(claim)}" for claim in answer.flagged)
        st.warning("These statements could not be checked against the passages they cite, "
                   "so they are not shown as cited:\n" + claims, icon="⚠️")
    _caption(answer)
    citations = unique_citations(answer)
    if citations:
        st.markdown("**Sources**")
        for c in citations:
            _render_source(answer, c, (contexts or {}).get(c.n))


KIND_LABELS = {"what_happened": "what happened", "who_is": "who is", "who": "who", "when": "when",
               "where": "where", "how_many": "how many", "what_said": "what was said", "other": "question"}


def understood_label(answer: Answer) -> str:
    """The kind and scope an answer was built on, as shown under it."""
    parts = []
    if answer.kind:
        parts.append(f"kind: {KIND_LABELS.get(answer.kind, answer.kind)}")
    if answer.scope is not None:
        s = answer.scope
        note = "" if s.applied else " — not applied, the sidebar dates win"
        parts.append(f"dates: {s.label} (from “{s.wording}”){note}")
    return " · ".join(parts)


def _caption(answer: Answer) -> None:
    if answer.answered_by == "extractive-fallback":
        who = f"extractive answer ({answer.model}'s text could not be verified)"
    elif answer.mode == "extractive":
        who = "extractive answer (offline)"
    else:
        who = f"answered by {answer.model}"
    total = answer.timings.get("total")
    seconds = f" · {total:.1f} s" if isinstance(total, (int, float)) else ""
    understood = understood_label(answer)
    st.caption(escape_inline(who) + seconds + (f" · {escape_inline(understood)}" if understood else ""))


def _render_source(answer: Answer, c: Citation, context: Span | None) -> None:
    verified = c.verified
    with st.container(border=True):
        badge = f":blue-badge[{c.n}]" if verified else f":orange-badge[{c.n} ⚠ unverified]"
        facts = [escape_inline(c.source)] if c.source else []
        if c.published:
            facts.append(c.published.isoformat())
        url_part = f" · {link('open article', c.url)}" if safe_url(c.url) else ""
        st.markdown(f"{badge} **{escape_inline(c.title or 'Untitled')}** — {' · '.join(facts)}{url_part}")
        if not verified:
            st.markdown(":orange[**Not verified:** the quoted words could not be found in the passage this "
                        "source points to. Treat this citation with care.]")
        span = passage_span(answer, c)
        if span.found:
            st.markdown(highlight(span.text, span.start, span.end))
        else:
            st.markdown(f"“{escape(c.quote)}”")
            st.caption("The quote was not found in the retrieved passage.")
        if context is not None:
            with st.expander("Surrounding text"):
                st.markdown(highlight(context.text, context.start, context.end) if context.found else escape(context.text))

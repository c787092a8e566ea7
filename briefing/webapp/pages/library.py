"""The library: add articles (files, web pages, feeds), see what is stored, delete what is not wanted."""

from __future__ import annotations

import logging
import threading
from typing import Any

import streamlit as st

from briefing.models import IngestReport
from briefing.webapp import session
from briefing.webapp.friendly_errors import friendly_message
from briefing.webapp.ingest_summary import rows, summary_line, with_rejected
from briefing.webapp.safe_markdown import escape_inline, safe_url
from briefing.webapp.uploads import INGEST_EXTENSIONS, Upload, upload_folder, write_uploads

log = logging.getLogger(__name__)
LAST_REPORT = "library_last_report"
UPLOAD_ROUND = "library_upload_round"
FLASH = "library_flash"


def render(service: Any) -> None:
    st.title("Library")
    _add_articles(service)
    st.divider()
    _stored_articles(service)


# -- adding ---------------------------------------------------------------------------------
def _add_articles(service: Any) -> None:
    st.subheader("Add articles")
    max_mb = service.settings.max_upload_mb
    upload_round = st.session_state.setdefault(UPLOAD_ROUND, 0)
    files = st.file_uploader(
        "Files: plain text, markdown, JSON or JSON Lines, HTML, RSS or Atom",
        type=list(INGEST_EXTENSIONS), accept_multiple_files=True, max_upload_size=max_mb,
        key=f"library_files_{upload_round}",
    )
    urls_text = st.text_area("Web pages or RSS/Atom feeds, one URL per line", key=f"library_urls_{upload_round}",
                             placeholder="https://example.org/news/rss.xml", height=90)
    urls, bad_urls = _split_urls(urls_text)
    if st.button("Add to the library", type="primary", icon=":material/library_add:",
                 disabled=not (files or urls or bad_urls)):
        uploads = [Upload(f.name, f.getvalue()) for f in files or []]
        report = _ingest(service, uploads, urls, bad_urls)
        if report is not None:
            st.session_state[LAST_REPORT] = report
            st.session_state[UPLOAD_ROUND] = upload_round + 1  # a fresh, empty uploader next time
            st.rerun()
    report = st.session_state.get(LAST_REPORT)
    if isinstance(report, IngestReport):
        _show_report(report)


def _split_urls(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    urls, bad = [], []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if safe_url(line):
            urls.append(line)
        else:
            bad.append((line, "not an http(s) URL: write one full address per line, like https://example.org/feed.xml"))
    return urls, bad


def _ingest(service: Any, uploads: list[Upload], urls: list[str], bad_urls: list[tuple[str, str]]) -> IngestReport | None:
    from briefing.progress import RateMeter

    bar = st.progress(0.0, text="Reading and cleaning…")
    meter = RateMeter("articles")

    def progress(done: int, total: int | None, label: str) -> None:
        fraction = min(1.0, done / total) if total else 0.0
        shown = f" · {escape_inline(label)[:120]}" if label else ""
        bar.progress(fraction, text=f"{meter.describe(done, total)}{shown}")

    with _ingest_lock():
        paths, rejected = write_uploads(uploads, upload_folder(), max_mb=service.settings.max_upload_mb)
        refused = [(r.name, r.reason) for r in rejected] + bad_urls
        sources = [str(p) for p in paths] + urls
        try:
            report = service.ingest(sources, progress=progress) if sources else IngestReport()
        except Exception as exc:
            log.exception("ingest failed")
            bar.empty()
            st.error(friendly_message(exc, doing="add these articles"), icon=":material/error:")
            return None
        finally:
            for path in paths:
                path.unlink(missing_ok=True)
    bar.empty()
    return with_rejected(report, refused)


@st.cache_resource
def _ingest_lock() -> threading.Lock:
    # one lock per server process: sessions share the upload folder and the store
    return threading.Lock()


def _show_report(report: IngestReport) -> None:
    line = summary_line(report)
    if report.count("skipped") or report.count("duplicate"):
        st.warning(f"Last import: {line}. See the reasons below.", icon=":material/info:")
    else:
        st.success(f"Last import: {line}.", icon=":material/check_circle:")
    if report.items:
        st.dataframe(rows(report), hide_index=True, width="stretch",
                     column_config={"chunks": st.column_config.NumberColumn("passages")})


# -- what is stored ---------------------------------------------------------------------------
def _stored_articles(service: Any) -> None:
    st.subheader("Stored articles")
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash, icon=":material/delete:")
    filters = session.current_filters()
    try:
        articles = service.articles(filters)
    except Exception as exc:
        log.exception("listing articles failed")
        st.error(friendly_message(exc, doing="list the stored articles"), icon=":material/error:")
        return
    if not articles and filters.is_empty():
        st.info("Nothing stored yet: add files, pages or feeds above.", icon=":material/inbox:")
        return
    query = st.text_input("Search titles, sources and text", key="library_search",
                          placeholder="e.g. Lavrov").strip().lower()
    shown = [a for a in articles if not query or query in a.title.lower() or query in a.source.lower()
             or query in a.text.lower()]
    note = "" if filters.is_empty() else " (sidebar filters applied)"
    st.caption(f"{len(shown)} of {len(articles)} articles{note}")
    if shown:
        st.dataframe(
            [{"published": a.published, "title": a.title, "source": a.source, "language": a.language,
              "url": safe_url(a.url), "id": a.id} for a in reversed(shown)],
            hide_index=True, width="stretch",
            column_config={"url": st.column_config.LinkColumn("link", display_text="open"),
                           "published": st.column_config.DateColumn("published", format="YYYY-MM-DD")},
        )
    _delete(service, shown)


def _delete(service: Any, shown: list) -> None:
    by_id = {a.id: a for a in shown}
    with st.expander("Delete articles", icon=":material/delete:"):
        picked = st.multiselect(
            "Articles to delete", list(by_id), key="library_delete",
            format_func=lambda i: f"{by_id[i].published} · {by_id[i].title[:80]} ({by_id[i].source})",
            placeholder="Choose articles",
        )
        if st.button(f"Delete {len(picked)} article{'s' if len(picked) != 1 else ''}", disabled=not picked,
                     key="library_delete_button", icon=":material/delete_forever:"):
            removed = 0
            try:
                for article_id in picked:
                    removed += service.forget(article_id=article_id) and 1
            except Exception as exc:
                log.exception("delete failed")
                st.error(friendly_message(exc, doing="delete these articles"), icon=":material/error:")
                return
            st.session_state.pop("library_delete", None)
            st.session_state[FLASH] = f"Deleted {removed} article{'s' if removed != 1 else ''}."
            st.rerun()

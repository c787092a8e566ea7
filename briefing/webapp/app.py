"""The app's frame: page setup, the shared service, the sidebar and the navigation between pages."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from briefing.webapp.access import require_access
from briefing.webapp.friendly_errors import friendly_message
from briefing.webapp.resources import get_service
from briefing.webapp.sidebar import render_filters, render_mode, render_stats

log = logging.getLogger(__name__)

# (module, title, icon, url path); the briefing and actors pages arrive with their own modules
PAGES = (
    ("briefing.webapp.pages.chat", "Chat", ":material/forum:", "chat"),
    ("briefing.webapp.pages.briefing", "Briefing", ":material/newspaper:", "briefing"),
    ("briefing.webapp.pages.actors", "Actors", ":material/groups:", "actors"),
    ("briefing.webapp.pages.library", "Library", ":material/library_books:", "library"),
)


def _load_render(module: str, title: str) -> tuple[Callable[[Any], None] | None, str | None]:
    """The page's render function, or a message saying why the page cannot show yet."""
    try:
        render = getattr(importlib.import_module(module), "render")
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None, f"The {title} page is not available yet in this version of briefing."
        log.exception("page %s failed to import", module)
        return None, f"The {title} page is not available yet: {friendly_message(exc)}"
    except Exception as exc:
        log.exception("page %s failed to import", module)
        return None, f"The {title} page is not available yet: {friendly_message(exc)}"
    if not callable(render):
        return None, f"The {title} page is not available yet."
    return render, None


def _page(module: str, title: str, icon: str, url_path: str, service: Any, error: str | None,
          default: str) -> st.Page:
    def run() -> None:
        if error:
            st.title(title)
            st.error(error, icon=":material/error:")
            return
        render, problem = _load_render(module, title)
        if render is None:
            st.title(title)
            st.info(problem, icon=":material/construction:")
            return
        try:
            render(service)
        except Exception as exc:  # a page failure is a message in the page, never a traceback
            log.exception("page %s failed", module)
            st.error(friendly_message(exc, doing=f"show the {title} page"), icon=":material/error:")

    run.__name__ = f"page_{url_path}"
    return st.Page(run, title=title, icon=icon, url_path=url_path, default=(url_path == default))


def main(default: str = "chat") -> None:
    """Run the app; `default` is the url path of the page shown first."""
    st.set_page_config(page_title="briefing — chat with the news", page_icon=":material/newspaper:",
                       layout="centered", initial_sidebar_state="expanded")
    if not require_access():
        return
    service, error = get_service()
    pages = [_page(module, title, icon, url, service, error, default) for module, title, icon, url in PAGES]
    current = st.navigation(pages, position="sidebar")
    if service is not None:
        _sidebar(service)
    current.run()


def _sidebar(service: Any) -> None:
    try:
        stats = service.sources()
    except Exception as exc:
        log.exception("could not read store statistics")
        st.sidebar.error(friendly_message(exc, doing="read the library"), icon=":material/error:")
        return
    render_filters(stats)
    render_mode(service, stats)
    render_stats(stats)

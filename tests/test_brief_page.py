"""The Briefing page over a real temporary store (fake embedder, extractive)."""

from __future__ import annotations

import datetime as dt

import pytest

from .helpers import point_app_at
from .test_brief_service import ARTICLES, D1  # the same small two-day news set


@pytest.fixture
def app_env(monkeypatch, tmp_path):
    point_app_at(monkeypatch, tmp_path / "data")
    from briefing.webapp.resources import get_service

    svc, error = get_service()
    assert error is None, error
    evil = ARTICLES[0].model_copy(update={"id": "evil", "title": "<img src=x onerror=alert(1)> **bold** [x](javascript:y)"})
    svc.ingest_articles(ARTICLES + [evil])
    yield svc
    import streamlit as st

    st.cache_resource.clear()


def _page():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_string(
        "from briefing.webapp.resources import get_service\n"
        "from briefing.webapp.pages.briefing import render\n"
        "svc, _ = get_service()\nrender(svc)\n", default_timeout=120)


def test_page_makes_a_briefing_and_shows_it_escaped(app_env):
    at = _page().run()
    assert not at.exception
    at.date_input(key="briefing_day").set_value(D1)
    at.button[0].click()  # the form's submit button
    at.run()
    assert not at.exception, at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "Top of the day" in text
    assert "<img" not in text.replace("\\<img", "")  # the hostile title is escaped
    assert "](javascript" not in text
    assert any("2025-02-18" in s.value for s in at.subheader)
    # the briefing was stored and is listed
    assert at.selectbox(key="briefing_past").value.startswith("2025-02-18")


def test_page_on_an_empty_day_names_the_nearest_days(app_env):
    at = _page().run()
    at.date_input(key="briefing_day").set_value(dt.date(2025, 3, 1))
    at.button[0].click()
    at.run()
    assert not at.exception
    assert any("Nearest days with news" in i.value for i in at.info)

"""The app over the real service: a temporary store, the fake embedder and the extractive answerer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.webapp.safe_markdown import plain

from .helpers import point_app_at

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
CORPUS = ROOT.parent / "shared" / "data" / "corpus"
REFERENCE = CORPUS / "moscowtimes_fr_2025-02-26.txt"

pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason=f"shared data not found at {CORPUS}")


@pytest.fixture
def store(monkeypatch, tmp_path):
    """Environment pointing the app at an empty temporary store; yields a function building the service."""
    point_app_at(monkeypatch, tmp_path / "data")

    def service():
        from briefing.webapp.resources import get_service

        svc, error = get_service()  # the app's own cached instance, so both see the same store
        assert error is None, error
        return svc

    yield service
    import streamlit as st

    st.cache_resource.clear()


def _chat():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=120)


def _library():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_string("from briefing.webapp.app import main\nmain(default='library')", default_timeout=120)


def _last_answer(at):
    return at.session_state["conversation"][-1]["answer"]


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_reference_question_is_answered_with_the_riyad_sentence(store):
    store().ingest([str(REFERENCE)])
    at = _chat()
    at.run()
    assert not at.exception
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    assert not at.exception
    md = _markdown(at)
    answer_text = plain(at.chat_message[1].markdown[0].value)
    assert "Lavrov" in answer_text and "Rubio" in answer_text
    highlighted = [plain(part.split("]", 1)[0]) for part in md.split(":orange-background[")[1:]]
    assert any("Riyad" in h and "Rubio" in h for h in highlighted), highlighted
    answer = _last_answer(at)
    assert answer.citations and all(c.verified for c in answer.citations)


def test_upload_ingests_and_a_second_upload_is_unchanged(store):
    svc = store()
    at = _library()
    at.run()
    assert not at.exception
    assert any("Nothing stored yet" in i.value for i in at.info)
    data = REFERENCE.read_bytes()
    at.file_uploader[0].set_value((REFERENCE.name, data, "text/plain")).run()
    [b for b in at.button if b.label == "Add to the library"][0].click().run()
    assert not at.exception
    assert any("1 added" in s.value for s in at.success), [s.value for s in at.success]
    assert svc.sources()["articles"] == 1
    stored = at.dataframe[-1].value
    assert list(stored["published"].astype(str)) == ["2025-02-26"]  # the date came from the kept file name
    at.file_uploader[0].set_value((REFERENCE.name, data, "text/plain")).run()
    [b for b in at.button if b.label == "Add to the library"][0].click().run()
    assert any("1 unchanged" in s.value for s in at.success)


def test_filters_change_what_is_retrieved(store, tmp_path):
    svc = store()
    gv = CORPUS / "globalvoices_fr.jsonl"
    if not gv.exists():
        pytest.skip(f"{gv} not found")
    few = tmp_path / "gv.jsonl"
    few.write_text("".join(gv.read_text(encoding="utf-8").splitlines(keepends=True)[:5]), encoding="utf-8")
    svc.ingest([str(REFERENCE), str(few)])
    sources = {s["source"] for s in svc.sources()["sources"]}
    other = next(s for s in sources if "moscow" not in s.lower())
    at = _chat()
    at.run()
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    assert any("moscow" in p.source.lower() for p in _last_answer(at).passages)
    at.sidebar.multiselect(key="filter_sources").select(other).run()
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    answer = _last_answer(at)
    assert all(p.source == other for p in answer.passages)
    assert not any("moscow" in c.source.lower() for c in answer.citations)


def test_hostile_article_from_the_store_is_inert(store, tmp_path):
    svc = store()
    hostile = tmp_path / "hostile.jsonl"
    text = ('Le ministre Lavrov a reçu <script>alert(1)</script> à Riyad. <img src=x onerror="alert(2)"> '
            '![pixel](http://evil.example/p.png) [cliquez](javascript:alert(3)) **fort**.')
    hostile.write_text(json.dumps({"id": "h1", "title": "Lavrov <b>Riyad</b> ![x](http://e/x.png)", "text": text,
                                   "published": "2025-02-27", "language": "fr", "source": "evil.example",
                                   "url": "javascript:alert(4)"}) + "\n", encoding="utf-8")
    report = svc.ingest([str(hostile)])
    assert report.count("added") == 1, report
    at = _chat()
    at.run()
    at.chat_input[0].set_value("Lavrov a reçu qui à Riyad ?").run()
    assert not at.exception
    import re

    for m in at.markdown:
        assert not re.search(r"(?<!\\)<", m.value), m.value
        assert not re.search(r"(?<!\\)!\[", m.value), m.value
        assert not re.findall(r"(?<!\\)\]\(([^)]*)\)", m.value), m.value
        assert not m.proto.allow_html
    assert not at.html


def test_empty_store_says_how_to_add_articles(store):
    store()
    at = _chat()
    at.run()
    assert not at.exception
    assert any("library is empty" in i.value for i in at.info)
    assert at.chat_input[0].disabled


def test_unreachable_store_is_a_friendly_message(store, monkeypatch):
    monkeypatch.setenv("BRIEFING_CHROMA_URL", "http://127.0.0.1:9")
    at = _chat()
    at.run()
    assert not at.exception
    assert at.error and "Could not open the article store" in at.error[0].value


@pytest.mark.parametrize("page", ["chat", "briefing", "actors", "library"])
def test_every_page_opens_over_the_real_service(store, page):
    from streamlit.testing.v1 import AppTest

    store().ingest([str(REFERENCE)])
    at = AppTest.from_string(f"from briefing.webapp.app import main\nmain(default={page!r})", default_timeout=120)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title

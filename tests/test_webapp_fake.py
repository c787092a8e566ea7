"""The app's pages against a small in-memory service that keeps the service contract.

It lets the pages be checked where the real store cannot do what a test needs: fail on purpose,
or hold an article written to attack the page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from briefing.models import Answer, Article, Citation, Filters, IngestItem, IngestReport, Passage
from briefing.settings import Settings
from briefing.webapp.safe_markdown import plain

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
RIYAD = ("Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à "
         "Riyad, en Arabie saoudite.")
XSS = ('Attack <script>alert("x")</script> <img src=x onerror="alert(1)"> ![tracker](http://evil.example/p.png) '
       '[click me](javascript:alert(2)) www.evil.example **loud**')


class FakeService:
    """Answers by quoting the first sentence of the best matching article (word overlap)."""

    def __init__(self, settings: Settings, articles: list[Article], *, fail_on: str | None = None):
        self.settings = settings
        self._articles = {a.id: a for a in articles}
        self.fail_on = fail_on
        self.asked: list[tuple[str, list, Filters | None]] = []
        self.ingested: list[list[str]] = []
        self.mode, self.model_name = "extractive", "extractive"

    def _match(self, filters: Filters | None) -> list[Article]:
        f = filters or Filters()
        return [a for a in self._articles.values()
                if (not f.sources or a.source in f.sources) and (not f.languages or a.language in f.languages)
                and (not f.since or a.published >= f.since) and (not f.until or a.published <= f.until)]

    def ask_stream(self, question, history=(), filters=None, read_dates=True):
        from briefing.answer.news_router import scoped_filters
        from briefing.question import understand

        self.asked.append((question, list(history), filters))
        self.read_dates = read_dates
        u = understand(question, reference=dt.date(2025, 2, 26))
        filters, scope = scoped_filters(u.scope if read_dates else None, filters or Filters())
        if self.fail_on == "ask":
            raise ConnectionError("model server at 127.0.0.1:9 refused the connection")
        words = set(re.findall(r"\w+", question.lower()))
        pool = sorted(self._match(filters), key=lambda a: -len(words & set(re.findall(r"\w+", a.text.lower()))))
        if not pool:
            yield "The stored articles do not cover this."
            yield Answer(question=question, answer="The stored articles do not cover this.", language="en",
                         mode="extractive", model="extractive", abstained=True, kind=u.kind, scope=scope)
            return
        a = pool[0]
        quote = a.text.split("\n")[0]
        text = f"{quote} [1]"
        for i in range(0, len(text), 7):
            yield text[i:i + 7]
        passage = Passage(chunk_id=f"{a.id}:0", article_id=a.id, text=a.text, start=0, end=len(a.text),
                          title=a.title, source=a.source, published=a.published, url=a.url)
        citation = Citation(n=1, article_id=a.id, title=a.title, source=a.source, published=a.published, url=a.url,
                            chunk_id=passage.chunk_id, quote=quote, start=0, end=len(quote),
                            verified="unverified" not in a.title)
        fallback = "fallback" in question  # as when a model's answer did not check out
        yield Answer(question=question, answer=text, language="en", mode="llm" if fallback else "extractive",
                     model="smollm2" if fallback else "extractive",
                     answered_by="extractive-fallback" if fallback else "extractive",
                     notice="The model's answer could not be verified against the articles; the extractive answer "
                            "is shown instead." if fallback else "",
                     citations=[citation], passages=[passage], flagged=["A claim nobody could check."]
                     if "unverified" in a.title else [], kind=u.kind, scope=scope)

    def articles(self, filters=None):
        return sorted(self._match(filters), key=lambda a: (a.published, a.title))

    def get_article(self, article_id):
        return self._articles.get(article_id)

    def sources(self):
        if self.fail_on == "sources":
            raise ConnectionError("Could not connect to a Chroma server at http://127.0.0.1:9")
        arts = list(self._articles.values())
        by: dict[str, dict] = {}
        for a in arts:
            s = by.setdefault(a.source, {"source": a.source, "articles": 0, "first": a.published, "last": a.published})
            s["articles"] += 1
        langs: dict[str, int] = {}
        for a in arts:
            langs[a.language] = langs.get(a.language, 0) + 1
        dates = [a.published for a in arts]
        return {"articles": len(arts), "chunks": len(arts), "sources": list(by.values()), "languages": langs,
                "first": min(dates) if dates else None, "last": max(dates) if dates else None,
                "embedder": "fake", "mode": "extractive", "model": "extractive"}

    def ingest(self, sources, progress=None):
        self.ingested.append(list(sources))
        report = IngestReport()
        for i, s in enumerate(sources):
            if progress:
                progress(i, len(sources), s)
            text = Path(s).read_text(encoding="utf-8")
            art = Article(id=f"up{i}", title=text.split("\n")[0], text=text, published=dt.date(2025, 3, 1),
                          source="upload", origin=s)
            self._articles[art.id] = art
            report.items.append(IngestItem(status="added", origin=s, article_id=art.id, title=art.title, chunks=1))
        return report

    def forget(self, source=None, article_id=None):
        return 1 if self._articles.pop(article_id, None) else 0


def _articles() -> list[Article]:
    return [
        Article(id="mt", title="Les diplomates russes et américains se rencontreront jeudi à Istanbul",
                text=RIYAD + "\nLa prochaine réunion aura lieu à Istanbul.", published=dt.date(2025, 2, 26),
                source="The Moscow Times", language="fr", url="https://www.themoscowtimes.com/fr/x"),
        Article(id="gv", title="Manifestation au Caire place Tahrir aujourd'hui encore",
                text="Des milliers de manifestants se sont réunis place Tahrir au Caire.\nSuite.",
                published=dt.date(2011, 2, 1), source="Global Voices", language="fr"),
        Article(id="xss", title="Hostile <img src=x onerror=alert(1)> ![t](http://e/x.png) unverified",
                text=XSS + "\nMore text.", published=dt.date(2025, 1, 1), source="evil <b>source</b>",
                language="en", url="javascript:alert(3)"),
    ]


@pytest.fixture
def app(monkeypatch, tmp_path):
    """An AppTest of streamlit_app.py whose service is a FakeService; returns (app, service)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import briefing.wiring

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFING_LLM", "extractive")
    monkeypatch.setenv("BRIEFING_EMBEDDER", "fake")
    holder: dict = {}

    def fake_build(settings=None, **_):
        holder["svc"] = FakeService(settings or Settings(), _articles(), fail_on=holder.get("fail_on"))
        return holder["svc"]

    monkeypatch.setattr(briefing.wiring, "build_service", fake_build)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=30)
    yield at, holder
    st.cache_resource.clear()


def _all_markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_chat_streams_answer_with_cited_highlighted_passage(app):
    at, holder = app
    at.run()
    assert not at.exception
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    assert not at.exception
    md = _all_markdown(at)
    seen = plain(md)
    assert "Lavrov" in seen and "Rubio" in seen
    assert ":blue-badge[1]" in md
    assert ":orange-background[" in md and "Riyad" in plain(md.split(":orange-background[", 1)[1])
    assert "The Moscow Times" in seen and "2025-02-26" in seen
    assert "[open article](https://www.themoscowtimes.com/fr/x)" in md
    assert any(e.label == "Surrounding text" for e in at.expander)


def test_chat_shows_the_dates_read_from_the_question_and_drops_them_in_one_click(app):
    at, holder = app
    at.run()
    at.chat_input[0].set_value("Who met in Riyadh last week?").run()
    assert not at.exception
    captions = plain(" ".join(c.value for c in at.caption))
    assert "kind: who" in captions and "2025-02-19 … 2025-02-26" in captions and "last week" in captions
    chip = [b for b in at.button if b.key and b.key.startswith("unscope_")]
    assert len(chip) == 1 and "Ask without these dates" in chip[0].label
    chip[0].click().run()
    assert not at.exception
    svc = holder["svc"]
    assert svc.asked[-1][0] == "Who met in Riyadh last week?" and svc.read_dates is False
    assert len(at.chat_message) == 4
    # the second answer used no dates, so it offers no chip
    assert len([b for b in at.button if b.key and b.key.startswith("unscope_")]) == 1


def test_follow_up_sends_history_and_new_conversation_clears(app):
    at, holder = app
    at.run()
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    at.chat_input[0].set_value("And where will they meet next?").run()
    svc = holder["svc"]
    question, history, _ = svc.asked[-1]
    assert [t.role for t in history] == ["user", "assistant"]
    assert history[0].content == "Who met in Riyadh?" and "Lavrov" in history[1].content
    assert len(at.chat_message) == 4
    [b for b in at.button if b.label == "New conversation"][0].click().run()
    assert len(at.chat_message) == 0


def test_suggestions_are_drawn_from_the_store_and_ask_when_clicked(app):
    at, holder = app
    at.run()
    labels = [plain(b.label) for b in at.button if b.key and b.key.startswith("suggestion_")]
    assert labels and any("Lavrov" in q or "Rubio" in q or "Istanbul" in q or "Tahrir" in q for q in labels)
    [b for b in at.button if b.key == "suggestion_0"][0].click().run()
    assert holder["svc"].asked and holder["svc"].asked[0][0] == labels[0]
    assert len(at.chat_message) == 2


def test_sidebar_filters_reach_retrieval_and_show_mode(app):
    at, holder = app
    at.run()
    sidebar_md = plain("\n".join(m.value for m in at.sidebar.markdown))
    assert "extractive, offline" in sidebar_md
    assert any("OPENAI_API_KEY" in c.value for c in at.sidebar.caption)
    assert "3" in sidebar_md and "The Moscow Times" in sidebar_md
    at.sidebar.multiselect(key="filter_sources").select("Global Voices").run()
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    _, _, filters = holder["svc"].asked[-1]
    assert filters.sources == ["Global Voices"]
    assert "Tahrir" in plain(_all_markdown(at)) and "Rubio" not in plain(_all_markdown(at))
    at.sidebar.toggle(key="filter_dates_on").set_value(True).run()
    at.sidebar.date_input(key="filter_dates").set_value((dt.date(2025, 2, 1), dt.date(2025, 3, 1))).run()
    at.sidebar.multiselect(key="filter_sources").unselect("Global Voices").run()
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    _, _, filters = holder["svc"].asked[-1]
    assert filters.since == dt.date(2025, 2, 1) and filters.until == dt.date(2025, 3, 1) and not filters.sources


def test_hostile_article_is_inert_text_and_unverified_is_marked(app):
    at, holder = app
    at.run()
    at.chat_input[0].set_value("Attack script img tracker click loud").run()
    assert not at.exception
    md = _all_markdown(at)
    seen = plain(md)
    assert "<script>" in seen and "onerror" in seen  # shown to the reader as text …
    for m in at.markdown:  # … but never as markup: no raw tag, image, foreign link or HTML anywhere
        assert not re.search(r"(?<!\\)<", m.value), m.value
        assert not re.search(r"(?<!\\)!\[", m.value), m.value
        assert set(re.findall(r"(?<!\\)\]\(([^)]*)\)", m.value)) <= {"https://www.themoscowtimes.com/fr/x"}
        assert not m.proto.allow_html
    assert ":orange-badge[1 ⚠ unverified]" in md and "Not verified" in seen
    assert any("could not be checked" in w.value for w in at.warning)
    assert not at.html


def test_a_model_answer_that_failed_the_check_is_replaced_and_the_chat_says_why(app):
    at, holder = app
    at.run()
    at.chat_input[0].set_value("Who met in Riyadh? fallback").run()
    assert not at.exception
    assert any("could not be verified" in i.value for i in at.info)
    assert any("smollm2" in c.value and "could not be verified" in c.value for c in at.caption)
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    assert len([i for i in at.info if "could not be verified" in i.value]) == 1  # only the fallback answer says it


def test_model_error_is_a_friendly_message(app):
    at, holder = app
    holder["fail_on"] = "ask"
    at.run()
    at.chat_input[0].set_value("Who met in Riyadh?").run()
    assert not at.exception
    assert at.error and "could not be reached" in at.error[0].value
    at.run()  # the failure stays in the conversation as a message
    assert at.error and not at.exception


def test_unreachable_store_is_a_friendly_message(app):
    at, holder = app
    holder["fail_on"] = "sources"
    at.run()
    assert not at.exception
    assert any("Could not read the library" in e.value for e in at.error)


@pytest.mark.parametrize("page", ["briefing", "actors"])
def test_pages_not_there_yet_say_so(app, monkeypatch, page):
    import sys

    from streamlit.testing.v1 import AppTest

    monkeypatch.setitem(sys.modules, f"briefing.webapp.pages.{page}", None)  # import now fails
    at = AppTest.from_string(f"from briefing.webapp.app import main\nmain(default={page!r})", default_timeout=30)
    at.run()
    assert not at.exception
    assert any("not available yet" in i.value for i in at.info)


def test_a_page_that_breaks_shows_a_message(app, monkeypatch):
    import sys
    import types

    from streamlit.testing.v1 import AppTest

    broken = types.ModuleType("briefing.webapp.pages.actors")

    def render(service):
        raise RuntimeError("profile index is corrupt")

    broken.render = render
    monkeypatch.setitem(sys.modules, "briefing.webapp.pages.actors", broken)
    at = AppTest.from_string("from briefing.webapp.app import main\nmain(default='actors')", default_timeout=30)
    at.run()
    assert not at.exception
    assert any("profile index is corrupt" in e.value for e in at.error)


def _library(at_holder):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("from briefing.webapp.app import main\nmain(default='library')", default_timeout=30)
    return at


def test_library_upload_ingests_and_reports(app):
    _, holder = app
    at = _library(app)
    at.run()
    assert not at.exception
    at.file_uploader[0].set_value([("note_2025-03-01.txt", "Nouvelle réunion à Genève\nTexte.".encode(), "text/plain"),
                                   ("empty.md", b"", "text/markdown")])
    at.run()
    [b for b in at.button if b.label == "Add to the library"][0].click().run()
    assert not at.exception
    sent = holder["svc"].ingested[-1]
    assert [Path(p).name for p in sent] == ["note_2025-03-01.txt"]
    assert any("1 added" in w.value and "1 skipped" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert list(table["status"]) == ["skipped", "added"]
    assert table["origin"][0] == "empty.md" and table["reason"][0] == "file is empty"


def test_library_lists_searches_and_deletes(app):
    _, holder = app
    at = _library(app)
    at.run()
    table = at.dataframe[0].value
    assert len(table) == 3
    assert table["url"].isna().sum() == 2  # the javascript: link of the hostile article is dropped
    at.text_input(key="library_search").input("Tahrir").run()
    assert list(at.dataframe[0].value["id"]) == ["gv"]
    at.multiselect(key="library_delete").select("gv").run()
    [b for b in at.button if b.key == "library_delete_button"][0].click().run()
    assert "gv" not in holder["svc"]._articles
    assert any("Deleted 1 article" in s.value for s in at.success)


class ActorIndex:
    """Stands in for briefing.actors' index: ranks actors by mentions."""

    def rank(self, limit=None):
        from types import SimpleNamespace

        return [SimpleNamespace(actor=SimpleNamespace(name=n)) for n in ["NATO", "Marco Rubio"]][:limit]


def test_suggestions_use_top_actors_when_the_actor_index_runs(app):
    at, holder = app
    original = FakeService.__init__

    def with_hook(self, *a, **kw):
        original(self, *a, **kw)
        self.hooks = [ActorIndex()]

    FakeService.__init__ = with_hook
    try:
        at.run()
    finally:
        FakeService.__init__ = original
    labels = [plain(b.label) for b in at.button if b.key and b.key.startswith("suggestion_")]
    assert labels[:2] == ["What do the articles say about NATO?", "What do the articles say about Marco Rubio?"]


def test_sidebar_names_the_model_when_one_writes_answers(app, monkeypatch):
    at, holder = app
    stats = FakeService.sources

    def llm_stats(self):
        return {**stats(self), "mode": "llm", "model": "gpt-4o-mini"}

    monkeypatch.setattr(FakeService, "sources", llm_stats)
    at.run()
    sidebar = plain("\n".join(m.value for m in at.sidebar.markdown))
    assert "gpt-4o-mini" in sidebar and "extractive, offline" not in sidebar

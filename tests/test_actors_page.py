"""The Actors page renders a profile from the actor store, with untrusted text kept inert."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from briefing.actors.hook import ActorIndex  # noqa: E402
from briefing.actors.models import RawEntity  # noqa: E402
from briefing.models import Article, Chunk  # noqa: E402
from briefing.settings import Settings  # noqa: E402


class FixedPipelines:
    """Stands in for spaCy: tags the given surfaces wherever they occur."""

    def __init__(self, spans: dict[str, str]):
        self.spans = spans

    def supports(self, language: str) -> bool:
        return True

    def entities(self, text: str, language: str) -> list[RawEntity]:
        out = []
        for surface, label in self.spans.items():
            start = text.find(surface)
            while start >= 0:
                out.append(RawEntity(text=surface, label=label, start=start, end=start + len(surface)))
                start = text.find(surface, start + 1)
        return out


TEXT = ("Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à Riyad.\n"
        "\"Nous avancerons vite, **très** vite <script>x</script>\", a déclaré Marco Rubio.")


def _page(data_dir: str):
    from types import SimpleNamespace

    from briefing.actors.hook import ActorIndex
    from briefing.settings import Settings
    from briefing.webapp.pages.actors import render

    index = ActorIndex(Settings(data_dir=data_dir))
    render(SimpleNamespace(settings=Settings(data_dir=data_dir), hooks=[index]))


def test_actor_page_shows_profile_and_escapes_text(tmp_path):
    spans = {"Lavrov": "PER", "Marco Rubio": "PER", "Riyad": "LOC"}
    index = ActorIndex(Settings(data_dir=tmp_path), pipelines=FixedPipelines(spans))
    article = Article(id="a1", title="Rencontre à Riyad *gras*", text=TEXT, published=dt.date(2025, 2, 26),
                      source="Test", language="fr")
    index.on_added(article, [Chunk(id="a1:0", article_id="a1", index=0, text=TEXT, token_count=10, start=0, end=len(TEXT))])
    at = AppTest.from_function(_page, args=(str(tmp_path),), default_timeout=30).run()
    assert not at.exception
    assert at.selectbox[-1].value.startswith("Marco Rubio")
    assert at.subheader[0].value == "Marco Rubio"
    texts = " ".join(t.value for t in at.text)
    assert "Lavrov" in texts and "Riyad" in texts
    assert "<script>x</script>" in texts  # shown as plain text, never as markup
    assert all("<script>" not in m.value for m in at.markdown)


def test_actor_page_without_articles(tmp_path):
    at = AppTest.from_function(_page, args=(str(tmp_path),), default_timeout=30).run()
    assert not at.exception
    assert "No actors yet" in at.info[0].value

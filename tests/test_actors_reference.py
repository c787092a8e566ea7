"""Actors on the project's reference article with the real spaCy pipelines, through the hook,
the CLI and the service."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.actors.hook import ActorIndex
from briefing.actors.pipelines import NerPipelines
from briefing.models import Article, Chunk
from briefing.settings import Settings

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
REFERENCE = DATA / "corpus" / "moscowtimes_fr_2025-02-26.txt"
pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/data is absent: the reference article is needed")


@pytest.fixture(scope="module")
def pipelines():
    return NerPipelines()  # loaded once for the module: seconds per language


def reference_article() -> Article:
    raw = REFERENCE.read_text("utf-8")
    title, text = raw.split("\n", 1)
    return Article(id="mt-2025-02-26", title=title.strip(), text=text.strip(), published=dt.date(2025, 2, 26),
                   source="The Moscow Times", language="fr")


def halves(article: Article) -> list[Chunk]:
    cut = article.text.index("\n", len(article.text) // 2)
    return [Chunk(id=f"{article.id}:{i}", article_id=article.id, index=i, text=article.text[s:e], token_count=1,
                  start=s, end=e) for i, (s, e) in enumerate([(0, cut), (cut, len(article.text))])]


@pytest.fixture()
def index(tmp_path, pipelines):
    idx = ActorIndex(Settings(data_dir=tmp_path), pipelines=pipelines)
    article = reference_article()
    idx.on_added(article, halves(article))
    return idx


def _names(index: ActorIndex) -> dict[str, object]:
    return {r.actor.id: r.actor for r in index.rank()}


def test_reference_article_actors(index):
    actors = _names(index)
    for actor_id in ("person:sergei-lavrov", "person:marco-rubio", "person:donald-trump", "person:vladimir-putin",
                     "place:istanbul", "place:riyadh", "place:saudi-arabia", "place:qatar", "place:ukraine"):
        assert actor_id in actors, f"{actor_id} missing from {sorted(actors)}"
    assert any("Moscow Times" in a.aliases for a in actors.values())
    lavrov = actors["person:sergei-lavrov"]
    assert {"Sergueï Lavrov", "Lavrov"} <= set(lavrov.aliases)
    assert lavrov.role == "ministre russe des Affaires étrangères"
    assert actors["person:marco-rubio"].role == "secrétaire d'Etat américain"
    every_alias = " | ".join(a for actor in actors.values() for a in actor.aliases)
    assert "lecteurs" not in every_alias and "Votre" not in every_alias and "ministre" not in every_alias


def test_junk_filter_holds_on_the_raw_text_with_the_donation_appeal(pipelines):
    raw = REFERENCE.read_text("utf-8")
    from briefing.actors.extract import extract_article
    from briefing.actors.gazetteer import Gazetteer

    entities = pipelines.entities(raw, "fr") + pipelines.entities("Chers lecteurs,\nNous avons besoin de vous.", "fr")
    found = extract_article("raw", raw, "fr", entities, gazetteer=Gazetteer())
    assert not any("lecteurs" in m.surface or m.surface in ("Votre", "Etat") for m in found.mentions)


def test_question_and_profile_agree_on_who_met_in_riyadh(index):
    from briefing.actors.chat import resolve_actors_in_question

    [riyadh] = resolve_actors_in_question("Who met in Riyadh?", index)
    assert riyadh.id == "place:riyadh"
    assert [a.id for a in resolve_actors_in_question("Qui a rencontré Rubio ?", index)] == ["person:marco-rubio"]
    assert [a.id for a in resolve_actors_in_question("What did lavrov say about Istanbul?", index)] == [
        "person:sergei-lavrov", "place:istanbul"]
    profile = index.profile("Lavrov")
    [meeting] = profile.meetings
    assert [w.id for w in meeting.with_] == ["person:marco-rubio"]
    assert "Riyad" in meeting.where and meeting.when == "la semaine dernière"
    assert "Riyad" in meeting.citation.quote
    [chunk] = [c for c in halves(reference_article()) if c.start <= meeting.citation.start < c.end]
    assert meeting.citation.chunk_id == chunk.id
    assert index.article_boost("Who met in Riyadh?") == {"mt-2025-02-26": pytest.approx(0.75)}


def test_profile_is_cited_to_exact_passages(index):
    profile = index.profile("Sergei Lavrov")
    text = reference_article().text
    assert profile.id == "person:sergei-lavrov" and profile.mentions == 3
    assert any(q.text.startswith("Une telle réunion aura lieu demain à Istanbul") for q in profile.quotes)
    for c in profile.citations:
        assert text[c.start:c.end] == c.quote and c.verified
    for marker in {int(m) for m in __import__("re").findall(r"\[(\d+)\]", profile.summary)}:
        assert 1 <= marker <= len(profile.citations)
    assert {c.id for c in profile.co_actors} >= {"person:marco-rubio", "place:riyadh"}
    assert profile.timeline == {"2025-02-26": 3}


def test_actor_data_survives_restarts_and_goes_with_its_article(index, tmp_path, pipelines):
    again = ActorIndex(Settings(data_dir=tmp_path), pipelines=pipelines)
    assert again.profile("Rubio").name == "Marco Rubio"
    again.on_removed("mt-2025-02-26")
    assert index.rank() == [] and index.find("Lavrov") == []


def test_cli_actor_and_actors(index, tmp_path):
    from briefing.cli import cli

    runner = CliRunner()
    out = runner.invoke(cli, ["--data-dir", str(tmp_path), "actor", "Lavrov", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {"id", "name", "type", "aliases", "role", "mentions", "articles", "co_actors", "quotes", "meetings",
            "summary", "citations"} <= set(data)
    assert data["meetings"][0]["with"][0]["name"] == "Marco Rubio"
    out = runner.invoke(cli, ["--data-dir", str(tmp_path), "actors", "--type", "place", "--json"])
    assert out.exit_code == 0, out.output
    assert {r["actor"]["type"] for r in json.loads(out.output)} == {"place"}
    out = runner.invoke(cli, ["--data-dir", str(tmp_path), "actor", "Nobody Atall"])
    assert out.exit_code != 0 and "No actor matches" in out.output
    out = runner.invoke(cli, ["--data-dir", str(tmp_path / "empty"), "actors"])
    assert out.exit_code != 0 and "briefing ingest" in out.output


def _service_with_actors(tmp_path, pipelines, embedder: str):
    pytest.importorskip("briefing.service")
    from briefing.wiring import build_service

    settings = Settings(data_dir=tmp_path, embedder=embedder, llm="extractive")
    actors = ActorIndex(settings, pipelines=pipelines)
    svc = build_service(settings, hooks=[actors])
    assert svc.ingest([str(REFERENCE)]).count("added") == 1
    return svc, actors


def test_end_to_end_through_the_service(tmp_path, pipelines):
    svc, actors = _service_with_actors(tmp_path, pipelines, "fake")
    profile = actors.profile("Lavrov")
    [meeting] = profile.meetings
    assert meeting.with_[0].name == "Marco Rubio" and "Riyad" in meeting.where
    assert not any("lecteurs" in a for r in actors.rank() for a in r.actor.aliases)
    # the donation appeal was cleaned away by ingest, and offsets still point into the stored text
    stored = svc.get_article(meeting.citation.article_id)
    assert stored.text[meeting.citation.start:meeting.citation.end] == meeting.citation.quote
    passages = svc.retrieve("Who met in Riyadh?", k=3)
    assert any(meeting.citation.quote in p.text for p in passages)
    assert svc.forget(article_id=meeting.citation.article_id) == 1
    assert actors.rank() == []


@pytest.mark.slow
def test_who_met_in_riyadh_answer_agrees_with_the_actor_profile(tmp_path, pipelines):
    svc, actors = _service_with_actors(tmp_path, pipelines, "e5-small")
    # the question in the article's language; the English one is checked at retrieval level above
    answer = svc.ask("Qui s'est rencontré à Riyad ?")
    assert "Lavrov" in answer.answer and "Rubio" in answer.answer
    [meeting] = actors.profile("Lavrov").meetings
    cited = [c for c in answer.citations if c.start <= meeting.citation.start < c.end or meeting.citation.start <= c.start < meeting.citation.end]
    assert cited, (answer.answer, [c.quote for c in answer.citations])

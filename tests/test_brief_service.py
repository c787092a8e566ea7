"""Briefings over the real service: a temporary Chroma store, the fake embedder, no network."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from briefing.briefs.builder import BriefRequest, build_briefing
from briefing.briefs.verify import citation_problems
from briefing.models import Article

D1, D2 = dt.date(2025, 2, 18), dt.date(2025, 2, 19)


def _art(i, day, source, title, text):
    return Article(id=f"t{i}", title=title, text=text, published=day, source=source, language="en",
                   url=f"https://example.org/{i}")


ARTICLES = [
    _art(1, D1, "Wire A", "Lavrov and Rubio meet in Riyadh",
         "Russian foreign minister Sergei Lavrov met US secretary of state Marco Rubio in Riyadh on Tuesday. "
         "The talks in Riyadh lasted four and a half hours, officials said. "
         "Lavrov said the meeting in Riyadh was useful and that both sides had listened to each other."),
    _art(2, D1, "Daily B", "Rubio and Lavrov hold Riyadh talks on Ukraine",
         "Marco Rubio and Sergei Lavrov held talks in Riyadh about ending the war in Ukraine. "
         "Rubio said Riyadh was only a first step and that Ukraine and Europe would be consulted. "
         "Ukrainian officials were not invited to the Riyadh talks, which angered Kyiv."),
    _art(3, D1, "Wire A", "Saudi Arabia hosts Lavrov and Rubio",
         "Saudi Arabia hosted Sergei Lavrov and Marco Rubio in Riyadh for the first high level talks in years. "
         "The Saudi foreign minister welcomed Lavrov and Rubio at the Diriyah palace in Riyadh. "
         "Both delegations agreed in Riyadh to restore embassy staff in Washington and Moscow."),
    _art(4, D1, "Coast News", "Floods hit Valencia",
         "Heavy rain flooded the streets of Valencia in Spain on Tuesday, and rescuers evacuated hundreds of residents. "
         "The floods in Valencia cut power to thousands of homes across the Valencia region. "
         "Spanish emergency services said the Valencia floods were the worst in a decade."),
    _art(5, D1, "Daily B", "Valencia counts flood damage",
         "Residents of Valencia began counting the damage after floods swept through the city on Tuesday. "
         "Spanish officials in Valencia said the floods destroyed bridges and roads near the coast. "
         "Insurers estimate the Valencia flood damage at several hundred million euros."),
    _art(6, D1, "Sports Desk", "Chess champion retains title",
         "Magnus Carlsen retained his chess title in Oslo after a long final game against a young challenger. "
         "The Oslo final lasted more than six hours before the challenger resigned. "
         "Carlsen said the Oslo match was the hardest of his career."),
    _art(7, D2, "Wire A", "Lavrov and Rubio agree on next steps after Riyadh",
         "A day after the Riyadh talks, Sergei Lavrov said Russia and the United States would name negotiators. "
         "Marco Rubio said the negotiators named after Riyadh would meet again within weeks. "
         "Lavrov added that a meeting between the presidents could follow the Riyadh talks."),
    _art(8, D2, "Tech Daily", "New telescope sees distant galaxy",
         "Astronomers using a new telescope in Chile observed a galaxy more than thirteen billion light years away. "
         "The telescope in Chile recorded faint light from the galaxy over several nights. "
         "Astronomers said the Chile telescope data would be published next month."),
]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """One ingested store for the module (opening Chroma is the slow part); tests that depend on
    stored briefings use their own `archive`."""
    from briefing.settings import Settings
    from briefing.wiring import build_service

    settings = Settings(data_dir=tmp_path_factory.mktemp("brief") / "data", embedder="fake", llm="extractive",
                        allow_network=False, _env_file=None)
    svc = build_service(settings)
    report = svc.ingest_articles(ARTICLES)
    assert report.count("added") == len(ARTICLES)
    return svc


@pytest.fixture
def archive(tmp_path):
    from briefing.briefs.archive import BriefingArchive

    return BriefingArchive(tmp_path / "briefings")


def _story_with(b, article_id):
    return next(s for s in b.stories if article_id in s.article_ids)


def test_a_day_is_grouped_ranked_and_every_claim_is_cited(service, archive):
    b = build_briefing(service, BriefRequest(since=D1, until=D1), archive=archive)
    assert b.articles == 6 and b.language == "en" and b.mode == "extractive"
    riyadh = _story_with(b, "t1")
    assert set(riyadh.article_ids) == {"t1", "t2", "t3"}
    assert set(_story_with(b, "t4").article_ids) == {"t4", "t5"}
    assert b.stories[0].id == riyadh.id  # most articles and sources
    assert riyadh.articles == 3 and riyadh.sources == 2 and riyadh.first_seen == D1
    assert {"Sergei Lavrov", "Marco Rubio"} <= set(riyadh.actors)
    for s in b.stories:
        markers = re.findall(r"\[(\d+)\]", s.summary)
        assert 1 <= len(markers) <= 4 and len(markers) == len(s.citations)
    assert citation_problems(b, service.store.get_passages) == []
    assert [t.story_id for t in b.top] == [s.id for s in b.stories][:5]


def test_the_json_shape(service):
    data = build_briefing(service, BriefRequest(since=D1, until=D1), save=False).to_json_dict()
    assert {"since", "until", "language", "mode", "top", "stories", "left_out"} <= data.keys()
    story = data["stories"][0]
    assert {"id", "headline", "summary", "citations", "actors", "articles", "sources", "first_seen", "status"} <= story.keys()
    assert {"n", "article_id", "title", "source", "published", "url", "chunk_id", "quote", "start", "end"} <= story["citations"][0].keys()
    assert "centroid" not in story


def test_left_out_lists_what_did_not_fit(service):
    b = build_briefing(service, BriefRequest(since=D1, until=D1, max_stories=1), save=False)
    assert len(b.stories) == 1 and len(b.left_out) >= 2
    assert all("top 1" in x.reason for x in b.left_out)


def test_the_next_day_links_a_continuing_story_and_tells_only_what_is_new(service, archive):
    first = build_briefing(service, BriefRequest(since=D1, until=D1), archive=archive)
    second = build_briefing(service, BriefRequest(since=D2, until=D2), archive=archive)
    follow = _story_with(second, "t7")
    assert follow.status == "developing"
    assert follow.previous is not None and follow.previous.briefing_id == first.id
    assert follow.id == _story_with(first, "t1").id
    assert follow.first_seen == D1 and "new article" in follow.changes
    assert all(c.article_id == "t7" for c in follow.citations)
    assert _story_with(second, "t8").status == "new"
    assert citation_problems(second, service.store.get_passages) == []


def test_an_empty_day_says_so_and_names_the_nearest_days(service):
    b = build_briefing(service, BriefRequest(since=dt.date(2025, 2, 25), until=dt.date(2025, 2, 25)), save=False)
    assert b.stories == [] and b.nearest == [D2]
    assert "No articles" in b.note and "2025-02-19" in b.note


def test_actor_filter_keeps_only_stories_that_mention_the_actor(service):
    b = build_briefing(service, BriefRequest(since=D1, until=D1, actors=["Rubio"]), save=False)
    assert [set(s.article_ids) for s in b.stories] == [{"t1", "t2", "t3"}]


def test_a_briefing_in_another_language_is_stored_apart(service):
    b = build_briefing(service, BriefRequest(since=D1, until=D1, language="fr"), save=False)
    assert b.language == "fr" and b.id.endswith("-fr")
    assert "extractive mode quotes articles in their own language" in b.note


def test_archive_round_trip_keeps_centroids(service, archive):
    b = build_briefing(service, BriefRequest(since=D1, until=D1), archive=archive)
    loaded = archive.load(b.id)
    assert loaded is not None and loaded.stories[0].centroid
    assert [x.id for x in archive.list()] == [b.id]
    with pytest.raises(ValueError):
        archive.path("../escape")


# -- LLM mode -------------------------------------------------------------------------------------
def _passages(prompt: str) -> dict[int, str]:
    found = {}
    for m in re.finditer(r"^\[(\d+)\] \(.*?\)\n(.+?)(?=\n\n\[\d+\] \(|\Z)", prompt, re.S | re.M):
        found[int(m.group(1))] = m.group(2)
    return found


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip())[0].rstrip(".")


def _story_reply(messages) -> str:
    prompt = str(messages[-1].content)
    if "Notes:" in prompt:
        ps = _passages(prompt)
        return "\n".join(f"{_first_sentence(t)} [{n}]." for n, t in list(ps.items())[:3])
    ps = _passages(prompt)
    n, text = next(iter(ps.items()))
    return (f"HEADLINE: A checked headline\nSUMMARY: {_first_sentence(text)} [{n}]. "
            f"The moon landing was filmed in a studio in Nevada in 1969 [{n}].")


def _writer(**kw):
    from briefing.briefs.llm_writer import LLMStoryWriter
    from briefing.testing.fake_chat import scripted_chat_model

    return LLMStoryWriter(scripted_chat_model([_story_reply], cycle=True), model_name="gpt-4o-mini", **kw)


def test_llm_mode_checks_citations_and_drops_unsupported_claims(service):
    writer = _writer()
    b = build_briefing(service, BriefRequest(since=D1, until=D1), writer=writer, save=False)
    assert b.mode == "llm" and b.model == "gpt-4o-mini"
    for s in b.stories:
        assert s.headline == "A checked headline"
        assert "moon" not in s.summary and s.citations
        assert any("does not support" in f for f in s.flagged)
    assert citation_problems(b, service.store.get_passages) == []
    assert writer.usage["calls"] == len(b.stories)


def test_llm_mode_maps_then_reduces_when_passages_exceed_the_budget(service):
    writer = _writer(cap=200)  # two of the three Riyadh passages per call
    estimate = writer.estimate([], None)
    assert estimate["calls"] == 0
    b = build_briefing(service, BriefRequest(since=D1, until=D1), writer=writer, save=False)
    riyadh = _story_with(b, "t1")
    assert writer.usage["calls"] > len(b.stories)  # notes calls before the story calls
    assert riyadh.citations and citation_problems(b, service.store.get_passages) == []
    from briefing.briefs.budget import tokens

    frame = max(tokens(writer.story_prompt), tokens(writer.notes_prompt))
    assert all(tokens(p) <= frame + 200 for p in writer.chat_model.prompts)  # every call within the budget


def test_cost_estimate_before_a_run(service):
    from briefing.briefs.builder import BriefRequest as R

    plans = []
    writer = _writer()

    def on_plan(drafts, source, repeated):
        plans.append(writer.estimate(drafts, source, repeated))

    build_briefing(service, R(since=D1, until=D1), writer=writer, save=False, on_plan=on_plan)
    (plan,) = plans
    assert plan["calls"] >= 3 and plan["input_tokens"] > 100 and plan["cost_usd_max"] > 0
    assert writer.usage["calls"] == plan["calls"]


# -- CLI ------------------------------------------------------------------------------------------
def _cli(service, *args):
    from click.testing import CliRunner

    from briefing.cli import cli

    runner = CliRunner()
    return runner.invoke(cli, ["--data-dir", str(service.settings.data_dir), *args],
                         obj={"service": service}, catch_exceptions=False)


def test_cli_brief_json_and_markdown_out(service, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_LLM", "extractive")
    result = _cli(service, "brief", "--date", D1.isoformat(), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["since"] == D1.isoformat() and data["stories"]
    out = tmp_path / "b.md"
    result = _cli(service, "brief", "--date", D1.isoformat(), "--out", str(out))
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# Briefing 2025-02-18")
    html = tmp_path / "b.html"
    assert _cli(service, "brief", "--since", D1.isoformat(), "--until", D2.isoformat(), "--out", str(html)).exit_code == 0
    assert html.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_cli_rejects_bad_dates_clearly(service, monkeypatch):
    monkeypatch.setenv("BRIEFING_LLM", "extractive")
    result = _cli(service, "brief", "--date", "18/02/2025")
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = _cli(service, "brief", "--since", D2.isoformat(), "--until", D1.isoformat())
    assert result.exit_code != 0 and "before" in result.output


def test_cli_daily_writes_each_days_briefing_and_stops_cleanly_on_ctrl_c(service, monkeypatch):
    import briefing.briefs.schedule as schedule

    def fake_run_daily(job, at, on_wait=None, **_):
        assert at == dt.time(7, 30)
        job(D1)  # as the scheduler would at 07:30 on the 19th
        raise KeyboardInterrupt

    monkeypatch.setattr(schedule, "run_daily", fake_run_daily)
    monkeypatch.setenv("BRIEFING_LLM", "extractive")
    result = _cli(service, "brief", "--daily", "07:30")
    assert result.exit_code == 0, result.output
    written = service.settings.data_dir / "briefings" / "2025-02-18-en.md"
    assert written.exists() and "Stopped the daily briefing" in result.output
    assert _cli(service, "brief", "--daily", "7h30").exit_code != 0


def test_citations_point_at_the_stored_chunks_even_when_chunk_settings_changed(service):
    class SameStoreOtherSettings:
        settings = service.settings.model_copy(update={"chunk_tokens": 30, "chunk_overlap_tokens": 0})
        store, embedder, hooks = service.store, service.embedder, []

        def articles(self, filters=None):
            return service.articles(filters)

    b = build_briefing(SameStoreOtherSettings(), BriefRequest(since=D1, until=D1), save=False)
    assert b.all_citations() and citation_problems(b, service.store.get_passages) == []

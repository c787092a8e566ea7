"""News questions through the service (real embedded Chroma, fake embedder, the actor index):
scope as a filter, "what happened" digests, "who is" from the actor profile, bad input."""

import datetime as dt

import pytest

from briefing.models import Filters
from briefing.wiring import build_service

from .helpers import RIYADH, fake_settings, make_article

TAHRIR = ("Des milliers de manifestants se sont rassemblés place Tahrir au Caire pour réclamer le départ de "
          "Hosni Moubarak. La police a tiré des gaz lacrymogènes sur la foule. #egypt #jan25 http://yfrog.com/h3abc")
ADEN = ("Des affrontements ont éclaté à Aden entre manifestants et forces de sécurité. "
        "Les manifestants demandaient la démission du président Ali Abdallah Saleh.")
ASSAD = ("Le président syrien Bachar el-Assad a prononcé un discours à Damas. Pourquoi Bachar el-Assad "
         "resterait-il au pouvoir ? Bachar el-Assad a promis des réformes politiques.")


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    service = build_service(fake_settings(tmp_path_factory.mktemp("news")))
    service.ingest_articles([
        make_article("mt", RIYADH, title="Lavrov et Rubio à Riyad", day="2025-02-26", source="The Moscow Times"),
        make_article("eg", TAHRIR, title="Égypte : la place Tahrir", day="2011-01-25", source="Global Voices"),
        make_article("ye", ADEN, title="Yémen : affrontements à Aden", day="2011-02-21", source="Global Voices"),
        make_article("sy", ASSAD, title="Syrie : le discours de Bachar el-Assad", day="2011-03-30",
                     source="Global Voices"),
    ])
    return service


def test_a_named_day_becomes_the_filter_and_the_answer_says_so(svc):
    answer = svc.ask("What happened in Aden on 21 February 2011?")
    assert answer.kind == "what_happened"
    assert answer.scope.since == answer.scope.until == dt.date(2011, 2, 21)
    assert answer.answer.startswith("Articles of 2011-02-21:")
    assert not answer.abstained and answer.citations
    assert {c.article_id for c in answer.citations} == {"ye"}
    assert answer.to_json_dict()["scope"]["since"] == "2011-02-21" and answer.to_json_dict()["kind"] == "what_happened"


def test_a_digest_never_quotes_a_tweet(svc):
    answer = svc.ask("What happened in Egypt on 25 January 2011?")
    assert answer.citations and all("#jan25" not in c.quote and "http" not in c.quote for c in answer.citations)


def test_explicit_dates_win_over_the_wording(svc):
    answer = svc.ask("What happened on 21 February 2011?", filters=Filters(since=dt.date(2025, 2, 1)))
    assert answer.scope is not None and answer.scope.applied is False
    assert all(c.published >= dt.date(2025, 2, 1) for c in answer.citations)
    assert "instead of" in answer.answer


def test_relative_dates_are_read_against_the_newest_article(svc):
    answer = svc.ask("Who met in Riyadh last week?")
    assert answer.scope.reference == dt.date(2025, 2, 26)
    assert "read against the newest stored article, 2025-02-26" in answer.answer


def test_a_day_without_articles_names_the_nearest_days(svc):
    answer = svc.ask("What happened on 1 January 1990?")
    assert answer.abstained and not answer.citations
    assert "No stored article is dated 1990-01-01" in answer.answer
    assert "2011-01-25" in answer.answer


def test_an_impossible_date_is_said_plainly(svc):
    answer = svc.ask("What happened on 31 February?")
    assert answer.abstained and "does not exist" in answer.answer and "31 February" in answer.answer
    french = svc.ask("Que s'est-il passé le 30 février 2011 ?")
    assert "n'existe pas" in french.answer


@pytest.mark.parametrize("question", ["", "   ", "x" * 10_000])
def test_empty_and_huge_questions_are_clear_errors(svc, question):
    with pytest.raises(ValueError) as err:
        svc.ask(question)
    assert "empty" in str(err.value) or "10,000 characters" in str(err.value)


def test_who_is_answers_from_the_actor_profile_never_with_a_question(svc):
    answer = svc.ask("Who is Bashar al-Assad?")
    assert answer.kind == "who_is" and not answer.abstained
    assert answer.citations and all(not c.quote.rstrip().endswith("?") for c in answer.citations)
    assert "Assad" in answer.answer.splitlines()[0]


def test_extractive_answers_open_with_a_direct_line(svc):
    answer = svc.ask("Who met in Riyadh?", read_dates=False)
    assert not answer.abstained
    first = answer.answer.splitlines()[0]
    assert "Rubio" in first and first.endswith("[1]")
    assert "» (la semaine dernière: the week before 2025-02-26)" in answer.answer


def test_ignoring_dates_drops_the_scope(svc):
    answer = svc.ask("What happened on 1 January 1990?", read_dates=False)
    assert answer.scope is None and "1990-01-01" not in answer.answer


def test_a_day_without_articles_is_looked_for_in_the_next_days_reports(svc):
    answer = svc.ask("What happened in Aden on 19 February 2011?")
    assert (answer.scope.since, answer.scope.until) == (dt.date(2011, 2, 19), dt.date(2011, 2, 26))
    assert answer.answer.startswith("Articles of 2011-02-19 … 2011-02-26:")
    assert {c.article_id for c in answer.citations} == {"ye"}


def test_model_mode_gets_the_same_reading(tmp_path):
    from briefing.settings import Settings

    service = build_service(Settings(_env_file=None, data_dir=tmp_path, embedder="fake", llm="fake"))
    service.ingest_articles([
        make_article("ye", ADEN, title="Yémen : affrontements à Aden", day="2011-02-21", source="Global Voices"),
        make_article("sy", ASSAD, title="Syrie : Bachar el-Assad", day="2011-03-30", source="Global Voices"),
    ])
    assert service.mode == "llm"
    day = service.ask("What happened in Aden on 21 February 2011?")
    assert day.kind == "what_happened" and day.scope.since == dt.date(2011, 2, 21)
    assert day.answer.startswith("Articles of 2011-02-21:")
    assert day.citations and all(c.verified and c.article_id == "ye" for c in day.citations)
    who = service.ask("Who is Bashar al-Assad?")
    assert who.kind == "who_is" and who.citations and {c.article_id for c in who.citations} == {"sy"}


def test_a_subject_not_in_the_news_that_day_names_the_days_it_is(svc):
    answer = svc.ask("What happened in Aden on 25 January 2011?")
    assert answer.abstained and not answer.citations
    assert "No stored article of 2011-01-25 is about Aden" in answer.answer and "2011-02-21" in answer.answer


def test_digest_and_who_is_answers_carry_their_cited_passages(svc):
    for question in ("What happened in Aden on 21 February 2011?", "Who is Bashar al-Assad?"):
        answer = svc.ask(question)
        chunks = {p.chunk_id: p for p in answer.passages}
        assert answer.citations and all(c.chunk_id in chunks and c.quote in chunks[c.chunk_id].text
                                        for c in answer.citations)

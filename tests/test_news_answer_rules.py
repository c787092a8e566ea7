"""Rules of news answers through the service (real embedded Chroma, fake embedder, the actor
index): a dated question also reads the next days' reports, "what happened in X" quotes what
happened in X, and a question of where is answered by a sentence that names a new place."""

import datetime as dt

import pytest

from briefing.answer.cited_entities import could_be_place
from briefing.wiring import build_service

from .helpers import fake_settings, make_article

SANAA = ("Des milliers de manifestants se sont rassemblés à Sanaa lundi. Les étudiants ont dressé des tentes "
         "devant l'université.")
PRESS = ("Lors d'une conférence de presse lundi, le président Ali Abdallah Saleh a déclaré qu'il ne se retirerait "
         "pas et a appelé au dialogue.")
ANTALYA = "Mercredi, les opposants syriens se sont réunis à Antalya pour leur première conférence."
STATUE = "Vendredi, des manifestants ont abattu une statue de Hafez al-Assad en Syrie."
IBB = ("Les manifestations qui réclament la démission du président sont entrées dans leur quatrième semaine. "
       "Le président a invité au dialogue toutes les forces politiques. "
       "Dans la ville de Ibb, dimanche, des partisans du régime ont attaqué les manifestants, faisant un mort.")


def _service_with(tmp_path_factory, name: str, articles: list):
    service = build_service(fake_settings(tmp_path_factory.mktemp(name)))
    service.ingest_articles(articles)
    return service


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    return _service_with(tmp_path_factory, "rules", [
        make_article("day", SANAA, title="Yémen : les étudiants de Sanaa", day="2011-02-21"),
        make_article("next", PRESS, title="Yémen : le président ne partira pas", day="2011-02-22"),
        make_article("ibb", IBB, title="Yémen : quatrième semaine de manifestations", day="2011-03-10"),
        make_article("antalya", ANTALYA, title="Les opposants syriens en conférence", day="2011-06-02"),
        make_article("statue", STATUE, title="Une statue abattue", day="2011-03-27"),
    ])


def test_a_dated_question_the_day_does_not_answer_reads_the_reports_of_the_days_after(svc):
    answer = svc.ask("What did President Saleh say at his press conference on 21 February 2011?")
    assert not answer.abstained
    assert {c.article_id for c in answer.citations} == {"next"}
    assert answer.answer.startswith("Articles of 2011-02-21 … 2011-02-28 (the day asked about and the reports")
    assert (answer.scope.since, answer.scope.until) == (dt.date(2011, 2, 21), dt.date(2011, 2, 28))


def test_the_day_itself_comes_first_when_it_answers(svc):
    answer = svc.ask("Où les manifestants se sont-ils rassemblés le 21 février 2011 ?")
    assert answer.scope.until == dt.date(2011, 2, 21)
    assert all(c.article_id == "day" for c in answer.citations)


def test_what_happened_in_a_place_quotes_the_sentences_that_name_it(svc):
    answer = svc.ask("Que s'est-il passé à Ibb en mars 2011 ?")
    assert answer.kind == "what_happened" and answer.citations
    assert all("Ibb" in c.quote for c in answer.citations)


def test_a_question_of_what_someone_said_needs_them_to_have_said_it(svc):
    answer = svc.ask("What did Vladimir Putin say at the press conference on 21 February 2011?")
    assert answer.abstained and not answer.citations


def test_a_town_the_actor_index_does_not_know_still_answers_where(svc):
    answer = svc.ask("Où se sont réunis les opposants syriens en juin 2011 ?")
    assert not answer.abstained
    assert [c.article_id for c in answer.citations] == ["antalya"] and "Antalya" in answer.citations[0].quote


def test_the_country_of_a_place_adjective_asked_about_is_no_answer_to_where(svc):
    # "quelle ville syrienne" asks for a town; "en Syrie" only repeats the question
    answer = svc.ask("Dans quelle ville syrienne des manifestants ont-ils abattu une statue de Hafez al-Assad ?")
    assert answer.abstained and not answer.citations


def test_a_country_is_no_answer_to_where_someone_is_held(tmp_path_factory):
    svc = _service_with(tmp_path_factory, "held", [
        make_article("maarawi", "Anas Maarawi est le dernier en date des blogueurs arrêtés en Syrie. Il dirige de "
                     "nombreux blogs techniques.", title="Le blogueur Anas Maarawi", day="2011-07-11"),
        make_article("hossam", "Le blogueur Hossam Ali est détenu à la prison de Tora, au Caire, depuis lundi.",
                     title="Égypte : un blogueur détenu", day="2011-07-12"),
    ])
    answer = svc.ask("Où le blogueur Anas Maarawi est-il détenu ?")
    assert answer.abstained and not answer.citations
    answer = svc.ask("Où le blogueur Hossam Ali est-il détenu ?")
    assert not answer.abstained and "Tora" in answer.citations[0].quote


LAUNCH = ("Nous sommes maintenant prêts pour le lancement de Syria Untold, un projet de média numérique sur la "
          "révolution syrienne. Le 14 mai est le jour J.")
MISSING = ("Wael Ghonim, le manager de Google Moyen Orient qui avait disparu le 27 janvier, a été libéré aujourd'hui "
           "au Caire.")
BRIDGE = "Un pont sur la rivière s'est effondré près de Pune, faisant quatre morts parmi les promeneurs."


@pytest.fixture(scope="module")
def around(tmp_path_factory):
    return _service_with(tmp_path_factory, "around", [
        make_article("launch", LAUNCH, title="Syria Untold", day="2013-05-13"),
        make_article("missing", MISSING, title="Égypte : Wael Ghonim libéré", day="2011-02-07"),
        make_article("bridge", BRIDGE, title="Inde : un pont s'effondre", day="2025-06-15"),
    ])


def test_a_day_announced_the_day_before_is_answered_by_the_announcement(around):
    answer = around.ask("Quel projet de média numérique sur la révolution syrienne devait être lancé le 14 mai 2013 ?")
    assert not answer.abstained and {c.article_id for c in answer.citations} == {"launch"}
    assert answer.answer.startswith("Articles du 2013-04-13 … 2013-06-14, cités là où ils nomment le 2013-05-14")
    assert (answer.scope.since, answer.scope.until, answer.scope.granularity) == (
        dt.date(2013, 4, 13), dt.date(2013, 6, 14), "range")


def test_a_day_told_weeks_after_is_answered_by_the_sentence_that_names_it(around):
    answer = around.ask("Quel manager de Google Moyen Orient a disparu le 27 janvier 2011 ?")
    assert not answer.abstained and {c.article_id for c in answer.citations} == {"missing"}
    assert "27 janvier" in answer.citations[0].quote


def test_days_with_no_articles_of_their_own_are_answered_from_the_reports_after_them(around):
    # no article is dated 13 or 14 June; the bridge story of the 15th reports the collapse
    answer = around.ask("Combien de morts quand le pont s'est effondré près de Pune les 13 et 14 juin 2025 ?")
    assert not answer.abstained and {c.article_id for c in answer.citations} == {"bridge"}
    assert (answer.scope.since, answer.scope.until) == (dt.date(2025, 6, 13), dt.date(2025, 6, 21))
    # a span of a week or more is not widened: the articles of its own days are the ones asked for
    answer = around.ask("Combien de morts quand le pont s'est effondré près de Pune du 1er au 14 juin 2025 ?")
    assert answer.abstained and not answer.citations


def test_the_weeks_around_a_day_do_not_answer_without_naming_it(around):
    # the bridge story is of 15 June: a question of 1 June is not answered by it
    answer = around.ask("Combien de morts quand le pont s'est effondré près de Pune le 1er juin 2025 ?")
    assert answer.abstained and not answer.citations


TEENAGER = ("Un adolescent a été tué par balle à Aden lundi, alors que des milliers de manifestants "
            "réclamaient le départ du président.")
JUDGE = "Le juge Adly Mansour a prêté serment jeudi au Caire comme président par intérim de l'Égypte."


@pytest.fixture(scope="module")
def named(tmp_path_factory):
    return _service_with(tmp_path_factory, "named", [
        make_article("teenager", TEENAGER, title="Yémen : un adolescent tué à Aden", day="2011-02-21"),
        make_article("judge", JUDGE, title="Égypte : un président par intérim", day="2013-07-04"),
    ])


def test_the_name_of_someone_is_answered_by_a_sentence_that_names_them(named):
    answer = named.ask("Comment s'appelle le juge qui a prêté serment comme président par intérim de l'Égypte ?")
    assert not answer.abstained and [c.article_id for c in answer.citations] == ["judge"]


def test_a_sentence_that_brings_someone_in_unnamed_does_not_give_their_name(named):
    # the story of the teenager is the nearest sentence, but it names no one
    answer = named.ask("Quel est le nom de l'adolescent tué par balle à Aden ?")
    assert answer.abstained and not answer.citations


@pytest.mark.parametrize("word, place", [("Antalya", True), ("IRGC", False), ("ONU", False), ("Quds", False),
                                         ("Les", False)])
def test_a_town_the_index_does_not_know_is_a_capitalised_word_that_is_no_acronym(word, place):
    # "central Iran … belonging to the IRGC": the Guards are not where the strike was
    assert could_be_place(word, {"Quds", "Force"}, {"les"}) is place

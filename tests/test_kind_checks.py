"""Per-kind checks: the sentence must hold the kind of fact asked for, in the languages asked in."""

import pytest

from briefing.answer.kind_checks import expected_fact, fits_kind, has_number, has_time, must_abstain


@pytest.mark.parametrize("question, kind", [
    ("How many soldiers were killed?", "number"), ("Combien de morts à Gaza ?", "number"),
    ("When did the summit begin?", "time"), ("Quand Anas a-t-il été arrêté ?", "time"),
    ("Where will they meet?", "place"), ("Où se tient le sommet ?", "place"),
    ("Who won the race?", "person"), ("Qui a remporté la course ?", "person"),
    ("Who is Wael Ghonim?", None), ("Qui est Blaise Metreweli ?", None), ("Who is the mayor of Homs?", "person"),
    ("What is the purpose of the meeting?", None),
])
def test_expected_fact(question, kind):
    assert expected_fact(question) == kind


def test_numbers_and_dates_in_words_and_digits():
    assert has_number("Une explosion a tué au moins 17 soldats") and has_number("trois millions de visionnages")
    assert has_number("Twenty-four people are evacuated") and not has_number("Le président a parlé aux foules.")
    assert has_time("arrêté vendredi 1 juillet 2011") and has_time("le 21 février") and has_time("last week in Riyadh")
    assert not has_time("Les manifestants ont quitté la place.")
    assert fits_kind("Where did they meet?", "Lavrov et Rubio se sont rencontrés à Riyad") == 1.0
    assert fits_kind("Where did Lavrov and Rubio meet?", "Lavrov et Rubio se sont rencontrés.") == 0.0


@pytest.mark.parametrize("question, sentence, abstain", [
    ("Combien de morts ?", "Le président a parlé aux foules.", True),
    ("How many were killed?", "At least 19 people are killed in floods.", False),
    ("How old is Wael Ghonim?", "Wael Ghonim avait disparu le 27 janvier.", True),
    ("How old is Rami Makhlouf?", "l'homme d'affaires Rami Makhlouf, 41 ans, va se retirer", False),
    ("When was Mohamed Morsi born?", "Mohamed Morsi n'est plus le président de l'Egypte.", True),
    ("What did George Clooney say after his arrest?", "George Clooney a été arrêté à Washington DC.", True),
    ("What did Lavrov say about the meeting?", '"Une telle réunion aura lieu demain", a déclaré M. Lavrov.', False),
    ("Qu'a annoncé Elon Musk ?", "Elon Musk announces on X that Starlink will provide internet access.", False),
    # "what did X do" is not a question of speech
    ("What did Egypt open on 28 May 2011?", "L'Egypte a ouvert aujourd'hui son point de passage de Rafah.", False),
    ("Who met in Riyadh?", "Lavrov et Marco Rubio se sont rencontrés à Riyad.", False),
])
def test_must_abstain(question, sentence, abstain):
    assert must_abstain(question, sentence) is abstain


@pytest.mark.parametrize("question, sentence, abstain", [
    ("How many people were killed in Deraa?", "Des dizaines de milliers de manifestants sont dans les rues.", True),
    ("How many protesters were killed in Sanaa?", "Les forces de l'ordre ont ouvert le feu, tuant au moins 22 personnes.", False),
    ("Combien de morts à Kinshasa ?", "At least 19 people are killed in floods and landslides.", False),
    ("Who is the mayor of Homs?", "Yazan Homsy, fils de Homs la grande, militant de la révolution.", True),
    ("Who scored Libya's goal against Mozambique?", "L'équipe libyenne de football a battu le Mozambique 1-0.", True),
    ("Who was arrested outside the embassy?", "L'acteur George Clooney s'est fait arrêter par les services de sécurité.", False),
])
def test_the_event_asked_about_must_be_named(question, sentence, abstain):
    assert must_abstain(question, sentence) is abstain


def test_words_with_a_second_sense_do_not_demand_an_event():
    assert not must_abstain("Où ont eu lieu les fusillades contre les élus du Minnesota ?",
                            "Two legislators are shot at their homes in Brooklyn Park and Champlin, Minnesota.")
    assert not must_abstain("Qui a gagné la finale ?", "Tatjana Maria defeats Amanda Anisimova in the final.")


def test_event_words_are_checked_on_the_languages_they_are_listed_for():
    question = "Who scored the touchdown in the fourth quarter?"
    sentence = "Dann punktete Anderson bei einem 2-Yard-Touchdown-Run."
    assert must_abstain(question, sentence, "en") and not must_abstain(question, sentence, "de")
    # the kind of fact is checked in every language
    assert must_abstain("How many people were there?", "Es kamen Menschen aus der ganzen Stadt.", "de")

import pytest

from briefing.answer.attribution import asks_speaker, introducer_start
from briefing.answer.kind_checks import must_abstain


@pytest.mark.parametrize("question, asks", [
    ("Which Al Jazeera correspondent reported in June 2011 that the regime used stadiums as prisons?", True),
    ("Quelle journaliste d'Al Jazeera a décrit un « chaos total » à Maspero ?", True),
    ("Who tweeted 'GAME OVER' when the rebels reached Tripoli?", True),
    ("Qui a déclaré que Morsi n'était plus président ?", True),
    # the saying sits in a relative or a time clause: what is asked is who founded, who was arrested
    ("Qui a fondé le centre A2K4D, qui a dénoncé le contrat avec Microsoft ?", False),
    ("Who was arrested after he tweeted about the army?", False),
    ("Who shot the man who said no?", False),
    ("What did Lavrov say about Ukraine?", False),
    ("How many people tweeted about the strike?", False),
])
def test_a_question_asks_for_who_said_it(question, asks):
    assert asks_speaker(question) is asks


def test_the_line_that_hands_over_to_a_quote_starts_where_its_last_sentence_does():
    text = ("Les tweets de correspondants sont un moyen d'obtenir des nouvelles. Le correspondant d'Al Jazeera "
            "Cal Perry nous apprend :\nLe pouvoir syrien n'a plus de place dans ses prisons.")
    quote = text.index("Le pouvoir")
    assert text[introducer_start(text, quote):quote].strip() == "Le correspondant d'Al Jazeera Cal Perry nous apprend :"
    # no colon, or the quote does not start its line: nothing hands over to it
    assert introducer_start("Cal Perry écrit.\nLe pouvoir syrien n'a plus de place.", 17) is None
    assert introducer_start("Cal Perry écrit : le pouvoir syrien n'a plus de place.", 18) is None


def test_who_said_it_is_answered_by_the_quote_whose_line_before_names_the_speaker():
    q = "Quelle journaliste d'Al Jazeera au Caire a décrit un « chaos total » à Maspero ?"
    tweet = "@SherineT: Chaos total ici à Maspero. Milliers contre milliers. Batailles de rue."
    assert not must_abstain(q, tweet, "fr", before="La correspondante d'Al Jazeera au Caire Sherine Tadros ajoute :")
    # the line before that names no one new, or one that does not hand over, does not name the speaker
    assert must_abstain(q, tweet, "fr", before="A Maspero se trouve le siège de la radio-télévision d'Etat.")

from briefing.answer.support import covered_words
from briefing.text.lexicon import news_lexicon, parse


def test_lexicon_lines_give_translations_both_ways_folded():
    lex = parse("# weather\nstorm|storms\ttempête|tempêtes\nearthquake\tséisme|tremblement de terre\n"
                "storm\torage\nno tab here\n\n")
    assert lex.translations("storm", "en", "fr") == {"tempete", "tempetes", "orage"}  # both lines gathered
    assert lex.translations("seisme", "fr", "en") == {"earthquake"}
    assert "tremblement de terre" in lex.translations("earthquake", "en", "fr")
    assert lex.translations("storm", "en", "de") == frozenset()  # English and French only
    assert lex.translations("wind", "en", "fr") == frozenset()


def test_forms_are_read_as_text_is_read():
    lex = parse("storm (an embassy)|stormed\tprendre d'assaut|pris d'assaut\n")
    assert "prendre assaut" in lex.translations("stormed", "en", "fr")  # the elision dropped, as in `words`


def test_shipped_lexicon_is_well_formed():
    lines = [ln for ln in news_lexicon_text().splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(lines) > 500
    for ln in lines:
        left, _, right = ln.partition("\t")
        assert left.strip() and right.strip() and "\t" not in right, ln
    lex = news_lexicon()
    assert "tempete" in lex.translations("storm", "en", "fr")
    assert "embassy" in lex.translations("ambassade", "fr", "en")


def news_lexicon_text() -> str:
    from briefing.text.lexicon import LEXICON_PATH

    return LEXICON_PATH.read_text(encoding="utf-8")


def test_translated_words_count_as_covered_across_languages_only():
    q = "Dans quelle province une tempête hivernale a-t-elle causé des inondations ?"
    sentence = "The death toll from flooding caused by a winter storm in the Eastern Cape rises to 86."
    asked, found = covered_words(q, "fr", sentence, "en")
    assert {"tempete", "hivernale", "inondations"} <= found
    assert "province" in asked - found  # nothing in the sentence says it
    # a multi-word translation is looked for as a phrase of the text
    _, found = covered_words("Where did the earthquake strike?", "en", "Un tremblement de terre a frappé Lima.", "fr")
    assert "earthquake" in found
    # within one language the lexicon plays no part: "storm" is not "tempête" in an English text
    _, found = covered_words("Which storm hit the Cape?", "en", "Une tempête a frappé le Cap.", "en")
    assert "storm" not in found


def test_a_capitalised_word_of_the_question_is_found_under_its_translation():
    from briefing.answer.support import known_places, names_found, question_names

    q = "Who was arrested outside the Sudanese embassy in Washington in February?"
    places = known_places(q)
    assert "=soudanais" in places["sudanese"] and "=fevrier" in places["february"]
    text = "Clooney a été arrêté devant l'ambassade soudanaise à Washington en février."
    assert names_found(question_names(q), text, places) == 1.0
    assert names_found(question_names(q), text) < 1.0  # without the lexicon "Sudanese" is not there

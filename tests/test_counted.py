"""What a count counts."""

import pytest

from briefing.answer.counted import counted_nouns, counts_other, names_uncounted


@pytest.mark.parametrize("question, nouns", [
    ("How many Iranian drones did Israel intercept?", ["drones"]), ("Combien d'Australiens ont été arrêtés ?", ["australiens"]),
    ("How many people were killed?", ["people"]), ("Combien de morts à Gaza ?", ["morts"]),
    ("How many bodies of Ukrainian soldiers did Russia return?", ["bodies", "soldiers"]),
    ("How many were killed?", []), ("When did they meet?", []),
])
def test_the_nouns_of_what_a_question_counts(question, nouns):
    assert counted_nouns(question) == nouns


@pytest.mark.parametrize("question, sentence, uncounted", [
    # the thing asked is named, but the number counts something else
    ("Combien d'Australiens ont été arrêtés ?", "Police arrest 13 foreigners, mostly Australians and British people.", True),
    ("How many protesters were arrested?", "Protesters were arrested by the police, and 3 officers were injured.", True),
    # a number a few words before the thing, across "de"/"of" and adjectives
    ("How many Iranian ballistic missiles were launched?", "Twenty-five Iranian ballistic missiles are launched.", False),
    ("How many people were killed?", "Des dizaines de personnes ont été tuées.", False),
    ("Combien de personnes ont manifesté ?", "Il y avait ici 300 personnes.", False),
    ("Combien de manifestants ?", "Le nombre de manifestants s'élève à 5000.", False),
    ("How many bodies of Ukrainian soldiers did Russia return?", "Russia returns the bodies of 1,200 Ukrainian soldiers.", False),
    # a sentence that does not name the thing is left to the other checks
    ("How many Iranian drones did Israel intercept?", "Twenty-five Iranian ballistic missiles are launched.", False),
])
def test_a_sentence_that_names_the_thing_asked_without_counting_it(question, sentence, uncounted):
    assert names_uncounted(question, sentence) is uncounted


@pytest.mark.parametrize("question, sentence, other", [
    ("How many Iranian drones did Israel intercept on 18 June 2025?",
     "Twenty-five Iranian ballistic missiles are launched at central Israel, with most being intercepted.", True),
    # a number with nothing counted after it, or people, may be the count asked
    ("How many drones were shot down?", "At least 19 are shot down over Haifa.", False),
    ("How many soldiers were killed?", "At least 19 people are killed in the attack.", False),
    # the thing asked named anywhere leaves it to the other checks
    ("How many drones were launched?", "Twenty-five missiles and 40 drones are launched.", False),
    ("How many were killed?", "Twenty-five missiles are launched.", False),
])
def test_a_count_of_something_else_it_names(question, sentence, other):
    assert counts_other(question, sentence) is other

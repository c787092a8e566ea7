"""Follow-up questions made standalone: the offline heuristic and the model path."""

from __future__ import annotations

import pytest

from briefing.answer.rewrite import heuristic_rewrite, is_follow_up, names_in, rewrite_followup
from briefing.models import Turn
from briefing.testing.fake_chat import scripted_chat_model

RIYADH = [
    Turn(role="user", content="Who met in Riyadh?"),
    Turn(role="assistant", content="Sergei Lavrov and Marco Rubio met in Riyadh last week [1]."),
]


def test_follow_up_carries_over_names_and_content_words():
    query = rewrite_followup("And where will they meet next?", RIYADH)
    assert query.startswith("And where will they meet next?")
    for word in ("Lavrov", "Rubio", "meet", "next", "Riyadh"):
        assert word in query
    assert "[1]" not in query


@pytest.mark.parametrize("question", [
    "And where will they meet next?", "What did they agree?", "Et ensuite ?", "Où se reverront-ils ?",
    "What about Gaza?", "Why?", "Und wo treffen sie sich?", "¿Y dónde se reunirán ellos?",
])
def test_follow_ups_are_detected(question):
    assert is_follow_up(question)
    assert heuristic_rewrite(question, RIYADH) != question


@pytest.mark.parametrize("question", [
    "Who is Marco Rubio?", "When is the next NATO summit?", "What happened in Gaza on 14 June 2025?",
    "Quelles négociations ont eu lieu entre la Russie et les Etats-Unis ?",
])
def test_standalone_questions_pass_through(question):
    assert not is_follow_up(question)
    assert rewrite_followup(question, RIYADH) == question


def test_no_history_means_no_rewrite_and_no_model_call():
    model = scripted_chat_model(["should not be used"])
    assert rewrite_followup("  And then?  ", [], chat_model=model) == "And then?"
    assert model.calls == []


def test_chained_follow_ups_resolve_through_earlier_turns():
    history = RIYADH + [Turn(role="user", content="And where will they meet next?"),
                        Turn(role="assistant", content="In Istanbul, Lavrov said [1].")]
    query = rewrite_followup("When?", history)
    for word in ("Istanbul", "Lavrov", "Rubio", "meet", "next"):
        assert word in query
    assert "they" not in query.split(" — ", 1)[1]  # pronouns are not carried over


def test_names_in_skips_function_words_and_markers():
    assert names_in("The Kremlin said Sergei Lavrov met Marco Rubio in Riyadh [1].") == [
        "Kremlin", "Sergei Lavrov", "Marco Rubio", "Riyadh"]
    assert names_in("Who met them?") == []


def test_model_rewrite_is_used_and_cleaned():
    model = scripted_chat_model(['"Where will Lavrov and Rubio meet next?"'])
    assert rewrite_followup("And where will they meet next?", RIYADH, chat_model=model) == (
        "Where will Lavrov and Rubio meet next?")
    [call] = model.calls
    prompt = call[0].content
    assert "User: Who met in Riyadh?" in prompt and "Follow-up question: And where will they meet next?" in prompt
    assert "same language" in prompt.lower() or "language of the follow-up" in prompt


def test_model_rewrite_keeps_the_language_it_is_given():
    model = scripted_chat_model(["Où Lavrov et Rubio se reverront-ils ?"])
    history = [Turn(role="user", content="Qui s'est rencontré à Riyad ?"),
               Turn(role="assistant", content="Lavrov et Marco Rubio [1].")]
    assert rewrite_followup("Et où se reverront-ils ?", history, chat_model=model) == (
        "Où Lavrov et Rubio se reverront-ils ?")


@pytest.mark.parametrize("reply", ["", "\n  \n", "x" * 2000])
def test_empty_or_runaway_model_rewrite_falls_back_to_heuristic(reply):
    model = scripted_chat_model([reply])
    query = rewrite_followup("And where will they meet next?", RIYADH, chat_model=model)
    assert "Lavrov" in query and len(query) < 300


def test_model_error_falls_back_to_heuristic():
    class Broken:
        def invoke(self, messages):
            raise TimeoutError("slow")

    assert "Rubio" in rewrite_followup("And where will they meet next?", RIYADH, chat_model=Broken())

import datetime as dt

import numpy as np

from briefing.answer.extractive import ScoringWeights, pick_sentences, question_type
from briefing.models import Passage


def _passage(article_id, text, day, score):
    return Passage(chunk_id=f"{article_id}:0", article_id=article_id, text=text, start=0, end=len(text),
                   published=dt.date.fromisoformat(day), language="fr", score=score, dense=0.8)


def test_question_types():
    assert question_type("Who met in Riyadh?") == "person"
    assert question_type("Quand a eu lieu la réunion ?") == "time"
    assert question_type("Combien de morts ?") == "number"
    assert question_type("Wo treffen sie sich?") == "place"


def test_best_sentence_wins_and_near_equal_answers_come_newest_first():
    q = np.array([1.0, 0.0])
    old = _passage("old", "Une rixe a éclaté dans une mosquée de Riad entre deux groupes.", "2013-08-24", 1.0)
    new = _passage("new", "Lavrov et Rubio se sont rencontrés la semaine dernière à Riyad.", "2025-02-26", 1.0)
    vec = lambda c: np.array([c, np.sqrt(1 - c * c)])
    sentences = {"old": [(0, len(old.text), vec(0.834))], "new": [(0, len(new.text), vec(0.823))]}
    res = pick_sentences("Who met in Riyadh?", "en", q, [old, new], sentences, weights=ScoringWeights(second_margin=0.02))
    assert [s.passage.article_id for s in res.sentences] == ["new", "old"]
    alone = pick_sentences("Who met in Riyadh?", "en", q, [old, new], sentences, weights=ScoringWeights(second_margin=0.0))
    assert [s.passage.article_id for s in alone.sentences] == ["old"]


def test_bylines_and_handles_are_never_answers():
    q = np.array([1.0, 0.0])
    p = _passage("a", "— Yazeed (@Yzd8) August 23, 2013", "2013-08-24", 1.0)
    res = pick_sentences("Who met in Riyadh?", "en", q, [p], {"a": [(0, len(p.text), q)]})
    assert res.sentences == []

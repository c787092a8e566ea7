import numpy as np

from briefing.retrieval.fusion import FusionWeights, fuse


def test_lexical_helps_same_language_but_barely_moves_cross_language():
    # a realistic candidate list: close cosines, one passage sharing the question's words
    dense = np.array([0.84, 0.85, 0.80, 0.79, 0.78, 0.77, 0.76, 0.75])
    lexical = np.array([12.0, 1.0, 0, 0, 0, 0, 0, 0])
    assert np.argmax(fuse(dense, lexical, np.ones(8, bool))) == 0
    # the same lexical evidence from a passage in another language does not overturn the dense lead
    assert np.argmax(fuse(dense, lexical, np.zeros(8, bool))) == 1


def test_no_lexical_evidence_keeps_dense_order():
    dense = np.array([0.7, 0.9, 0.8])
    out = fuse(dense, np.zeros(3), np.array([True] * 3))
    assert list(np.argsort(-out)) == [1, 2, 0]


def test_sentence_similarity_can_lift_a_passage():
    dense = np.array([0.80, 0.80])
    best = np.array([0.95, 0.80])
    assert np.argmax(fuse(dense, np.zeros(2), np.array([True, True]), best, FusionWeights())) == 0


def test_diversify_lets_other_articles_in():
    from briefing.retrieval.fusion import diversify

    order = [0, 1, 2, 3, 4]
    articles = ["a", "a", "a", "b", "c"]
    assert diversify(order, articles, 4, 2) == [0, 1, 3, 4]
    assert diversify(order, articles, 5, 2) == [0, 1, 3, 4, 2]


def test_recency_prefers_recent_but_not_within_one_day():
    from briefing.retrieval.fusion import recency_bonus

    w = FusionWeights()
    bonus = recency_bonus(np.array([20250226, 20240226, 20130824]), 20250226, w)
    assert bonus[0] == w.recency and abs(bonus[1] - w.recency / 2) < 0.01 and bonus[2] < 0.01
    same_day = recency_bonus(np.array([20000101, 20000101]), 20000101, w)
    assert same_day[0] == same_day[1]

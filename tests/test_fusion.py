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

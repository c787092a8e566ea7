import json

import numpy as np
import pytest

from briefing.evaluation.calibrate import calibrate, choose_threshold, fit_logistic
from briefing.evaluation.qa_data import load_passages, load_questions, split_unanswerable


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_reads_piaf_layout(tmp_path):
    p = _write(tmp_path / "p.jsonl", [{"id": "p1", "lang": "fr", "title": "T", "text": "Paris est la capitale."}])
    q = _write(tmp_path / "q.jsonl", [{"id": "q1", "lang": "fr", "question": "Quelle capitale ?", "passage_id": "p1",
                                       "answers": ["Paris"], "answer_starts": [0]}])
    passages = load_passages(p, None)
    [question] = load_questions(q, passages, question_lang=None, passage_lang=None)
    assert question.gold == "p1" and question.answers == ("Paris",)


def test_reads_xquad_layout_by_language(tmp_path):
    p = _write(tmp_path / "p.jsonl", [
        {"id": "k1-en", "passage_key": "k1", "lang": "en", "title": "T", "text": "Berlin is big."},
        {"id": "k1-de", "passage_key": "k1", "lang": "de", "title": "T", "text": "Berlin ist groß."},
    ])
    q = _write(tmp_path / "q.jsonl", [{"id": "q1", "passage_key": "k1", "questions": {"en": "Which city?", "de": "Welche Stadt?"},
                                       "answers": {"en": ["Berlin"], "de": ["Berlin"]}}])
    passages = load_passages(p, "de")
    assert [x.id for x in passages] == ["k1-de"]
    [question] = load_questions(q, passages, question_lang="en", passage_lang="de")
    assert question.question == "Which city?" and question.gold == "k1-de"
    with pytest.raises(ValueError, match="--question-lang"):
        load_questions(q, passages, question_lang=None, passage_lang="de")


def test_malformed_line_names_file_and_line(tmp_path):
    bad = tmp_path / "p.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"p.jsonl line 2"):
        load_passages(bad, None)


def test_unanswerable_share_leaves_out_whole_passages():
    from briefing.evaluation.qa_data import QAQuestion

    qs = [QAQuestion(id=str(i), question="?", gold=f"p{i % 10}", answers=("a",)) for i in range(100)]
    left = split_unanswerable(qs, 0.2, seed=1)
    share = sum(q.gold in left for q in qs) / len(qs)
    assert 0.2 <= share <= 0.3 and split_unanswerable(qs, 0.2, seed=1) == left


def test_logistic_fit_separates_and_threshold_meets_abstain_target():
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(1, 0.5, (200, 2)), rng.normal(-1, 0.5, (200, 2))])
    y = np.concatenate([np.ones(200), np.zeros(200)])
    w, b, mean, scale = fit_logistic(x, y)
    p = 1 / (1 + np.exp(-(((x - mean) / scale) @ w + b)))
    t = choose_threshold(p, y, 0.85)
    assert (p[y == 0] < t).mean() >= 0.85 and (p[y == 1] >= t).mean() > 0.95


def test_calibrate_writes_a_model_per_embedder(tmp_path):
    from briefing.answer.support import FEATURES

    rng = np.random.default_rng(1)
    rows = []
    for i in range(120):
        answerable = i % 2 == 0
        rows.append({"id": f"q{i}", "qid": f"q{i}", "embedder": "emb-a", "answerable": answerable, "same": i % 3 != 0,
                     **{f: float(rng.normal(1 if answerable else 0, 0.3)) for f in FEATURES}})
    out = tmp_path / "model.json"
    out.write_text(json.dumps({"embedders": {"emb-b": {"same": {"kept": True}}}}))
    report = calibrate([_write(tmp_path / "f.jsonl", rows)], out, abstain_target=0.85)
    model = json.loads(out.read_text())["embedders"]
    assert set(model) == {"emb-a", "emb-b"} and model["emb-b"] == {"same": {"kept": True}}
    assert report["emb-a"]["same"]["held_out"]["unanswerable_abstained"] >= 0.7


def test_rows_of_dated_news_fit_a_model_of_their_own_beside_the_base(tmp_path):
    from briefing.answer.support import FEATURES, SupportFeatures, model_for, support_probability, threshold

    rng = np.random.default_rng(2)
    rows = []
    for i in range(160):
        answerable = i % 2 == 0
        # on news the word cover separates, on the base rows the sentence cosine does
        feats = {f: float(rng.normal(0.5, 0.3)) for f in FEATURES}
        feats["word_cover"] = float(rng.normal(1 if answerable else 0, 0.2))
        rows.append({"id": f"n{i}", "qid": f"n{i}", "embedder": "emb-a", "answerable": answerable, "same": False,
                     "news": True, "ruled_out": i % 10 == 1, **feats})
    out = tmp_path / "model.json"
    base = {"features": ["sentence_cos"], "cross": {"weights": [1.0], "bias": 0.0, "mean": [0.8], "scale": [0.05],
                                                     "threshold": 0.5}}
    out.write_text(json.dumps({"embedders": {"emb-a": base}}))
    report = calibrate([_write(tmp_path / "f.jsonl", rows)], out, abstain_target=0.7)
    model = json.loads(out.read_text())["embedders"]["emb-a"]
    assert model["cross"] == base["cross"] and set(model["news"]) >= {"cross", "features"}
    assert "same" not in model["news"]  # no same-language rows: that pairing keeps the base model
    weights = dict(zip(model["news"]["features"], model["news"]["cross"]["weights"]))
    assert max(weights, key=lambda f: abs(weights[f])) == "word_cover"
    assert report["emb-a (news)"]["cross"]["held_out"]["answerable_answered"] >= 0.9
    # a dated news passage is weighed by the news model, an undated one by the base
    good = SupportFeatures(**{**{f: 0.5 for f in FEATURES}, "sentence_cos": 0.7, "word_cover": 1.0})
    p_news = support_probability(good, False, model, news=True)
    p_base = support_probability(good, False, model, news=False)
    assert p_news >= threshold(False, model, news=True) and p_base < threshold(False, model)


def test_an_embedder_with_only_a_news_model_takes_the_rest_from_the_one_it_shares_a_scale_with(monkeypatch):
    from briefing.answer import support

    monkeypatch.setattr(support, "_load_models", lambda: {
        "multilingual-e5-small-q4": {"same": {"threshold": 0.6}, "cross": {"threshold": 0.4}},
        "multilingual-e5-small-int8": {"news": {"cross": {"threshold": 0.3}}}})
    model = support.model_for("multilingual-e5-small-int8")
    assert support.threshold(True, model) == 0.6 and support.threshold(False, model) == 0.4
    assert support.threshold(False, model, news=True) == 0.3 and support.threshold(True, model, news=True) == 0.6

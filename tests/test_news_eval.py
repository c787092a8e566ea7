"""`briefing eval news`: the scoring rules alone, then the command over a small corpus."""

import json

from click.testing import CliRunner

from briefing.cli import cli
from briefing.evaluation.news_data import NewsQuestion
from briefing.evaluation.news_scoring import Outcome, summarize


def _q(id, answerable=True, kind="where", cross=True, scoped=False):
    import datetime as dt

    day = dt.date(2011, 2, 21) if scoped else None
    return NewsQuestion(id=id, question="?", lang="en", kind=kind, answerable=answerable,
                        gold_article_ids=("gold",) if answerable else (), key_facts=("Aden", "Adan") if answerable else (),
                        cross_lingual=cross, split="tune", since=day, until=day)


def test_correct_needs_a_gold_citation_and_a_key_fact():
    q = _q("a")
    assert Outcome(q, False, "x", [("gold", "Un adolescent a été tué à Aden.", "2011-02-22")]).correct
    assert Outcome(q, False, "In Aden [1]", [("gold", "Un adolescent a été tué.", "2011-02-22")]).correct
    # the fact is quoted from another article: not a gold citation
    assert not Outcome(q, False, "x", [("other", "à Aden", "2011-02-22"), ("gold", "rien", "2011-02-22")]).correct
    assert not Outcome(q, False, "x", [("other", "à Aden", "2011-02-22")]).correct
    assert not Outcome(q, True, "Aden", [("gold", "Aden", "2011-02-22")]).correct
    when = NewsQuestion(id="w", question="?", lang="fr", kind="when", answerable=True, gold_article_ids=("gold",),
                        key_facts=("2025-06-15",), cross_lingual=True, split="tune")
    assert Outcome(when, False, "x", [("gold", "Russia returns the bodies.", "2025-06-15")]).correct


def test_summary_figures():
    outcomes = [
        Outcome(_q("1", scoped=True), False, "Aden", [("gold", "", "")]),
        Outcome(_q("2", kind="who"), False, "x", [("gold", "", "")]),  # answered, wrong
        Outcome(_q("3", cross=False), True),  # abstained
        Outcome(_q("4", answerable=False), True),
        Outcome(_q("5", answerable=False, kind="who"), False, "a nearby sentence", [("x", "", "")]),
    ]
    s = summarize(outcomes)
    assert (s["answerable"], s["unanswerable"]) == (3, 2)
    assert s["correct"] == round(1 / 3, 4) and s["answered"] == round(2 / 3, 4)
    assert s["unanswerable_abstained"] == 0.5 and s["correct_among_answered"] == 0.5
    assert s["cross_lingual"] == {"n": 2, "correct": 0.5}
    assert s["day_or_period"]["correct"] == 1.0
    assert s["per_kind"]["who"] == {"answerable": 1, "correct": 0.0, "answered": 1.0, "unanswerable": 1,
                                    "unanswerable_abstained": 0.0}


def test_eval_news_command_on_a_small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "items.jsonl").write_text(
        json.dumps({"id": "y-1", "title": "Aden", "published": "2011-02-22", "language": "fr",
                    "text": "Un adolescent a été tué par balle à Aden, dans le sud du Yémen, lundi."}) + "\n", encoding="utf-8")
    questions = tmp_path / "q.jsonl"
    rows = [{"id": "q1", "question": "Où un adolescent a-t-il été tué ?", "lang": "fr", "kind": "where",
             "answerable": True, "gold_article_ids": ["y-1"], "key_facts": ["Aden"], "split": "tune"},
            {"id": "q2", "question": "Combien d'ambassadeurs ont été expulsés ?", "lang": "fr", "kind": "how_many",
             "answerable": False, "gold_article_ids": [], "key_facts": [], "split": "check"}]
    questions.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    env = {"BRIEFING_EMBEDDER": "fake", "BRIEFING_LLM": "extractive"}
    store = tmp_path / "store"
    args = ["eval", "news", "--questions", str(questions), "--corpus", str(corpus), "--store", str(store), "--json"]
    first = CliRunner().invoke(cli, args, env=env)
    assert first.exit_code == 0, first.output
    out = json.loads(first.output)
    assert out["questions"] == 2 and out["articles_stored"] == 1 and out["ingest"]["added"] == 1
    assert set(out["per_kind"]) == {"where", "how_many"}
    # the store is reused: nothing is loaded again
    again = json.loads(CliRunner().invoke(cli, [*args, "--split", "tune"], env=env).output)
    assert again["questions"] == 1 and again["ingest"]["unchanged"] == 1 and not again["ingest"]["added"]


def test_eval_news_bad_input_is_explained(tmp_path):
    r = CliRunner().invoke(cli, ["eval", "news", "--corpus", str(tmp_path / "none")], env={"BRIEFING_EMBEDDER": "fake"})
    assert r.exit_code != 0 and "--corpus" in r.output and "Traceback" not in r.output

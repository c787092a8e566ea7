"""`briefing eval qa --model`: what is counted, what a long run shows and keeps as it goes."""

import datetime as dt
import json

from click.testing import CliRunner

from briefing.benchmarks import model_citations
from briefing.cli import cli
from briefing.evaluation.model_report import ModelReport
from briefing.models import Answer, Passage
from briefing.progress import cli_progress


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_progress_prints_plain_lines_off_a_terminal(capsys):
    now = [0.0]
    with cli_progress("questions", unit="question", lines_every=30, clock=lambda: now[0]) as bar:
        bar(0, 4, "q1")
        now[0] = 10.0
        bar(1, 4, "q2")  # too soon for a line
        now[0] = 40.0
        bar(2, 4, "q3")
        now[0] = 50.0
        bar(4, 4, "")  # the end always prints
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("questions 2/4") and "question" in lines[0] and "left" in lines[0]
    assert lines[1].startswith("questions 4/4")


def test_progress_stays_silent_off_a_terminal_unless_asked(capsys):
    with cli_progress("store") as bar:
        assert bar is None
    assert capsys.readouterr().err == ""


def _passage(n, text, article):
    return Passage(chunk_id=f"{article}:0", article_id=article, text=text, title=f"T{n}", source="s",
                   published=dt.date(2000, 1, 1), language="fr")


def test_model_report_counts_raw_and_shown_citations_by_the_gold_passage():
    gold = _passage(1, "Marie Curie est née à Varsovie en 1867.", "gold")
    other = _passage(2, "Pierre Curie est né à Paris en 1859.", "other")
    # one right claim, one claim its passage states but that is not the gold passage, one the passage does not state
    text = ("Marie Curie est née à Varsovie en 1867 [1]. Pierre Curie est né à Paris en 1859 [2]. "
            "Marie Curie a reçu le prix Nobel en 1903 [1].")
    answer = Answer(question="Où est née Marie Curie ?", answer="…", language="fr", mode="llm", model="m",
                    answered_by="model", model_text=text, tokens={"prompt": 300, "output": 40, "passages": 2})
    report = ModelReport()
    record = report.add(answer, [gold, other], "gold", ["Varsovie"], language="fr")
    s = report.summary(1)
    assert s["claims_made"] == 3 and s["claims_verified"] == 2
    assert s["raw_citations"] == 3 and s["raw_citation_precision"] == round(1 / 3, 4)
    assert s["shown_citations"] == 2 and s["shown_citation_precision"] == 0.5
    assert [c["citations"] for c in record["claims"]][2] == {"1": {"fate": "dropped", "right": False}}
    assert "prix Nobel" in s["examples"]["dropped"][0] and "Pierre" in s["examples"]["shown_wrong"][0]
    assert s["tokens"]["prompt"]["mean"] == 300 and s["answered"] == 1.0


def test_model_report_counts_nothing_as_shown_when_the_fallback_answered():
    gold = _passage(1, "Marie Curie est née à Varsovie en 1867.", "gold")
    answer = Answer(question="q", answer="…", language="fr", mode="extractive", model="x",
                    answered_by="extractive-fallback", model_text="Marie Curie est née à Varsovie en 1867 [1].")
    report = ModelReport()
    report.add(answer, [gold], "gold", ["Varsovie"], language="fr")
    s = report.summary(1)
    assert s["raw_citations"] == 1 and s["shown_citations"] == 0 and s["fallback_share"] == 1.0


def test_eval_qa_with_a_model_keeps_figures_and_answers_as_it_goes(tmp_path):
    passages = _write(tmp_path / "p.jsonl", [
        {"id": "p1", "lang": "fr", "title": "Curie", "text": "Marie Curie est née à Varsovie en 1867. Elle étudie à Paris."},
        {"id": "p2", "lang": "fr", "title": "Hugo", "text": "Victor Hugo est né à Besançon en 1802. Il écrit Les Misérables."},
    ])
    questions = _write(tmp_path / "q.jsonl", [
        {"id": "q1", "question": "Où est née Marie Curie ?", "passage_id": "p1", "answers": ["Varsovie"]},
        {"id": "q2", "question": "Où est né Victor Hugo ?", "passage_id": "p2", "answers": ["Besançon"]},
    ])
    partial, answers = tmp_path / "partial.json", tmp_path / "answers.jsonl"
    env = {"BRIEFING_LLM": "fake", "BRIEFING_EMBEDDER": "fake", "HOME": str(tmp_path)}
    r = CliRunner().invoke(cli, ["eval", "qa", "--model", "--passages", str(passages), "--questions", str(questions),
                                 "--json", "--partial", str(partial), "--answers", str(answers)], env=env)
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    model = result["model"]
    assert result["done"] == result["questions"] == 2
    assert json.loads(partial.read_text())["done"] == 2
    assert model["claims_made"] >= model["claims_verified"] and model["raw_citations"] >= model["shown_citations"]
    assert model["tokens"]["prompt"]["mean"] > 0 and model["tokens"]["passages_in_prompt"]["max"] <= 2
    rows = [json.loads(line) for line in answers.read_text().splitlines()]
    assert [row["id"] for row in rows] == ["q1", "q2"]
    assert all(row["model"]["model_text"] and row["model"]["tokens"]["output"] > 0 for row in rows)
    assert "questions 2/2" in r.stderr  # the progress line, never in the JSON


def test_model_section_says_why_it_was_not_measured_and_keeps_the_rest():
    document = "# Benchmarks\n\nintro\n\n## Machine\n\nfacts\n\n## Summary\n\nrows\n"
    reason = "llama-cpp-python is not installed (it comes with the test extra: `make install-test`)"
    once = model_citations.replace_section(document, model_citations.section(None, reason=reason))
    assert "Not measured: llama-cpp-python is not installed" in once
    assert once.index(model_citations.HEADING) < once.index("## Machine") and "## Summary\n\nrows" in once
    again = model_citations.replace_section(once, model_citations.section(None, command="python -m x"))
    assert again.count(model_citations.HEADING) == 1 and "not installed" not in again and "facts" in again


def test_local_model_timings_are_skipped_with_a_clear_line_without_the_runtime(monkeypatch, tmp_path):
    from briefing.benchmarks import local_model_timing
    from briefing.testing import local_model

    monkeypatch.setattr(local_model, "runtime_available", lambda: False)
    results = local_model_timing.measure(tmp_path)
    assert "llama-cpp-python is not installed" in results["skipped"]
    text = local_model_timing.section(results)
    assert text.startswith(local_model_timing.HEADING) and "Skipped: llama-cpp-python is not installed" in text


def test_the_whole_bench_report_keeps_the_citation_figures_of_the_last_file():
    old = ("# Benchmarks\n\n" + model_citations.section(None, command="python -m x").replace(
        "Not measured in this run", "figures from the last run") + "\n## Machine\n\nold\n")
    new = "# Benchmarks\n\n## Machine\n\nnew\n"
    kept = model_citations.carry_over(old, new)
    assert "figures from the last run" in kept and "new" in kept and "old" not in kept
    assert model_citations.carry_over("# Benchmarks\n", new) == new


def test_local_model_timings_render_every_figure_they_carry():
    from briefing.benchmarks import local_model_timing

    results = {"question": "Who met in Riyadh?", "runs": 3, "model": "smollm2-135m", "load_start": (1.0, 1.0, 1.0),
               "load_end": (2.0, 2.0, 2.0),
               "cli": {"cold": {"first_output_s": 9.0, "full_answer_s": 9.5}, "first_output_s": 7.25,
                       "full_answer_s": 7.75},
               "tokens": {"answered_by": "extractive-fallback", "tiktoken_prompt": 412, "tiktoken_output": 57,
                          "passages": 4, "model_prompt": 498, "timings": {"first_token": 3.5, "generate": 5.0},
                          "max_tokens": 400, "context": 4096, "prompt_room": 2999},
               "browser": {"first_token_s": {"median": 8.0}, "full_answer_s": {"median": 8.5},
                           "cold": {"first_token_s": 12.0, "full_answer_s": 12.5}}}
    text = local_model_timing.section(results)
    for figure in ("7.25 s", "7.75 s", "3.50 s", "8.00 s", "8.50 s", "412 / 498", "57 / 400", "2999 / 4096",
                   "extractive-fallback", "(1.0, 1.0, 1.0)"):
        assert figure in text
    assert "not measured" not in text.lower()
    browserless = local_model_timing.section({**results, "browser": {"error": "Chromium not found"}})
    assert "browser chat | not measured: Chromium not found" in browserless


def test_model_record_keeps_the_passages_the_model_saw():
    gold = _passage(1, "Marie Curie est née à Varsovie en 1867.", "gold")
    other = _passage(2, "Pierre Curie est né à Paris en 1859.", "other")
    answer = Answer(question="Où est née Marie Curie ?", answer="…", language="fr", mode="llm", model="m",
                    answered_by="model", model_text="Marie Curie est née à Varsovie en 1867 [1].",
                    tokens={"prompt": 300, "output": 40, "passages": 1})
    record = ModelReport().add(answer, [gold, other], "gold", ["Varsovie"], language="fr")
    assert [p["text"] for p in record["passages"]] == [gold.text]  # only those the prompt held
    assert record["passages"][0]["published"] == "2000-01-01" and record["passages"][0]["dated"] is True

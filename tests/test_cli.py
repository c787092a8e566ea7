"""The CLI as a user meets it: friendly errors, JSON shapes, bad input that loses nothing."""

import json

from click.testing import CliRunner

from briefing.cli import cli


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env={"BRIEFING_EMBEDDER": "fake", "BRIEFING_LLM": "extractive", **(env or {})})


def test_help_lists_every_command():
    out = run("--help").output
    for name in ("ingest", "ask", "sources", "forget", "eval", "brief", "actors", "actor"):
        assert name in out


def test_bad_batch_keeps_the_good_items_and_explains_the_bad(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Sommet à Riyad\nLavrov et Rubio se sont rencontrés à Riyad, en Arabie saoudite.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    lines = tmp_path / "items.jsonl"
    lines.write_text('{"id": "1", "title": "Un", "text": "Le premier article parle de Moscou et de Washington.", "published": "2025-02-20"}\n'
                     '{not json\n', encoding="utf-8")
    data = tmp_path / "data"
    result = run("--data-dir", str(data), "ingest", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert sum(i["status"] == "added" for i in report["items"]) == 2
    reasons = " ".join(i["reason"] or "" for i in report["items"] if i["status"] == "skipped")
    assert "line 2" in reasons and "empty" in reasons.lower()
    sources = json.loads(run("--data-dir", str(data), "sources", "--json").output)
    assert sources["articles"] == 2


def test_ask_json_shape_and_filters(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Sommet à Riyad\nLavrov et Rubio se sont rencontrés à Riyad, en Arabie saoudite, le 18 février.", encoding="utf-8")
    data = tmp_path / "data"
    assert run("--data-dir", str(data), "ingest", str(f)).exit_code == 0
    out = json.loads(run("--data-dir", str(data), "ask", "Qui s'est rencontré à Riyad ?", "--json").output)
    assert set(out) >= {"question", "answer", "language", "mode", "model", "abstained", "citations", "timings"}
    assert out["language"] == "fr" and not out["abstained"] and "Riyad" in out["citations"][0]["quote"]
    # a date filter that excludes everything: the answer says so instead of citing
    out = json.loads(run("--data-dir", str(data), "ask", "Qui s'est rencontré à Riyad ?", "--since", "2030-01-01", "--json").output)
    assert out["abstained"] and out["citations"] == []


def test_friendly_errors(tmp_path):
    data = tmp_path / "data"
    r = run("--data-dir", str(data), "ask", "x", "--since", "yesterday")
    assert r.exit_code != 0 and "YYYY-MM-DD" in r.output and "Traceback" not in r.output
    r = run("--data-dir", str(data), "forget")
    assert r.exit_code != 0 and "source name or an article id" in r.output
    r = run("--data-dir", str(data), "forget", "--source", "nothing-here")
    assert r.exit_code != 0 and "briefing sources" in r.output
    r = run("--data-dir", str(data), "ask", "   ")
    assert r.exit_code != 0 and "empty" in r.output
    r = run("--data-dir", str(data), "ingest", "http://127.0.0.1:9/nothing")
    assert r.exit_code == 0 and "skipped" in r.output


def test_secrets_never_printed(tmp_path):
    r = run("--data-dir", str(tmp_path / "d"), "sources", env={"BRIEFING_OPENAI_API_KEY": "sk-secret-123"})
    assert "sk-secret-123" not in r.output


def test_ingest_says_when_an_article_was_cut_to_the_size_limit(tmp_path):
    big = tmp_path / "long.txt"
    big.write_text("Un long article\n" + "Le ministre a parlé à Riyad. " * 2000, encoding="utf-8")
    env = {"BRIEFING_DATA_DIR": str(tmp_path / "data"), "BRIEFING_MAX_ARTICLE_CHARS": "5000"}
    result = run("ingest", str(big), env=env)
    assert result.exit_code == 0, result.output
    assert "added: " in result.output and "cut to its first" in result.output and "1 added" in result.output

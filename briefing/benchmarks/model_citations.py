"""The "Citation check on a real model's answers" section of docs/BENCHMARKS.md.

    python -m briefing.benchmarks.model_citations --data ../shared/data --out docs/BENCHMARKS.md

starts the bundled local model (briefing.testing.local_model), runs `briefing eval qa --model` on
PIAF (fr→fr) and XQuAD (en→de) development questions, one set after the other, and writes the
figures per set into --out in place of the old section. Each run rewrites its figures so far to
the results folder after every question, so a run cut by its time limit still yields figures
(marked as partial). `--from-results` writes the section again from those files without running.
When llama-cpp-python (the test extra) is missing, the section says so and nothing runs.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import click

from briefing.benchmarks.machine import load_average

ROOT = Path(__file__).resolve().parents[2]
HEADING = "## Citation check on a real model's answers"
# (name, passages, questions, extra eval flags)
SETS = {
    "piaf": ("PIAF fr→fr", "eval/piaf_fr/passages.jsonl", "eval/piaf_fr/questions_dev.jsonl", []),
    "xquad": ("XQuAD en→de", "eval/xquad_xling/passages.jsonl", "eval/xquad_xling/questions_dev.jsonl",
              ["--question-lang", "en", "--passage-lang", "de"]),
}
# What one answer may cost on 2 shared cores. Measured on PIAF with the bundled model: 8 passages
# made prompts of ~2,650 model tokens (12-14 s of prompt processing alone); 3 passages hold the
# gold one for most questions at ~750-1,300 tokens. The model runs on with lists of invented facts
# (one reply reached 2,440 tokens, 258 s, before the limit reached llama.cpp): 120 tokens is several sentences.
TOP_K = 3
MAX_TOKENS = 120


def unavailable() -> str | None:
    from briefing.testing.local_model import LocalModelUnavailable, bundled_model_path, runtime_available

    if not runtime_available():
        return "llama-cpp-python is not installed (it comes with the test extra: `make install-test`)"
    try:
        bundled_model_path()
    except LocalModelUnavailable as exc:
        return str(exc)
    return None


def eval_command(data: Path, key: str, *, limit: int, skip: int, partial: Path, answers: Path) -> list[str]:
    _, passages, questions, extra = SETS[key]
    return ["briefing", "eval", "qa", "--model", "--passages", str(data / passages), "--questions",
            str(data / questions), *extra, "--skip", str(skip), "--limit", str(limit), "--json",
            "--partial", str(partial), "--answers", str(answers)]


def run_set(data: Path, key: str, served, *, limit: int, skip: int, results: Path, timeout: float) -> dict:
    results.mkdir(parents=True, exist_ok=True)
    partial, answers = results / f"{key}.json", results / f"{key}-answers.jsonl"
    partial.unlink(missing_ok=True)
    command = eval_command(data, key, limit=limit, skip=skip, partial=partial, answers=answers)
    env = {**os.environ, **served.environment(), "BRIEFING_TOP_K": str(TOP_K),
           "BRIEFING_CHAT_MAX_TOKENS": str(MAX_TOKENS), "BRIEFING_ALLOW_NETWORK": "false"}
    exe = Path(sys.executable).parent / "briefing"
    started, load_start = time.perf_counter(), load_average()
    cut = None
    try:
        subprocess.run([str(exe), *command[1:]], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        cut = f"cut after {timeout:.0f} s"
    figures = json.loads(partial.read_text(encoding="utf-8")) if partial.is_file() else {}
    return {"set": key, "command": shlex.join(command[:-4]), "figures": figures, "cut": cut,
            "seconds": round(time.perf_counter() - started), "load_start": load_start, "load_end": load_average(),
            "top_k": TOP_K, "max_tokens": MAX_TOKENS, "env": {k: v for k, v in env.items() if k in (
                "BRIEFING_LLM", "BRIEFING_CHAT_MODEL", "BRIEFING_CHAT_CONTEXT_TOKENS", "BRIEFING_TOP_K",
                "BRIEFING_CHAT_MAX_TOKENS")}}


def _v(value, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def withheld_examples(answers: Path, limit: int = 3) -> list[str]:
    """The model's own text where the check showed none of it, beside what the reader got instead."""
    out = []
    if not answers.is_file():
        return out
    for line in answers.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        model = record.get("model") or {}
        text = " ".join((model.get("model_text") or "").split())
        if text and model.get("answered_by") != "model" and len(out) < limit:
            instead = ("the extractive answer" if model.get("answered_by") == "extractive-fallback"
                       else "an abstention")
            out.append(f"{record['question']} → model: “{text[:150]}{'…' if len(text) > 150 else ''}” "
                       f"(no marker: {not model.get('claims')}) → shown instead: {instead}")
    return out


def section(runs: list[dict] | None, *, reason: str | None = None, command: str = "",
            results: Path | None = None) -> str:
    head = HEADING + "\n\n"
    if reason:
        return head + f"Not measured: {reason}.\n"
    if not runs:
        return head + "Not measured in this run: `" + command + "` measures it.\n"
    rows, notes, examples = [], [], []
    for run in runs:
        f, m = run.get("figures") or {}, (run.get("figures") or {}).get("model") or {}
        name = SETS[run["set"]][0]
        done = f.get("done", 0)
        if not m:
            rows.append([name, f"no figures ({run.get('cut') or 'the run failed'})"] + [""] * 10)
            continue
        label = f"{name} ({done} of {f.get('questions')} q{', ' + run['cut'] if run.get('cut') else ''})"
        rows.append([label, f"{m.get('answers_with_markers')} of {f.get('answerable')}",
                     _v(m.get("claims_made")), _v(m.get("claims_verified")),
                     f"{_v(m.get('raw_citation_precision'))} ({m.get('raw_citations')})",
                     f"{_v(m.get('shown_citation_precision'))} ({m.get('shown_citations')})",
                     f"{_v(m.get('fallback_citation_precision'))}", _v(m.get("answered")), _v(m.get("abstained")),
                     _v(m.get("fallback_share")), _v((m.get("tokens") or {}).get("prompt", {}) and
                                                    m["tokens"]["prompt"]["mean"], 0),
                     _v((m.get("tokens") or {}).get("output", {}) and m["tokens"]["output"]["mean"], 0)])
        lat = f.get("latency_s") or {}
        notes.append(f"- {name}: `{run['command']}` with " + " ".join(f"{k}={v}" for k, v in run["env"].items())
                     + f" — {run['seconds']} s in all, {_v(lat.get('p50'), 1)} s per question (p50), "
                     f"{_v(lat.get('p95'), 1)} s (p95); load average {run.get('load_start')} at start, "
                     f"{run.get('load_end')} at end. Answered by: {m.get('answered_by')}.")
        for fate, title in (("shown_wrong", "shown although wrong"), ("dropped", "dropped by the check"),
                            ("shown_right", "shown and right")):
            for text in (m.get("examples") or {}).get(fate, [])[:4]:
                examples.append(f"| {name} | {title} | {' '.join(text.split())[:160].replace('|', '/')} |")
        if results is not None:
            for text in withheld_examples(results / f"{run['set']}-answers.jsonl"):
                examples.append(f"| {name} | not shown | {text.replace('|', '/')} |")
    table = ["| set | answers with a marker | claims made | claims verified | raw citation precision (citations) | shown precision "
             "(citations) | fallback quote precision | answered | abstained | fallback share | prompt tokens "
             "(mean) | output tokens (mean) |", "|" + "---|" * 12]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    text = (head + "SmolLM2-135M-Instruct (Q4_1, the bundled GGUF) behind llama.cpp's server on 127.0.0.1, through "
            "`briefing eval qa --model`: the model answers from the top passages, the citation check decides what is "
            "shown, and the extractive answer stands in when nothing checks out. A citation is right when it names "
            "the gold passage and its claim carries the gold answer; *raw* is every marker the model wrote, *shown* "
            "what survived the check and was shown as the model's answer; the fallback's quotes are counted apart. "
            "Shares are of the answerable questions.\n\n" + "\n".join(table) + "\n\n"
            + "\n".join(notes) + "\n\n"
            + f"Regenerate with `{command}` (20 to 50 minutes on the shared 2-core machine, by its load).\n")
    if examples:
        text += ("\n| set | what the check did | claim [passage cited], or the model's text |\n|---|---|---|\n"
                 + "\n".join(examples) + "\n")
    return text


def replace_section(document: str, new: str, *, heading: str = HEADING) -> str:
    """`new` in place of the section under `heading`, or just before "## Machine" when there is none."""
    start = document.find(heading)
    if start < 0:
        anchor = document.find("\n## Machine")
        if anchor < 0:
            return document.rstrip("\n") + "\n\n" + new
        return document[:anchor + 1] + new + "\n" + document[anchor + 1:]
    end = document.find("\n## ", start + 1)
    return document[:start] + new + ("\n" + document[end + 1:] if end >= 0 else "")


def carry_over(previous: str, new: str) -> str:
    """`new` with the citation section of `previous` in it, when `new` has none of its own."""
    start = previous.find(HEADING)
    if start < 0 or HEADING in new:
        return new
    end = previous.find("\n## ", start + 1)
    return replace_section(new, previous[start:end + 1 if end >= 0 else None].rstrip("\n") + "\n")


def measure(data: Path, *, sets: list[str], limit: int, skip: int, results: Path, timeout: float) -> list[dict]:
    from briefing.testing.local_model import local_model_server

    runs = []
    with local_model_server() as served:
        for key in sets:
            click.echo(f"[model citations] {SETS[key][0]}: {limit} questions", err=True)
            runs.append(run_set(data, key, served, limit=limit, skip=skip, results=results, timeout=timeout))
            (results / "runs.json").write_text(json.dumps(runs, indent=2, ensure_ascii=False), encoding="utf-8")
    return runs


@click.command()
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/data"),
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/BENCHMARKS.md"),
              show_default=True)
@click.option("--questions", "limit", type=int, default=100, show_default=True, help="Questions per set.")
@click.option("--skip", type=int, default=40, show_default=True,
              help="Leave out the first N questions of each set (those looked at to set the generation limits).")
@click.option("--sets", default="piaf,xquad", show_default=True)
@click.option("--results", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT / ".bench-cache" / "model-citations", show_default=True)
@click.option("--timeout", type=float, default=1800, show_default=True, help="Seconds per set before it is cut.")
@click.option("--from-results", is_flag=True, help="Write the section from the saved results, without running.")
def main(data: Path, out: Path, limit: int, skip: int, sets: str, results: Path, timeout: float,
         from_results: bool) -> None:
    """Run the real model over the question sets and write the citation figures into --out."""
    command = "python -m briefing.benchmarks.model_citations " + shlex.join(
        ["--data", str(data), "--out", str(out), "--questions", str(limit), "--skip", str(skip)])
    keys = [k.strip() for k in sets.split(",") if k.strip()]
    if unknown := [k for k in keys if k not in SETS]:
        raise click.BadParameter(f"unknown set {', '.join(unknown)}: choose from {', '.join(SETS)}", param_hint="--sets")
    reason = unavailable()
    if from_results:
        runs = json.loads((results / "runs.json").read_text(encoding="utf-8"))
    elif reason:
        click.echo(f"[model citations] skipped: {reason}", err=True)
        runs = None
    else:
        runs = measure(data, sets=keys, limit=limit, skip=skip, results=results, timeout=timeout)
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    out.write_text(replace_section(text, section(runs, reason=None if runs else reason, command=command,
                                                 results=results)), encoding="utf-8")
    click.echo(f"wrote the citation-check section of {out}", err=True)


if __name__ == "__main__":
    main()

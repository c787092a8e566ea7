"""The "Answers from a real local model" section of docs/BENCHMARKS.md: what a model answer costs.

    python -m briefing.benchmarks.local_model_timing --data ../shared/data --out docs/BENCHMARKS.md

starts the bundled small model (briefing.testing.local_model) and, over a store holding the
reference article, times `briefing ask` in fresh CLI processes (first streamed output and the
full answer, from the process start) and the chat in headless Chromium (from Enter), counts the
prompt and output tokens of the answer (tiktoken, and the model's own count of the same prompt)
and sets the prompt budget against the model's context window. `make bench` runs it with the
rest; without llama-cpp-python (the test extra) the section says so and nothing runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from briefing.benchmarks.machine import load_average

ROOT = Path(__file__).resolve().parents[2]
HEADING = "## Answers from a real local model"
QUESTION = "Who met in Riyadh?"
REFERENCE = "corpus/moscowtimes_fr_2025-02-26.txt"
COMMAND = "python -m briefing.benchmarks.local_model_timing --data ../shared/data --out docs/BENCHMARKS.md"


def _cli(env: dict[str, str], *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "briefing"
    return subprocess.run([str(exe), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def time_cli_answer(env: dict[str, str], data_dir: Path, question: str, timeout: float = 600) -> dict:
    """Seconds from starting `briefing ask` to its first byte of output, and to its exit."""
    exe = Path(sys.executable).parent / "briefing"
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--data-dir", str(data_dir), "ask", question], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = proc.stdout.read(1)
    first_s = time.perf_counter() - started
    rest = proc.stdout.read()
    code = proc.wait(timeout=timeout)
    if code != 0:
        raise RuntimeError(f"`briefing ask` exited with code {code}")
    return {"first_output_s": round(first_s, 3), "full_answer_s": round(time.perf_counter() - started, 3),
            "chars": len((first + rest).decode(errors="replace"))}


def model_prompt_tokens(served, settings, question: str) -> dict:
    """The answer's prompt as tiktoken counts it and as the model's own tokenizer does (one extra call)."""
    import httpx

    from briefing.models import Answer
    from briefing.wiring import build_service

    svc = build_service(settings)
    answer = None
    for part in svc.ask_stream(question):
        if isinstance(part, Answer):
            answer = part
    llm = svc.answerer.model_answerer
    given = answer.passages[: answer.tokens.get("passages", len(answer.passages))]
    messages = llm.messages(question, given, language=answer.language)
    roles = {"system": "system", "human": "user", "ai": "assistant"}
    body = {"model": served.model, "max_tokens": 1, "temperature": 0,
            "messages": [{"role": roles[m.type], "content": str(m.content)} for m in messages]}
    usage = httpx.post(f"{served.base_url}/chat/completions", json=body, timeout=300).json().get("usage") or {}
    return {"answered_by": answer.answered_by, "tiktoken_prompt": answer.tokens.get("prompt"),
            "tiktoken_output": answer.tokens.get("output"), "passages": answer.tokens.get("passages"),
            "model_prompt": usage.get("prompt_tokens"), "timings": answer.timings,
            "max_tokens": llm.max_tokens, "context": served.context,
            # what fit() leaves for the prompt: a sixth of the window for tokenizer differences, then the reply
            "prompt_room": int(served.context * 0.83) - llm.max_tokens}


def measure(data: Path, *, runs: int = 3, browser: bool = True) -> dict:
    from briefing.benchmarks.model_citations import unavailable
    from briefing.settings import Settings
    from briefing.testing.local_model import local_model_server

    reason = unavailable()
    if reason:
        return {"skipped": reason}
    reference = data / REFERENCE
    if not reference.is_file():
        return {"skipped": f"the reference article is missing ({reference})"}
    result: dict = {"question": QUESTION, "runs": runs, "load_start": load_average()}
    with local_model_server() as served, tempfile.TemporaryDirectory(prefix="briefing-bench-model-") as tmp:
        env = {**os.environ, **served.environment(), "BRIEFING_DATA_DIR": tmp, "BRIEFING_ALLOW_NETWORK": "false"}
        env.setdefault("BRIEFING_EMBEDDER", "e5-small")
        result["model"] = served.model
        ingest = _cli(env, "--data-dir", tmp, "ingest", str(reference))
        if ingest.returncode != 0:
            return {"error": f"could not ingest the reference article: {ingest.stderr.strip()[-300:]}"}
        try:
            cold = time_cli_answer(env, Path(tmp), QUESTION)
            warm = [time_cli_answer(env, Path(tmp), QUESTION) for _ in range(runs)]
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            return {"error": str(exc)}
        result["cli"] = {"cold": cold, "first_output_s": statistics.median(r["first_output_s"] for r in warm),
                         "full_answer_s": statistics.median(r["full_answer_s"] for r in warm),
                         "per_run": warm}
        settings = Settings(_env_file=None, data_dir=Path(tmp), llm="openai", openai_base_url=served.base_url,
                            chat_model=served.model, chat_context_tokens=served.context,
                            embedder=env["BRIEFING_EMBEDDER"], allow_network=False)
        result["tokens"] = model_prompt_tokens(served, settings, QUESTION)
        if browser:
            result["browser"] = _browser(env, Path(tmp), runs)
    result["load_end"] = load_average()
    return result


def _browser(env: dict[str, str], data_dir: Path, runs: int) -> dict:
    from briefing.webapp.bench_browser import browser_unavailable

    reason = browser_unavailable()
    if reason:
        return {"error": reason}
    cmd = [sys.executable, "-m", "briefing.webapp.bench_browser", "--runs", str(runs), "--json",
           "--data-dir", str(data_dir), "--question", QUESTION]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    except subprocess.TimeoutExpired:
        return {"error": "the browser bench did not finish within 30 minutes"}
    if proc.returncode != 0:
        return {"error": f"the browser bench exited with code {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-300:]}"}
    return json.loads(proc.stdout[proc.stdout.index("{"):])


def _s(value) -> str:
    return "–" if value is None else f"{value:.2f} s"


def section(results: dict | None) -> str:
    head = HEADING + "\n\n"
    if not results:
        return head + f"Not measured in this run: `{COMMAND}` measures it.\n"
    if results.get("skipped"):
        return head + f"Skipped: {results['skipped']}.\n"
    if results.get("error"):
        return head + f"Not measured: {results['error']}\n"
    cli, tokens, browser = results.get("cli") or {}, results.get("tokens") or {}, results.get("browser") or {}
    t = tokens.get("timings") or {}
    rows = [
        ("CLI, fresh process: start → first output (median of warm runs)", _s(cli.get("first_output_s"))),
        ("CLI, fresh process: start → full answer (median)", _s(cli.get("full_answer_s"))),
        ("CLI, first run after the server started (cold)", f"{_s((cli.get('cold') or {}).get('first_output_s'))} / "
                                                           f"{_s((cli.get('cold') or {}).get('full_answer_s'))}"),
        ("in the service: request → first model token", _s(t.get("first_token", t.get("model_first_token")))),
        ("in the service: request → model finished", _s(t.get("generate", t.get("model_generate")))),
    ]
    if browser.get("error"):
        rows.append(("browser chat", f"not measured: {browser['error']}"))
    elif browser:
        rows += [("browser chat: Enter → first words (median)", _s(browser["first_token_s"]["median"])),
                 ("browser chat: Enter → full answer (median)", _s(browser["full_answer_s"]["median"])),
                 ("browser chat, cold first question (first words / full)",
                  f"{_s(browser['cold']['first_token_s'])} / {_s(browser['cold']['full_answer_s'])}")]
    rows += [
        ("prompt tokens (tiktoken cl100k / the model's tokenizer)",
         f"{tokens.get('tiktoken_prompt')} / {tokens.get('model_prompt')} ({tokens.get('passages')} passages)"),
        ("output tokens (tiktoken) / the reply's limit", f"{tokens.get('tiktoken_output')} / {tokens.get('max_tokens')}"),
        ("prompt budget: room for the prompt (tiktoken) / the model's context (n_ctx)",
         f"{tokens.get('prompt_room')} / {tokens.get('context')}"),
        ("who answered", str(tokens.get("answered_by"))),
    ]
    table = "| figure | measured |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    return (head + f"`briefing ask \"{results['question']}\"` over the reference article with `{results['model']}` "
            "(the bundled SmolLM2-135M) behind llama.cpp's server on 127.0.0.1 (`BRIEFING_LLM=openai`); "
            f"{results['runs']} timed runs after one cold one. The CLI figures count from the process start "
            "(imports, model client and store included); what streams first is the first checked sentence, or the "
            "extractive fallback when the model's text does not check out.\n\n" + table + "\n\n"
            f"Measured by `{COMMAND}`; load average {results.get('load_start')} at start, {results.get('load_end')} "
            "at end.\n")


def replace_section(document: str, new: str) -> str:
    from briefing.benchmarks.model_citations import replace_section as replace

    return replace(document, new, heading=HEADING)


@click.command()
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/data"),
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="BENCHMARKS.md to write the section into, or a .json file for the raw figures.")
@click.option("--runs", type=int, default=3, show_default=True)
@click.option("--skip-browser", is_flag=True)
def main(data: Path, out: Path, runs: int, skip_browser: bool) -> None:
    """Time model answers in the CLI and the browser; write the section (or JSON) to --out."""
    results = measure(data, runs=runs, browser=not skip_browser)
    if out.suffix == ".json":
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        return
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    out.write_text(replace_section(text, section(results)), encoding="utf-8")
    click.echo(f"wrote the local-model section of {out}", err=True)


if __name__ == "__main__":
    main()

"""Time the chat in a real browser: from pressing Enter to the first streamed words, and to the full answer.

    python -m briefing.webapp.bench_browser --runs 5 [--json] [--data-dir DIR] [--embedder e5-small]

Starts `streamlit run streamlit_app.py` on a free localhost port against a store holding the
reference article (ingested first unless the store already has articles), drives Debian's
headless Chromium through Playwright and prints per-run and median figures. The answerer is
the extractive one unless BRIEFING_LLM says otherwise. The same helpers start the app for the
end-to-end browser test.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from briefing.testing.processes import free_port, stop, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "streamlit_app.py"
REFERENCE = ROOT.parent / "shared" / "data" / "corpus" / "moscowtimes_fr_2025-02-26.txt"
QUESTION = "Who met in Riyadh?"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def browser_unavailable() -> str | None:
    """Why the browser cannot be driven here, or None when it can."""
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}: install Debian's package with `apt-get install -y chromium`"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: `pip install playwright==1.65.2` (it is in the test extras)"
    return None


def app_env(data_dir: Path, *, embedder: str | None = None, llm: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["BRIEFING_DATA_DIR"] = str(data_dir)
    if embedder:
        env["BRIEFING_EMBEDDER"] = embedder
    if llm:
        env["BRIEFING_LLM"] = llm
    env.setdefault("BRIEFING_ALLOW_NETWORK", "false")
    return env


def prepare_store(data_dir: Path, sources: list[Path], env: dict[str, str]) -> None:
    """Ingest `sources` in a separate process, so the app opens a store nobody else holds."""
    code = ("import sys\nfrom briefing.wiring import build_service\n"
            "svc = build_service()\n"
            "if not svc.sources()['articles']:\n"
            "    report = svc.ingest(sys.argv[1:])\n"
            "    sys.exit(0 if report.count('added') else 'nothing was added: ' + str(report.summary()))\n")
    subprocess.run([sys.executable, "-c", code, *map(str, sources)], env=env, cwd=ROOT, check=True, timeout=600)


def serve_command(port: int) -> list[str]:
    """The command line that serves the app (also what `make demo` runs, with the venv's python)."""
    return [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


@contextlib.contextmanager
def running_app(env: dict[str, str], *, timeout: float = 60.0, output_to: list[str] | None = None) -> Iterator[str]:
    """Start the app on a free localhost port, yield its URL, stop it afterwards; the server's
    own output (its log) is appended to `output_to` once it has stopped."""
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(serve_command(port), env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def output() -> str:
        log.seek(0)
        return log.read().decode(errors="replace")

    try:
        wait_until_healthy(proc, f"{url}/_stcore/health", timeout=timeout, what="the app", output=output)
        yield url
    finally:
        stop(proc)
        if output_to is not None:
            output_to.append(output())
        log.close()


@contextlib.contextmanager
def chromium_page(*, width: int = 1280, height: int = 900):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


# JavaScript run in the page: the last chat message, when it is the assistant's.
_LAST_ASSISTANT = """() => {
  const msgs = document.querySelectorAll('[data-testid="stChatMessage"]');
  const last = msgs[msgs.length - 1];
  if (!last || msgs.length < %d) return null;
  if (!last.querySelector('[data-testid="stChatMessageAvatarAssistant"]')) return null;
  return last;
}"""


@dataclass
class Timing:
    first_token_s: float
    full_answer_s: float
    answer: str


def wait_for_app(page, url: str, *, timeout_ms: int = 90_000) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=timeout_ms)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stChatInputTextArea\"]').disabled",
                           timeout=timeout_ms)


def ask(page, question: str, *, timeout_ms: int = 120_000) -> Timing:
    """Type `question`, press Enter and time the streamed answer as the reader sees it."""
    before = page.locator('[data-testid="stChatMessage"]').count()
    expected = before + 2
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    last = _LAST_ASSISTANT % expected
    page.wait_for_function(f"() => {{ const m = ({last})(); return m && m.innerText.trim().length > 0; }}",
                           timeout=timeout_ms, polling="raf")
    first = time.perf_counter() - started
    # the final answer is drawn with its caption ("extractive answer …" / "answered by …")
    page.wait_for_function(
        f"() => {{ const m = ({last})(); return m && m.querySelector('[data-testid=\"stCaptionContainer\"]'); }}",
        timeout=timeout_ms, polling="raf")
    full = time.perf_counter() - started
    text = page.locator('[data-testid="stChatMessage"]').last.inner_text()
    return Timing(round(first, 3), round(full, 3), text)


def run_bench(runs: int, *, data_dir: Path | None, embedder: str | None, question: str) -> dict:
    reason = browser_unavailable()
    if reason:
        raise click.ClickException(reason)
    if not REFERENCE.exists():
        raise click.ClickException(f"reference article not found at {REFERENCE}")
    with contextlib.ExitStack() as stack:
        if data_dir is None:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="briefing-bench-")))
        env = app_env(data_dir, embedder=embedder, llm=os.environ.get("BRIEFING_LLM", "extractive"))
        prepare_store(data_dir, [REFERENCE], env)
        url = stack.enter_context(running_app(env))
        page = stack.enter_context(chromium_page())
        wait_for_app(page, url)
        cold = ask(page, question)  # loads the embedding model and opens the store
        timings: list[Timing] = []
        for _ in range(runs):
            page.reload()
            wait_for_app(page, url)
            timings.append(ask(page, question))
    firsts = [t.first_token_s for t in timings]
    fulls = [t.full_answer_s for t in timings]
    return {
        "question": question, "runs": runs, "embedder": env.get("BRIEFING_EMBEDDER", "e5-small"),
        "llm": env["BRIEFING_LLM"],
        "cold": {"first_token_s": cold.first_token_s, "full_answer_s": cold.full_answer_s},
        "first_token_s": {"median": statistics.median(firsts), "min": min(firsts), "max": max(firsts)},
        "full_answer_s": {"median": statistics.median(fulls), "min": min(fulls), "max": max(fulls)},
        "per_run": [{k: v for k, v in asdict(t).items() if k != "answer"} for t in timings],
    }


@click.command()
@click.option("--runs", default=5, show_default=True, help="Timed questions after one warm-up.")
@click.option("--data-dir", type=click.Path(path_type=Path), help="Store to use (default: a fresh temp one).")
@click.option("--embedder", default=None, help="Embedder for the store (default: BRIEFING_EMBEDDER or e5-small).")
@click.option("--question", default=QUESTION, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def main(runs: int, data_dir: Path | None, embedder: str | None, question: str, as_json: bool) -> None:
    """Time submit → first streamed token → full answer in headless Chromium."""
    result = run_bench(runs, data_dir=data_dir, embedder=embedder, question=question)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    f, a = result["first_token_s"], result["full_answer_s"]
    click.echo(f"browser chat, {result['llm']} answers, embedder {result['embedder']}, {runs} runs after a warm-up")
    click.echo(f"  cold first question: first token {result['cold']['first_token_s']:.3f} s, "
               f"full answer {result['cold']['full_answer_s']:.3f} s")
    click.echo(f"  submit → first token: median {f['median']:.3f} s (min {f['min']:.3f}, max {f['max']:.3f})")
    click.echo(f"  submit → full answer: median {a['median']:.3f} s (min {a['min']:.3f}, max {a['max']:.3f})")


if __name__ == "__main__":
    main()

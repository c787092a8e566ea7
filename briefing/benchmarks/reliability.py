"""The "Reliability" section of docs/BENCHMARKS.md: counts from the reliability tests, run here.

    python -m briefing.benchmarks.reliability --out docs/BENCHMARKS.md

runs the bad-input suite, the crash test, the concurrent-writer tests and the fetch-guard and
secret tests through pytest (each CLI run in its own process, each bad input under a 30 s
timeout), counts what passed, and writes the section into --out in place of the old one
(`make bench` writes it with the rest).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[2]
SUITES = {
    "bad_inputs": "tests/test_bad_inputs.py",
    "crash": "tests/test_crash_recovery.py",
    "writers": "tests/test_concurrent_writers.py",
    "fetch": "tests/test_web_fetch_guard.py",
    "secrets": "tests/test_secrets_never_shown.py",
}
COMMAND = "python -m briefing.benchmarks.reliability --out docs/BENCHMARKS.md"


def _outcomes(junit: Path) -> dict[str, str]:
    """test name → passed | failed | skipped | xfailed."""
    out = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = case.get("name", "")
        kinds = {child.tag for child in case}
        skipped = case.find("skipped")
        if "failure" in kinds or "error" in kinds:
            out[name] = "failed"
        elif skipped is not None:
            out[name] = "xfailed" if (skipped.get("type") == "pytest.xfail") else "skipped"
        else:
            out[name] = "passed"
    return out


def measure() -> dict:
    results: dict = {"command": COMMAND}
    started = time.perf_counter()
    for key, path in SUITES.items():
        if not (ROOT / path).exists():
            results[key] = {"missing": path}
            continue
        with tempfile.TemporaryDirectory() as tmp:
            junit = Path(tmp) / "junit.xml"
            subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path,
                            f"--junitxml={junit}"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            results[key] = {"outcomes": _outcomes(junit) if junit.exists() else {}, "file": path}
    results["seconds"] = time.perf_counter() - started
    return results


def _count(suite: dict, prefix: str, state: str = "passed") -> tuple[int, int]:
    picked = {n: o for n, o in suite.get("outcomes", {}).items() if n.startswith(prefix)}
    return sum(1 for o in picked.values() if o == state), len(picked)


def section(results: dict | None) -> str:
    if not results:
        return "## Reliability\n\nNot measured in this run: `" + COMMAND + "` measures it.\n"
    rows = []
    bad = results.get("bad_inputs", {})
    ok, total = _count(bad, "test_bad_input[")
    xfail, _ = _count(bad, "test_bad_input[", "xfailed")
    rows.append(("bad inputs through the CLI with a clear message or a clean store, no traceback, no hang (≤ 30 s), "
                 "nothing stored changed", f"{ok} of {total}" + (f" ({xfail} waiting for the article size limit)"
                                                                  if xfail else ""), "0 crashes or hangs"))
    ok, total = _count(results.get("crash", {}), "test_killed_ingest_recovers[")
    rows.append(("SIGKILLed ingests recovered consistently and completely on the next run", f"{ok} of {total}",
                 "10 of 10"))
    ok, total = _count(results.get("writers", {}), "test_four_server_writers_with_readers")
    rows.append(("4 writers × 50 articles through `chroma run`, readers asking: 200 articles, 0 duplicates, "
                 "revision/lexical/actors complete", "yes" if ok == total == 1 else "no", "200 of 200, 0 duplicates"))
    ok, total = _count(results.get("writers", {}), "test_two_embedded_ingests")
    rows.append(("two embedded ingests at once: serialized with a waiting message, store intact",
                 "yes" if ok == total == 1 else "no", "safe or serialized"))
    for key, label in (("fetch", "fetch-guard tests (forbidden fetches refused, allowed ones done)"),
                       ("secrets", "planted-secret tests (found nowhere)")):
        suite = results.get(key, {})
        if "missing" in suite:
            rows.append((label, "not on main yet", ""))
        else:
            ok, total = _count(suite, "")
            rows.append((label, f"{ok} of {total} passed", "all"))
    lines = ["| figure | measured | target |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return ("## Reliability\n\n" + "\n".join(lines) + "\n\n"
            f"Measured by `{results['command']}` in {results.get('seconds', 0):.0f} s (it runs "
            + ", ".join(f"`{p}`" for p in SUITES.values()) + " through pytest; each is also part of `make test`). "
            "The bad inputs are made by `briefing/testing/bad_inputs.py`; the crash test kills the CLI just before "
            "its n-th store write (`python -m briefing.testing.kill_points N -- ingest …`) at ten points spread over "
            "the writes of a whole run.\n")


def replace_section(document: str, new: str) -> str:
    start = document.find("## Reliability")
    if start < 0:
        return document.rstrip("\n") + "\n\n" + new
    end = document.find("\n## ", start + 1)
    return document[:start] + new + (document[end + 1:] if end >= 0 else "")


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/BENCHMARKS.md"),
              show_default=True)
def main(out: Path) -> None:
    """Run the reliability tests and write their counts into --out."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    out.write_text(replace_section(text, section(measure())), encoding="utf-8")
    click.echo(f"wrote the Reliability section of {out}", err=True)


if __name__ == "__main__":
    main()

"""The timed parts of the bench, each run in its own process so its peak memory is its own:

    python -m briefing.benchmarks.worker ingest --out result.json SOURCE...
    python -m briefing.benchmarks.worker ask --store DIR --data ../shared/data --questions 60 --out result.json

Each writes one JSON object to --out; a failure is written as {"error": "..."} so the bench can
report the section as not measured and go on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

from briefing.benchmarks.machine import load_average
from briefing.benchmarks.stats import CallTimer, summarize


# Answer.timings also carries the extractive answerer's support probability, which is no duration.
NOT_SECONDS = frozenset({"support"})


def peak_rss_mb() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_ingest(sources: list[str], *, briefing_day: dt.date | None, briefing_source: str | None,
                   briefing_repeats: int) -> dict:
    """Ingest `sources` into a fresh store with the configured embedder (no embedding cache),
    then time daily briefings over that store."""
    from briefing.settings import Settings
    from briefing.wiring import build_service

    load_start = load_average()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-ingest-") as tmp:
        settings = Settings(data_dir=Path(tmp), chroma_url=None, embedder="e5-small", llm="extractive",
                            allow_network=False)
        t = time.perf_counter()
        svc = build_service(settings)
        open_seconds = time.perf_counter() - t
        store_timer = CallTimer(svc.store, ["put_article", "find_article", "find_by_fingerprint", "find_by_url"],
                                clock=time.perf_counter)
        hook_timers: dict[str, list[CallTimer]] = {}
        for hook in svc.hooks:
            timer = CallTimer(hook, ["on_added"], clock=time.perf_counter)
            hook_timers.setdefault(type(hook).__name__, []).append(timer)
        t = time.perf_counter()
        cpu = time.process_time()
        report = svc.ingest(sources)
        wall = time.perf_counter() - t
        cpu = time.process_time() - cpu
        result = {
            "sources": [Path(s).name for s in sources], "embedder": svc.embedder.name,
            "chunk_tokens": settings.chunk_tokens, "chunk_overlap_tokens": settings.chunk_overlap_tokens,
            "summary": report.summary(), "articles": report.count("added"),
            "chunks": svc.store.count_chunks(), "sentences": svc.store.sentences.count(),
            "open_seconds": round(open_seconds, 3), "wall_seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
            "ingest_seconds": round(report.seconds, 3), "embed_seconds": round(report.embed_seconds, 3),
            "store_seconds": {k: round(v, 3) for k, v in store_timer.seconds.items()},
            "peak_rss_mb": peak_rss_mb(), "load_average": [load_start, load_average()],
        }
        result["hook_seconds"] = {name: round(sum(t.seconds["on_added"] for t in timers), 3)
                                  for name, timers in hook_timers.items()}
        result["briefings"] = _briefings(svc, briefing_day, briefing_source, briefing_repeats)
        result["peak_rss_mb_with_briefings"] = peak_rss_mb()
    return result


def _briefings(svc, day, source, repeats) -> dict:
    try:
        from briefing.briefs.bench import bench_briefings
    except Exception as exc:
        return {"error": f"briefing.briefs.bench could not be imported ({type(exc).__name__}: {exc})"}
    try:
        return {"source": source, **bench_briefings(svc, day=day, source=source, repeats=repeats)}
    except Exception as exc:
        return {"error": f"bench_briefings failed ({type(exc).__name__}: {exc})"}


def measure_ask(store_dir: Path, data: Path, n: int, *, warmup: int = 3) -> dict:
    """`ask` latency in-process, extractive, after `warmup` questions, on a built store."""
    from briefing.benchmarks.latency_store import store_settings
    from briefing.benchmarks.questions import latency_questions
    from briefing.wiring import build_service

    built = json.loads((store_dir / "built.json").read_text(encoding="utf-8"))
    warm, timed = latency_questions(data, n, warmup=warmup)
    load_start = load_average()
    t = time.perf_counter()
    svc = build_service(store_settings(store_dir, embedder=built.get("embedder_spec", "e5-small")))
    open_seconds = time.perf_counter() - t
    info = svc.sources()
    warm_seconds = []
    for q in warm:
        t = time.perf_counter()
        svc.ask(q)
        warm_seconds.append(round(time.perf_counter() - t, 3))
    walls, cpus, stages, rows = [], [], {}, []
    for q in timed:
        t, c = time.perf_counter(), time.process_time()
        answer = svc.ask(q)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        walls.append(wall)
        cpus.append(cpu)
        for key, value in answer.timings.items():
            if key not in NOT_SECONDS:
                stages.setdefault(key, []).append(value)
        rows.append({"question": q, "language": answer.language, "seconds": round(wall, 4),
                     "abstained": answer.abstained, "citations": len(answer.citations)})
    return {
        "store": {**{k: built.get(k) for k in ("articles", "chunks", "sentences", "languages", "embedder",
                                               "chunk_tokens", "chunk_overlap_tokens", "actors")},
                  "sources": {s["source"]: s["articles"] for s in info["sources"]}},
        "hooks": [type(h).__name__ for h in svc.hooks],
        "questions": len(timed), "warmup": len(warm), "warmup_seconds": warm_seconds,
        "open_seconds": round(open_seconds, 3),
        "languages": _count(r["language"] for r in rows),
        "abstained": sum(r["abstained"] for r in rows),
        "wall": summarize(walls), "cpu": summarize(cpus),
        "stages": {k: summarize(v) for k, v in stages.items() if len(v) == len(timed)},
        "per_question": rows, "peak_rss_mb": peak_rss_mb(), "load_average": [load_start, load_average()],
    }


def _count(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.benchmarks.worker")
    sub = parser.add_subparsers(dest="part", required=True)
    ingest = sub.add_parser("ingest")
    ingest.add_argument("sources", nargs="+")
    ingest.add_argument("--briefing-day", type=dt.date.fromisoformat)
    ingest.add_argument("--briefing-source")
    ingest.add_argument("--briefing-repeats", type=int, default=2)
    ask = sub.add_parser("ask")
    ask.add_argument("--store", type=Path, required=True)
    ask.add_argument("--data", type=Path, required=True)
    ask.add_argument("--questions", type=int, default=60)
    ask.add_argument("--warmup", type=int, default=3)
    for p in (ingest, ask):
        p.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.part == "ingest":
            result = measure_ingest(args.sources, briefing_day=args.briefing_day,
                                    briefing_source=args.briefing_source, briefing_repeats=args.briefing_repeats)
        else:
            result = measure_ask(args.store, args.data, args.questions, warmup=args.warmup)
    except Exception as exc:
        traceback.print_exc()
        result = {"error": f"{type(exc).__name__}: {exc}"}
    args.out.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

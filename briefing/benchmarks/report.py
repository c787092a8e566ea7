"""docs/BENCHMARKS.md from the bench's results, pure."""

from __future__ import annotations

from briefing.benchmarks.local_model_timing import section as local_model_section
from briefing.benchmarks.reliability import section as reliability_section

from briefing.benchmarks.stats import Target, fmt_number

TARGETS = {
    "ingest_overhead": Target(20, "% of ingest time"),
    "ask_p50": Target(0.5, "s"),
    "ask_p95": Target(1.0, "s"),
    "help_cold": Target(1.0, "s"),
    "ask_cold": Target(2.0, "s"),
    "peak_rss": Target(1536, "MB", label="1.5 GB"),
}


def _n(value, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{fmt_number(value)}{' ' + unit if unit else ''}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _error(section: dict | None) -> str | None:
    if not section:
        return "not run"
    return section.get("error")


def ingest_figures(ingest: dict) -> dict:
    """Throughput and the share of ingest time spent outside embedding."""
    seconds, wall = ingest["ingest_seconds"], ingest["wall_seconds"]
    embed = ingest["embed_seconds"]
    return {
        "articles_per_s": ingest["articles"] / wall if wall else None,
        "chunks_per_s": ingest["chunks"] / wall if wall else None,
        "vectors_per_s": (ingest["chunks"] + ingest["sentences"]) / embed if embed else None,
        "embed_share": 100 * embed / seconds if seconds else None,
        "overhead_share": 100 * (seconds - embed) / seconds if seconds else None,
        "overhead_share_with_loading": 100 * (wall - embed) / wall if wall else None,
    }


def summary_rows(results: dict) -> list[list[str]]:
    rows = []

    def add(label, value, unit, target_key):
        target = TARGETS[target_key]
        rows.append([label, _n(value, unit), target.describe(), target.verdict(value)])

    ingest = results.get("ingest") or {}
    overhead = None if _error(ingest) else ingest_figures(ingest)["overhead_share"]
    add("ingest: time outside embedding", overhead, "%", "ingest_overhead")
    ask = results.get("ask") or {}
    add("ask p50 (extractive, in-process)", None if _error(ask) else ask["wall"]["p50"], "s", "ask_p50")
    add("ask p95 (extractive, in-process)", None if _error(ask) else ask["wall"]["p95"], "s", "ask_p95")
    cold = (results.get("cold_start") or {}).get("help") or {}
    add("`briefing --help` cold start (median)", cold.get("median"), "s", "help_cold")
    add("peak memory, ingest process", None if _error(ingest) else ingest["peak_rss_mb"], "MB", "peak_rss")
    add("peak memory, ask latency process", None if _error(ask) else ask["peak_rss_mb"], "MB", "peak_rss")
    return rows


def other_rows(results: dict) -> list[list[str]]:
    """Figures without a target, for the summary."""
    rows = []
    ingest = results.get("ingest") or {}
    if not _error(ingest):
        f = ingest_figures(ingest)
        rows.append(["ingest throughput (demo corpus, wall)",
                     f"{_n(f['articles_per_s'])} articles/s, {_n(f['chunks_per_s'])} chunks/s"])
        briefings = ingest.get("briefings") or {}
        if not _error(briefings):
            for label in ("daily", "7_days"):
                if isinstance(briefings.get(label), dict):
                    rows.append([f"briefing, {label.replace('_', ' ')} ({briefings[label]['articles']} articles)",
                                 _n(briefings[label]["seconds"], "s")])
    cold = (results.get("cold_start") or {}).get("ask") or {}
    if not _error(cold):
        rows.append(["`briefing ask` cold start (median)", _n(cold["median"], "s")])
    browser = results.get("browser") or {}
    if not _error(browser):
        rows.append(["browser: submit → first token / full answer (median)",
                     f"{_n(browser['first_token_s']['median'], 's')} / {_n(browser['full_answer_s']['median'], 's')}"])
    return rows


def _machine(results: dict) -> str:
    m = results["machine"]
    rows = [["CPU", m.get("cpu")], ["cores", m.get("cores")], ["memory", _n(m.get("memory_gb"), "GB")],
            ["Python", m.get("python")], ["platform", m.get("platform")], ["date", m.get("date")],
            ["load average (1, 5, 15 min) at start", _load(m.get("load_average_start"))],
            ["load average at end", _load(m.get("load_average_end"))]]
    return table(["", ""], [[k, str(v)] for k, v in rows])


def _load(value) -> str:
    return ", ".join(str(x) for x in value) if value else "—"


def _ingest_section(ingest: dict) -> str:
    err = _error(ingest)
    if err:
        return f"## 1. Ingest throughput\n\nNot measured: {err}\n"
    f = ingest_figures(ingest)
    t = TARGETS["ingest_overhead"]
    rows = [
        ["sources", ", ".join(ingest["sources"])],
        ["articles", _outcomes(ingest["summary"])],
        ["chunks embedded", f"{ingest['chunks']} ({ingest['chunk_tokens']}-token chunks, "
                            f"{ingest['chunk_overlap_tokens']}-token overlap)"],
        ["sentences embedded", f"{ingest['sentences']} (sentence vectors are stored to pick answer sentences)"],
        ["embedder", ingest["embedder"]],
        ["time to open the service (model load, store)", _n(ingest["open_seconds"], "s")],
        ["`svc.ingest` wall time (read, clean, chunk, embed, store)", _n(ingest["wall_seconds"], "s")],
        ["of which `IngestReport.seconds` (after reading and cleaning)", _n(ingest["ingest_seconds"], "s")],
        ["of which embedding (`IngestReport.embed_seconds`)", _n(ingest["embed_seconds"], "s")],
        ["articles/s (wall)", _n(f["articles_per_s"])],
        ["chunks/s (wall)", _n(f["chunks_per_s"])],
        ["vectors/s while embedding (chunks + sentences)", _n(f["vectors_per_s"])],
        ["embedding share of `IngestReport.seconds`", _n(f["embed_share"], "%")],
        ["**time outside embedding** (target " + t.describe() + ")",
         f"**{_n(f['overhead_share'], '%')} — {t.verdict(f['overhead_share'])}**"],
        ["time outside embedding, counting file reading and cleaning", _n(f["overhead_share_with_loading"], "%")],
        *[[f"of `IngestReport.seconds`: {label}", f"{_n(sec, 's')} ({_n(100 * sec / ingest['ingest_seconds'], '%')})"]
          for label, sec in _ingest_parts(ingest)],
        ["process CPU time during ingest", _n(ingest["cpu_seconds"], "s")],
    ]
    return ("## 1. Ingest throughput\n\nThe demo corpus into a fresh temporary store with the default settings "
            "and the default embedder, computing every vector (no embedding cache). The service embeds each "
            "chunk (with its title) and, separately, each sentence.\n\n" + table(["", ""], rows) + "\n")


def _ingest_parts(ingest: dict) -> list[tuple[str, float]]:
    """Where ingest time outside embedding goes, from the store calls timed in the worker."""
    store = ingest.get("store_seconds") or {}
    if not store or not ingest.get("ingest_seconds"):
        return []
    writes = store.get("put_article", 0.0)
    lookups = sum(v for k, v in store.items() if k != "put_article")
    hooks = ingest.get("hook_seconds") or {}
    rest = ingest["ingest_seconds"] - ingest["embed_seconds"] - writes - lookups - sum(hooks.values())
    return [("store writes (`put_article`)", writes), ("store lookups for dedupe", lookups),
            *[(f"hook `{name}.on_added`", sec) for name, sec in hooks.items()],
            ("the rest (chunking, sentence splitting)", rest)]


def _outcomes(summary: dict) -> str:
    return ", ".join(f"{v} {k}" for k, v in summary.items() if v) or "nothing"


def _ask_section(ask: dict) -> str:
    err = _error(ask)
    if err:
        return f"## 2. `ask` latency\n\nNot measured: {err}\n"
    s = ask["store"]
    langs = ", ".join(f"{k} {v}" for k, v in (s.get("languages") or {}).items())
    sources = "; ".join(f"{k} {v}" for k, v in (s.get("sources") or {}).items())
    why_small = ("That is too little text for 10,000 chunks at the default 160 tokens, so this store is cut into "
                 if s["chunks"] >= 10_000 else "This store is cut into ")
    qlangs = ", ".join(f"{k} {v}" for k, v in ask["languages"].items())
    intro = (
        f"`BriefingService.ask` in one process, extractive answers, on a store of **{s['chunks']:,} chunks** "
        f"({s['articles']:,} articles, {s.get('sentences') or 0:,} sentence vectors; articles by language: {langs}) "
        f"with real {s['embedder']} vectors, and actors indexed for {s.get('actors') or 0:,} articles "
        f"(hooks at question time: {', '.join(ask.get('hooks') or []) or 'none'}). "
        f"Articles by source: {sources}. "
        f"{why_small}**{s['chunk_tokens']}-token chunks with {s['chunk_overlap_tokens']}-token overlap**: "
        f"retrieval works on more, shorter chunks than in normal use. "
        f"The store is built once and kept under `.bench-cache/`.\n\n"
        f"{ask['questions']} real questions (by detected language: {qlangs}), French from PIAF and English from "
        f"XQuAD, after {ask['warmup']} warm-up questions (first one {_n(ask['warmup_seconds'][0], 's')}, "
        f"service opened in {_n(ask['open_seconds'], 's')}). {ask['abstained']} of the answers abstained.\n\n")
    w, c = ask["wall"], ask["cpu"]
    rows = [
        ["wall, p50", f"**{_n(w['p50'], 's')}**", TARGETS["ask_p50"].describe(), TARGETS["ask_p50"].verdict(w["p50"])],
        ["wall, p95", f"**{_n(w['p95'], 's')}**", TARGETS["ask_p95"].describe(), TARGETS["ask_p95"].verdict(w["p95"])],
        ["wall, mean / min / max", f"{_n(w['mean'])} / {_n(w['min'])} / {_n(w['max'])} s", "", ""],
        ["process CPU time, p50 / p95", f"{_n(c['p50'])} / {_n(c['p95'])} s", "", ""],
    ]
    stage_rows = [[f"`{k}`", _n(v["p50"], "s"), _n(v["p95"], "s"), _n(v["max"], "s")]
                  for k, v in sorted(ask["stages"].items(), key=lambda kv: -kv[1]["p50"])]
    return ("## 2. `ask` latency\n\n" + intro + table(["figure", "measured", "target", ""], rows)
            + "\n\nPer stage, from `Answer.timings` (seconds; stages nest, so they do not add up):\n\n"
            + table(["stage", "p50", "p95", "max"], stage_rows) + "\n")


def _cold_section(cold: dict | None) -> str:
    err = _error(cold)
    if err:
        return f"## 3. Cold start\n\nNot measured: {err}\n"
    rows = []
    commands = (("help", "`briefing --help`", TARGETS["help_cold"]),
                ("ask", cold.get("ask_label", "`briefing ask`"), TARGETS["ask_cold"]))
    for key, label, target in commands:
        part = cold.get(key) or {}
        if part.get("error"):
            rows.append([label, f"not measured: {part['error']}", "", "", "", ""])
            continue
        rows.append([label, f"**{_n(part['median'], 's')}**", f"{_n(part['min'])} … {_n(part['max'])} s",
                     _n(part.get("cpu_median"), "s"), _n(part.get("first"), "s"),
                     f"{target.describe()} — {target.verdict(part['median'])}" if target else ""])
    return ("## 3. Cold start\n\nSeparate processes of `.venv/bin/briefing`, "
            f"{cold.get('runs')} timed runs each after one untimed run (the first run's time is shown apart). "
            f"`ask` runs against a small store holding the reference article "
            f"({cold.get('store_note', '')}), extractive answers."
            + (f" Measured {cold['date']}; load average (1, 5, 15 min) at the end "
               f"{', '.join(f'{x:.2f}' for x in cold['load_average'])} on 2 shared cores." if cold.get("load_average") else "")
            + "\n\n"
            + table(["command", "median", "range", "CPU time (median)", "untimed first run", "target"], rows)
            + "\n\nCPU time is user + system time of the process: on a busy machine it stays close to what an idle "
            "one would take in wall time, while wall time includes waiting for a core.\n")


def _memory_section(results: dict) -> str:
    ingest, ask = results.get("ingest") or {}, results.get("ask") or {}
    t = TARGETS["peak_rss"]
    rows = []
    if not _error(ingest):
        rows.append(["ingest of the demo corpus", _n(ingest["peak_rss_mb"], "MB"), t.describe(),
                     t.verdict(ingest["peak_rss_mb"])])
        if ingest.get("peak_rss_mb_with_briefings"):
            rows.append(["same process after the briefings", _n(ingest["peak_rss_mb_with_briefings"], "MB"),
                         t.describe(), t.verdict(ingest["peak_rss_mb_with_briefings"])])
    if not _error(ask):
        rows.append([f"`ask` latency run ({ask['store']['chunks']:,}-chunk store)", _n(ask["peak_rss_mb"], "MB"),
                     t.describe(), t.verdict(ask["peak_rss_mb"])])
    if not rows:
        return "## 4. Peak memory\n\nNot measured: neither the ingest nor the ask process produced figures.\n"
    return ("## 4. Peak memory\n\nMaximum resident set size of each measuring process "
            "(`resource.getrusage(RUSAGE_SELF).ru_maxrss`).\n\n"
            + table(["process", "peak RSS", "target", ""], rows) + "\n")


def _briefings_section(briefings: dict | None) -> str:
    err = _error(briefings)
    if err:
        return f"## 5. Daily briefings\n\nNot measured: {err}\n"
    rows = []
    for label in [k for k in briefings if isinstance(briefings[k], dict)]:
        b = briefings[label]
        timed = {k: v for k, v in (b.get("stages") or {}).items() if k != "total"}
        stages = ", ".join(f"{k} {_n(v, 's')}" for k, v in sorted(timed.items(), key=lambda kv: -kv[1])[:4])
        rows.append([label.replace("_", " "), b.get("articles"), b.get("stories"), b.get("citations"),
                     b.get("citation_problems"), _n(b.get("seconds_cold"), "s"), f"**{_n(b.get('seconds'), 's')}**",
                     stages])
    return ("## 5. Daily briefings\n\n`briefing.briefs.bench.bench_briefings` on the store from section 1, "
            f"extractive: day {briefings.get('day')}, span {briefings.get('span')}, "
            f"articles of {briefings.get('source', 'one source')} only. "
            "`seconds` is the best of the runs, `first run` the cold one.\n\n"
            + table(["briefing", "articles", "stories", "citations", "citation problems", "first run", "seconds",
                     "slowest stages"], rows) + "\n")


def _browser_section(browser: dict | None) -> str:
    err = _error(browser)
    if err:
        return f"## 6. Chat in the browser\n\nNot measured: {err}\n"
    f, a = browser["first_token_s"], browser["full_answer_s"]
    rows = [["submit → first streamed token", f"**{_n(f['median'], 's')}**", f"{_n(f['min'])} … {_n(f['max'])} s",
             _n(browser["cold"]["first_token_s"], "s")],
            ["submit → full answer", f"**{_n(a['median'], 's')}**", f"{_n(a['min'])} … {_n(a['max'])} s",
             _n(browser["cold"]["full_answer_s"], "s")]]
    return ("## 6. Chat in the browser\n\n`briefing/webapp/bench_browser.py`: the Streamlit app in headless Chromium, "
            f"question “{browser['question']}” on a store holding the reference article, {browser['llm']} answers, "
            f"embedder {browser['embedder']}, {browser['runs']} runs after a cold one (page reloaded between runs).\n\n"
            + table(["", "median", "range", "cold first question"], rows) + "\n")


def _ingest_speed_section(r: dict) -> str:
    from briefing.benchmarks.ingest_speed import render as render_ingest_speed

    return render_ingest_speed(r)


def render_sections(results: dict) -> list[str]:
    """The sections of these results alone, for `bench --only`."""
    out = []
    if "ingest_speed" in results:
        out.append(_ingest_speed_section(results["ingest_speed"]))
    if "cold_start" in results:
        out.append(_cold_section(results["cold_start"]))
    if "fresh_demo" in results:
        from briefing.benchmarks.fresh_demo import render as render_fresh_demo

        out.append(render_fresh_demo(results["fresh_demo"]))
    return out


def _section_key(heading: str) -> str:
    return heading.split(" (")[0].strip()


def replace_sections(markdown: str, sections: list[str]) -> str:
    """Each section replaces the one of the same heading (up to a bracket) in markdown, or is appended."""
    for section in sections:
        key = _section_key(section.splitlines()[0])
        lines = markdown.split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("## ") and _section_key(line) == key), None)
        if start is None:
            markdown = markdown.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
            continue
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        tail = "\n".join(lines[end:])
        markdown = "\n".join(lines[:start]) + "\n" + section.rstrip("\n") + "\n" + ("\n" + tail if tail else "")
    return markdown


def render(results: dict) -> str:
    quick = " (quick run: smaller inputs, fewer runs)" if results.get("quick") else ""
    parts = [
        f"# Benchmarks{quick}\n",
        f"Generated by `{results['command']}` (what `make bench` runs, without `--quick`) "
        f"on {results['machine'].get('date')}; "
        f"the whole run took {_n(results.get('bench_seconds'), 's')}. Regenerate with the same command: "
        "the file is overwritten.\n",
        "**The machine is shared and was busy** while these figures were taken (other jobs running; see the load "
        "averages below against its core count), so wall-clock figures carry noise and are higher than on an idle "
        "machine. Ratios measured inside one run (embedding share of ingest, stage shares of `ask`) and process CPU "
        "times are steadier than absolute seconds.\n",
        "## Machine\n\n" + _machine(results) + "\n",
        "## Summary\n\n" + table(["figure", "measured", "target", ""], summary_rows(results)) + "\n\n"
        + table(["other figures", "measured"], other_rows(results)) + "\n",
        _ingest_section(results.get("ingest") or {"error": "not run"}),
        _ingest_speed_section(results.get("ingest_speed") or {"error": "not run"}),
        _ask_section(results.get("ask") or {"error": "not run"}),
        _cold_section(results.get("cold_start")),
        _memory_section(results),
        _briefings_section((results.get("ingest") or {}).get("briefings") if not _error(results.get("ingest") or {})
                           else {"error": "the ingest step it depends on failed"}),
        _browser_section(results.get("browser")),
        local_model_section(results.get("local_model")),
        reliability_section(results.get("reliability")),
    ]
    return "\n".join(parts)

"""`make demo`: load the demo corpora, ask the reference question, then the web app is served."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PACKAGED = Path(__file__).with_name("demo_data")
REFERENCE_QUESTION = "Who met in Riyadh?"


def demo_sources(shared: Path) -> list[Path]:
    corpus = shared / "corpus"
    if corpus.is_dir():
        return sorted(p for p in corpus.iterdir() if p.suffix in {".txt", ".jsonl"})
    # without the shared data, the copy shipped with the package (licence fields kept)
    return sorted(PACKAGED.glob("*.jsonl"))


def main(argv: list[str] | None = None) -> int:
    from briefing.progress import cli_progress
    from briefing.settings import Settings
    from briefing.wiring import build_service

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--data-dir", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    from briefing.store.chroma_store import StoreError

    try:
        svc = build_service(Settings(data_dir=args.data_dir))
    except StoreError as exc:
        print(f"The demo store in {args.data_dir} cannot be opened: {exc}", file=sys.stderr)
        return 1
    sources = demo_sources(args.data)
    print(f"Loading the demo corpus into {args.data_dir}: {', '.join(p.name for p in sources)}")
    with cli_progress("ingest", unit="article") as progress:
        report = svc.ingest([str(p) for p in sources], progress=progress)
    print(", ".join(f"{v} {k}" for k, v in report.summary().items() if v) + f" in {report.seconds:.0f}s")
    answer = svc.ask(REFERENCE_QUESTION)
    print(f"\n> {REFERENCE_QUESTION}\n{answer.answer}")
    for c in answer.citations:
        print(f"[{c.n}] {c.title} — {c.source}, {c.published}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

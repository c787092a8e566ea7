"""The store `ask` latency is measured on: every real text at hand, cut small enough to pass
10,000 chunks, embedded with e5 once and kept under .bench-cache/ between runs."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from briefing.benchmarks.corpus import bench_articles, store_key
from briefing.settings import Settings

# About 1.4 MB of text: default 160-token chunks would give ~2,600; 48-token ones ~10,900.
CHUNK_TOKENS = 48
CHUNK_OVERLAP_TOKENS = 12
BATCH = 50  # articles per ingest call, so progress shows and an interrupted build resumes


def store_settings(data_dir: Path, *, embedder: str = "e5-small") -> Settings:
    return Settings(data_dir=data_dir, chroma_url=None, embedder=embedder, llm="extractive", allow_network=False,
                    chunk_tokens=CHUNK_TOKENS, chunk_overlap_tokens=CHUNK_OVERLAP_TOKENS)


def _articles(data: Path, include_eval: bool):
    from briefing.ingest import load_sources

    loader_settings = Settings(allow_network=False)
    return bench_articles(data, load_corpus=lambda paths: load_sources(paths, settings=loader_settings),
                          include_eval=include_eval)


def ensure_latency_store(data: Path, cache_root: Path, *, embedder: str = "e5-small", include_eval: bool = True,
                         log=print) -> dict:
    """Build the store unless a finished one with the same inputs exists; return what it holds.

    Vectors go through a CachedEmbedder in cache_root, so a rebuild after a change to one input
    re-embeds only what changed, and an interrupted build picks up where it stopped."""
    from briefing.embeddings import build_embedder
    from briefing.embeddings.cache import CachedEmbedder
    from briefing.wiring import build_service

    articles = _articles(data, include_eval)
    inner = build_embedder(embedder)
    key = store_key(articles, embedder=inner.name, chunk_tokens=CHUNK_TOKENS, overlap=CHUNK_OVERLAP_TOKENS)
    directory = cache_root / f"latency-store-{key}"
    done_file = directory / "built.json"
    if done_file.is_file():
        return json.loads(done_file.read_text(encoding="utf-8"))
    settings = store_settings(directory, embedder=embedder)
    svc = build_service(settings, embedder=CachedEmbedder(inner, cache_root / "embeddings.sqlite"),
                        rewriter=lambda q, h: q, hooks=[])
    started = time.perf_counter()
    added = 0
    for i in range(0, len(articles), BATCH):
        report = svc.ingest_articles(articles[i:i + BATCH])
        added += report.count("added")
        log(f"latency store: {min(i + BATCH, len(articles))}/{len(articles)} articles, "
            f"{time.perf_counter() - started:.0f} s")
    svc.lexical()  # built and saved now, so the first timed question does not pay for it
    info = svc.sources()
    built = {"key": key, "embedder_spec": embedder, "data_dir": str(directory), "articles": info["articles"], "chunks": info["chunks"],
             "sentences": svc.store.sentences.count(),
             "languages": info["languages"], "embedder": info["embedder"], "chunk_tokens": CHUNK_TOKENS,
             "chunk_overlap_tokens": CHUNK_OVERLAP_TOKENS, "build_seconds": round(time.perf_counter() - started, 1)}
    done_file.write_text(json.dumps(built, indent=2, default=str), encoding="utf-8")
    return built


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Build (or find) the cached latency store.")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=Path(".bench-cache"))
    parser.add_argument("--corpus-only", action="store_true", help="Only the demo corpus (a small store, for --quick).")
    args = parser.parse_args()
    built = ensure_latency_store(args.data, args.cache, include_eval=not args.corpus_only,
                                 log=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(built, indent=2))

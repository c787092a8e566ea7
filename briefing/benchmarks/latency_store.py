"""The store `ask` latency is measured on: every real text at hand, cut small enough to pass
10,000 chunks, embedded with e5 once and kept under .bench-cache/ between runs."""

from __future__ import annotations

import json
import os
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
    pid_file = directory / "building.pid"
    _wait_for_other_builder(pid_file, done_file, log)
    built = json.loads(done_file.read_text(encoding="utf-8")) if done_file.is_file() else None
    if built and built.get("actors") is not None:
        return built
    directory.mkdir(parents=True, exist_ok=True)
    pid_file.write_text(str(os.getpid()), encoding="utf-8")
    settings = store_settings(directory, embedder=embedder)
    # Chunks and vectors first, without hooks, so the long part resumes cleanly; actors after.
    svc = build_service(settings, embedder=CachedEmbedder(inner, cache_root / "embeddings.sqlite"),
                        rewriter=lambda q, h: q, hooks=[])
    if built is None:
        started = time.perf_counter()
        for i in range(0, len(articles), BATCH):
            svc.ingest_articles(articles[i:i + BATCH])
            log(f"latency store: {min(i + BATCH, len(articles))}/{len(articles)} articles, "
                f"{time.perf_counter() - started:.0f} s")
        svc.lexical()  # built and saved now, so the first timed question does not pay for it
        info = svc.sources()
        built = {"key": key, "embedder_spec": embedder, "data_dir": str(directory), "articles": info["articles"],
                 "chunks": info["chunks"], "sentences": svc.store.sentences.count(), "languages": info["languages"],
                 "embedder": info["embedder"], "chunk_tokens": CHUNK_TOKENS,
                 "chunk_overlap_tokens": CHUNK_OVERLAP_TOKENS, "build_seconds": round(time.perf_counter() - started, 1)}
        done_file.write_text(json.dumps(built, indent=2, default=str), encoding="utf-8")
    built["actors"] = _index_actors(svc, settings, articles, log)
    done_file.write_text(json.dumps(built, indent=2, default=str), encoding="utf-8")
    pid_file.unlink(missing_ok=True)
    return built


def _index_actors(svc, settings: Settings, articles, log) -> int:
    """What the default actor hook would have recorded during ingest, for every stored article:
    questions are boosted by the actors they name, so `ask` latency includes that lookup."""
    from briefing.actors.hook import ActorIndex
    from briefing.chunking import chunk_article

    index = ActorIndex(settings)
    stored = set(svc.store.article_ids())
    todo = [a for a in articles if a.id in stored and index.store.content_hash(a.id) != a.content_hash]
    started = time.perf_counter()
    for n, article in enumerate(todo, start=1):
        index.on_added(article, chunk_article(article, max_tokens=settings.chunk_tokens,
                                              overlap_tokens=settings.chunk_overlap_tokens))
        if n % 200 == 0 or n == len(todo):
            log(f"latency store actors: {n}/{len(todo)} articles, {time.perf_counter() - started:.0f} s")
    return index.store.count_articles()


def _wait_for_other_builder(pid_file: Path, done_file: Path, log) -> None:
    """Two processes writing one Chroma folder corrupt it: wait while another live one builds."""
    announced = False
    while pid_file.is_file() and not done_file.is_file():
        try:
            pid = int(pid_file.read_text(encoding="utf-8").strip())
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError):
            return  # a builder that died: this one resumes its work
        except PermissionError:
            pass  # alive, owned by someone else
        if pid == os.getpid():
            return
        if not announced:
            log(f"latency store: process {pid} is building it; waiting")
            announced = True
        time.sleep(10)


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

"""The real text the latency store is built from: the demo corpus plus the evaluation passages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from briefing.models import Article, stable_hash

# No dates come with the evaluation passages; one fixed day keeps article ids and hashes stable.
EVAL_DAY = dt.date(2000, 1, 1)
CORPUS_FILES = ("moscowtimes_fr_2025-02-26.txt", "globalvoices_fr.jsonl", "wcep_2025-06-14_18.jsonl")
# The Europeana newspaper fragments (eval/ner_europeana_fr) are left out: 48-token chunks of the
# rest already pass 10,000, and their 4,200 more vectors cost ~25 minutes of embedding on 2 busy cores.
EVAL_SETS = {
    # file under eval/: source name, fallback language
    "piaf_fr/passages.jsonl": ("PIAF (French Wikipedia)", "fr"),
    "xquad_xling/passages.jsonl": ("XQuAD (Wikipedia)", "und"),
}


class MissingData(FileNotFoundError):
    """A file the bench reads is not under --data."""


def corpus_paths(data: Path) -> list[Path]:
    paths = [data / "corpus" / name for name in CORPUS_FILES]
    _require(paths, data)
    return paths


def eval_paths(data: Path) -> list[Path]:
    paths = [data / "eval" / name for name in EVAL_SETS]
    _require(paths, data)
    return paths


def _require(paths: list[Path], data: Path) -> None:
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise MissingData(f"not found: {', '.join(missing)}. Point --data at the shared data folder "
                          f"(it holds corpus/ and eval/; see ../shared/data/README.md); got {data}")


def _title_from_text(text: str, words: int = 8) -> str:
    """Newspaper fragments have no title: their opening words stand in, as for untitled files."""
    head = text.split()
    return " ".join(head[:words]) + ("…" if len(head) > words else "")


def eval_articles(path: Path, source: str, default_language: str) -> list[Article]:
    """One Article per passage of an evaluation file (PIAF, XQuAD or Europeana layout)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path} line {n}: not valid JSON ({exc.msg})") from exc
        text = (row.get("text") or "").strip()
        if not text:
            continue
        title = (row.get("title") or "").strip() or _title_from_text(text)
        pid = str(row.get("id") or stable_hash(path.name, str(n)))
        out.append(Article(id=f"bench-{pid}", title=title, text=text, published=EVAL_DAY, source=source,
                           language=row.get("lang") or row.get("language") or default_language,
                           origin=f"{path}:{n}"))
    return out


def bench_articles(data: Path, *, load_corpus, include_eval: bool = True) -> list[Article]:
    """The demo corpus (through the real loader, `load_corpus(paths) -> iterable`) then every
    evaluation passage, in a fixed order."""
    articles = [a for a in load_corpus([str(p) for p in corpus_paths(data)]) if isinstance(a, Article)]
    if not include_eval:
        return articles
    for rel, (source, language) in EVAL_SETS.items():
        articles.extend(eval_articles(data / "eval" / rel, source, language))
    return articles


def store_key(articles: Iterable[Article], **settings) -> str:
    """Names a built store: changes when any article's content or a chunking/embedding setting does."""
    h = hashlib.sha1()
    for name in sorted(settings):
        h.update(f"{name}={settings[name]}\x1f".encode())
    for a in articles:
        h.update(f"{a.id}\x1f{a.content_hash}\x1e".encode())
    return h.hexdigest()[:16]

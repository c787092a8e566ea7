"""Sources (files, folders, URLs, feeds) to cleaned Articles, lazily, one bad item at a time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefing.ingest.decoding import NotText, binary_kind, decode_bytes
from briefing.ingest.fetching import FetchedDoc, Fetcher, FetchError, HttpFetcher, charset_of
from briefing.redaction import redact_url
from briefing.ingest.formats.feeds import feed_items, looks_like_feed
from briefing.ingest.formats.html_pages import page_item
from briefing.ingest.formats.json_records import json_items, jsonl_items
from briefing.ingest.formats.text_files import text_item
from briefing.ingest.records import RawItem, build_article, skipped
from briefing.models import Article, IngestItem
from briefing.settings import Settings

TEXT_EXTENSIONS = (".txt", ".md", ".markdown")
JSON_EXTENSIONS = (".json", ".jsonl", ".ndjson")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + JSON_EXTENSIONS + HTML_EXTENSIONS + FEED_EXTENSIONS
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")

Fetch = Callable[[str], FetchedDoc]


def load_sources(
    sources: Iterable[str],
    *,
    settings: Settings | None = None,
    fetch: Fetcher | None = None,
    today: dt.date | None = None,
) -> Iterator[Article | IngestItem]:
    """Yield a cleaned Article for every item found in `sources` (paths, folders, URLs, feeds),
    or a skipped IngestItem saying what was wrong and what to do. Never raises for one bad
    item or source: the good ones of the same batch still come out. Lazy, so callers can show
    progress as items arrive.

    `fetch` gets URLs (pages, feeds, the pages feed entries link to); by default an HttpFetcher
    built from `settings`, which refuses when settings.allow_network is off. `today` dates the
    items for which neither metadata, text nor name gives a date."""
    settings = settings or Settings()
    owned = HttpFetcher(settings) if fetch is None else None
    fetch = fetch or owned
    today = today or dt.date.today()
    try:
        for source in sources:
            yield from _guarded(str(source), fetch=fetch, today=today, max_chars=settings.max_article_chars)
    finally:
        if owned is not None:
            owned.close()


def _guarded(source: str, *, fetch: Fetch, today: dt.date, max_chars: int = 0) -> Iterator[Article | IngestItem]:
    shown = redact_url(source) if _URL.match(source.strip()) else source
    try:
        for item in _load(source, fetch=fetch):
            if isinstance(item, RawItem):
                try:
                    yield build_article(item, today=today, max_chars=max_chars)
                except Exception as exc:  # one unreadable item must not stop the batch
                    yield skipped(item.origin, f"{item.where}: could not be cleaned ({_brief(exc)})")
            else:
                yield item
    except Exception as exc:
        yield skipped(shown, f"{shown}: could not be read ({_brief(exc)})")


def _brief(exc: Exception) -> str:
    text = re.sub(r"https?://\S+", lambda m: redact_url(m.group(0)), str(exc) or "")
    first = text.splitlines()[0][:200] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _load(source: str, *, fetch: Fetch) -> Iterator[RawItem | IngestItem]:
    s = source.strip()
    if not s:
        yield skipped(source, "an empty source name was given; pass a file, folder or URL")
        return
    if _URL.match(s):
        scheme = s.split(":", 1)[0].lower()
        if scheme in ("http", "https"):
            try:
                ok = bool(urlsplit(s).hostname)
            except ValueError:
                ok = False
            if not ok:
                shown = re.sub(r"//[^/@]*@", "//", s)  # no credentials in messages
                yield skipped(shown, f"{shown}: not a valid web address; check the URL (like https://example.org/page)")
                return
            yield from _load_url(s, fetch=fetch)
            return
        if scheme == "file":
            s = unquote(urlsplit(s).path)
        else:
            yield skipped(redact_url(s), f"{redact_url(s)}: '{scheme}://' addresses are not supported; use http(s) or a local path")
            return
    path = Path(s).expanduser()
    if not path.exists():
        yield skipped(s, f"{s}: no such file or folder; check the path")
    elif path.is_dir():
        yield from _load_folder(path, fetch=fetch)
    else:
        yield from _load_file(path, fetch=fetch)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "~")) for part in path.relative_to(root).parts)


def _load_folder(folder: Path, *, fetch: Fetch) -> Iterator[RawItem | IngestItem]:
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder) and p.suffix.lower() in SUPPORTED_EXTENSIONS),
        key=lambda p: p.relative_to(folder).as_posix(),
    )
    if not files:
        yield skipped(str(folder), f"{folder}: no supported files in this folder ({', '.join(SUPPORTED_EXTENSIONS)})")
        return
    for path in files:
        yield from _load_file(path, fetch=fetch)


def _load_file(path: Path, *, fetch: Fetch) -> Iterator[RawItem | IngestItem]:
    origin, name = str(path), path.name
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        kind = f"'{ext}'" if ext else "without an extension"
        yield skipped(origin, f"{name}: unsupported file type {kind}; supported: {', '.join(SUPPORTED_EXTENSIONS)}")
        return
    if not path.is_file():  # a pipe or device would block the read forever
        yield skipped(origin, f"{name}: not a regular file (a pipe, socket or device); "
                              "save the article as a file and ingest that")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield skipped(origin, f"{name}: cannot be read ({exc.strerror or type(exc).__name__}); check its permissions")
        return
    if not data.strip():
        yield skipped(origin, f"{name}: the file is empty; nothing to ingest")
        return
    kind = binary_kind(data)
    if kind:
        yield skipped(origin, f"{name}: this is {kind}, not text; export the article as .txt or .html and ingest that")
        return
    resolved = str(path.resolve())
    if ext in FEED_EXTENSIONS:
        if looks_like_feed(data):
            yield from _placed(feed_items(data, origin=origin, name=name, fetch=fetch), resolved)
        else:
            yield skipped(origin, f"{name}: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element); check the file")
        return
    if ext in HTML_EXTENSIONS:
        yield page_item(data, origin=origin, where=name, file_path=resolved)
        return
    text, encoding = decode_bytes(data)
    note = {"encoding": encoding} if encoding not in ("utf-8", "utf-8-sig") else {}
    if ext in JSON_EXTENSIONS:
        items = (jsonl_items if ext in (".jsonl", ".ndjson") else json_items)(
            text, origin=origin, name=name, file_path=resolved
        )
    else:
        items = iter([text_item(text, origin=origin, where=name, file_path=resolved, markdown=ext != ".txt")])
    for item in items:
        if isinstance(item, RawItem):
            item.metadata.update(note)
        yield item


def _load_url(url: str, *, fetch: Fetch) -> Iterator[RawItem | IngestItem]:
    shown = redact_url(url)
    try:
        doc = fetch(url)
    except FetchError as exc:
        yield skipped(shown, str(exc))
        return
    data, ctype = doc.content, (doc.content_type or "").split(";")[0].strip().lower()
    if not data.strip():
        yield skipped(shown, f"{shown}: the server sent an empty page; check the address")
        return
    if looks_like_feed(data, ctype):
        yield from _placed(feed_items(data, origin=shown, name=shown, fetch=fetch, feed_url=redact_url(doc.url)), doc.url)
        return
    head = data[:1024].lstrip().lower()
    path = urlsplit(doc.url).path.lower()
    if ctype in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        yield page_item(data, origin=shown, where=shown, url=doc.url)
        return
    kind = binary_kind(data)
    if kind:
        yield skipped(shown, f"{shown}: the address serves {kind} ({ctype or 'no content type'}), not an article; "
                             "save its text and ingest the file")
        return
    try:
        text, _ = decode_bytes(data, charset_of(doc.content_type))
    except NotText as exc:
        yield skipped(shown, f"{shown}: the address serves {exc}, not an article")
        return
    if ctype in ("application/json", "application/x-ndjson", "application/jsonl") or path.endswith(JSON_EXTENSIONS):
        lines = path.endswith((".jsonl", ".ndjson")) or ctype in ("application/x-ndjson", "application/jsonl")
        loader = jsonl_items if lines else json_items
        yield from _placed(loader(text, origin=shown, name=shown, file_path=None), doc.url)
        return
    if ctype.startswith("text/") or not ctype:
        item = text_item(text, origin=shown, where=shown, url=doc.url, markdown=path.endswith((".md", ".markdown")),
                         name_for_date=doc.url)
        yield item
        return
    yield skipped(shown, f"{shown}: unsupported content type '{ctype}'; ingest an HTML page, a feed, JSON or text")


def _placed(items: Iterable, where: str) -> Iterator:
    """Records with neither link nor id of their own take their file or address into the id, so
    two files' "Update" entries stay two articles."""
    for item in items:
        if isinstance(item, RawItem) and not item.url and not item.item_id:
            item.file_path = where
        yield item

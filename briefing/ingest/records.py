"""From a loaded item to a clean Article: text cleaning, title, date, language, source, id."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.ingest.boilerplate import remove_boilerplate
from briefing.ingest.cleaning import html_fragment_to_text, looks_like_html, normalise_whitespace, tidy_inline
from briefing.ingest.dates import date_in_name, date_in_text, parse_date
from briefing.ingest.naming import source_from_filename, source_from_url
from briefing.models import Article, IngestItem, stable_hash
from briefing.text.language import detect_language

_TITLE_MAX = 160


@dataclass
class RawItem:
    """One article as a loader found it, before cleaning and before any guess is made."""

    origin: str  # file path or URL, as the user gave it
    where: str  # how messages name it: "corpus.jsonl line 7", "page.html"
    text: str
    title: str | None = None
    published: Any = None  # whatever the metadata held: string, date, struct_time …
    source: str | None = None  # publisher named by the item itself
    site_name: str | None = None  # publisher named by the page or feed
    url: str | None = None
    language: str | None = None
    item_id: str | None = None
    file_path: str | None = None  # resolved path of the file it came from
    name_for_date: str | None = None  # file name or URL whose date is a last resort
    id_suffix: str = ""  # tells apart id-less items of one file that share a title
    metadata: dict[str, Any] = field(default_factory=dict)


def skipped(origin: str, reason: str) -> IngestItem:
    return IngestItem(status="skipped", origin=origin, reason=reason)


def clean_text(text: str) -> tuple[str, list[str]]:
    """(clean text, removed boilerplate lines). Markup left in a text field becomes plain text."""
    if looks_like_html(text):
        text = html_fragment_to_text(text)
    cleaned = remove_boilerplate(normalise_whitespace(text))
    return cleaned.text, cleaned.removed


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def _title_from_text(text: str) -> str:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(first) <= _TITLE_MAX:
        return first
    cut = first[:_TITLE_MAX].rsplit(" ", 1)[0]
    return cut + "…"


def _source(raw: RawItem) -> str:
    for candidate in (raw.source, raw.site_name):
        if isinstance(candidate, str) and candidate.strip():
            return tidy_inline(candidate)
    if raw.url:
        host = source_from_url(raw.url)
        if host:
            return host
    if raw.file_path:
        named = source_from_filename(raw.file_path) or source_from_filename(Path(raw.file_path).parent.name)
        if named:
            return named
    return "unknown source"


def article_id(source: str, *, url: str | None, item_id: str | None, file_path: str | None, title: str,
               suffix: str = "") -> str:
    """Same input → same id: by URL, else by the item's own id, else by file and title."""
    if url:
        return stable_hash(source, url)
    if item_id:
        return stable_hash(source, item_id)
    if suffix:
        return stable_hash(source, file_path or "", title, suffix)
    return stable_hash(source, file_path or "", title)


def build_article(raw: RawItem, *, today: dt.date, max_chars: int = 0) -> Article | IngestItem:
    """The cleaned Article, or a skipped item that says why.

    With `max_chars`, only the first 2 x max_chars characters are cleaned (cleaning a text of
    megabytes takes seconds and it is cut or skipped afterwards anyway); the original size is kept
    in metadata["original_chars"] for the size limit's message."""
    if not raw.text or not raw.text.strip():
        return skipped(raw.origin, f"{raw.where}: the article text is empty; add the text or remove the item")
    raw_text = raw.text
    if max_chars > 0 and len(raw_text) > 2 * max_chars:
        raw_text = raw_text[:2 * max_chars]
    text, removed = clean_text(raw_text)
    if not text:
        return skipped(
            raw.origin,
            f"{raw.where}: nothing but markup or publisher boilerplate was found; check that the item holds the article",
        )
    title = tidy_inline(raw.title) if isinstance(raw.title, str) else ""
    if not title:
        title = _title_from_text(text)

    published, published_from = None, "ingest"
    stated = parse_date(raw.published) if raw.published not in (None, "") else None
    if stated:
        published, published_from = stated, "metadata"
    elif (found := date_in_text(text)) is not None:
        published, published_from = found, "text"
    elif raw.name_for_date and (named := date_in_name(raw.name_for_date)) is not None:
        published, published_from = named, "filename"
    else:
        published = today
    metadata = dict(raw.metadata)
    if raw.published not in (None, "") and not stated:
        metadata["unparsed_published"] = str(raw.published)
    if removed:
        metadata["boilerplate_removed"] = len(removed)
    if len(raw_text) < len(raw.text):
        metadata["original_chars"] = len(raw.text)

    language = _language(raw.language) or detect_language(f"{title}\n{text}")
    source = _source(raw)
    url = raw.url.strip() if isinstance(raw.url, str) and raw.url.strip() else None
    item_id = str(raw.item_id).strip() if raw.item_id not in (None, "") else None
    if item_id:
        metadata.setdefault("item_id", item_id)
    return Article(
        id=article_id(source, url=url, item_id=item_id, file_path=raw.file_path, title=title, suffix=raw.id_suffix),
        title=title,
        text=text,
        published=published,
        published_from=published_from,
        source=source,
        url=url,
        language=language,
        origin=raw.origin,
        metadata=metadata,
    )

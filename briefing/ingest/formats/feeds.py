"""RSS and Atom feeds: each entry becomes an article; an entry that carries only a summary
and a link is completed from the linked page when it can be fetched."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from briefing.ingest.cleaning import html_fragment_to_text, tidy_inline
from briefing.ingest.fetching import FetchedDoc, FetchError
from briefing.ingest.formats.html_pages import extract_page
from briefing.ingest.records import RawItem, skipped
from briefing.models import IngestItem

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in _FEED_TYPES:
        return True
    head = content[:2048].lstrip()
    if re.search(rb"<html\b", head, re.I):
        return False
    return bool(_FEED_ROOT.search(head))


def _entry_text(entry) -> tuple[str, bool]:
    """(html of the fullest body the entry carries, whether it is full content)."""
    contents = [c.get("value", "") for c in entry.get("content", []) or [] if c.get("value")]
    if contents:
        return max(contents, key=len), True
    return entry.get("summary", "") or entry.get("description", "") or "", False


def feed_items(content: bytes, *, origin: str, name: str, fetch: Callable[[str], FetchedDoc] | None,
               feed_url: str | None = None) -> Iterator[RawItem | IngestItem]:
    import feedparser

    parsed = feedparser.parse(content)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        why = f" ({str(problem).splitlines()[0][:120]})" if problem else ""
        yield skipped(origin, f"{name}: no entries found in the feed{why}; check that it is an RSS or Atom feed")
        return
    feed = parsed.get("feed", {})
    site_name = tidy_inline(feed.get("title") or "") or None
    feed_language = feed.get("language")
    for index, entry in enumerate(entries, start=1):
        link = entry.get("link") or None
        where = f"{name} entry {index}" + (f" ({tidy_inline(entry.get('title', ''))[:60]})" if entry.get("title") else "")
        html, full = _entry_text(entry)
        metadata: dict = {}
        if feed_url or site_name:
            metadata["feed"] = feed_url or site_name
        if entry.get("author"):
            metadata["author"] = entry["author"]
        tags = [t.get("term") for t in entry.get("tags", []) or [] if t.get("term")]
        if tags:
            metadata["tags"] = tags
        text = html_fragment_to_text(html)
        page_title = None
        if not full and link and fetch is not None:
            try:
                doc = fetch(link)
                page = extract_page(doc.content, url=doc.url)
                if len(page["text"]) > len(text):
                    text, page_title = page["text"], page["title"]
                    metadata["text_from"] = "page"
                    link = doc.url
            except FetchError as exc:
                metadata["text_from"] = "summary"
                metadata["page_error"] = str(exc)
            except Exception as exc:  # a page trafilatura cannot read: the summary still stands
                metadata["text_from"] = "summary"
                metadata["page_error"] = f"{type(exc).__name__}: {str(exc)[:120]}"
        elif not full:
            metadata["text_from"] = "summary"
        published = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("published") or entry.get("updated")
        yield RawItem(
            origin=origin,
            where=where,
            text=text,
            title=entry.get("title") or page_title,
            published=published,
            site_name=site_name,
            url=link,
            language=entry.get("language") or feed_language,
            item_id=entry.get("id") or None,
            name_for_date=link,
            metadata=metadata,
        )

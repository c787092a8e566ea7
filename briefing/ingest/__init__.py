"""Ingestion: load files, folders, JSON(L), HTML pages, RSS/Atom feeds and URLs, clean them
(markup, whitespace, publisher boilerplate), date them, tell their language and source, and
hand back Articles. The service dedupes, chunks and stores them."""

from briefing.ingest.boilerplate import remove_boilerplate
from briefing.ingest.fetching import FetchedDoc, Fetcher, FetchError, HttpFetcher
from briefing.ingest.fingerprint import text_fingerprint
from briefing.ingest.loader import SUPPORTED_EXTENSIONS, load_sources

__all__ = [
    "FetchError",
    "FetchedDoc",
    "Fetcher",
    "HttpFetcher",
    "SUPPORTED_EXTENSIONS",
    "load_sources",
    "remove_boilerplate",
    "text_fingerprint",
]

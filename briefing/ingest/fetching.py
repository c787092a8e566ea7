"""Fetching URLs and feeds over HTTP: the one place ingest touches the network."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from briefing.settings import Settings

MAX_BYTES = 10 * 1024 * 1024
# Query parameters that may carry credentials: their values never reach a message.
_SECRET_PARAM = re.compile(r"(?:key|token|secret|password|passwd|pwd|auth|sig|signature|session|credential)", re.I)


@dataclass(frozen=True)
class FetchedDoc:
    content: bytes
    content_type: str  # as sent by the server, e.g. "text/html; charset=utf-8"
    url: str  # where the content came from, after redirects


class Fetcher(Protocol):
    def __call__(self, url: str) -> FetchedDoc: ...


class FetchError(RuntimeError):
    """A URL could not be fetched; the message names the URL (redacted) and what to do."""


def redact_url(url: str) -> str:
    """The URL without user:password and without the values of secret-looking parameters."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, "***" if _SECRET_PARAM.search(k) else v) for k, v in pairs], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def charset_of(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


class HttpFetcher:
    """GETs a URL with httpx: follows redirects, honours settings.fetch_timeout and
    settings.user_agent, refuses when settings.allow_network is off, stops at `max_bytes`."""

    def __init__(self, settings: Settings | None = None, *, max_bytes: int = MAX_BYTES, transport=None):
        self.settings = settings or Settings()
        self.max_bytes = max_bytes
        self._transport = transport  # tests may hand in an httpx transport
        self._client = None  # made on first use, reused: building one costs ~0.1 s

    def _http(self):
        import httpx

        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=True,
                timeout=self.settings.fetch_timeout,
                headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"},
                transport=self._transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __call__(self, url: str) -> FetchedDoc:
        shown = redact_url(url)
        if not self.settings.allow_network:
            raise FetchError(
                f"{shown}: network access is turned off (BRIEFING_ALLOW_NETWORK=false); "
                "turn it on, or save the page and ingest the file"
            )
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"{shown}: only http:// and https:// addresses can be fetched")
        import httpx

        timeout = self.settings.fetch_timeout
        try:
            with self._http().stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(
                        f"{shown}: the server answered HTTP {response.status_code} "
                        f"{response.reason_phrase}; check the address or try again later"
                    )
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(self._too_big(shown))
                body = bytearray()
                for piece in response.iter_bytes():
                    body.extend(piece)
                    if len(body) > self.max_bytes:
                        raise FetchError(self._too_big(shown))
                return FetchedDoc(
                    content=bytes(body),
                    content_type=response.headers.get("content-type", ""),
                    url=str(response.url),
                )
        except FetchError:
            raise
        except httpx.TimeoutException:
            raise FetchError(
                f"{shown}: no answer within {timeout:g} s; the site may be down or slow "
                "(BRIEFING_FETCH_TIMEOUT sets the limit)"
            ) from None
        except httpx.TooManyRedirects:
            raise FetchError(f"{shown}: too many redirects; open it in a browser to see where it leads") from None
        except httpx.InvalidURL:
            raise FetchError(f"{shown}: not a valid web address; check it") from None
        except httpx.HTTPError as exc:
            reason = _reason(exc)
            raise FetchError(f"{shown}: could not be fetched ({reason}); check the address and your connection") from None

    def _too_big(self, shown: str) -> str:
        limit = self.max_bytes
        size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
        return f"{shown}: larger than {size}; save the article text and ingest the file"


def _reason(exc: Exception) -> str:
    """A short reason without the URL (it may hold credentials) and without a traceback."""
    text = str(exc) or type(exc).__name__
    text = re.sub(r"https?://\S+", "<url>", text)
    return text.splitlines()[0][:200]

"""Fetching URLs and feeds over HTTP: the one place ingest touches the network."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from briefing.ingest.address_policy import AddressPolicy, AddressRefused, refusal_message
from briefing.redaction import redact_url
from briefing.settings import Settings

MAX_REDIRECTS = 10
# (host, port) → the addresses to try; see guarded_transport.system_resolver
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class FetchedDoc:
    content: bytes
    content_type: str  # as sent by the server, e.g. "text/html; charset=utf-8"
    url: str  # where the content came from, after redirects


class Fetcher(Protocol):
    def __call__(self, url: str) -> FetchedDoc: ...


class FetchError(RuntimeError):
    """A URL could not be fetched; the message names the URL (redacted) and what to do."""


def charset_of(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


class HttpFetcher:
    """GETs a URL with httpx: follows redirects (each hop checked), honours settings.fetch_timeout
    (for the whole fetch, body included) and settings.user_agent, refuses when
    settings.allow_network is off, stops at `max_bytes` (settings.fetch_max_mb by default).

    With a `policy` (the web app's fetches), every address connected to, after name resolution
    and on every redirect hop, must pass it; `resolver` maps a host to its addresses (tests map
    names to 127.0.0.1). Without one (the command line, run by the machine's own user) any
    address may be reached."""

    def __init__(self, settings: Settings | None = None, *, max_bytes: int | None = None, transport=None,
                 policy: AddressPolicy | None = None, resolver: Resolver | None = None, verify=True):
        self.settings = settings or Settings()
        self.max_bytes = max_bytes if max_bytes is not None else int(self.settings.fetch_max_mb * 1024 * 1024)
        self.policy = policy
        if transport is None and policy is not None:
            from briefing.ingest.guarded_transport import GuardedTransport

            transport = GuardedTransport(policy, resolver, verify=verify)
        self._transport = transport  # tests may hand in an httpx transport
        self._client = None  # made on first use, reused: building one costs ~0.1 s

    def _http(self):
        import httpx

        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=False,  # followed by hand, so each hop's scheme is checked and named
                timeout=self.settings.fetch_timeout,
                headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"},
                transport=self._transport,
                # an environment proxy would fetch past the address check
                trust_env=self.policy is None,
                event_hooks={"response": [_hold_location]},
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
        import httpx

        timeout = self.settings.fetch_timeout
        deadline = time.monotonic() + timeout
        current, hop = url, shown
        try:
            for _ in range(MAX_REDIRECTS + 1):
                if urlsplit(current).scheme.lower() not in ("http", "https"):
                    if current == url:
                        raise FetchError(f"{shown}: only http:// and https:// addresses can be fetched")
                    raise FetchError(f"{shown}: redirects to {hop}, which is not an http(s) address; "
                                     "only http:// and https:// are fetched")
                with self._http().stream("GET", current) as response:
                    if response.is_redirect and response.headers.get(_HELD_LOCATION):
                        current = urljoin(str(response.url), response.headers[_HELD_LOCATION])
                        hop = redact_url(current)
                        continue
                    return self._read(response, shown, deadline)
            raise FetchError(f"{shown}: more than {MAX_REDIRECTS} redirects; open it in a browser to see where it leads")
        except FetchError:
            raise
        except AddressRefused as exc:
            where = shown if current == url else f"{shown} (redirected to {hop})"
            raise FetchError(refusal_message(where, exc.host, exc.address, exc.reason)) from None
        except httpx.TimeoutException:
            raise FetchError(
                f"{shown}: no answer within {timeout:g} s; the site may be down or slow "
                "(BRIEFING_FETCH_TIMEOUT sets the limit)"
            ) from None
        except httpx.InvalidURL:
            raise FetchError(f"{shown}: not a valid web address; check it") from None
        except httpx.HTTPError as exc:
            reason = _reason(exc)
            raise FetchError(f"{shown}: could not be fetched ({reason}); check the address and your connection") from None

    def _read(self, response, shown: str, deadline: float) -> FetchedDoc:
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
            # httpx's timeout bounds each read; a server that trickles bytes is bounded here
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{shown}: the page took longer than {self.settings.fetch_timeout:g} s to arrive; "
                    "the site is too slow (BRIEFING_FETCH_TIMEOUT sets the limit)"
                )
        return FetchedDoc(
            content=bytes(body),
            content_type=response.headers.get("content-type", ""),
            url=str(response.url),
        )

    def _too_big(self, shown: str) -> str:
        limit = self.max_bytes
        size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
        return (f"{shown}: larger than {size}; save the article text and ingest the file "
                "(BRIEFING_FETCH_MAX_MB sets the limit)")


_HELD_LOCATION = "x-briefing-location"


def _hold_location(response) -> None:
    # httpx builds the next request from Location even when not following, and fails on
    # "javascript:…" before we could name it; redirects are followed by hand, so keep it aside
    if "location" in response.headers:
        response.headers[_HELD_LOCATION] = response.headers.pop("location")


def _reason(exc: Exception) -> str:
    """A short reason without the URL (it may hold credentials) and without a traceback."""
    text = str(exc) or type(exc).__name__
    text = re.sub(r"https?://\S+", "<url>", text)
    return text.splitlines()[0][:200]

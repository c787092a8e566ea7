"""Feeds and article URLs through a real HTTP server on 127.0.0.1, started by the tests."""

import datetime as dt
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing.ingest import FetchedDoc, FetchError, HttpFetcher, load_sources
from briefing.models import Article, IngestItem
from briefing.settings import Settings

pytestmark = pytest.mark.network

SITE = Path(__file__).parent / "fixtures" / "ingest" / "site"
TODAY = dt.date(2025, 3, 20)
PLAIN = "Harbour reopens\n\nThe harbour reopened on Monday after the storm, the port authority said.\n"
JSONL = (
    '{"id": "j1", "title": "One", "text": "The first item of the remote collection.", "published": "2025-03-01"}\n'
    '{"id": "j2", "title": "Two", "text": "The second item of the remote collection.", "published": "2025-03-02"}\n'
)


class _Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def do_GET(self):
        _Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        path = self.path.split("?")[0]
        feeds = {"/feed.rss": ("feed.rss", "application/rss+xml"), "/feed.atom": ("feed.atom", "application/atom+xml"),
                 "/feed-as-xml": ("feed.rss", "text/xml; charset=utf-8"), "/feed-as-html": ("feed.atom", "text/html")}
        if path in feeds:
            name, ctype = feeds[path]
            body = (SITE / name).read_text(encoding="utf-8").replace("https://news.example", base)
            return self._send(200, body.encode(), ctype)
        if path in ("/articles/ministers.html", "/articles/cafe.html"):
            return self._send(200, (SITE / path.lstrip("/")).read_bytes(), "text/html; charset=utf-8")
        if path == "/go":
            return self._send(302, b"", "text/plain", {"Location": "/articles/ministers.html"})
        if path == "/slow":
            time.sleep(1.5)
            return self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
        if path == "/big":
            return self._send(200, b"<p>" + b"x" * 5000 + b"</p>", "text/html")
        if path == "/plain.txt":
            return self._send(200, PLAIN.encode("utf-8"), "text/plain; charset=utf-8")
        if path == "/image":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        if path == "/data.jsonl":
            return self._send(200, JSONL.encode(), "application/x-ndjson")
        if path == "/private":
            return self._send(403, b"no", "text/plain")
        return self._send(404, b"not here", "text/plain")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that hung up is expected here
        pass


@pytest.fixture(scope="module")
def base():
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def online(**kw) -> Settings:
    return Settings(allow_network=True, user_agent="briefing-test/1.0", **kw)


def load(*sources, settings=None, **kw):
    return list(load_sources(list(sources), settings=settings or online(), today=TODAY, **kw))


def test_rss_feed_entries_completed_from_their_pages(base):
    items = load(f"{base}/feed.rss")
    assert all(isinstance(i, Article) for i in items), items
    ministers, rates, museum = items
    # summary-only entry: the linked page was fetched and its main text extracted
    assert ministers.metadata["text_from"] == "page"
    assert "exchanged draft proposals on 14 points" in ministers.text
    assert "newsletter" not in ministers.text and "cookies" not in ministers.text
    assert ministers.url == f"{base}/articles/ministers.html"
    assert ministers.source == "News Example" and ministers.language == "en"
    assert ministers.published == dt.date(2025, 3, 8) and ministers.published_from == "metadata"
    # full content in the feed: no fetch needed, boilerplate removed
    assert rates.text.startswith("The central bank left its main interest rate unchanged")
    assert "Subscribe" not in rates.text
    # the linked page is gone: the summary stands, and the reason is kept
    assert museum.text.startswith("The city museum reopened")
    assert museum.metadata["text_from"] == "summary" and "HTTP 404" in museum.metadata["page_error"]
    assert "briefing-test/1.0" in _Handler.seen_agents


def test_atom_feed_over_http(base):
    cafe, tram = load(f"{base}/feed.atom")
    assert cafe.metadata["text_from"] == "page" and "prime de 200 euros par mois" in cafe.text
    assert "Abonnez-vous" not in cafe.text and cafe.language == "fr"
    assert cafe.published == dt.date(2025, 3, 9)
    assert "prolongement du tramway" in tram.text


def test_feed_served_as_plain_xml_is_recognised(base):
    items = load(f"{base}/feed-as-xml", f"{base}/feed-as-html")
    assert len(items) == 5 and all(isinstance(i, Article) for i in items)


def test_article_url_extraction_and_redirects(base):
    [direct] = load(f"{base}/articles/ministers.html")
    assert direct.title == "Foreign ministers agree to new talks in Geneva"
    assert direct.source == "News Example" and direct.origin == f"{base}/articles/ministers.html"
    [redirected] = load(f"{base}/go")
    assert redirected.url == f"{base}/articles/ministers.html" and redirected.id == direct.id
    assert redirected.text == direct.text


def test_plain_text_and_jsonl_urls(base):
    [plain] = load(f"{base}/plain.txt")
    assert plain.title == "Harbour reopens" and plain.url == f"{base}/plain.txt"
    one, two = load(f"{base}/data.jsonl")
    assert (one.title, two.title) == ("One", "Two") and two.published == dt.date(2025, 3, 2)


def test_http_failures_are_skipped_with_clear_reasons(base):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{closed.getsockname()[1]}/x"
    closed.close()
    settings = online(fetch_timeout=0.3)
    items = load(f"{base}/nothing-here", dead, f"{base}/slow", f"{base}/image",
                 f"{base}/private?token=S3CRET&page=1", f"{base}/plain.txt", settings=settings)
    *bad, good = items
    assert isinstance(good, Article)
    assert all(isinstance(i, IngestItem) and i.status == "skipped" for i in bad)
    missing, refused, slow, image, private = (i.reason for i in bad)
    assert f"{base}/nothing-here: the server answered HTTP 404" in missing
    assert refused.startswith(dead) and "could not be fetched" in refused
    assert "no answer within 0.3 s" in slow and "BRIEFING_FETCH_TIMEOUT" in slow
    assert "a PNG image" in image
    assert "HTTP 403" in private and "S3CRET" not in private and "S3CRET" not in bad[4].origin
    assert all("Traceback" not in r for r in (missing, refused, slow, image, private))


def test_network_off_refuses_without_connecting(base):
    before = len(_Handler.seen_agents)
    [item] = load(f"{base}/articles/ministers.html", settings=Settings(allow_network=False))
    assert "network access is turned off" in item.reason and "BRIEFING_ALLOW_NETWORK" in item.reason
    assert len(_Handler.seen_agents) == before


def test_fetcher_limits_size_and_reports_final_url(base):
    fetch = HttpFetcher(online(), max_bytes=1000)
    with pytest.raises(FetchError, match="larger than"):
        fetch(f"{base}/big")
    doc = HttpFetcher(online())(f"{base}/go")
    assert doc.url == f"{base}/articles/ministers.html" and doc.content_type.startswith("text/html")
    with pytest.raises(FetchError, match="only http:// and https://"):
        HttpFetcher(online())("file:///etc/passwd")


def test_any_callable_can_fetch():
    pages = {"https://mirror.example/a": FetchedDoc(b"Title line\n\nBody from a mirror.", "text/plain", "https://mirror.example/a")}

    def fetch(url):
        if url not in pages:
            raise FetchError(f"{url}: not mirrored")
        return pages[url]

    got = list(load_sources(["https://mirror.example/a", "https://mirror.example/b"],
                            settings=Settings(allow_network=False), fetch=fetch, today=TODAY))
    assert got[0].text == "Body from a mirror." and got[0].source == "mirror.example"
    assert got[1].reason == "https://mirror.example/b: not mirrored"

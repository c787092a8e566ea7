"""Fetches started from the web app may not reach internal addresses; the command line may.

Real HTTP servers on loopback only: one on 127.0.0.1 stands for an internal service, one on
127.0.0.2 for a public site (reached by a made-up name through the resolver seam, and allowed by
listing 127.0.0.2 as an allowed network, the way an operator opens one address).
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

from briefing.ingest import FetchError, HttpFetcher, load_sources
from briefing.ingest.address_policy import AddressPolicy, category, parse_networks
from briefing.models import Article, IngestItem
from briefing.settings import Settings
from briefing.wiring import web_fetcher

pytestmark = pytest.mark.network

PAGE = (b"<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
        b"<p>The harbour reopened on Monday after the storm, the port authority said in a statement.</p>"
        b"<p>Ferries to the islands will run on the usual timetable from Tuesday morning.</p></article></body></html>")
SECRET = b"internal: the admin console"


class _Handler(BaseHTTPRequestHandler):
    hosts: list[str] = []
    hits: list[str] = []

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", ctype="text/html; charset=utf-8", extra=None, length=True):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        _Handler.hosts.append(self.headers.get("Host", ""))
        _Handler.hits.append(f"{self.server.server_address[0]}{self.path}")
        path, _, query = self.path.partition("?")
        query = unquote(query)
        if path == "/article.html":
            return self._send(200, PAGE)
        if path == "/admin":
            return self._send(200, SECRET, "text/plain")
        if path == "/to":  # /to?<absolute or relative location>
            return self._send(302, b"", extra={"Location": query})
        if path == "/huge-declared":
            return self._send(200, b"x" * 300_000, "text/plain")
        if path == "/huge-undeclared":  # no Content-Length: only counting stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"y" * 10_000)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/trickle":  # headers at once, then a byte every 50 ms for up to 10 s
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"z")
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/feed.rss":
            link = query or "http://127.0.0.1/none"
            body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour news</title>'
                    f'<item><title>Harbour reopens</title><link>{link}</link>'
                    f'<description>The harbour reopened on Monday after the storm, the port authority said.</description>'
                    f'<pubDate>Mon, 10 Mar 2025 08:00:00 GMT</pubDate></item></channel></rss>').encode()
            return self._send(200, body, "application/rss+xml")
        return self._send(404, b"not here", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


def _serve(host: str):
    server = _Server((host, 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def sites():
    internal, public = _serve("127.0.0.1"), _serve("127.0.0.2")
    yield {"internal": internal.server_address[1], "public": public.server_address[1]}
    for s in (internal, public):
        s.shutdown()
        s.server_close()


NAMES = {"news.example.test": ["127.0.0.2"], "intranet.example.test": ["127.0.0.1"],
         "metadata.example.test": ["169.254.169.254"], "mixed.example.test": ["127.0.0.2", "10.0.0.7"],
         "mapped.example.test": ["::ffff:127.0.0.1"]}


def resolver(host: str, port: int) -> list[str]:
    if host in NAMES:
        return NAMES[host]
    return [host]  # an address written in the URL stands for itself


def web(**kw) -> HttpFetcher:
    """The web app's fetcher, as wiring builds it, with 127.0.0.2 opened as the 'public' site."""
    kw.setdefault("web_fetch_allowed_networks", "127.0.0.2")
    return web_fetcher(Settings(allow_network=True, fetch_timeout=5, **kw), resolver=resolver)


def public(sites, path="/article.html") -> str:
    return f"http://news.example.test:{sites['public']}{path}"


def internal(sites, path="/admin") -> str:
    return f"http://127.0.0.1:{sites['internal']}{path}"


# -- the policy alone ------------------------------------------------------------------------
REFUSED = ["127.0.0.1", "127.3.2.1", "::1", "10.0.0.7", "172.16.5.4", "192.168.1.1", "169.254.169.254",
           "169.254.10.20", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
           "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "224.0.0.251", "ff02::1", "0.0.0.0", "::",
           "100.64.0.1", "100.100.100.200", "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1", "2001:db8::1",
           "fec0::1", "fe80::1%eth0"]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "::ffff:8.8.4.4"]


@pytest.mark.parametrize("address", REFUSED)
def test_internal_addresses_are_refused_by_default(address):
    reason = AddressPolicy().refusal(address)
    assert reason and reason.endswith("address"), (address, reason)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert AddressPolicy().refusal(address) is None


def test_private_setting_opens_internal_but_never_metadata():
    policy = AddressPolicy(allow_private=True)
    for address in ("127.0.0.1", "::1", "10.0.0.7", "192.168.1.1", "fe80::1", "fc00::5", "::ffff:127.0.0.1"):
        assert policy.refusal(address) is None, address
    for address in ("169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254", "100.100.100.200"):
        assert "cloud metadata" in policy.refusal(address), address


def test_allowed_networks_open_exactly_what_they_list():
    policy = AddressPolicy(allowed=parse_networks("10.1.0.0/16, 192.168.1.7 ,169.254.169.254"))
    assert policy.refusal("10.1.200.3") is None and policy.refusal("192.168.1.7") is None
    assert policy.refusal("::ffff:10.1.0.9") is None  # the same address written as IPv6
    assert policy.refusal("169.254.169.254") is None  # named outright, so wanted
    assert policy.refusal("10.2.0.1") and policy.refusal("192.168.1.8") and policy.refusal("127.0.0.1")
    assert category(__import__("ipaddress").ip_address("fd00:ec2::254")) == "cloud metadata"


def test_a_bad_allowed_network_is_named():
    with pytest.raises(ValueError, match=r"'10\.0\.0\.0/33' is not an address or network"):
        parse_networks("10.0.0.0/8,10.0.0.0/33")


# -- real fetches through the web app's fetcher --------------------------------------------------
def test_loopback_is_refused_and_never_contacted(sites):
    before = len(_Handler.hits)
    with pytest.raises(FetchError) as err:
        web()(internal(sites))
    message = str(err.value)
    assert "refused" in message and "127.0.0.1" in message and "loopback" in message
    assert "BRIEFING_WEB_FETCH_PRIVATE" in message and "Traceback" not in message
    assert len(_Handler.hits) == before


@pytest.mark.parametrize("host,kind", [("intranet.example.test", "loopback"), ("metadata.example.test", "cloud metadata"),
                                       ("mixed.example.test", "private"), ("mapped.example.test", "loopback"),
                                       ("[::ffff:127.0.0.1]", "loopback"), ("[::1]", "loopback")])
def test_names_and_spellings_are_checked_after_resolution(sites, host, kind):
    with pytest.raises(FetchError, match=kind) as err:
        web()(f"http://{host}:{sites['internal']}/admin")
    assert "refused" in str(err.value)


def test_system_resolver_spellings_of_loopback_are_refused(sites):
    # no resolver seam here: the machine's own resolver turns these into 127.0.0.1
    fetch = web_fetcher(Settings(allow_network=True, fetch_timeout=5))
    for host in ("localhost", "127.1", "2130706433", "0x7f000001"):
        with pytest.raises(FetchError, match="loopback"):
            fetch(f"http://{host}:{sites['internal']}/admin")


def test_allowed_public_site_is_fetched_with_its_host_header(sites):
    doc = web()(public(sites))
    assert doc.content == PAGE and doc.url == public(sites)
    assert _Handler.hosts[-1] == f"news.example.test:{sites['public']}"


@pytest.mark.parametrize("target", ["internal", "internal-by-name", "relative-to-internal-name"])
def test_a_redirect_to_an_internal_address_is_refused(sites, target):
    locations = {"internal": internal(sites),
                 "internal-by-name": f"http://intranet.example.test:{sites['internal']}/admin",
                 "relative-to-internal-name": f"//intranet.example.test:{sites['internal']}/admin"}
    before = [h for h in _Handler.hits if h.startswith("127.0.0.1")]
    with pytest.raises(FetchError) as err:
        web()(public(sites, f"/to?{locations[target]}"))
    message = str(err.value)
    assert "redirected to" in message and "refused" in message and "loopback" in message, message
    assert [h for h in _Handler.hits if h.startswith("127.0.0.1")] == before  # the internal server saw nothing


def test_a_redirect_within_the_public_site_is_followed(sites):
    doc = web()(public(sites, "/to?/article.html"))
    assert doc.content == PAGE and doc.url == public(sites)


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://news.example.test/a", "gopher://127.0.0.1:70/",
                                      "data:text/html,<p>x</p>", "javascript:alert(1)"])
def test_a_redirect_to_another_scheme_is_refused(sites, location):
    with pytest.raises(FetchError, match="not an http"):
        web()(public(sites, f"/to?{location}"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example.test/a", "gopher://127.0.0.1:70/_x",
                                 "data:text/plain,hello", "javascript:alert(1)"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http:// and https://"):
        web()(url)


def test_rebinding_each_connection_is_checked_again(sites):
    answers = iter([["127.0.0.2"], ["127.0.0.1"]])
    fetch = web_fetcher(Settings(allow_network=True, web_fetch_allowed_networks="127.0.0.2"),
                        resolver=lambda host, port: next(answers))
    assert fetch(f"http://flip.example.test:{sites['public']}/article.html").content == PAGE
    fetch.close()  # a new connection resolves again
    with pytest.raises(FetchError, match="flip.example.test resolves to 127.0.0.1"):
        fetch(f"http://flip.example.test:{sites['public']}/article.html")


def test_the_private_setting_lets_the_web_app_reach_loopback(sites):
    doc = web(web_fetch_private=True)(internal(sites))
    assert doc.content == SECRET
    doc = web(web_fetch_private=False, web_fetch_allowed_networks="127.0.0.0/8")(internal(sites))
    assert doc.content == SECRET


def test_the_command_line_fetcher_may_reach_loopback(sites):
    doc = HttpFetcher(Settings(allow_network=True))(internal(sites))
    assert doc.content == SECRET


def test_bodies_are_limited_in_size(sites):
    fetch = web(fetch_max_mb=0.1)
    for path in ("/huge-declared", "/huge-undeclared"):
        with pytest.raises(FetchError, match=r"larger than 104,857 bytes.*BRIEFING_FETCH_MAX_MB"):
            fetch(public(sites, path))


def test_a_trickling_body_is_cut_at_the_time_limit(sites):
    fetch = web_fetcher(Settings(allow_network=True, fetch_timeout=0.5, web_fetch_allowed_networks="127.0.0.2"),
                        resolver=resolver)
    with pytest.raises(FetchError, match=r"took longer than 0.5 s.*BRIEFING_FETCH_TIMEOUT"):
        fetch(public(sites, "/trickle"))


def test_feed_entries_linking_inside_are_not_followed(sites):
    """A public feed whose entry links to an internal page: the entry keeps its summary, the page is not read."""
    before = [h for h in _Handler.hits if h.startswith("127.0.0.1")]
    items = list(load_sources([public(sites, f"/feed.rss?{internal(sites)}")], fetch=web(),
                              settings=Settings(allow_network=True)))
    [entry] = items
    assert isinstance(entry, Article) and "port authority" in entry.text
    assert SECRET.decode() not in entry.text
    assert "refused" in entry.metadata.get("page_error", "")
    assert [h for h in _Handler.hits if h.startswith("127.0.0.1")] == before


def test_the_web_service_refuses_what_the_library_box_sends(sites, tmp_path):
    from briefing.wiring import build_web_service

    settings = Settings(data_dir=tmp_path / "data", embedder="fake", llm="extractive", allow_network=True)
    service = build_web_service(settings, hooks=[])
    report = service.ingest([internal(sites)])
    [item] = report.items
    assert isinstance(item, IngestItem) and item.status == "skipped"
    assert "refused" in item.reason and "loopback" in item.reason
    assert service.sources()["articles"] == 0


def test_the_web_app_builds_its_service_with_the_guarded_fetcher(tmp_path, monkeypatch):
    from briefing.webapp.resources import get_service

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFING_EMBEDDER", "fake")
    monkeypatch.setenv("BRIEFING_LLM", "extractive")
    service, error = get_service()
    assert error is None and service.fetcher.policy == AddressPolicy()


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory):
    """An https server on 127.0.0.2 whose certificate names news.example.test only."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=news.example.test", "-addext", "subjectAltName=DNS:news.example.test"],
                   check=True, capture_output=True, timeout=60)
    server = _Server(("127.0.0.2", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    trust = ssl.create_default_context(cafile=str(cert))
    yield server.server_address[1], trust
    server.shutdown()
    server.server_close()


def test_https_connects_to_the_checked_address_and_verifies_the_name(tls_site):
    from briefing.ingest.address_policy import AddressPolicy

    port, trust = tls_site
    policy = AddressPolicy(allowed=parse_networks("127.0.0.2"))
    fetch = HttpFetcher(Settings(allow_network=True, fetch_timeout=5), policy=policy, resolver=resolver, verify=trust)
    doc = fetch(f"https://news.example.test:{port}/article.html")  # SNI and certificate check use the name
    assert doc.content == PAGE and _Handler.hosts[-1] == f"news.example.test:{port}"
    with pytest.raises(FetchError, match="could not be fetched"):  # the certificate does not name the address
        fetch(f"https://127.0.0.2:{port}/article.html")

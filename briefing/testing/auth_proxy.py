"""A loopback reverse proxy that lets a request through only with the right token header.

Chroma 1.x's own server has no working authentication, so a shared `chroma run` sits behind a
proxy like this one (nginx, Caddy, oauth2-proxy in production); tests put this one in front of
a real `chroma run` to check that the client sends BRIEFING_CHROMA_TOKEN and that a wrong or
missing token is a clear error.
"""

from __future__ import annotations

import hmac
import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "content-length", "host"}


@dataclass
class ProxyCounts:
    forwarded: int = 0
    refused: int = 0
    seen_tokens: list[str] = field(default_factory=list)  # what came in the header (tests check it is sent)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that hung up is expected in tests
        pass


def _handler(upstream: str, header: str, expected: str, counts: ProxyCounts):
    target = urlsplit(upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _relay(self) -> None:
            given = self.headers.get(header, "")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if given:
                counts.seen_tokens.append(given)
            if not hmac.compare_digest(given.encode(), expected.encode()):
                counts.refused += 1
                payload = b'{"error":"Unauthorized","message":"missing or wrong token"}'
                self.send_response(401, "Unauthorized")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            counts.forwarded += 1
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP and k.lower() != header.lower()}
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                conn.request(self.command, self.path, body=body or None, headers=headers)
                reply = conn.getresponse()
                data = reply.read()
                self.send_response(reply.status, reply.reason)
                for k, v in reply.getheaders():
                    if k.lower() not in _HOP_BY_HOP:
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            finally:
                conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _relay

    return Handler


@contextmanager
def token_proxy(upstream: str, token: str, *, header: str = "Authorization") -> Iterator[tuple[str, ProxyCounts]]:
    """Serve on a free 127.0.0.1 port; yields (proxy URL, counts). `Authorization` expects 'Bearer <token>'."""
    expected = f"Bearer {token}" if header.lower() == "authorization" else token
    counts = ProxyCounts()
    server = _Server(("127.0.0.1", 0), _handler(upstream, header, expected, counts))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", counts
    finally:
        server.shutdown()
        server.server_close()

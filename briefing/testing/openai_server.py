"""A local HTTP server speaking the OpenAI protocol, for tests of the real openai / ChatOpenAI clients.

It listens on 127.0.0.1 on a free port and serves:
- POST /v1/chat/completions, plain or streamed (`stream: true`: SSE `data: {...}` chunks whose
  `choices[0].delta.content` carry the reply, then `data: [DONE]`);
- GET /v1/models;
- POST /v1/embeddings (deterministic vectors from `FakeEmbedder`, float or base64).

Replies are scripted (a queue of strings or failures, or a function of the request) and every
request is recorded, so a test can check what the model was sent. With `api_key` set, any
other bearer token gets a 401 like OpenAI's.

    with OpenAIServer(replies=["Lavrov and Rubio met in Riyadh [1]."]) as server:
        ChatOpenAI(model="fake", base_url=server.base_url, api_key="sk-test").invoke("...")
        server.requests[0].json["messages"]
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np


@dataclass
class Failure:
    """A scripted error response, e.g. Failure(429, "Rate limit reached")."""

    status: int
    message: str = "scripted failure"
    type: str = "server_error"


@dataclass
class Cut:
    """A streamed reply whose connection drops after `after` words, mid-body (chunked, never finished)."""

    text: str
    after: int = 3


@dataclass
class Stall:
    """No answer for `seconds`, then `reply`: for client timeouts."""

    seconds: float
    reply: str = ""


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    json: Any

    @property
    def prompt(self) -> str:
        """All message contents of a chat request, joined."""
        messages = (self.json or {}).get("messages", [])
        return "\n\n".join(m["content"] if isinstance(m.get("content"), str) else json.dumps(m.get("content"))
                           for m in messages)


Reply = str | Failure | Cut | Stall
ReplyFunction = Callable[[dict], Reply]


@dataclass
class _State:
    replies: deque = field(default_factory=deque)
    reply_function: ReplyFunction | None = None
    requests: list[RecordedRequest] = field(default_factory=list)
    api_key: str | None = None
    models: tuple[str, ...] = ("fake-model",)
    chunk_delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _chunks(text: str) -> list[str]:
    """Word-sized pieces that join back to `text`, as a streaming model sends them."""
    return re.findall(r"\S+\s*|\s+", text) or [""]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    # -- plumbing ------------------------------------------------------------------------------
    def _read_json(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except json.JSONDecodeError:
            return None

    def _send_json(self, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str, type_: str, code: str | None = None) -> None:
        self._send_json(status, {"error": {"message": message, "type": type_, "param": None, "code": code}})

    def _record_and_authorize(self, payload: Any) -> bool:
        state = self.server.state
        headers = {k: v for k, v in self.headers.items() if k.lower() != "authorization"}
        with state.lock:
            state.requests.append(RecordedRequest(self.command, self.path, headers, payload))
        if state.api_key is None:
            return True
        if self.headers.get("Authorization", "") == f"Bearer {state.api_key}":
            return True
        # like OpenAI, the message names the key only by a masked fragment
        self._error(401, "Incorrect API key provided. You can find your API key at https://platform.openai.com.",
                    "invalid_request_error", "invalid_api_key")
        return False

    # -- routes --------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if not self._record_and_authorize(None):
            return
        if self.path.rstrip("/") == "/v1/models":
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "briefing-tests"}
                    for m in self.server.state.models]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._error(404, f"Unknown path {self.path}", "invalid_request_error")

    def do_POST(self) -> None:  # noqa: N802
        payload = self._read_json()
        if not self._record_and_authorize(payload):
            return
        if payload is None:
            self._error(400, "The request body is not JSON.", "invalid_request_error")
        elif self.path.rstrip("/") == "/v1/chat/completions":
            self._chat(payload)
        elif self.path.rstrip("/") == "/v1/embeddings":
            self._embeddings(payload)
        else:
            self._error(404, f"Unknown path {self.path}", "invalid_request_error")

    def _next_reply(self, payload: dict) -> Reply:
        state = self.server.state
        with state.lock:
            if state.replies:
                return state.replies.popleft()
        if state.reply_function is not None:
            return state.reply_function(payload)
        return Failure(500, "The test server has no scripted reply left.")

    def _chat(self, payload: dict) -> None:
        model = payload.get("model", "fake-model")
        if model not in self.server.state.models:
            self._error(404, f"The model `{model}` does not exist.", "invalid_request_error", "model_not_found")
            return
        reply = self._next_reply(payload)
        if isinstance(reply, Stall):
            time.sleep(reply.seconds)
            reply = reply.reply
        if isinstance(reply, Cut):
            self._cut(model, reply)
            return
        if isinstance(reply, Failure):
            self._error(reply.status, reply.message, reply.type)
            return
        created, ident = int(time.time()), f"chatcmpl-{len(self.server.state.requests)}"
        usage = {"prompt_tokens": len(json.dumps(payload.get("messages", []))) // 4,
                 "completion_tokens": len(reply.split()), "total_tokens": 0}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        if not payload.get("stream"):
            self._send_json(200, {
                "id": ident, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                             "finish_reason": "stop", "logprobs": None}],
                "usage": usage,
            })
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        base = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model}

        def send(obj: Any) -> None:
            data = obj if isinstance(obj, str) else json.dumps(obj)
            self.wfile.write(f"data: {data}\n\n".encode())
            self.wfile.flush()

        send({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]})
        for piece in _chunks(reply):
            if self.server.state.chunk_delay:
                time.sleep(self.server.state.chunk_delay)
            send({**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
        send({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        if (payload.get("stream_options") or {}).get("include_usage"):
            send({**base, "choices": [], "usage": usage})
        send("[DONE]")
        self.close_connection = True

    def _cut(self, model: str, cut: Cut) -> None:
        """Chunked SSE that stops mid-body: the client sees the peer close an unfinished response."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        base = {"id": "chatcmpl-cut", "object": "chat.completion.chunk", "created": int(time.time()), "model": model}
        for piece in _chunks(cut.text)[:cut.after]:
            data = json.dumps({**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
            body = f"data: {data}\n\n".encode()
            self.wfile.write(f"{len(body):x}\r\n".encode() + body + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"400\r\npartial")  # a chunk announced, never delivered
        self.wfile.flush()
        self.close_connection = True

    def _embeddings(self, payload: dict) -> None:
        inputs = payload.get("input")
        if isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not inputs:
            self._error(400, "'input' must be a string or a non-empty list.", "invalid_request_error")
            return
        # token-id inputs (lists of ints) are embedded by their text form: deterministic all the same
        texts = [t if isinstance(t, str) else " ".join(map(str, t)) for t in inputs]
        vectors = self.server.embedder.embed_passages(texts)
        as_base64 = payload.get("encoding_format") == "base64"
        data = []
        for i, v in enumerate(vectors):
            v = np.asarray(v, dtype="<f4")
            embedding = base64.b64encode(v.tobytes()).decode() if as_base64 else v.tolist()
            data.append({"object": "embedding", "index": i, "embedding": embedding})
        self._send_json(200, {"object": "list", "data": data, "model": payload.get("model", ""),
                              "usage": {"prompt_tokens": sum(len(t.split()) for t in texts),
                                        "total_tokens": sum(len(t.split()) for t in texts)}})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, state: _State, embedder):
        super().__init__(address, handler)
        self.state = state
        self.embedder = embedder


class OpenAIServer:
    """A scripted OpenAI-compatible server on 127.0.0.1; a context manager (start/stop also work)."""

    def __init__(self, replies: Iterable[Reply] | ReplyFunction | None = None, *, api_key: str | None = None,
                 models: Iterable[str] = ("fake-model",), embedder=None, chunk_delay: float = 0.0):
        self._state = _State(api_key=api_key, models=tuple(models), chunk_delay=chunk_delay)
        if callable(replies):
            self._state.reply_function = replies
        elif replies is not None:
            self._state.replies.extend(replies)
        if embedder is None:
            from briefing.embeddings.fake import FakeEmbedder

            embedder = FakeEmbedder()
        self._embedder = embedder
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> OpenAIServer:
        if self._server is None:
            self._server = _Server(("127.0.0.1", 0), _Handler, self._state, self._embedder)
            # a short poll interval keeps stop() fast: each test starts and stops its own server
            self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                            name="openai-test-server", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- for tests -----------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("The server is not running: use it as a context manager or call start().")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """What to pass as `base_url` to openai / ChatOpenAI."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._state.lock:
            return list(self._state.requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.rstrip("/").endswith("/chat/completions")]

    def reply(self, *replies: Reply) -> None:
        """Queue more replies (served before the reply function, if any)."""
        with self._state.lock:
            self._state.replies.extend(replies)

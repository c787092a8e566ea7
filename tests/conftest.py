"""Tests never reach the network: sockets to anything but loopback are refused."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from briefing.testing.chroma_server import chroma_executable, chroma_server

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
REFERENCE_ARTICLE = SHARED_DATA / "corpus" / "moscowtimes_fr_2025-02-26.txt"

_real_connect = socket.socket.connect
_real_create_connection = socket.create_connection


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    return isinstance(host, str) and (host in ("localhost", "::1") or host.startswith("127."))


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
        raise OSError(f"network access refused in tests: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    for var in ("BRIEFING_OPENAI_API_KEY", "BRIEFING_OPENAI_BASE_URL", "BRIEFING_CHROMA_URL", "BRIEFING_LLM",
                "BRIEFING_EMBEDDER", "BRIEFING_DATA_DIR", "BRIEFING_APP_PASSWORD", "BRIEFING_CHROMA_TOKEN",
                "BRIEFING_WEB_FETCH_PRIVATE", "BRIEFING_WEB_FETCH_ALLOWED_NETWORKS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")


def need_shared_data():
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"shared data not found at {SHARED_DATA} (it sits beside the project checkout)")


@pytest.fixture
def corpus_dir():
    """The shared demo corpus; tests that need it skip when it is absent."""
    path = SHARED_DATA / "corpus"
    if not path.is_dir():
        pytest.skip("../shared/data/corpus is absent: the real-data tests need it")
    return path


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    """A real `chroma run` on a free loopback port, one per test module (its collections stay its own)."""
    if chroma_executable() is None:
        pytest.skip("the `chroma` command is not installed")
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url

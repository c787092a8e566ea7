"""Client/server mode against a real `chroma run` server started here on a free loopback port."""

import pytest

from briefing.models import Filters
from briefing.store.chroma_store import EmbedderMismatch, StoreError
from briefing.wiring import build_service

from .helpers import RIYADH, fake_settings, make_article

pytestmark = pytest.mark.slow


def test_ingest_ask_forget_over_http(chroma_url, tmp_path):
    settings = fake_settings(tmp_path, chroma_url=chroma_url, collection="http_test")
    svc = build_service(settings, rewriter=lambda q, h: q)
    a = make_article("a1", RIYADH, title="Lavrov et Rubio")
    b = make_article("b1", "Le football est un sport populaire en France depuis longtemps.", title="Sport", day="2025-03-01")
    report = svc.ingest_articles([a, b])
    assert report.summary()["added"] == 2
    assert svc.ingest_articles([a]).summary()["unchanged"] == 1
    hits = svc.retrieve("Marco Rubio Riyad", k=2)
    assert hits[0].article_id == "a1"
    assert [p.article_id for p in svc.retrieve("Rubio", Filters(since=__import__("datetime").date(2025, 2, 28)))] == ["b1"]
    # a second client sees the same data (the server is the store)
    other = build_service(fake_settings(tmp_path / "other", chroma_url=chroma_url, collection="http_test"))
    assert other.sources()["articles"] == 2
    assert svc.forget(article_id="a1") == 1
    assert other.sources()["articles"] == 1


def test_embedder_mismatch_is_a_clear_error(chroma_url, tmp_path):
    build_service(fake_settings(tmp_path, chroma_url=chroma_url, collection="mismatch"))
    from briefing.embeddings.fake import FakeEmbedder

    other = FakeEmbedder(dim=64)
    other.name = "another-embedder"
    with pytest.raises(EmbedderMismatch, match="another-embedder"):
        build_service(fake_settings(tmp_path, chroma_url=chroma_url, collection="mismatch"), embedder=other)


def test_unreachable_server_is_a_clear_error(tmp_path):
    from briefing.testing.processes import free_port

    with pytest.raises(StoreError, match="chroma run"):
        build_service(fake_settings(tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}"))

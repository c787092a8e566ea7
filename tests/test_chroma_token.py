"""A shared `chroma run` behind an authenticating proxy: the client sends BRIEFING_CHROMA_TOKEN."""

from __future__ import annotations

import logging

import pytest

from briefing.store.chroma_store import StoreError
from briefing.testing.auth_proxy import token_proxy
from briefing.wiring import build_service, chroma_headers

from .helpers import RIYADH, fake_settings, make_article

pytestmark = pytest.mark.slow
TOKEN = "chroma-token-4b9e1d7a"


def test_headers_from_settings(tmp_path):
    assert chroma_headers(fake_settings(tmp_path)) == {}
    assert chroma_headers(fake_settings(tmp_path, chroma_token="")) == {}
    assert chroma_headers(fake_settings(tmp_path, chroma_token=TOKEN)) == {"Authorization": f"Bearer {TOKEN}"}
    assert chroma_headers(fake_settings(tmp_path, chroma_token=TOKEN, chroma_token_header="X-Chroma-Token")) == {
        "X-Chroma-Token": TOKEN}


@pytest.mark.parametrize("header", ["Authorization", "X-Chroma-Token"])
def test_the_token_opens_the_proxied_server(chroma_url, tmp_path, header):
    with token_proxy(chroma_url, TOKEN, header=header) as (url, counts):
        settings = fake_settings(tmp_path, chroma_url=url, collection=f"proxied_{header[-5:].lower()}",
                                 chroma_token=TOKEN, chroma_token_header=header)
        svc = build_service(settings, rewriter=lambda q, h: q, hooks=[])
        assert svc.ingest_articles([make_article("a1", RIYADH, title="Lavrov et Rubio")]).summary()["added"] == 1
        assert svc.retrieve("Marco Rubio Riyad", k=1)[0].article_id == "a1"
        assert counts.forwarded > 0 and counts.refused == 0


@pytest.mark.parametrize("token", [None, "wrong-token-0000"])
def test_a_missing_or_wrong_token_is_a_clear_error(chroma_url, tmp_path, token, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    with token_proxy(chroma_url, TOKEN) as (url, counts):
        settings = fake_settings(tmp_path, chroma_url=f"http://user:pw-in-url@{url.split('//')[1]}",
                                 chroma_token=token)
        with pytest.raises(StoreError) as err:
            build_service(settings, hooks=[])
    message = str(err.value)
    assert "BRIEFING_CHROMA_TOKEN" in message and "401" in message and counts.refused >= 1
    assert ("refused the token" in message) == (token is not None)
    assert counts.forwarded == 0  # nothing reached the real server
    out, errs = capfd.readouterr()
    for secret in filter(None, (token, TOKEN, "pw-in-url")):
        assert secret not in message and secret not in caplog.text and secret not in out + errs


def test_a_server_echoing_the_token_does_not_show_it(tmp_path):
    """Whatever the server says back, the token sent is not repeated in the message."""
    from briefing.store.chroma_store import _open_problem

    exc = RuntimeError(f"502 Bad Gateway: upstream got header Authorization: Bearer {TOKEN} and X {TOKEN}")
    message = _open_problem(exc, url="http://127.0.0.1:9", path=None, headers={"Authorization": f"Bearer {TOKEN}"})
    assert TOKEN not in message and "502" in message
    plain = RuntimeError(f"connection reset after sending {TOKEN}")
    assert TOKEN not in _open_problem(plain, url="http://127.0.0.1:9", path=None, headers={"X-Chroma-Token": TOKEN})

"""Planted secrets (an OpenAI key, the app password, a Chroma token) appear nowhere a person or a log sees:
CLI output and --json, error messages, logs (caplog and the process's stderr), exported briefings.

The web page is checked in headless Chromium by tests/test_browser_security.py."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.testing.openai_server import Failure, OpenAIServer

KEY = "sk-planted-4f1c9e2ab7d05e31c8a6"
PASSWORD = "planted-app-password-91d3"
TOKEN = "planted-chroma-token-6e07"
SECRETS = (KEY, PASSWORD, TOKEN, KEY[3:], KEY[-12:])  # whole, and the parts a masking might leave

ARTICLE = ("Sommet à Riyad\n\nLavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine "
           "dernière à Riyad, en Arabie saoudite. Les diplomates se reverront jeudi à Istanbul.\n")


def leaks(*texts: str) -> list[str]:
    return [s for s in SECRETS for t in texts if s in (t or "")]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "riyad.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def planted_env(tmp_path, **extra) -> dict[str, str]:
    return {"BRIEFING_DATA_DIR": str(tmp_path / "data"), "BRIEFING_EMBEDDER": "fake", "OPENAI_API_KEY": KEY,
            "BRIEFING_APP_PASSWORD": PASSWORD, "BRIEFING_CHROMA_TOKEN": TOKEN, "BRIEFING_ALLOW_NETWORK": "true",
            "BRIEFING_CHAT_MODEL": "fake-model", **extra}


def run(env, *args):
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def test_ingest_sources_and_extractive_ask_and_brief(tmp_path, corpus, logs, capfd):
    env = planted_env(tmp_path, BRIEFING_LLM="extractive")
    outputs = []
    for args in (["ingest", str(corpus), "--json"], ["ingest", str(corpus)], ["sources", "--json"],
                 ["ask", "Who met in Riyadh?", "--json"], ["ask", "Who met in Riyadh?"],
                 ["brief", "--mode", "extractive", "--json"], ["brief", "--mode", "extractive"]):
        result = run(env, *args)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    json.loads(outputs[0]) and json.loads(outputs[3])
    for name in ("brief.md", "brief.html"):
        result = run(env, "brief", "--mode", "extractive", "--out", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_text(encoding="utf-8"))
    out, err = capfd.readouterr()
    assert not leaks(*outputs, logs.text, out, err)


@pytest.mark.network
@pytest.mark.parametrize("failure", [Failure(500, f"upstream rejected key {KEY} for user"),
                                     Failure(429, f"Rate limit reached for key {KEY}"),
                                     Failure(403, f"token {TOKEN} and {PASSWORD} not allowed")])
def test_a_model_server_echoing_the_key_in_its_error(tmp_path, corpus, logs, capfd, failure):
    with OpenAIServer(replies=[failure] * 20) as server:
        env = planted_env(tmp_path, BRIEFING_OPENAI_BASE_URL=server.base_url, BRIEFING_LLM="openai")
        assert run(env, "ingest", str(corpus)).exit_code == 0
        results = [run(env, "ask", "Who met in Riyadh?", "--json"), run(env, "ask", "Who met in Riyadh?"),
                   run(env, "brief", "--mode", "llm", "--json")]
        assert len(server.chat_requests) >= 3  # the failure was really met
    out, err = capfd.readouterr()
    texts = [r.output for r in results] + [str(r.exception or "") for r in results]
    assert not leaks(*texts, logs.text, out, err), [r.output for r in results]


@pytest.mark.network
def test_a_refused_key_401(tmp_path, corpus, logs, capfd):
    with OpenAIServer(replies=["unused"] * 5, api_key="sk-the-right-key-000000") as server:
        env = planted_env(tmp_path, BRIEFING_OPENAI_BASE_URL=server.base_url, BRIEFING_LLM="openai")
        assert run(env, "ingest", str(corpus)).exit_code == 0
        results = [run(env, "ask", "Who met in Riyadh?", "--json"), run(env, "ask", "Who met in Riyadh?"),
                   run(env, "brief", "--mode", "llm")]
        assert server.requests  # the key was really sent, and refused
    out, err = capfd.readouterr()
    texts = [r.output for r in results] + [str(r.exception or "") for r in results]
    assert not leaks(*texts, logs.text, out, err)


@pytest.mark.network
def test_a_secret_in_a_url_stays_out_of_the_report(tmp_path, logs, capfd):
    env = planted_env(tmp_path, BRIEFING_LLM="extractive")
    port = closed_port()
    results = [run(env, "ingest", f"http://127.0.0.1:{port}/feed?api_key={KEY}", "--json"),
               run(env, "ingest", f"http://user:{PASSWORD}@127.0.0.1:{port}/page"),
               run(env, "ingest", f"http://127.0.0.1:{port}/x?token={TOKEN}")]
    out, err = capfd.readouterr()
    assert all(r.exit_code == 0 for r in results)
    assert not leaks(*(r.output for r in results), logs.text, out, err)


@pytest.mark.slow
def test_a_refused_chroma_token(tmp_path, logs, capfd):
    from briefing.testing.auth_proxy import token_proxy
    from briefing.testing.chroma_server import chroma_executable, chroma_server

    if chroma_executable() is None:
        pytest.skip("the `chroma` command is not installed")
    with chroma_server(tmp_path / "chroma") as upstream, token_proxy(upstream, "the-proxy-expects-this") as (url, counts):
        env = planted_env(tmp_path, BRIEFING_CHROMA_URL=url, BRIEFING_LLM="extractive")
        results = [run(env, "ask", "Who met in Riyadh?", "--json"), run(env, "sources")]
    assert counts.seen_tokens and all(TOKEN in t for t in counts.seen_tokens)  # it was sent, to the proxy only
    assert all(r.exit_code != 0 and "BRIEFING_CHROMA_TOKEN" in r.output for r in results), [r.output for r in results]
    out, err = capfd.readouterr()
    assert not leaks(*(r.output for r in results), logs.text, out, err)


@pytest.mark.slow
@pytest.mark.network
def test_the_real_cli_process_with_an_unreachable_model_server(tmp_path, corpus):
    """As a user runs it: its own process, its own logging and stderr."""
    env = {**os.environ, **planted_env(tmp_path, BRIEFING_OPENAI_BASE_URL=f"http://127.0.0.1:{closed_port()}/v1",
                                       BRIEFING_LLM="openai")}
    cli_cmd = [sys.executable, "-m", "briefing.cli"]
    done = [subprocess.run(cli_cmd + ["ingest", str(corpus)], env=env, capture_output=True, text=True, timeout=300)]
    for args in (["ask", "Who met in Riyadh?"], ["ask", "Who met in Riyadh?", "--json"], ["brief", "--mode", "llm"]):
        done.append(subprocess.run(cli_cmd + args, env=env, capture_output=True, text=True, timeout=300))
    assert done[0].returncode == 0, done[0].stderr
    assert not leaks(*(d.stdout + d.stderr for d in done)), [d.stderr[-500:] for d in done]


def test_settings_never_print_their_secrets(tmp_path):
    from briefing.settings import Settings

    s = Settings(openai_api_key=KEY, app_password=PASSWORD, chroma_token=TOKEN, data_dir=Path(tmp_path))
    assert not leaks(repr(s), str(s), json.dumps(s.model_dump(mode="json")), s.model_dump_json())

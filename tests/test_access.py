"""Who may use the web app: localhost by default, a login when open to the network."""

from __future__ import annotations

import hmac
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.settings import Settings
from briefing.webapp import access_rules
from briefing.webapp.access_rules import exposure_problem, is_local_address, oidc_configured, password_matches

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PASSWORD = "correct horse battery staple 7f3a"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "cookie-secret-5d1e",
        "client_id": "briefing", "client_secret": "client-secret-9c2b",
        "server_metadata_url": "https://id.example.test/.well-known/openid-configuration"}


# -- pure rules ------------------------------------------------------------------------------------
@pytest.mark.parametrize("address,local", [("127.0.0.1", True), ("127.0.1.1", True), ("localhost", True), ("::1", True),
                                           ("[::1]", True), ("0.0.0.0", False), ("::", False), ("", False), (None, False),
                                           ("192.168.1.20", False), ("briefing.example.org", False)])
def test_which_addresses_stay_on_this_machine(address, local):
    assert is_local_address(address) is local


def test_password_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(access_rules.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert password_matches(PASSWORD, PASSWORD)
    assert not password_matches(PASSWORD[:-1], PASSWORD) and not password_matches("", PASSWORD)
    assert not password_matches("", "")  # an empty setting is no password at all
    assert len(calls) == 3 and all(isinstance(a, bytes) for a, _ in calls)


def test_oidc_needs_the_shared_keys_and_a_provider():
    assert oidc_configured(AUTH)
    named = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")} | {
        "google": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}}
    assert oidc_configured(named)
    assert not oidc_configured({k: v for k, v in AUTH.items() if k != "cookie_secret"})
    assert not oidc_configured({k: v for k, v in AUTH.items() if k != "client_secret"})
    assert not oidc_configured(None) and not oidc_configured({})


def test_open_to_the_network_without_login_is_refused():
    problem = exposure_problem("0.0.0.0", has_password=False, has_oidc=False)
    assert "0.0.0.0" in problem and "BRIEFING_APP_PASSWORD" in problem and "secrets.toml" in problem
    assert "every network interface" in exposure_problem(None, has_password=False, has_oidc=False)
    assert exposure_problem("0.0.0.0", has_password=True, has_oidc=False) is None
    assert exposure_problem("0.0.0.0", has_password=False, has_oidc=True) is None
    assert exposure_problem("127.0.0.1", has_password=False, has_oidc=False) is None


# -- make serve / make demo ----------------------------------------------------------------------------
def _dry_run(target: str, *args: str) -> str:
    return subprocess.run(["make", "-n", target, *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("target", ["serve", "demo"])
def test_make_listens_on_localhost_unless_host_is_given(target):
    default = _dry_run(target)
    assert "--server.address 127.0.0.1" in default and "access_check --host 127.0.0.1" in default
    opened = _dry_run(target, "HOST=0.0.0.0")
    assert "--server.address 0.0.0.0" in opened and "access_check --host 0.0.0.0" in opened
    # the check runs before the server starts
    assert opened.index("access_check") < opened.index("streamlit run")


def test_streamlit_run_in_the_project_folder_defaults_to_localhost():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"


def _check(tmp_path, host, **env):
    full = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)} | env
    return subprocess.run([sys.executable, "-m", "briefing.webapp.access_check", "--host", host],
                          cwd=tmp_path, env=full, capture_output=True, text=True, timeout=120)


def test_serving_open_without_login_refuses_to_start(tmp_path):
    refused = _check(tmp_path, "0.0.0.0")
    assert refused.returncode == 2 and "Not serving" in refused.stderr and "BRIEFING_APP_PASSWORD" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _check(tmp_path, "127.0.0.1").returncode == 0
    allowed = _check(tmp_path, "0.0.0.0", BRIEFING_APP_PASSWORD=PASSWORD)
    assert allowed.returncode == 0 and PASSWORD not in allowed.stdout + allowed.stderr


def test_an_oidc_section_opens_serving_or_names_the_missing_extra(tmp_path):
    (tmp_path / ".streamlit").mkdir()
    lines = [f'{k} = "{v}"' for k, v in AUTH.items()]
    (tmp_path / ".streamlit" / "secrets.toml").write_text("[auth]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = _check(tmp_path, "0.0.0.0")
    try:
        import authlib  # noqa: F401
    except ImportError:
        assert result.returncode == 2 and "pip install -e '.[oidc]'" in result.stderr
    else:
        assert result.returncode == 0
    assert AUTH["client_secret"] not in result.stderr and AUTH["cookie_secret"] not in result.stderr


# -- the app itself (AppTest) -----------------------------------------------------------------------
@pytest.fixture
def app(monkeypatch, tmp_path):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import briefing.webapp.resources

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFING_LLM", "extractive")
    monkeypatch.setenv("BRIEFING_EMBEDDER", "fake")
    built: list = []
    real = briefing.webapp.resources.get_service
    monkeypatch.setattr(briefing.webapp.resources, "get_service", lambda: built.append(1) or real())
    import briefing.webapp.app

    monkeypatch.setattr(briefing.webapp.app, "get_service", briefing.webapp.resources.get_service)
    st.cache_resource.clear()
    yield AppTest.from_file(APP, default_timeout=60), built
    st.cache_resource.clear()


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [t.value for t in at.title]
    return "\n".join(str(p) for p in parts)


def test_on_localhost_without_login_the_app_opens(app):
    at, built = app
    at.run()
    assert not at.exception and len(at.chat_input) == 1 and built


def test_open_to_the_network_without_login_shows_only_the_refusal(app, monkeypatch):
    import briefing.webapp.access

    monkeypatch.setattr(briefing.webapp.access, "served_address", lambda: "0.0.0.0")
    at, built = app
    at.run()
    assert not at.exception
    assert any("open to the network" in e.value and "BRIEFING_APP_PASSWORD" in e.value for e in at.error)
    assert len(at.chat_input) == 0 and not built  # the library is never opened


@pytest.mark.parametrize("address", ["127.0.0.1", "0.0.0.0"])
def test_the_shared_password_is_asked_and_checked(app, monkeypatch, address):
    import briefing.webapp.access

    monkeypatch.setattr(briefing.webapp.access, "served_address", lambda: address)
    monkeypatch.setattr(briefing.webapp.access.time, "sleep", lambda s: None)
    monkeypatch.setenv("BRIEFING_APP_PASSWORD", PASSWORD)
    at, built = app
    at.run()
    assert len(at.chat_input) == 0 and not built and len(at.text_input) == 1
    at.text_input(key="access_password").input("wrong guess")
    at.button[0].click().run()
    assert any("Wrong password" in e.value for e in at.error) and len(at.chat_input) == 0 and not built
    at.text_input(key="access_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and len(at.chat_input) == 1 and built
    assert PASSWORD not in _text(at)
    assert all(PASSWORD != w.value for w in at.text_input)  # not kept in the form either


def test_a_configured_oidc_login_comes_first(app, monkeypatch):
    import briefing.webapp.access

    monkeypatch.setattr(briefing.webapp.access, "served_address", lambda: "0.0.0.0")
    monkeypatch.setenv("BRIEFING_APP_PASSWORD", PASSWORD)
    at, built = app
    at.secrets["auth"] = AUTH
    at.run()
    assert not at.exception and not built and len(at.chat_input) == 0
    assert [b.label for b in at.button] == ["Log in"] and len(at.text_input) == 0
    assert AUTH["client_secret"] not in _text(at) and AUTH["cookie_secret"] not in _text(at)


def test_settings_hide_the_password():
    s = Settings(app_password=PASSWORD)
    assert PASSWORD not in repr(s) and PASSWORD not in str(s.model_dump())

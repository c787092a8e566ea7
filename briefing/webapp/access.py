"""The login in front of every page: OIDC through st.login, or a shared password, or none on localhost."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping

import streamlit as st

from briefing.settings import Settings
from briefing.webapp.access_rules import exposure_problem, oidc_configured, oidc_providers, password_matches

log = logging.getLogger(__name__)
PASSED = "access_password_ok"
FAILURES = "access_password_failures"


def served_address() -> str | None:
    """The address Streamlit listens on (None: its default, every interface)."""
    return st.get_option("server.address")


def _auth_section() -> Mapping | None:
    try:
        return st.secrets.get("auth") if "auth" in st.secrets else None
    except Exception:  # no secrets.toml at all is the common case, not an error
        return None


def _app_password(settings: Settings | None) -> str:
    try:
        secret = (settings or Settings()).app_password
    except Exception:  # a broken setting elsewhere is reported by the page that needs it
        return ""
    return secret.get_secret_value() if secret is not None else ""


def require_access(settings: Settings | None = None) -> bool:
    """Show a login and return False until the reader may see the app; True when they may."""
    auth = _auth_section()
    if oidc_configured(auth):
        return _oidc_gate(auth)
    password = _app_password(settings)
    if password:
        return _password_gate(password)
    problem = exposure_problem(served_address(), has_password=False, has_oidc=False)
    if problem:
        st.title("briefing")
        st.error(problem, icon=":material/lock:")
        return False
    return True


def _oidc_gate(auth: Mapping) -> bool:
    if getattr(st.user, "is_logged_in", False):
        with st.sidebar:
            name = getattr(st.user, "name", None) or getattr(st.user, "email", None) or "signed in"
            st.caption(f"Signed in: {name}")
            st.button("Log out", on_click=st.logout, icon=":material/logout:", key="access_logout")
        return True
    st.title("briefing")
    st.write("Sign in to read and manage the library.")
    for provider in oidc_providers(auth):
        label = f"Log in with {provider}" if provider else "Log in"
        if st.button(label, type="primary", icon=":material/login:", key=f"access_login_{provider or 'default'}"):
            try:
                st.login(provider) if provider else st.login()
            except Exception as exc:  # Authlib missing, or an [auth] value Streamlit rejects
                log.warning("login could not start: %s", type(exc).__name__)
                st.error(_login_problem(exc), icon=":material/error:")
    return False


def _login_problem(exc: Exception) -> str:
    if "authlib" in str(exc).lower() or isinstance(exc, ImportError):
        return ("The login needs Authlib: install it with `pip install -e '.[oidc]'` "
                "(or `pip install 'Authlib>=1.3.2'`) and restart.")
    return ("The login could not start: check the [auth] section of .streamlit/secrets.toml "
            "(redirect_uri, cookie_secret, client_id, client_secret, server_metadata_url).")


def _password_gate(password: str) -> bool:
    if st.session_state.get(PASSED):
        with st.sidebar:
            if st.button("Log out", icon=":material/logout:", key="access_logout"):
                st.session_state.pop(PASSED, None)
                st.rerun()
        return True
    st.title("briefing")
    with st.form("access_login", clear_on_submit=True):  # the typed password does not stay in the page
        given = st.text_input("Password", type="password", key="access_password")
        submitted = st.form_submit_button("Enter", type="primary", icon=":material/login:")
    if submitted:
        if password_matches(given or "", password):
            st.session_state[PASSED] = True
            st.session_state.pop(FAILURES, None)
            st.rerun()
        failures = st.session_state.get(FAILURES, 0) + 1
        st.session_state[FAILURES] = failures
        time.sleep(min(5.0, 0.5 * failures))  # slows guessing from one session
        log.info("a wrong app password was entered (%d in this session)", failures)
        st.error("Wrong password. Ask whoever runs this app for the shared password (BRIEFING_APP_PASSWORD).",
                 icon=":material/lock:")
    return False

"""Who may use the web app: where it listens, which login is configured (pure: no streamlit).

The Library page adds and deletes articles and the app fetches URLs on the server's behalf, so
an app reachable from the network must ask for a login: Streamlit's OIDC login when
.streamlit/secrets.toml has an [auth] section, else a shared password (BRIEFING_APP_PASSWORD).
"""

from __future__ import annotations

import hmac
import ipaddress
import tomllib
from collections.abc import Mapping
from pathlib import Path

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")


def is_local_address(address: str | None) -> bool:
    """True when a server listening on `address` is reachable from this machine only.
    Empty means Streamlit's default: every interface."""
    if not address:
        return False
    host = address.strip().strip("[]").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison, so response times do not tell how much of a guess was right."""
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def oidc_configured(auth: Mapping | None) -> bool:
    """An [auth] section Streamlit's st.login can use: the shared keys, and a provider either inline
    or as [auth.<name>] sub-sections."""
    if not auth or not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return False
    if all(auth.get(k) for k in OIDC_KEYS):
        return True
    return any(isinstance(v, Mapping) and all(v.get(k) for k in OIDC_KEYS) for v in auth.values())


def oidc_providers(auth: Mapping) -> list[str | None]:
    """None for the inline provider, else the names of [auth.<name>] sections."""
    named = [k for k, v in auth.items() if isinstance(v, Mapping) and all(v.get(k2) for k2 in OIDC_KEYS)]
    return named or [None]


def secrets_auth_section(folder: Path | None = None) -> dict | None:
    """The [auth] table of the secrets.toml Streamlit would read (the project's, then the user's)."""
    for path in ((folder or Path.cwd()) / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml"):
        if path.is_file():
            try:
                auth = tomllib.loads(path.read_text(encoding="utf-8")).get("auth")
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if auth:
                return auth
    return None


def exposure_problem(address: str | None, *, has_password: bool, has_oidc: bool) -> str | None:
    """Why the app must not serve from `address`, or None when it may."""
    if is_local_address(address) or has_password or has_oidc:
        return None
    where = address or "every network interface"
    return (f"The web app would listen on {where}, open to the network, and no login is configured. "
            "Set BRIEFING_APP_PASSWORD (a shared password), or configure an OpenID Connect login in "
            ".streamlit/secrets.toml [auth] (see .streamlit/secrets.toml.example), or serve on localhost "
            "(HOST=127.0.0.1, the default).")

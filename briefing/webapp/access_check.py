"""Refuse to serve the web app open to the network without a login (run by `make serve` / `make demo`).

    python -m briefing.webapp.access_check --host 0.0.0.0
"""

from __future__ import annotations

import sys

import click

from briefing.settings import Settings
from briefing.webapp.access_rules import exposure_problem, oidc_configured, secrets_auth_section


def access_problem(host: str, settings: Settings | None = None) -> str | None:
    settings = settings or Settings()
    password = settings.app_password.get_secret_value() if settings.app_password is not None else ""
    auth = secrets_auth_section()
    problem = exposure_problem(host, has_password=bool(password), has_oidc=oidc_configured(auth))
    if problem or not oidc_configured(auth):
        return problem
    try:
        import authlib  # noqa: F401  (st.login needs it; say so before the first sign-in fails)
    except ImportError:
        return ("An OpenID Connect login is configured in .streamlit/secrets.toml, but Authlib is not "
                "installed: pip install -e '.[oidc]'")
    return None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address the app will listen on.")
def main(host: str) -> None:
    """Exit non-zero, saying why, when the app would serve `host` without a login."""
    problem = access_problem(host)
    if problem:
        click.echo(f"Not serving: {problem}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()

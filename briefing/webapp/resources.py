"""The service, built once per process and per settings, shared by every browser session."""

from __future__ import annotations

import hashlib
import logging

import streamlit as st

from briefing.settings import Settings
from briefing.webapp.friendly_errors import friendly_message

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner="Opening the library…", max_entries=8)
def _service_for(key: str, _settings: Settings):
    # `key` identifies the settings; `_settings` is not hashed by Streamlit (leading underscore)
    from briefing.wiring import build_web_service

    return build_web_service(_settings)


def settings_key(settings: Settings) -> str:
    """A cache key for the settings; the API key itself is hashed, never kept in clear."""
    key = settings.resolved_api_key() or ""
    secret = hashlib.sha256(key.encode()).hexdigest()[:12] if key else ""
    return settings.model_dump_json(exclude={"openai_api_key"}) + secret


def get_service():
    """(service, None) when the store opened, else (None, a friendly message)."""
    try:
        settings = Settings()
        return _service_for(settings_key(settings), settings), None
    except Exception as exc:  # any failure to open must reach the page as a message, not a traceback
        log.exception("could not build the briefing service")
        return None, friendly_message(exc, doing="open the article store")

"""Builders shared by tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.models import Article
from briefing.settings import Settings

RIYADH = ("Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à Riyad, "
          "en Arabie saoudite, où ils ont convenu d'entamer des négociations pour mettre fin à la guerre en Ukraine.")


def make_article(id: str, text: str, *, title: str = "Title", day: str = "2025-02-26", source: str = "test",
                 language: str = "fr", url: str | None = None) -> Article:
    return Article(id=id, title=title, text=text, published=dt.date.fromisoformat(day), source=source,
                   language=language, url=url, origin=f"test:{id}")


def fake_settings(tmp_path: Path, **extra) -> Settings:
    return Settings(data_dir=tmp_path, embedder="fake", llm="extractive", **extra)


def point_app_at(monkeypatch, data_dir: Path) -> None:
    """Environment for the web app over a temporary store, fake embedder, extractive answers."""
    import streamlit as st

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data_dir))
    monkeypatch.setenv("BRIEFING_EMBEDDER", "fake")
    monkeypatch.setenv("BRIEFING_LLM", "extractive")
    monkeypatch.setenv("BRIEFING_ALLOW_NETWORK", "false")
    monkeypatch.delenv("BRIEFING_CHROMA_URL", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()

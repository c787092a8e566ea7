"""Every setting in one place: environment variables prefixed BRIEFING_, or a .env file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="BRIEFING_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(default=Path("data"), description="Where the store, indexes and briefings live.")
    chroma_url: str | None = Field(default=None, description="http://host:port of a `chroma run` server; empty means embedded.")
    collection: str = Field(default="briefing", description="Chroma collection name.")
    embedder: str = Field(default="e5-small", description="e5-small | use-m3 | openai:<model> | fake")
    embedding_base_url: str | None = Field(default=None, description="OpenAI-compatible embeddings endpoint.")
    chat_model: str = Field(default="gpt-4o-mini", description="Model name for answers and briefings.")
    openai_api_key: SecretStr | None = Field(default=None, description="Falls back to OPENAI_API_KEY.")
    openai_base_url: str | None = Field(default=None, description="OpenAI-compatible server (Ollama, vLLM, llama.cpp); falls back to OPENAI_BASE_URL.")
    llm: str = Field(default="auto", description="auto (model if a key or base URL is set) | openai | extractive | fake")
    temperature: float = Field(default=0.0, description="Sampling temperature for the chat model.")
    chat_timeout: float = Field(default=60.0, description="Seconds before a chat model request gives up.")
    chat_max_retries: int = Field(default=2, description="Retries (with backoff) on 429, 5xx, timeouts and unreachable servers.")
    chat_max_tokens: int = Field(default=400, description="Longest answer the chat model may write, in tokens.")
    chat_context_tokens: int | None = Field(default=None, description="Context window of the chat model in tokens; empty: known for OpenAI models, 8192 otherwise (4096 for the bundled local model).")
    chunk_tokens: int = Field(default=160, description="Target chunk size in tokens.")
    chunk_overlap_tokens: int = Field(default=40, description="Overlap between consecutive chunks, in whole sentences up to this many tokens.")
    top_k: int = Field(default=8, description="Passages handed to the answerer.")
    max_article_chars: int = Field(default=200_000, description="Longest article text kept, in characters (0: no limit).")
    oversize: Literal["cut", "skip"] = Field(default="cut", description="An article over max_article_chars: cut (keep its start) or skip.")
    max_upload_mb: int = Field(default=20, description="Largest file the web app accepts.")
    fetch_timeout: float = Field(default=20.0, description="Seconds before a URL or feed fetch gives up.")
    user_agent: str = Field(default="briefing/0.1 (+news reader)", description="Sent when fetching URLs and feeds.")
    allow_network: bool = Field(default=True, description="Fetch URLs and feeds; tests turn this off.")
    fetch_max_mb: float = Field(default=10.0, description="Largest page or feed a fetch downloads, in MB.")
    web_fetch_private: bool = Field(default=False, description="Let the web app fetch loopback, private and link-local addresses (never cloud metadata); the CLI always may.")
    web_fetch_allowed_networks: str = Field(default="", description="Comma-separated addresses or networks the web app may fetch even though internal, e.g. 10.1.0.0/16,192.168.1.7.")
    app_password: SecretStr | None = Field(default=None, description="Shared password the web app asks for; required (or OIDC in .streamlit/secrets.toml) when it listens beyond localhost.")
    chroma_token: SecretStr | None = Field(default=None, description="Token sent to the Chroma server (for an authenticating proxy in front of it).")
    chroma_token_header: str = Field(default="Authorization", description="Header carrying BRIEFING_CHROMA_TOKEN; Authorization sends 'Bearer <token>', any other name sends the token as is.")

    def resolved_api_key(self) -> str | None:
        import os

        if self.openai_api_key is not None and self.openai_api_key.get_secret_value():
            return self.openai_api_key.get_secret_value()
        return os.environ.get("OPENAI_API_KEY") or None

    def resolved_base_url(self) -> str | None:
        import os

        return self.openai_base_url or os.environ.get("OPENAI_BASE_URL") or None

    def generation_mode(self) -> str:
        """Which answerer runs: a model when one is reachable, else extractive."""
        if self.llm != "auto":
            return self.llm
        return "openai" if (self.resolved_api_key() or self.resolved_base_url()) else "extractive"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

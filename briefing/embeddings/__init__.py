"""The Embedder seam: one protocol, adapters picked by a settings string."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns text into L2-normalised vectors; queries and passages may be encoded differently."""

    name: str  # recorded with the collection: vectors of different embedders never mix
    dim: int

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class EmbedderUnavailable(RuntimeError):
    pass


def build_embedder(spec: str, *, api_key: str | None = None, base_url: str | None = None) -> Embedder:
    """`e5-small` (default, offline), `use-m3` (offline fallback), `openai:<model>`, `fake`."""
    if spec == "fake":
        from briefing.embeddings.fake import FakeEmbedder

        return FakeEmbedder()
    if spec == "e5-small":
        from briefing.embeddings.e5 import E5Embedder

        return E5Embedder()
    if spec == "use-m3":
        from briefing.embeddings.use import USEEmbedder

        return USEEmbedder()
    if spec.startswith("openai:"):
        from briefing.embeddings.openai_embedder import OpenAIEmbedder

        return OpenAIEmbedder(spec.split(":", 1)[1], api_key=api_key, base_url=base_url)
    raise EmbedderUnavailable(
        f"Unknown embedder {spec!r}. Set BRIEFING_EMBEDDER to one of: e5-small, use-m3, openai:<model>, fake."
    )

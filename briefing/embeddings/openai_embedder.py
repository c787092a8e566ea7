"""OpenAI (or any OpenAI-compatible endpoint) embeddings."""

from __future__ import annotations

import numpy as np

from briefing.embeddings import EmbedderUnavailable


class OpenAIEmbedder:
    def __init__(self, model: str, *, api_key: str | None = None, base_url: str | None = None, batch_size: int = 128):
        if not (api_key or base_url):
            raise EmbedderUnavailable(
                f"Embedder openai:{model} needs OPENAI_API_KEY (or BRIEFING_EMBEDDING_BASE_URL for a compatible server)."
            )
        from openai import OpenAI

        self._client = OpenAI(api_key=api_key or "not-needed", base_url=base_url)
        self.model = model
        self.name = f"openai:{model}"
        self.batch_size = batch_size
        self.dim = len(self._embed(["dimension probe"])[0])

    def _embed(self, texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), self.batch_size):
            response = self._client.embeddings.create(model=self.model, input=texts[i:i + self.batch_size])
            out.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        vectors = np.asarray(out, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([text])[0]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._embed(texts)

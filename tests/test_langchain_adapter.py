from briefing.store.langchain_adapter import as_vectorstore
from briefing.wiring import build_service

from .helpers import RIYADH, fake_settings, make_article


def test_langchain_chroma_reads_the_same_collection(tmp_path):
    svc = build_service(fake_settings(tmp_path))
    svc.ingest_articles([make_article("a1", RIYADH, title="Riyad"),
                         make_article("b1", "Le football est un sport populaire en France.", title="Sport")])
    docs = as_vectorstore(svc).similarity_search("Marco Rubio Riyad Arabie saoudite", k=1)
    assert docs[0].metadata["article_id"] == "a1" and "Riyad" in docs[0].page_content

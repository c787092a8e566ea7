from briefing.chunking import chunk_article
from briefing.text.tokens import count_tokens

from .helpers import make_article


def _article(n=40):
    text = " ".join(f"Phrase numéro {i} sur les négociations entre Moscou et Washington à Riyad." for i in range(n))
    return make_article("a", text)


def test_chunks_are_bounded_sentence_aligned_and_overlap():
    a = _article()
    chunks = chunk_article(a, max_tokens=60, overlap_tokens=20)
    assert len(chunks) > 3
    for c in chunks:
        assert c.token_count <= 60
        assert a.text[c.start:c.end] == c.text
        assert c.text.endswith(".") and c.text[0].isupper()
    for prev, nxt in zip(chunks, chunks[1:]):
        assert nxt.start < prev.end  # overlap
        assert nxt.start > prev.start  # progress
    assert [c.id for c in chunks] == [f"a:{i}" for i in range(len(chunks))]


def test_overlong_sentence_is_split_with_exact_offsets():
    a = make_article("b", "mot " * 500)
    chunks = chunk_article(a, max_tokens=50, overlap_tokens=0)
    assert len(chunks) >= 9
    for c in chunks:
        assert a.text[c.start:c.end] == c.text and count_tokens(c.text) <= 50


def test_empty_text_gives_no_chunks():
    assert chunk_article(make_article("c", "   "), max_tokens=50) == []

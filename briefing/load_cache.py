"""Objects that take long to build from packaged data (the language model, the gazetteer), kept
pickled in the user's cache folder so a cold command loads them in a fraction of the time.

The file name holds a hash of everything the object is built from (data files, the code that
builds it, package versions): any change builds it again. A missing, damaged or unreadable file
is rebuilt, and a folder that cannot be written is not an error (the object is built every time).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"


def cache_path(name: str, key_parts: list[str | bytes]) -> Path:
    digest = hashlib.sha1()
    for part in key_parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\x1f")
    return cache_folder() / f"{name}-{digest.hexdigest()[:12]}.pickle"


def source_of(*modules) -> list[bytes]:
    """The source files of these modules, as cache key parts: editing the code rebuilds the object."""
    return [Path(m.__file__).read_bytes() for m in modules]


def cached(name: str, key_parts: list[str | bytes], build: Callable[[], T]) -> T:
    path = cache_path(name, key_parts)
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # absent, from another version, or unreadable: build it
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        with part.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        part.replace(path)  # atomic: a concurrent start reads the old file or the whole new one
    except (OSError, pickle.PicklingError):
        pass
    return value

"""Checking uploaded files and writing them where `svc.ingest` can read them."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath

# The formats `briefing ingest` reads; kept here as the web app's own list because the
# uploader must declare them before anything is loaded.
INGEST_EXTENSIONS = ("txt", "md", "json", "jsonl", "html", "htm", "xml", "rss", "atom")
_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class Rejected:
    name: str
    reason: str


def safe_filename(name: str) -> str:
    """The file's own name without folders or odd characters, so it cannot escape the temp folder."""
    base = PurePath(name.replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")
    return base or "upload.txt"


def check_upload(name: str, size: int, *, max_mb: int) -> str | None:
    """Why an upload cannot be ingested, or None when it can."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix not in INGEST_EXTENSIONS:
        allowed = ", ".join(f".{e}" for e in INGEST_EXTENSIONS)
        return f"unsupported file type {('.' + suffix) if suffix else '(no extension)'}: use one of {allowed}"
    if size > max_mb * 1024 * 1024:
        return (f"file is {size / 1024 / 1024:.1f} MB, over the {max_mb} MB limit "
                "(raise BRIEFING_MAX_UPLOAD_MB or ingest it with `briefing ingest`)")
    if size == 0:
        return "file is empty"
    return None


def write_uploads(uploads: list[Upload], folder: Path, *, max_mb: int) -> tuple[list[Path], list[Rejected]]:
    """Write acceptable uploads into `folder` under their own names; say why the others were refused.

    File names matter: ingest reads dates from them (e.g. `..._2025-02-26.txt`), derives ids
    from them and reports them as the origin, so they are kept; two uploads with one name in
    the same batch get numbered.
    """
    paths: list[Path] = []
    rejected: list[Rejected] = []
    used: set[str] = set()
    for upload in uploads:
        reason = check_upload(upload.name, len(upload.data), max_mb=max_mb)
        if reason:
            rejected.append(Rejected(upload.name, reason))
            continue
        name = safe_filename(upload.name)
        stem, suffix = Path(name).stem, Path(name).suffix
        n = 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}{suffix}"
        used.add(name.lower())
        path = folder / name
        path.write_bytes(upload.data)
        paths.append(path)
    return paths, rejected


def upload_folder(root: Path | None = None) -> Path:
    """The temp folder uploads are written to before ingest.

    Its path is the same every time: ingest derives a file's article id from its path, so
    uploading the same file again is "unchanged" (or "replaced" when its content changed),
    never a second copy. Callers serialise writes and remove the files after ingest.
    """
    folder = (root or Path(tempfile.gettempdir())) / "briefing-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

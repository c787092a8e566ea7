"""A real `chroma run` server on a free loopback port, for client/server tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from briefing.testing.processes import free_port, stop, wait_until_healthy


def chroma_executable() -> str | None:
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


@contextmanager
def chroma_server(path: Path, *, timeout: float = 60.0):
    """Yields the server's URL; stops the server on exit."""
    exe = chroma_executable()
    if exe is None:
        raise RuntimeError("the `chroma` command is not installed (it comes with the chromadb package)")
    port = free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(proc, f"{url}/api/v2/heartbeat", timeout=timeout, what="chroma run",
                           output=lambda: proc.stderr.read().decode(errors="replace") if proc.poll() is not None else "")
        yield url
    finally:
        stop(proc)

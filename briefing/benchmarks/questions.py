"""Real questions for the latency run: French PIAF questions and English XQuAD questions, interleaved."""

from __future__ import annotations

import json
import random
from pathlib import Path

PIAF_QUESTIONS = "eval/piaf_fr/questions_dev.jsonl"
XQUAD_QUESTIONS = "eval/xquad_xling/questions_dev.jsonl"


def _questions(path: Path, pick) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = pick(json.loads(line))
            if isinstance(text, str) and text.strip():
                out.append(" ".join(text.split()))
    return list(dict.fromkeys(out))


def mix(first: list[str], second: list[str], n: int, *, seed: int = 7) -> list[str]:
    """`n` questions, half from each list (sampled with a fixed seed), alternating; the
    shorter list gives what it has and the other fills the rest."""
    rng = random.Random(seed)
    half = n // 2
    a = rng.sample(first, min(len(first), n - min(len(second), half)))
    b = rng.sample(second, min(len(second), n - len(a)))
    out: list[str] = []
    for i in range(max(len(a), len(b))):
        out.extend(q for q in (a[i] if i < len(a) else None, b[i] if i < len(b) else None) if q)
    return out


def latency_questions(data: Path, n: int, *, warmup: int = 3, seed: int = 7) -> tuple[list[str], list[str]]:
    """(warm-up questions, timed questions): distinct, from PIAF (French) and XQuAD `questions.en`."""
    french = _questions(data / PIAF_QUESTIONS, lambda row: row.get("question"))
    english = _questions(data / XQUAD_QUESTIONS, lambda row: (row.get("questions") or {}).get("en"))
    picked = mix(french, english, n + warmup, seed=seed)
    if len(picked) < n + warmup:
        raise ValueError(f"only {len(picked)} questions found under {data}/eval; need {n + warmup}")
    return picked[:warmup], picked[warmup:]

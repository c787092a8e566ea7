"""Token budgets and cost estimates for LLM briefings, counted with tiktoken."""

from __future__ import annotations

from briefing.text.tokens import count_tokens

# Context windows (tokens) of common models; unknown models (often small local ones) get a
# conservative default so a prompt is never larger than the model can read.
_CONTEXT = {
    "gpt-4o-mini": 128_000, "gpt-4o": 128_000, "gpt-4.1": 1_000_000, "gpt-4.1-mini": 1_000_000,
    "gpt-4.1-nano": 1_000_000, "gpt-5": 400_000, "gpt-5-mini": 400_000, "gpt-5-nano": 400_000,
    "gpt-4-turbo": 128_000, "gpt-3.5-turbo": 16_385,
}
DEFAULT_CONTEXT = 8_192
# USD per million tokens (input, output), published list prices in 2025; an estimate, not a bill.
_PRICES = {
    "gpt-4o-mini": (0.15, 0.60), "gpt-4o": (2.50, 10.00), "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60), "gpt-4.1-nano": (0.10, 0.40), "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00), "gpt-5-nano": (0.05, 0.40),
}


def _lookup(table: dict, model: str):
    name = model.split(":", 1)[-1].lower()
    for key in sorted(table, key=len, reverse=True):
        if name == key or name.startswith(key + "-20"):
            return table[key]
    return None


def context_window(model: str) -> int:
    return _lookup(_CONTEXT, model) or DEFAULT_CONTEXT


def input_budget(model: str, *, prompt_tokens: int, output_tokens: int, cap: int = 6_000) -> int:
    """Tokens of passages one call may carry: within the context window after the prompt and the
    reply, and under `cap` so one story never costs more than a few cents."""
    room = context_window(model) - prompt_tokens - output_tokens - 256  # message framing, rounding
    return max(0, min(cap, room))


def estimate_cost(model: str, input_tokens: int, output_tokens: int) -> float | None:
    price = _lookup(_PRICES, model)
    if price is None:
        return None
    return (input_tokens * price[0] + output_tokens * price[1]) / 1_000_000


def tokens(text: str) -> int:
    return count_tokens(text)

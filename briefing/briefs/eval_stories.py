"""How well stories are grouped, on items whose gold story is known (WCEP topics).

The grouping sees each item's text and date only: the `title` (the gold topic) is replaced by an
empty string before grouping, so it cannot leak. Two golds are reported: the raw topics, and a
normalised gold where spelling variants of one topic ("2025 Iran–Israel War", "Iran–Israel War",
"Herder-farmer"/"Herder–farmer") are one story and a bare category heading used as a topic
("Disasters and accidents") makes each such item its own story, since those items share a section
of the portal, not an event.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np

from briefing.briefs.clustering import GroupingParams, blended_similarity, average_linkage
from briefing.briefs.metrics import grouping_scores
from briefing.briefs.names import fold, name_keys


def load_items(path: Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                item["_date"] = dt.date.fromisoformat(str(item["published"])[:10])
                item["_text"] = str(item["text"])
                str(item["title"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{line_no}: each line must be JSON with title, text and published "
                                 f"(YYYY-MM-DD) ({exc.__class__.__name__}: {exc})") from exc
            items.append(item)
    if len(items) < 5:
        raise ValueError(f"{path} holds {len(items)} items: at least 5 are needed to measure a grouping.")
    return items


def normalised_gold(item: dict) -> str:
    if item.get("category") and item["title"] == item["category"]:
        return f"item:{item.get('id', id(item))}"
    return re.sub(r"^\d{4}\s+", "", fold(item["title"]))


def evaluate_grouping(items: list[dict], embedder, *, params: GroupingParams | None = None,
                      sweep: list[float] | None = None) -> dict:
    """Purity, inverse purity and ARI against both golds, plus ARI across thresholds if `sweep`."""
    params = params or GroupingParams()
    texts = [it["_text"] for it in items]  # the title (gold) is never shown to the grouping
    vectors = np.asarray(embedder.embed_passages(texts), dtype=np.float32)
    keys = [name_keys(t) for t in texts]
    days = [it["_date"].toordinal() for it in items]
    sim = blended_similarity(vectors, keys, days, params)
    labels = average_linkage(sim, params.threshold)
    gold = [it["title"] for it in items]
    gold_norm = [normalised_gold(it) for it in items]
    result = {
        "items": len(items), "embedder": getattr(embedder, "name", "?"),
        "params": params.__dict__,
        "raw_gold": _rounded(grouping_scores(labels, gold)),
        "normalised_gold": _rounded(grouping_scores(labels, gold_norm)),
        # what a grouping identical to the normalised gold would score against the raw one
        "ceiling_raw_ari": round(grouping_scores(gold_norm, gold)["ari"], 4),
        "groups": _groups(items, labels),
    }
    if sweep:
        result["sensitivity"] = [
            {"threshold": round(t, 3),
             "ari_raw": round(grouping_scores(average_linkage(sim, t), gold)["ari"], 4),
             "ari_normalised": round(grouping_scores(average_linkage(sim, t), gold_norm)["ari"], 4),
             "groups": len(set(average_linkage(sim, t)))}
            for t in sweep]
    return result


def _rounded(scores: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}


def _groups(items: list[dict], labels: list[int]) -> list[list[str]]:
    out: dict[int, list[str]] = {}
    for it, label in zip(items, labels):
        out.setdefault(label, []).append(str(it.get("id", "")))
    return sorted(out.values(), key=len, reverse=True)

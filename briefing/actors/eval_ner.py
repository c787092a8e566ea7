"""Entity recognition measured against gold spans: the raw pipeline next to the actors' output
(junk filter, title stripping, gazetteer types), exact span and type match, per type."""

from __future__ import annotations

import json
import time
from pathlib import Path

from briefing.actors.extract import extract_article
from briefing.actors.gazetteer import Gazetteer
from briefing.actors.pipelines import NerPipelines

TYPES = ("PER", "LOC", "ORG")
_RAW_TYPES = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}
_ACTOR_TYPES = {"person": "PER", "place": "LOC", "org": "ORG"}


class EvalDataError(ValueError):
    pass


def load_items(path: Path, limit: int | None = None) -> list[dict]:
    path = Path(path)
    if not path.exists():
        raise EvalDataError(f"No file at {path}: pass --data with a JSONL file of {{id, lang, text, entities}} items.")
    items = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            item["text"], item["entities"]
        except (ValueError, KeyError) as exc:
            raise EvalDataError(f"{path}:{n} is not an item with 'text' and 'entities': {exc}") from exc
        items.append(item)
        if limit and len(items) >= limit:
            break
    return items


def scores(gold: list[set], predicted: list[set]) -> dict[str, dict]:
    """Precision, recall, F1 per type and micro-averaged, over (start, end, type) triples."""
    out: dict[str, dict] = {}
    for t in (*TYPES, "micro"):
        tp = fp = fn = 0
        for g, p in zip(gold, predicted):
            gt = {x for x in g if t == "micro" or x[2] == t}
            pt = {x for x in p if t == "micro" or x[2] == t}
            tp += len(gt & pt)
            fp += len(pt - gt)
            fn += len(gt - pt)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[t] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                  "tp": tp, "fp": fp, "fn": fn}
    return out


def run_ner_eval(data: Path, *, language: str | None = None, limit: int | None = None,
                 pipelines: NerPipelines | None = None, gazetteer: Gazetteer | None = None) -> dict:
    items = load_items(data, limit)
    pipelines = pipelines or NerPipelines()
    gazetteer = gazetteer or Gazetteer()
    gold, raw, filtered = [], [], []
    started = time.perf_counter()
    for item in items:
        lang = language or item.get("lang", "fr")
        if not pipelines.supports(lang):
            raise EvalDataError(f"No NER pipeline for language {lang!r}; supported: {', '.join(pipelines.packages)}.")
        text = item["text"]
        gold.append({(e["start"], e["end"], e["type"]) for e in item["entities"] if e["type"] in TYPES})
        entities = pipelines.entities(text, lang)
        raw.append({(e.start, e.end, _RAW_TYPES[e.label]) for e in entities if e.label in _RAW_TYPES})
        found = extract_article(item.get("id", ""), text, lang, entities, gazetteer=gazetteer)
        filtered.append({(m.start, m.end, _ACTOR_TYPES[m.type]) for m in found.mentions})
    return {
        "data": str(data), "items": len(items), "gold_spans": sum(len(g) for g in gold),
        "match": "exact span and type",
        "raw": scores(gold, raw), "filtered": scores(gold, filtered),
        "seconds": round(time.perf_counter() - started, 2),
    }


def format_table(result: dict) -> str:
    lines = [f"{result['items']} items, {result['gold_spans']} gold spans ({result['match']}), {result['seconds']}s",
             f"{'type':6} {'raw P':>7} {'raw R':>7} {'raw F1':>7}   {'ours P':>7} {'ours R':>7} {'ours F1':>7}"]
    for t in (*TYPES, "micro"):
        r, f = result["raw"][t], result["filtered"][t]
        lines.append(f"{t:6} {r['precision']:7.3f} {r['recall']:7.3f} {r['f1']:7.3f}   "
                     f"{f['precision']:7.3f} {f['recall']:7.3f} {f['f1']:7.3f}")
    return "\n".join(lines)

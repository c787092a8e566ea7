"""Fitting the support check: a logistic model per language pairing, from `eval qa --features` rows.

Rows are split by question id into a fitting half and a checking half, so the reported
abstention figures come from questions the model was not fitted on.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from briefing.answer.support import FEATURES


MIN_PER_CLASS = 20


def _held_out(qid: str) -> bool:
    return int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2 == 1


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 0.01, steps: int = 3000, lr: float = 0.5):
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale < 1e-6, 1.0, scale)
    z = (x - mean) / scale
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = p - y
        w -= lr * (z.T @ g / len(y) + l2 * w)
        b -= lr * float(g.mean())
    return w, b, mean, scale


def _probabilities(params: dict, x: np.ndarray) -> np.ndarray:
    z = (x - np.asarray(params["mean"])) / np.asarray(params["scale"])
    return 1 / (1 + np.exp(-(z @ np.asarray(params["weights"]) + params["bias"])))


def choose_threshold(prob: np.ndarray, y: np.ndarray, abstain_target: float) -> float:
    """The lowest bar that still abstains on `abstain_target` of the unanswerable ones."""
    unans = np.sort(prob[y == 0])
    if unans.size == 0:
        return 0.5
    return float(np.quantile(unans, abstain_target)) + 1e-6


def rates(prob: np.ndarray, y: np.ndarray, threshold: float) -> dict:
    answered = prob >= threshold
    return {"answerable_answered": round(float(answered[y == 1].mean()), 4) if (y == 1).any() else None,
            "unanswerable_abstained": round(float((~answered[y == 0]).mean()), 4) if (y == 0).any() else None,
            "n_answerable": int((y == 1).sum()), "n_unanswerable": int((y == 0).sum())}


def calibrate(feature_files: list[Path], out: Path, *, abstain_target: float = 0.85) -> dict:
    """Fit one model per embedder found in the rows, kept beside the models of other embedders."""
    rows = [json.loads(line) for f in feature_files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise ValueError("No feature rows: run `briefing eval qa --features FILE` first.")
    try:
        stored = json.loads(out.read_text(encoding="utf-8"))
    except FileNotFoundError:
        stored = {}
    embedders = stored.setdefault("embedders", {})
    report: dict = {}
    for name in sorted({r.get("embedder", "") for r in rows}):
        mine = [r for r in rows if r.get("embedder", "") == name]
        base = [r for r in mine if not r.get("news")]
        # rows of dated news (`eval news --features`) fit a model of their own, beside the one
        # fitted on undated passages; a sentence the kind checks rule out abstains whatever the
        # model says, so it teaches the model nothing
        news = [r for r in mine if r.get("news") and not r.get("ruled_out")]
        model = embedders.get(name, {})
        if base:
            kept = model.get("news")
            model, report[name] = _fit_pairings(base, abstain_target)
            if kept:
                model["news"] = kept
        if news:
            model["news"], report[f"{name} (news)"] = _fit_pairings(news, abstain_target)
        embedders[name] = model
    out.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    return report


def _fit_pairings(rows: list[dict], abstain_target: float) -> tuple[dict, dict]:
    model: dict = {"features": list(FEATURES), "abstain_target": abstain_target}
    report: dict = {}
    for pairing, same in (("same", True), ("cross", False)):
        part = [r for r in rows if bool(r["same"]) == same]
        answerable = sum(1 for r in part if r["answerable"])
        if min(answerable, len(part) - answerable) < MIN_PER_CLASS:
            continue  # too few of one kind to fit on: the pairing keeps the model it falls back to
        x = np.asarray([[r[f] for f in FEATURES] for r in part], dtype=np.float64)
        y = np.asarray([1.0 if r["answerable"] else 0.0 for r in part])
        test = np.asarray([_held_out(str(r.get("qid", r["id"]))) for r in part])
        w, b, mean, scale = fit_logistic(x[~test], y[~test])
        params = {"weights": w.tolist(), "bias": b, "mean": mean.tolist(), "scale": scale.tolist()}
        params["threshold"] = choose_threshold(_probabilities(params, x[~test]), y[~test], abstain_target)
        model[pairing] = params
        report[pairing] = {"fit": rates(_probabilities(params, x[~test]), y[~test], params["threshold"]),
                           "held_out": rates(_probabilities(params, x[test]), y[test], params["threshold"])}
    return model, report

"""SIGKILL an ingest at ten points spread over its writes, run it again, and check the store."""

from __future__ import annotations

import json
import shutil

import pytest

from briefing.testing.cli_runner import run_cli
from briefing.testing.store_check import changed, problems, snapshot

from .conftest import SHARED_DATA

pytestmark = pytest.mark.slow

GLOBAL_VOICES = SHARED_DATA / "corpus" / "globalvoices_fr.jsonl"
KILLS = 10


def _records():
    if not GLOBAL_VOICES.exists():
        pytest.skip("../shared/data/corpus/globalvoices_fr.jsonl is absent")
    return [json.loads(line) for line in GLOBAL_VOICES.read_text(encoding="utf-8").splitlines()[:10]]


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory):
    """A seed store (four articles and a saved lexical index), the batch to ingest over it (one
    of the four changed, three unchanged, six new) and the store an uninterrupted run gives."""
    records = _records()
    root = tmp_path_factory.mktemp("crash")
    feed = root / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:4]), encoding="utf-8")
    seed = root / "seed"
    ok = run_cli(["ingest", str(feed)], seed, timeout=120)
    assert ok.returncode == 0, ok.stderr
    ok = run_cli(["ask", "Qui a parlé ?"], seed, timeout=120)
    assert ok.returncode == 0, ok.stderr
    seed_snap = snapshot(seed)
    assert len(seed_snap.articles) == 4 and seed_snap.lexical is not None
    batch = [dict(records[0], text=records[0]["text"] + "\n\nMise à jour : la rédaction a complété cet article.")]
    batch += records[1:]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch), encoding="utf-8")
    whole = root / "whole"
    shutil.copytree(seed, whole)
    counted = run_cli(["0", "--", "ingest", str(feed)], whole, module="briefing.testing.kill_points", timeout=180)
    assert counted.returncode == 0, counted.stderr
    writes = int(counted.stderr.rsplit("writes:", 1)[1].split()[0])
    reference = snapshot(whole)
    assert len(reference.articles) == 10 and not problems(reference)
    return root, feed, seed, seed_snap, reference, writes


def test_kill_points_are_spread_over_the_writes(crash_setup):
    *_, writes = crash_setup
    points = kill_points(writes)
    assert len(points) == KILLS and points[0] <= writes // 10 + 1 and points[-1] >= writes - writes // 10 - 1


def kill_points(writes: int) -> list[int]:
    return sorted({1 + round((writes - 1) * (i + 0.5) / KILLS) for i in range(KILLS)})


@pytest.mark.parametrize("nth", range(KILLS))
def test_killed_ingest_recovers(crash_setup, nth):
    root, feed, seed, seed_snap, reference, writes = crash_setup
    at = kill_points(writes)[nth]
    data = root / f"kill-{at}"
    shutil.copytree(seed, data)
    killed = run_cli([str(at), "--", "ingest", str(feed)], data, module="briefing.testing.kill_points", timeout=180)
    assert killed.returncode == -9, f"not killed at write {at}: {killed.returncode} {killed.stderr[-500:]}"

    # the next command opens the store, undoes the half-written article and answers from the rest
    asked = run_cli(["ask", "Qui a parlé ?"], data, timeout=120)
    assert asked.returncode == 0 and "Traceback" not in asked.stderr, asked.stderr
    after_kill = snapshot(data)
    assert problems(after_kill) == []
    replaced = next(i for i, a in reference.articles.items() if seed_snap.articles.get(i, a) != a)
    untouched = {i: a for i, a in seed_snap.articles.items() if i != replaced}
    assert all(after_kill.articles.get(i) == a for i, a in untouched.items())

    again = run_cli(["ingest", str(feed)], data, timeout=180)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    final = snapshot(data)
    assert problems(final) == []
    assert final.articles == reference.articles
    assert sorted(final.chunks) == sorted(reference.chunks)
    assert sorted(final.sentences) == sorted(reference.sentences)
    assert final.actor_articles == reference.actor_articles
    assert changed(reference, final) == []

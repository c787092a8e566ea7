"""Several ingests at once: serialized by the writer lock on an embedded store; through a
`chroma run` server, 4 writers × 50 articles with readers asking meanwhile."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.store.writer_lock import WriterLock
from briefing.testing.bad_inputs import ARTICLE
from briefing.testing.cli_runner import offline_env
from briefing.testing.store_check import problems, snapshot

pytestmark = pytest.mark.slow

WORDS = ("comercio energía frontera puerto salud escuela lluvia cosecha tribunal elección museo tren "
         "hospital fábrica río mercado").split()


def article(n: int) -> dict:
    """Distinct texts: the fingerprint dedupe must not take one for another."""
    topic = " ".join(WORDS[(n * 7 + k) % len(WORDS)] for k in range(5))
    return {"id": f"a{n}", "title": f"Despacho {n}: {topic}", "published": f"2025-03-{1 + n % 28:02d}",
            "text": f"{ARTICLE} El despacho {n} trata de {topic}. Se publicó con el número de serie {n * 7919}."}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", *args], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)


def finish(procs: list[subprocess.Popen], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for p in procs:
        p.wait(timeout=max(1.0, deadline - time.monotonic()))


def test_two_embedded_ingests_wait_for_each_other(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    feeds = [write_jsonl(tmp_path / f"w{w}.jsonl", [article(w * 20 + i) for i in range(20)]) for w in range(2)]
    env = offline_env(data)
    lock = WriterLock(data / "chroma.lock")
    logs = [tmp_path / f"w{w}.log" for w in range(2)]
    with lock.held():  # both writers must meet a held lock
        procs = [start(["briefing.cli", "ingest", str(f)], env, log) for f, log in zip(feeds, logs)]
        deadline = time.monotonic() + 120
        while not all("another ingest is running — waiting" in log.read_text().lower() for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            assert all(p.poll() is None for p in procs), [log.read_text() for log in logs]
            time.sleep(0.2)
    finish(procs, 180)
    assert [p.returncode for p in procs] == [0, 0], [log.read_text() for log in logs]
    snap = snapshot(data)
    assert len(snap.articles) == 40 and problems(snap) == [] and snap.vectors_readable


def test_four_server_writers_with_readers(chroma_url, tmp_path):
    import chromadb

    data = tmp_path / "data"  # the writers' shared actor index
    env = offline_env(data, BRIEFING_CHROMA_URL=chroma_url, BRIEFING_COLLECTION="writers")
    feeds = []
    for w in range(4):
        own = [article(w * 50 + i) for i in range(50)]
        # the same texts as the next writer's first five, under other ids: a duplicate each
        twins = [dict(article(((w + 1) % 4) * 50 + i), id=f"copy-{w}-{i}") for i in range(5)]
        feeds.append(write_jsonl(tmp_path / f"writer{w}.jsonl", own + twins))
    stop = tmp_path / "stop"
    readers = [start(["briefing.testing.store_reader", str(stop), str(tmp_path / f"reader{r}.json")], env,
                     tmp_path / f"reader{r}.log") for r in range(2)]
    writers = [start(["briefing.cli", "ingest", "--json", str(f)], env, tmp_path / f"writer{w}.log")
               for w, f in enumerate(feeds)]
    finish(writers, 600)
    stop.touch()
    finish(readers, 120)
    logs = [(tmp_path / f"writer{w}.log").read_text() for w in range(4)]
    assert [p.returncode for p in writers] == [0] * 4, logs
    assert [p.returncode for p in readers] == [0, 0], [(tmp_path / f"reader{r}.log").read_text() for r in range(2)]
    reports = [json.loads(log[log.index("{"):]) for log in logs]
    statuses = [i["status"] for r in reports for i in r["items"]]
    assert statuses.count("added") == 200 and statuses.count("duplicate") == 20

    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]))
    articles = client.get_collection("writers_articles").get(include=["metadatas", "documents"])
    texts = articles["documents"]
    assert len(articles["ids"]) == 200 and len(set(texts)) == 200
    assert sorted(texts) == sorted(article(n)["text"] for n in range(200))
    chunks = client.get_collection("writers").get(include=["metadatas"])
    assert {m["article_id"] for m in chunks["metadatas"]} == set(articles["ids"])
    revision = int((client.get_collection("writers").metadata or {}).get("revision", 0)) \
        + client.get_collection("writers_revisions").count()
    assert revision == 200  # one per stored article: none lost
    for r in range(2):
        seen = json.loads((tmp_path / f"reader{r}.json").read_text())
        assert seen["errors"] == [] and seen["asked"] >= 2
        assert seen["lexical_matches_store"] and seen["chunks"] == len(chunks["ids"]) and seen["revision"] == 200
    import sqlite3

    db = sqlite3.connect(data / "actors.sqlite")
    assert {r[0] for r in db.execute("SELECT id FROM articles")} == set(articles["ids"])


OPEN_STORE = """
import sys, time
from briefing.store.chroma_store import ChromaStore
start = float(sys.argv[2])
while time.time() < start:  # all processes open the new folder at the same moment
    time.sleep(0.001)
ChromaStore.open(path=sys.argv[1], name="articles", embedder_name="test", dim=8)
"""


def test_processes_opening_a_new_store_at_once_all_open_it(tmp_path):
    folder = tmp_path / "data" / "chroma"
    start = time.time() + 8  # after every interpreter has started
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_STORE, str(folder), str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(6)]
    outputs = [p.communicate(timeout=120)[0].decode(errors="replace") for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, outputs

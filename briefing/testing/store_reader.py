"""A process that keeps asking questions of a store while others write to it, for concurrency tests.

    python -m briefing.testing.store_reader STOP_FILE RESULT.json

Asks until STOP_FILE exists, then once more, and writes what it saw: questions asked, errors, and
whether its lexical index holds exactly the store's chunks at the end (a lost revision would
leave it stale).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    stop, out = Path(sys.argv[1]), Path(sys.argv[2])
    from briefing.wiring import build_service

    service = build_service(hooks=[])
    asked, errors = 0, []
    questions = ["¿Quién se reunió en Ginebra?", "¿Qué acuerdo se firmó?", "¿Cuándo volverán a verse?"]
    while True:
        last = stop.exists()
        try:
            service.ask(questions[asked % len(questions)])
        except Exception as exc:  # reported, and the test fails on it
            errors.append(f"{type(exc).__name__}: {exc}")
        asked += 1
        if last:
            break
        time.sleep(0.2)
    ids, _, _ = service.store.all_chunks()
    lexical = service.lexical()
    out.write_text(json.dumps({"asked": asked, "errors": errors, "revision": service.store.revision(),
                               "lexical_matches_store": sorted(lexical.chunk_ids) == sorted(ids),
                               "chunks": len(ids)}), encoding="utf-8")


if __name__ == "__main__":
    main()

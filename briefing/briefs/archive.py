"""Stored briefings: one JSON file each under data_dir/briefings, read back for continuity."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from briefing.briefs.models import Briefing


class BriefingArchive:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, briefing_id: str) -> Path:
        if not briefing_id or "/" in briefing_id or "\\" in briefing_id or briefing_id.startswith("."):
            raise ValueError(f"Not a briefing id: {briefing_id!r}")
        return self.folder / f"{briefing_id}.json"

    def save(self, briefing: Briefing) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(briefing.id)
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(briefing.to_archive_dict(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)  # a reader never sees half a briefing
        return target

    def load(self, briefing_id: str) -> Briefing | None:
        p = self.path(briefing_id)
        if not p.exists():
            return None
        return self._read(p)

    @staticmethod
    def _read(p: Path) -> Briefing | None:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            centroids = [s.pop("centroid", []) for s in data.get("stories", [])]
            b = Briefing.model_validate(data)
        except (OSError, ValueError):
            return None  # a corrupt or foreign file is skipped, not fatal
        for story, c in zip(b.stories, centroids):
            story.centroid = list(c)
        return b

    def list(self) -> list[Briefing]:
        """All stored briefings, newest period first."""
        if not self.folder.exists():
            return []
        found = [b for p in self.folder.glob("*.json") if (b := self._read(p)) is not None]
        return sorted(found, key=lambda b: (b.until, b.since, b.created), reverse=True)

    def earlier(self, *, before: dt.date, exclude_id: str, filters: dict, lookback_days: int = 14) -> list[Briefing]:
        """Briefings that ended before `before` (within the lookback), same filters, newest first."""
        oldest = before - dt.timedelta(days=lookback_days)
        return [b for b in self.list()
                if b.id != exclude_id and oldest <= b.until < before
                and {k: v for k, v in b.filters.items() if k != "language"} ==
                {k: v for k, v in filters.items() if k != "language"}]

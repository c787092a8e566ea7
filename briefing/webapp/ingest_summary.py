"""What an ingest did, as the CLI says it: counts per status and the reason for each skip (pure)."""

from __future__ import annotations

from briefing.models import IngestItem, IngestReport

_LABELS = {"added": "added", "unchanged": "unchanged", "replaced": "replaced",
           "duplicate": "duplicates", "skipped": "skipped"}


def summary_line(report: IngestReport) -> str:
    counts = report.summary()
    parts = [f"{counts[s]} {label}" for s, label in _LABELS.items()]
    return ", ".join(parts) + f" in {report.seconds:.1f} s"


def rows(report: IngestReport) -> list[dict[str, str | int]]:
    """One row per item, skips and duplicates first since they need attention."""
    order = {"skipped": 0, "duplicate": 1, "replaced": 2, "added": 3, "unchanged": 4}
    items = sorted(report.items, key=lambda i: order.get(i.status, 9))
    return [
        {"status": i.status, "title": i.title or "", "origin": i.origin, "chunks": i.chunks, "reason": i.reason or ""}
        for i in items
    ]


def with_rejected(report: IngestReport, rejected: list[tuple[str, str]]) -> IngestReport:
    """The report with uploads refused before ingest added as skipped items."""
    extra = [IngestItem(status="skipped", origin=name, reason=reason) for name, reason in rejected]
    return report.model_copy(update={"items": extra + list(report.items)})

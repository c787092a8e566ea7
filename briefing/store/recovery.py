"""Undo what a writer killed half-way left behind, and bring the hooks' indexes (actors) back in
step with the store.

A write journal entry outlives its writer only when the writer died between its first and last
write: the article may have some chunks or sentences and not others, an old version's rows may be
gone, the revision may not have moved, the actor index may lack it. Removing that article
everywhere leaves a store that is consistent and merely lacks it; ingesting the same sources again
stores it whole (its record is gone, so it is not "unchanged").
"""

from __future__ import annotations

import logging

from briefing.models import Chunk

log = logging.getLogger(__name__)


def recover(store, hooks: list) -> list[str]:
    """Run inside a write session. Returns the ids of the articles that were undone."""
    undone: list[str] = []
    for entry in store.journal.abandoned():
        if entry.article_id not in undone:
            store.delete_article_rows_everywhere(entry.article_id)
            for hook in hooks:
                hook.on_removed(entry.article_id)
            undone.append(entry.article_id)
        store.journal.end(entry.id)
    if undone:
        log.warning("undid %d article(s) an interrupted write left half stored: %s", len(undone), ", ".join(undone))
    reconcile_hooks(store, hooks)
    return undone


def reconcile_hooks(store, hooks: list) -> None:
    """A hook that lists its articles (the actor index) gets the ones the store has and it lacks,
    and forgets the ones the store no longer has: after a crash between the store's write and the
    hook's, or when another host wrote to the same server."""
    listed = [h for h in hooks if hasattr(h, "known_article_ids")]
    if not listed:
        return
    busy = {e.article_id for e in store.journal.entries()}  # a live writer is finishing these
    stored = set(store.article_ids()) - busy
    for hook in listed:
        known = set(hook.known_article_ids()) - busy
        for article_id in sorted(known - stored):
            hook.on_removed(article_id)
        missing = sorted(stored - known)
        for article in store.get_articles(ids=missing) if missing else []:
            hook.on_added(article, stored_chunks(store, article.id))


def stored_chunks(store, article_id: str) -> list[Chunk]:
    got = store.chunks.get(where={"article_id": article_id}, include=["documents", "metadatas"])
    chunks = [Chunk(id=i, article_id=article_id, index=int(m.get("index", 0)), text=d or "",
                    token_count=int(m.get("tokens", 0)), start=int(m.get("start", 0)), end=int(m.get("end", 0)))
              for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
    return sorted(chunks, key=lambda c: c.index)

"""Size limits on article text: a huge item is cut or skipped, with its reason, before any slow step."""

from __future__ import annotations

from briefing.models import Article, IngestItem

OVERSIZE_CHOICES = ("cut", "skip")


def apply_size_limit(article: Article, max_chars: int, oversize: str) -> tuple[Article | IngestItem, str | None]:
    """(article, note) within the limit; an IngestItem "skipped" when the policy is skip."""
    size = max(len(article.text), int(article.metadata.get("original_chars", 0)))
    if max_chars <= 0 or size <= max_chars:
        return article, None
    if oversize == "skip":
        return IngestItem(
            status="skipped", origin=article.origin, article_id=article.id, title=article.title,
            reason=(f"text is {size:,} characters, over the limit of {max_chars:,} "
                    "(raise BRIEFING_MAX_ARTICLE_CHARS, or set BRIEFING_OVERSIZE=cut to keep its start)")), None
    text = cut_text(article.text, max_chars)
    note = (f"cut to its first {len(text):,} of {size:,} characters "
            "(BRIEFING_MAX_ARTICLE_CHARS; BRIEFING_OVERSIZE=skip leaves such items out)")
    metadata = {k: v for k, v in article.metadata.items() if k != "original_chars"}
    return article.model_copy(update={"text": text, "metadata": metadata}), note


def cut_text(text: str, max_chars: int) -> str:
    """The first max_chars characters, ending at a paragraph, sentence or word end when one is near."""
    head = text[:max_chars]
    floor = max_chars * 9 // 10  # never give up more than a tenth to land on a boundary
    for mark in ("\n", ". ", " "):
        at = head.rfind(mark, floor)
        if at > 0:
            return head[:at + (1 if mark == ". " else 0)].rstrip()
    return head

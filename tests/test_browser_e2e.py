"""End to end in headless Chromium: the served app answers the reference question with its citation."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from briefing.webapp import bench_browser as bb

# The README's picture is refreshed only on request, so a test run leaves the checkout as it was.
README_PICTURE = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "chat.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(bb.browser_unavailable() is not None, reason=bb.browser_unavailable() or ""),
    pytest.mark.skipif(not bb.REFERENCE.exists(), reason=f"reference article not found at {bb.REFERENCE}"),
]


def test_chat_in_the_browser_names_lavrov_and_rubio_and_shows_the_riyad_sentence(tmp_path):
    env = bb.app_env(tmp_path / "data", embedder="e5-small", llm="extractive")
    env.pop("OPENAI_API_KEY", None)
    bb.prepare_store(tmp_path / "data", [bb.REFERENCE], env)
    with bb.running_app(env) as url, bb.chromium_page(width=1280, height=1000) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        bb.wait_for_app(page, url)
        assert "extractive, offline" in page.locator('[data-testid="stSidebar"]').inner_text()
        timing = bb.ask(page, bb.QUESTION)
        answer = page.locator('[data-testid="stChatMessage"]').last
        text = answer.inner_text()
        assert "Lavrov" in text and "Rubio" in text, text
        highlights = [t for t in answer.locator("span").all_inner_texts() if "Riyad" in t and "Rubio" in t]
        assert highlights, "the cited Riyad sentence is not highlighted in its passage"
        assert re.search(r"Lavrov et le secr.taire d.Etat am.ricain Marco Rubio se sont rencontr.s", text)
        assert timing.first_token_s <= timing.full_answer_s
        assert not dialogs
        page.wait_for_timeout(500)  # let the typewriter cursor and layout settle before the picture
        picture = README_PICTURE if os.environ.get("BRIEFING_REFRESH_SCREENSHOTS") else tmp_path / "chat.png"
        picture.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(picture), full_page=True)
        assert picture.stat().st_size > 10_000  # a rendered page, not an empty frame

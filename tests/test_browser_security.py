"""In headless Chromium: article text is inert (no script runs, no dialog, no request it asks for), the
shared password guards the app, and no planted secret reaches the page or the server's log."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefing.testing.openai_server import OpenAIServer
from briefing.webapp import bench_browser as bb

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(bb.browser_unavailable() is not None, reason=bb.browser_unavailable() or ""),
]

KEY = "sk-planted-browser-0c5e8a17d2f4b9"
PASSWORD = "planted-browser-password-3a7d"
TOKEN = "planted-browser-chroma-token-58e2"


class _Pixel(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        _Pixel.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def pixel():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pixel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def hostile_text(pixel: str) -> str:
    return (f"Hostile harbour report. <script>alert('script')</script> The harbour of Tartous reopened on Monday. "
            f"<img src=\"{pixel}/img.png\" onerror=\"alert('onerror')\"> Officials in Tartous said ferries run again. "
            f"[click here](javascript:alert('link')) and ![tracker]({pixel}/md.png) for the Tartous timetable. "
            f"<a href=\"javascript:alert('anchor')\">Tartous</a> <iframe src=\"{pixel}/frame\"></iframe> "
            f"<svg onload=\"alert('svg')\"></svg> The Tartous port authority confirmed the reopening.")


def _store(tmp_path, pixel, env):
    source = tmp_path / "hostile.jsonl"
    record = {"id": "hostile", "title": f"Tartous <img src=x onerror=alert('title')> ![t]({pixel}/title.png)",
              "text": hostile_text(pixel), "published": "2025-03-10", "source": "evil <b>wire</b>",
              "url": "javascript:alert('url')"}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    bb.prepare_store(tmp_path / "data", [source], env)


def _env(tmp_path, **extra):
    env = bb.app_env(tmp_path / "data", embedder="fake", llm="extractive")
    env.update({"BRIEFING_APP_PASSWORD": PASSWORD, "OPENAI_API_KEY": KEY, "BRIEFING_CHROMA_TOKEN": TOKEN, **extra})
    return env


def _log_in(page, url):
    page.goto(url)
    box = page.locator('input[type="password"]')
    box.wait_for(timeout=90_000)
    box.fill("not the password")
    box.press("Enter")
    page.get_by_text("Wrong password").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stChatInputTextArea"]').count() == 0
    box = page.locator('input[type="password"]')
    box.fill(PASSWORD)
    box.press("Enter")
    page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stChatInputTextArea\"]').disabled",
                           timeout=90_000)


def _watch(page):
    seen = {"dialogs": [], "requests": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    return seen


def _no_secret(*texts):
    found = [s for s in (KEY, PASSWORD, TOKEN, KEY[3:]) for t in texts if s in t]
    assert not found, found


def test_hostile_article_is_inert_and_secrets_stay_out_of_the_page(tmp_path, pixel):
    env = _env(tmp_path)
    _store(tmp_path, pixel, env)
    logs: list[str] = []
    with bb.running_app(env, output_to=logs) as url, bb.chromium_page(width=1280, height=1000) as page:
        seen = _watch(page)
        _log_in(page, url)
        timing = bb.ask(page, "What happened in the harbour of Tartous?")
        assert "Tartous" in timing.answer
        answer_html = page.locator('[data-testid="stChatMessage"]').last.inner_html()
        # the payloads reached the page as text: shown, not run
        shown = page.locator('[data-testid="stChatMessage"]').last.inner_text()
        assert "alert(" in shown or "![t](" in shown, shown
        # in the same session (a fresh page load would ask for the password again)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Library").click()
        page.get_by_text("Stored articles").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)  # let the table and any (unwanted) image loads happen
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
        content = page.content()
    assert not seen["dialogs"], seen["dialogs"]
    assert not _Pixel.hits, _Pixel.hits
    assert not [r for r in seen["requests"] if r.startswith(pixel) or r.startswith("javascript:")]
    assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript:")], hrefs
    assert not any("alert(" in (s or "") for s in scripts)
    assert "<script>alert" not in answer_html and "onerror=\"alert" not in answer_html
    _no_secret(content, answer_html, *logs)


@pytest.mark.network
@pytest.mark.skipif(not bb.REFERENCE.exists(), reason=f"reference article not found at {bb.REFERENCE}")
def test_a_refused_key_shows_a_message_without_the_key(tmp_path):
    with OpenAIServer(replies=["unused"] * 5, api_key="sk-the-right-key-000000", models=("fake-model",)) as server:
        env = _env(tmp_path, BRIEFING_LLM="openai", BRIEFING_OPENAI_BASE_URL=server.base_url,
                   BRIEFING_CHAT_MODEL="fake-model")
        bb.prepare_store(tmp_path / "data", [bb.REFERENCE], env)
        logs: list[str] = []
        with bb.running_app(env, output_to=logs) as url, bb.chromium_page() as page:
            seen = _watch(page)
            _log_in(page, url)
            box = page.locator('[data-testid="stChatInputTextArea"]')
            box.fill("Who met in Riyadh?")
            box.press("Enter")
            # the refusal is shown as a message (or the answer falls back to extractive, saying so)
            page.wait_for_function("() => /OPENAI_API_KEY|extractive/i.test("
                                   "(document.querySelectorAll('[data-testid=\"stChatMessage\"]')[1] || {}).innerText || '')",
                                   timeout=120_000)
            page.wait_for_timeout(1000)
            content = page.content()
            text = page.locator("body").inner_text()
        assert server.requests, "the app never called the model server"
    assert not seen["dialogs"]
    _no_secret(content, text, *logs)

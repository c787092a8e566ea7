import re
from pathlib import Path

from briefing.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_env_example_lists_every_setting():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^BRIEFING_([A-Z0-9_]+)=", text, flags=re.M))
    fields = {name.upper() for name in Settings.model_fields}
    assert listed == fields, f"missing: {fields - listed}, stale: {listed - fields}"


def test_every_setting_is_described():
    for name, field in Settings.model_fields.items():
        assert field.description, f"Settings.{name} has no description"


def test_env_prefix_and_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BRIEFING_TOP_K", "3")
    s = Settings()
    assert s.data_dir == tmp_path and s.top_k == 3


def test_generation_mode_follows_key_or_base_url(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    assert Settings(llm="auto").generation_mode() == "extractive"
    assert Settings(llm="auto", openai_base_url="http://127.0.0.1:9/v1").generation_mode() == "openai"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert Settings(llm="auto").generation_mode() == "openai"


def test_secret_is_not_shown():
    s = Settings(openai_api_key="sk-very-secret")
    assert "sk-very-secret" not in repr(s) and "sk-very-secret" not in str(s.model_dump())

"""The real ChatOpenAI and openai clients against the local OpenAI-protocol server (loopback only)."""

from __future__ import annotations

import base64
import datetime as dt
import logging

import numpy as np
import pytest
from openai import OpenAI

from briefing.answer.llm_answer import SENTINEL, LLMAnswerer
from briefing.answer.rewrite import rewrite_followup
from briefing.embeddings.fake import FakeEmbedder
from briefing.llm import ChatModelError, build_chat_model
from briefing.models import Answer, Passage, Turn
from briefing.settings import Settings
from briefing.testing.openai_server import Failure, OpenAIServer

pytestmark = pytest.mark.network

RIYADH_FR = (
    "Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à Riyad, "
    "en Arabie saoudite, où ils ont convenu d'entamer des négociations pour mettre fin à la guerre en Ukraine."
)
KEY = "sk-test-correct-key-0123456789"
WRONG_KEY = "sk-wrong-SECRET-key-9876543210"


@pytest.fixture(autouse=True)
def no_real_keys(monkeypatch):
    # a real key in the environment must neither be used nor be able to leak into a test
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real-environment-key-must-not-be-used")
    for name in ("OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "BRIEFING_OPENAI_API_KEY",
                 "BRIEFING_OPENAI_BASE_URL", "BRIEFING_LLM", "BRIEFING_CHAT_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def passages() -> list[Passage]:
    return [
        Passage(chunk_id="mt:3", article_id="mt", text=RIYADH_FR, start=400, end=400 + len(RIYADH_FR),
                title="Lavrov et Rubio à Riyad", source="The Moscow Times", published=dt.date(2025, 2, 26),
                language="fr"),
        Passage(chunk_id="gv:0", article_id="gv", text="Des manifestants se sont rassemblés au Caire.",
                title="Egypte", source="Global Voices", published=dt.date(2011, 1, 25), language="fr"),
    ]


def chat_model(server: OpenAIServer, key: str = KEY):
    settings = Settings(_env_file=None, llm="openai", openai_api_key=key, openai_base_url=server.base_url,
                        chat_model="fake-model")
    return build_chat_model(settings, timeout=10, max_retries=0)


def test_streamed_answer_through_chat_openai_is_checked(passages):
    reply = "Sergei Lavrov and Marco Rubio met last week in Riyadh [1]. They also met Xi Jinping in Beijing [2]. Rubio left [5]."
    with OpenAIServer([reply], api_key=KEY) as server:
        answerer = LLMAnswerer(chat_model(server), base_url=server.base_url, secrets=[KEY])
        parts = list(answerer.stream("Who met in Riyadh?", passages, language="en"))
        [request] = server.chat_requests
    deltas, answer = parts[:-1], parts[-1]
    # shown sentence by sentence, each once checked: the unsupported ones never appear
    assert "".join(deltas) == answer.answer and "Beijing" not in "".join(deltas)
    assert request.json["stream"] is True and request.json["model"] == "fake-model"
    assert '<passage n="1">\n[1] Lavrov et Rubio à Riyad — The Moscow Times, 2025-02-26\n' + RIYADH_FR + "\n</passage>" in request.prompt
    assert "[2] Egypte — Global Voices, 2011-01-25" in request.prompt
    assert isinstance(answer, Answer) and not answer.abstained and answer.model == "fake-model"
    assert answer.answer == "Sergei Lavrov and Marco Rubio met last week in Riyadh [1]."
    assert [(c.n, c.article_id, c.quote, c.start) for c in answer.citations] == [(1, "mt", RIYADH_FR, 400)]
    assert any(f.startswith("[2] does not support") for f in answer.flagged)  # a passage about Cairo protests
    assert any("cited [5] but only 2 passages were given" in f for f in answer.flagged)


def test_a_local_server_is_sent_the_reply_limit_it_reads(passages):
    # llama.cpp's server ignores `max_completion_tokens` and writes on to its context window
    settings = Settings(_env_file=None, llm="openai", openai_base_url="", chat_model="fake-model", chat_max_tokens=77)
    with OpenAIServer(["Lavrov and Rubio met in Riyadh [1]."]) as server:
        model = build_chat_model(settings.model_copy(update={"openai_base_url": server.base_url}), max_retries=0)
        LLMAnswerer(model, base_url=server.base_url).answer("Who met in Riyadh?", passages, language="en")
        [request] = server.chat_requests
    assert request.json["max_tokens"] == 77


def test_sentinel_through_the_wire_abstains(passages):
    with OpenAIServer([SENTINEL]) as server:
        answer = LLMAnswerer(chat_model(server)).answer("Qui a gagné ?", passages, language="fr",
                                                        coverage="2 articles (2011–2025)")
    assert answer.abstained and answer.answer.startswith("Les articles enregistrés ne répondent pas")
    assert "2 articles (2011–2025)" in answer.answer


def test_non_streaming_invoke_and_reply_function():
    def reply(request: dict) -> str:
        return f"{len(request['messages'])} messages"

    with OpenAIServer(reply) as server:
        model = chat_model(server)
        assert model.invoke("hello").content == "1 messages"
        model.streaming = False
        assert model.invoke("hello").content == "1 messages"
        assert [bool(r.json.get("stream")) for r in server.chat_requests] == [True, False]


def test_wrong_key_gives_a_clear_error_without_the_key(passages, caplog):
    caplog.set_level(logging.DEBUG)
    with OpenAIServer(["never sent"], api_key=KEY) as server:
        answerer = LLMAnswerer(chat_model(server, key=WRONG_KEY), base_url=server.base_url, secrets=[WRONG_KEY])
        with pytest.raises(ChatModelError) as err:
            list(answerer.stream("Who met in Riyadh?", passages, language="en"))
        [request] = server.chat_requests
    assert err.value.kind == "auth" and err.value.status == 401
    assert "rejected the API key" in str(err.value) and "OPENAI_API_KEY" in str(err.value)
    assert WRONG_KEY not in str(err.value) and "SECRET" not in str(err.value)
    assert err.value.__cause__ is None and err.value.__suppress_context__
    assert WRONG_KEY not in caplog.text and "SECRET" not in caplog.text
    assert "authorization" not in {k.lower() for k in request.headers}  # the server records no keys either


def test_environment_key_is_not_what_is_sent():
    with OpenAIServer(["ok"], api_key=KEY) as server:
        assert chat_model(server).invoke("x").content == "ok"  # the settings' key, not OPENAI_API_KEY


@pytest.mark.parametrize(("failure", "kind"), [(Failure(429, "Rate limit reached"), "rate_limit"),
                                              (Failure(500, "boom"), "server"),
                                              (Failure(400, "context too long"), "bad_request")])
def test_server_failures_are_explained(passages, failure, kind):
    with OpenAIServer([failure]) as server:
        with pytest.raises(ChatModelError) as err:
            LLMAnswerer(chat_model(server), base_url=server.base_url).answer("Who?", passages, language="en")
        url = server.base_url
    assert err.value.kind == kind and url in str(err.value)


def test_unknown_model_and_unreachable_server_are_explained(passages):
    with OpenAIServer(["x"]) as server:
        settings = Settings(_env_file=None, llm="openai", openai_base_url=server.base_url, chat_model="gpt-nope")
        with pytest.raises(ChatModelError, match="'gpt-nope' was not found") as err:
            LLMAnswerer(build_chat_model(settings, max_retries=0)).answer("Who?", passages, language="en")
        assert err.value.kind == "not_found"
        url = server.base_url
    settings = Settings(_env_file=None, llm="openai", openai_base_url=url, chat_model="fake-model")
    with pytest.raises(ChatModelError, match="Could not reach") as err:
        LLMAnswerer(build_chat_model(settings, timeout=2, max_retries=0), base_url=url).answer(
            "Who?", passages, language="en")
    assert err.value.kind == "connection"


def test_models_and_embeddings_endpoints():
    with OpenAIServer() as server:
        client = OpenAI(api_key=KEY, base_url=server.base_url, max_retries=0)
        assert [m.id for m in client.models.list()] == ["fake-model"]
        texts = ["Lavrov met Rubio in Riyadh", "Rubio met Lavrov in Riyadh", "football results"]
        floats = client.embeddings.create(model="text-embedding-3-small", input=texts, encoding_format="float")
        vectors = np.array([d.embedding for d in floats.data], dtype=np.float32)
        assert np.allclose(vectors, FakeEmbedder().embed_passages(texts), atol=1e-6)
        assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
        raw = client.embeddings.with_raw_response.create(model="m", input="Lavrov", encoding_format="base64")
        encoded = raw.http_response.json()["data"][0]["embedding"]
        decoded = np.frombuffer(base64.b64decode(encoded), dtype="<f4")
        assert np.allclose(decoded, FakeEmbedder().embed_query("Lavrov"), atol=1e-6)


def test_model_rewrite_of_a_follow_up_goes_through_the_prompt():
    history = [Turn(role="user", content="Who met in Riyadh?"),
               Turn(role="assistant", content="Sergei Lavrov and Marco Rubio met in Riyadh [1].")]
    with OpenAIServer(["Standalone question: Where will Sergei Lavrov and Marco Rubio meet next?\n"]) as server:
        rewritten = rewrite_followup("And where will they meet next?", history, chat_model=chat_model(server))
        [request] = server.chat_requests
    assert rewritten == "Where will Sergei Lavrov and Marco Rubio meet next?"
    assert "Assistant: Sergei Lavrov and Marco Rubio met in Riyadh." in request.prompt  # markers stripped
    assert "Follow-up question: And where will they meet next?" in request.prompt


def test_model_rewrite_failure_falls_back_to_the_heuristic():
    history = [Turn(role="user", content="Who met in Riyadh?"),
               Turn(role="assistant", content="Sergei Lavrov and Marco Rubio met in Riyadh [1].")]
    with OpenAIServer([Failure(503, "overloaded")]) as server:
        rewritten = rewrite_followup("And where will they meet next?", history, chat_model=chat_model(server))
    assert "Lavrov" in rewritten and "Rubio" in rewritten and rewritten.startswith("And where will they meet next?")

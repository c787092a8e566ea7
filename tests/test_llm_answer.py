"""The LLM answering path with LangChain's fake chat models: prompt, streaming, checking, abstaining."""

from __future__ import annotations

import datetime as dt

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from briefing.answer.i18n import abstention, language_name, phrase
from briefing.answer.llm_answer import SENTINEL, LLMAnswerer, SentinelFilter, format_passages
from briefing.llm import ChatModelError, build_chat_model, load_prompt, render_prompt
from briefing.llm.prompts import prompts_dir
from briefing.models import Answer, Passage, Turn
from briefing.settings import Settings
from briefing.testing.fake_chat import quote_first_passage, scripted_chat_model

RIYADH_FR = (
    "Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à Riyad, "
    "en Arabie saoudite, où ils ont convenu d'entamer des négociations pour mettre fin à la guerre en Ukraine."
)
ISTANBUL_FR = "Sergueï Lavrov a déclaré que la prochaine réunion aurait lieu à Istanbul."
COVERAGE = "2 articles from The Moscow Times and Wikipedia, 2025-02-26 to 2025-06-14"


@pytest.fixture(autouse=True)
def no_real_keys(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "BRIEFING_OPENAI_API_KEY", "BRIEFING_OPENAI_BASE_URL",
                 "BRIEFING_LLM", "BRIEFING_CHAT_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def passages() -> list[Passage]:
    text = ISTANBUL_FR + " " + RIYADH_FR
    return [
        Passage(chunk_id="mt:0", article_id="mt", text=text, start=120, end=120 + len(text),
                title="Nouveaux pourparlers à Istanbul", source="The Moscow Times", published=dt.date(2025, 2, 26),
                language="fr"),
        Passage(chunk_id="wcep:0", article_id="wcep", text="Israel struck Iranian nuclear facilities on 13 June 2025.",
                title="Iran–Israel war", source="Wikipedia", published=dt.date(2025, 6, 14), language="en"),
    ]


def run(answerer: LLMAnswerer, question: str, passages, **kw) -> tuple[list[str], Answer]:
    parts = list(answerer.stream(question, passages, language=kw.pop("language", "en"), **kw))
    assert isinstance(parts[-1], Answer) and all(isinstance(p, str) for p in parts[:-1])
    return parts[:-1], parts[-1]


def test_prompt_numbers_passages_with_title_source_date_and_language(passages):
    model = scripted_chat_model(["Lavrov and Rubio met in Riyadh [1]."])
    answerer = LLMAnswerer(model, model_name="fake")
    run(answerer, "Qui s'est rencontré à Riyad ?", passages, language="fr")
    [call] = model.calls
    system, user = call
    assert isinstance(system, SystemMessage) and isinstance(user, HumanMessage)
    assert "French" in system.content and SENTINEL in system.content and "1 to 2" in system.content
    assert user.content.startswith("Passages:\n\n<passage n=\"1\">\n[1] Nouveaux pourparlers à Istanbul — The Moscow Times, 2025-02-26\n")
    assert "\n\n<passage n=\"2\">\n[2] Iran–Israel war — Wikipedia, 2025-06-14\nIsrael struck" in user.content
    assert user.content.rstrip().endswith("Question: Qui s'est rencontré à Riyad ?")


def test_streams_deltas_in_order_then_a_checked_answer(passages):
    reply = "Sergei Lavrov and Marco Rubio met last week in Riyadh [1]."
    answerer = LLMAnswerer(scripted_chat_model([reply]), model_name="fake-model")
    deltas, answer = run(answerer, "Who met in Riyadh?", passages)
    assert deltas and "".join(deltas) == reply  # shown once the sentence is complete and checked
    assert answer.answer == reply and not answer.abstained
    assert answer.mode == "llm" and answer.model == "fake-model" and answer.language == "en"
    [c] = answer.citations
    assert c.quote == RIYADH_FR and c.verified
    assert passages[0].text[c.start - passages[0].start:c.end - passages[0].start] == RIYADH_FR
    assert answer.passages == passages and "generate" in answer.timings


def test_hallucinated_and_unsupported_citations_are_dropped(passages):
    reply = ("Lavrov and Rubio met last week in Riyadh [1]. The next meeting is in Geneva [1]. "
             "Putin attended the talks [7].")
    answerer = LLMAnswerer(scripted_chat_model([reply]), model_name="fake")
    _, answer = run(answerer, "Who met?", passages)
    assert answer.answer == "Lavrov and Rubio met last week in Riyadh [1]."
    assert any("cited [7] but only 2 passages were given" in f for f in answer.flagged)
    assert any(f.startswith("[1] does not support") and "Geneva" in f for f in answer.flagged)


def test_sentinel_means_abstention_in_the_question_language_with_coverage(passages):
    answerer = LLMAnswerer(scripted_chat_model([SENTINEL]), model_name="fake")
    deltas, answer = run(answerer, "Qui a gagné la Coupe du monde ?", passages, language="fr", coverage=COVERAGE)
    assert deltas == []  # the sentinel never reaches the screen
    assert answer.abstained and answer.citations == []
    assert answer.answer == f"Les articles enregistrés ne répondent pas à cette question. Ils couvrent {COVERAGE}."


def test_sentinel_is_held_back_across_deltas():
    f = SentinelFilter()
    out = [f.feed(d) for d in ["NOT_", "IN_", "CORP", "US"]]
    assert "".join(out) == "" and f.saw_sentinel
    g = SentinelFilter()
    out = [g.feed(d) for d in ["Lavrov met Rubio [1]. NO", "T_IN_CORPUS", " for the date."]]
    assert "".join(out) == "Lavrov met Rubio [1].  for the date."
    h = SentinelFilter()
    assert "".join(h.feed(d) for d in ["NO", "TE: Lavrov"]) == "NOTE: Lavrov"


def test_partial_answer_with_sentinel_keeps_the_verified_part(passages):
    reply = "Lavrov and Rubio met last week in Riyadh [1].\nNOT_IN_CORPUS"
    _, answer = run(LLMAnswerer(scripted_chat_model([reply]), model_name="fake"), "Who met and why?", passages)
    assert not answer.abstained and answer.answer == "Lavrov and Rubio met last week in Riyadh [1]."


def test_answer_with_nothing_verifiable_is_not_shown(passages):
    reply = "Angela Merkel won the 2005 election [2]."
    _, answer = run(LLMAnswerer(scripted_chat_model([reply]), model_name="fake"), "Who won?", passages,
                    language="de", coverage=COVERAGE)
    assert answer.abstained and "Merkel" not in answer.answer
    assert answer.answer == phrase("unverifiable", "de")
    assert any("does not support" in f for f in answer.flagged)


def test_no_passages_abstains_without_calling_the_model():
    model = scripted_chat_model(["should not be used"])
    _, answer = run(LLMAnswerer(model, model_name="fake"), "Who met in Riyadh?", [], coverage="nothing yet")
    assert answer.abstained and model.calls == []
    assert answer.answer == "The stored articles do not answer this question. They cover nothing yet."


def test_history_is_passed_without_old_citation_numbers(passages):
    model = scripted_chat_model(["Lavrov said the next meeting would be in Istanbul [1]."])
    history = [Turn(role="user", content="Who met in Riyadh?"),
               Turn(role="assistant", content="Lavrov and Rubio met in Riyadh [1][2].")]
    _, answer = run(LLMAnswerer(model, model_name="fake"), "Where will they meet next?", passages, history=history)
    messages = model.calls[0]
    assert [type(m) for m in messages] == [SystemMessage, HumanMessage, AIMessage, HumanMessage]
    assert messages[2].content == "Lavrov and Rubio met in Riyadh."
    assert answer.citations[0].quote == ISTANBUL_FR


def test_model_errors_become_chat_model_errors(passages):
    class Broken:
        model_name = "broken"

        def stream(self, messages):
            raise ConnectionError("socket closed while using key sk-abcdef1234567890")
            yield  # pragma: no cover

    with pytest.raises(ChatModelError) as err:
        list(LLMAnswerer(Broken()).stream("Who?", passages, language="en"))
    assert "sk-abcdef1234567890" not in str(err.value) and "ConnectionError" in str(err.value)


def test_fake_mode_builds_a_quoting_model_and_the_whole_path_checks_out(passages):
    settings = Settings(_env_file=None, llm="fake")
    model = build_chat_model(settings)
    _, answer = run(LLMAnswerer(model), "Who said where the next meeting is?", passages)
    assert answer.citations and answer.citations[0].quote == ISTANBUL_FR
    scripted = build_chat_model(settings, replies=["one", "two"])
    assert [scripted.invoke("x").content, scripted.invoke("y").content] == ["one", "two"]
    with pytest.raises(RuntimeError, match="no reply left"):
        scripted.invoke("z")


def test_quote_first_passage_abstains_without_passages():
    assert quote_first_passage([HumanMessage(content="Passages:\n\n\n\nQuestion: who?")]) == SENTINEL


def test_build_chat_model_modes():
    assert build_chat_model(Settings(_env_file=None, llm="extractive")) is None
    with pytest.raises(ChatModelError, match="OPENAI_API_KEY"):
        build_chat_model(Settings(_env_file=None, llm="openai"))
    with pytest.raises(ChatModelError, match="BRIEFING_LLM"):
        build_chat_model(Settings(_env_file=None, llm="gpt"))
    local = build_chat_model(Settings(_env_file=None, llm="auto", openai_base_url="http://127.0.0.1:1/v1",
                                      chat_model="llama3", temperature=0.2), timeout=5, max_retries=0)
    assert (local.model_name, local.openai_api_base, local.temperature, local.streaming) == (
        "llama3", "http://127.0.0.1:1/v1", 0.2, True)
    assert (local.request_timeout, local.max_retries) == (5, 0)


def test_env_key_does_not_leak_into_a_fake_or_extractive_run(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-environment-0000")
    assert Settings(_env_file=None, llm="extractive").generation_mode() == "extractive"
    assert build_chat_model(Settings(_env_file=None, llm="fake")).model_name == "fake-quoting"


def test_prompts_are_files_loaded_by_name():
    assert prompts_dir().name == "prompts" and (prompts_dir() / "answer.md").is_file()
    assert "{sentinel}" in load_prompt("answer") and "{question}" in load_prompt("rewrite")
    with pytest.raises(FileNotFoundError, match="available: .*answer"):
        load_prompt("no_such_prompt")
    with pytest.raises(ValueError, match="not valid"):
        load_prompt("../secrets")
    assert render_prompt("JSON {\"a\": 1} for {name}", name="x") == "JSON {\"a\": 1} for x"
    with pytest.raises(KeyError, match="name"):
        render_prompt("hello {name}")


def test_format_passages_collapses_whitespace(passages):
    text = format_passages([passages[1].model_copy(update={"text": "a\n\n b   c"})])
    assert text == '<passage n="1">\n[1] Iran–Israel war — Wikipedia, 2025-06-14\na b c\n</passage>'


def test_an_undated_passage_is_labelled_without_its_placeholder_date(passages):
    from briefing.store.chroma_store import passage_from_record

    meta = {"article_id": "piaf-071-00", "title": "Cachemiris", "source": "passages", "published": "2000-01-01",
            "published_from": "ingest", "language": "fr"}
    undated = passage_from_record("piaf-071-00:0", "L'islam est arrivé dans le Cachemire en 1320.", meta)
    assert not undated.dated
    assert format_passages([undated]).split("\n")[1] == "[1] Cachemiris — passages"
    dated = passage_from_record("x:0", "text", {**meta, "published_from": "metadata"})
    assert format_passages([dated]).split("\n")[1] == "[1] Cachemiris — passages, 2000-01-01"


def test_i18n_phrases_fall_back_to_english():
    assert phrase("unverified", "fr") == "[non vérifié]"
    assert phrase("unverified", "fr-CA") == "[non vérifié]"
    assert phrase("unverified", "ja") == "[unverified]"
    assert phrase("extractive", "es").startswith("Respuesta extractiva")
    assert abstention("de", "3 Artikel") == "Die gespeicherten Artikel beantworten diese Frage nicht. Sie behandeln 3 Artikel."
    assert abstention("en") == "The stored articles do not answer this question."
    assert language_name("fr") == "French" and language_name("xx") == "xx"
    with pytest.raises(KeyError, match="known"):
        phrase("nope", "en")

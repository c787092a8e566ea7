"""Actors: folding, junk filter, roles, statements, identity resolution, chat helpers — no model loaded."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.actors.chat import boost_passages
from briefing.actors.eval_ner import scores
from briefing.actors.extract import extract_article, fallback_entities
from briefing.actors.folding import first_names_compatible, name_key, person_parts, phonetic_key, strip_title
from briefing.actors.gazetteer import Gazetteer
from briefing.actors.identity import MentionRow, resolve
from briefing.actors.junk import junk_reason
from briefing.actors.models import Actor, RawEntity
from briefing.actors.roles import role_after, role_before
from briefing.models import Passage


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


@pytest.mark.parametrize("a, b", [
    ("Sergueï Lavrov", "Sergei Lavrov"), ("Sergueï Lavrov", "Сергей Лавров"), ("Vladimir Poutine", "Vladimir Putin"),
    ("Bachar al-Assad", "Bashar el-Assad"), ("Hosni Moubarak", "Hosni Mubarak"), ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Benyamin Netanyahou", "Benjamin Netanyahu"),
])
def test_transliterations_share_a_surname_key(a, b):
    (fa, sa), (fb, sb) = person_parts(a), person_parts(b)
    assert sa == sb
    assert first_names_compatible(fa, fb)


def test_titles_are_stripped_and_the_name_keeps_its_text():
    assert strip_title("M. Lavrov") == ("M.", "Lavrov")
    assert strip_title("le président américain Donald Trump") == ("le président américain", "Donald Trump")
    assert strip_title("Président Hosni Moubarak")[1] == "Hosni Moubarak"
    assert strip_title("Lavrov") == ("", "Lavrov")
    assert name_key("Trump's") == "trump"
    assert phonetic_key("M. Lavrov") == phonetic_key("Lavrov")


def test_different_people_stay_apart():
    assert not first_names_compatible(["donald"], ["melania"])
    assert first_names_compatible(["d"], ["donald"])


@pytest.mark.parametrize("span, reason", [
    ("Chers lecteurs", "salutation"), ("Dear readers", "salutation"),
    ("ministre russe des Affaires étrangères", "role phrase"), ("Votre", "function words"), ("Etat", "generic noun"),
])
def test_junk_is_rejected_with_a_reason(span, reason):
    assert junk_reason(span) == reason


@pytest.mark.parametrize("span", ["Lavrov", "Moscow Times", "Le Caire", "Ben Ali", "Arabie saoudite", "Al Jazeera"])
def test_names_pass_the_junk_filter(span):
    assert junk_reason(span) is None


def test_gazetteer_joins_languages(gazetteer):
    assert gazetteer.lookup("Arabie saoudite").id == gazetteer.lookup("Saudi Arabia").id == "country:SA"
    assert gazetteer.lookup("Moscou").id == gazetteer.lookup("Moscow").id == gazetteer.lookup("Москва").id
    assert gazetteer.lookup("Riyad").name == "Riyadh"
    assert gazetteer.lookup("Tunis").name == "Tunis" and gazetteer.lookup("Tunisie").name == "Tunisia"
    assert gazetteer.lookup("ONU").id == gazetteer.lookup("UN").id
    assert gazetteer.lookup("us") is None  # acronyms only in capitals
    assert gazetteer.lookup("Etat") is None
    assert "CLDR" in gazetteer.source


@pytest.mark.parametrize("sentence, name, role", [
    ("a déclaré mercredi le ministre russe des Affaires étrangères Sergueï Lavrov.", "Sergueï", "ministre russe des Affaires étrangères"),
    ("Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés", "Marco", "secrétaire d'Etat américain"),
    ("Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio.", "Marco", "U.S. Secretary of State"),
    ("Russian Foreign Minister Sergei Lavrov met Marco Rubio.", "Sergei", "Russian Foreign Minister"),
    ("The minister said that Joe Biden would go", "Joe", None),
])
def test_role_before_a_name(sentence, name, role):
    assert role_before(sentence, sentence.index(name)) == role


def test_appositive_role():
    s = "Sergei Lavrov, Russia's foreign minister, said on Monday"
    assert role_after(s, len("Sergei Lavrov")) == "Russia's foreign minister"
    assert role_after("Marco Rubio, who met him, said", len("Marco Rubio")) is None


def _ents(text: str, spans: list[tuple[str, str]]) -> list[RawEntity]:
    out, pos = [], 0
    for surface, label in spans:
        i = text.index(surface, pos)
        out.append(RawEntity(text=surface, label=label, start=i, end=i + len(surface)))
        pos = i + 1
    return out


def test_extraction_gives_roles_statements_and_meetings(gazetteer):
    text = ("Le ministre Sergueï Lavrov est arrivé.\n"
            "\"Une telle réunion aura lieu demain à Istanbul, je pense\", a déclaré M. Lavrov lors d'une visite au Qatar.\n"
            "Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à Riyad, "
            "en Arabie saoudite, pour parler de la guerre en Ukraine.\nChers lecteurs, soutenez-nous.")
    ents = _ents(text, [("ministre Sergueï Lavrov", "PER"), ("Istanbul", "LOC"), ("M. Lavrov", "PER"), ("Qatar", "LOC"),
                        ("Lavrov", "PER"), ("Etat", "LOC"), ("Marco Rubio", "PER"), ("Riyad", "LOC"),
                        ("Arabie saoudite", "LOC"), ("Ukraine", "LOC"), ("Chers lecteurs", "PER")])
    found = extract_article("a", text, "fr", ents, gazetteer=gazetteer)
    surfaces = [m.surface for m in found.mentions]
    assert "Chers lecteurs" not in surfaces and "Etat" not in surfaces
    assert surfaces.count("Lavrov") == 2 and "Sergueï Lavrov" in surfaces
    rubio = next(m for m in found.mentions if m.surface == "Marco Rubio")
    assert rubio.role == "secrétaire d'Etat américain"
    assert next(m for m in found.mentions if m.surface == "Sergueï Lavrov").role == "ministre"
    [quote] = found.statements
    assert text[quote.speaker:quote.speaker + 6] == "Lavrov" and quote.text.startswith("Une telle réunion")
    [meeting] = found.meetings
    assert [text[p:p + 6] for p in meeting.participants] == ["Lavrov", "Marco "]
    assert [text[p:p + 5] for p in meeting.places] == ["Riyad", "Arabi"]  # not Ukraine
    assert meeting.when == "la semaine dernière"


def test_fallback_finds_gazetteer_names_known_names_and_titled_people(gazetteer):
    text = "Präsident Wladimir Putin traf Lawrow in Moskau. Die Vereinte Nationen und Saudi-Arabien."
    got = {(e.text, e.label) for e in fallback_entities(text, gazetteer=gazetteer, known={"lawrow": "person"})}
    assert got == {("Wladimir Putin", "PER"), ("Lawrow", "PER"), ("Moskau", "LOC"), ("Vereinte Nationen", "ORG"),
                   ("Saudi-Arabien", "LOC")}


def test_identity_resolution_across_spellings_titles_and_languages(gazetteer):
    rows = [MentionRow("a", 0, "Sergueï Lavrov", "person", "ministre"), MentionRow("a", 10, "Lavrov", "person"),
            MentionRow("b", 0, "Sergei Lavrov", "person"), MentionRow("c", 5, "Lavrov", "org"),
            MentionRow("a", 30, "Arabie saoudite", "place"), MentionRow("b", 30, "Saudi Arabia", "place"),
            MentionRow("a", 40, "Moscou", "place"), MentionRow("b", 40, "Moscow", "place"),
            MentionRow("c", 1, "Mouammar Kadhafi", "person"), MentionRow("d", 1, "Muammar Gaddafi", "person"),
            MentionRow("d", 9, "Gaddafi", "person"),
            MentionRow("e", 9, "Trump", "person"), MentionRow("f", 9, "Donald Trump", "person"),
            MentionRow("f", 20, "Melania Trump", "person"), MentionRow("f", 30, "Donald Trump", "person")]
    res = resolve(rows, gazetteer)
    of = res.actor_of
    assert of[("a", 0)] == of[("a", 10)] == of[("b", 0)] == of[("c", 5)]
    assert res.actors[of[("a", 0)]].role == "ministre" and res.actors[of[("a", 0)]].type == "person"
    assert of[("a", 30)] == of[("b", 30)] == "place:saudi-arabia"
    assert of[("a", 40)] == of[("b", 40)] == "place:moscow"
    assert of[("c", 1)] == of[("d", 1)] == of[("d", 9)]
    assert of[("e", 9)] == of[("f", 9)] != of[("f", 20)]
    assert len(res.actors) == 6


def test_boost_passages_puts_actor_passages_first():
    lavrov = Actor(id="person:sergei-lavrov", name="Sergueï Lavrov", type="person", aliases=["Lavrov", "Sergueï Lavrov"])
    ps = [Passage(chunk_id=f"c{i}", article_id="a", text=t, score=s) for i, (t, s) in enumerate(
        [("Trump a parlé.", 2.0), ("M. Lavrov a parlé d'Istanbul.", 1.8), ("Sergei Lavrov said.", 0.1)])]
    out = boost_passages(ps, [lavrov])
    assert [p.chunk_id for p in out] == ["c1", "c0", "c2"]
    assert out[0].score > 1.8
    assert boost_passages(ps, []) == ps


def test_ner_scores_per_type():
    gold = [{(0, 5, "PER"), (10, 15, "LOC")}]
    pred = [{(0, 5, "PER"), (10, 14, "LOC"), (20, 25, "ORG")}]
    s = scores(gold, pred)
    assert s["PER"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert s["LOC"]["tp"] == 0 and s["LOC"]["fn"] == 1 and s["ORG"]["fp"] == 1
    assert s["micro"]["precision"] == pytest.approx(1 / 3, abs=1e-4)


def test_lone_given_name_and_lone_surname_typing(gazetteer):
    rows = [MentionRow("a", 0, "Bachar al-Assad", "person"), MentionRow("b", 0, "Bashar al-Assad", "person"),
            MentionRow("c", 0, "Bachar", "place"), MentionRow("d", 0, "Assad", "org"),
            MentionRow("e", 0, "Mohamed Morsi", "person"), MentionRow("e", 9, "Mohamed Morsi", "person"),
            MentionRow("f", 0, "Mohamed ElBaradei", "person"), MentionRow("f", 9, "Mohamed ElBaradei", "person"),
            MentionRow("g", 0, "Mohamed", "person")]
    res = resolve(rows, gazetteer)
    assassad = res.actor_of[("a", 0)]
    assert res.actor_of[("b", 0)] == res.actor_of[("c", 0)] == res.actor_of[("d", 0)] == assassad
    assert res.actors[assassad].type == "person"
    assert res.actor_of[("g", 0)] not in (res.actor_of[("e", 0)], res.actor_of[("f", 0)])


def test_place_spans_keep_determiners_that_belong_to_the_name(gazetteer):
    from briefing.actors.extract import clean_span

    for raw, kept in [("au Caire", "Caire"), ("Le Caire", "Le Caire"), ("la Russie", "Russie"), ("l'Ukraine", "Ukraine")]:
        s, e = clean_span(raw, 0, len(raw), person=False, gazetteer=gazetteer)
        assert raw[s:e] == kept
    assert gazetteer.lookup("Caire").id == gazetteer.lookup("Le Caire").id

"""The citation contract: markers parsed, checked against the given passages, quotes located."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.citations import (
    best_support,
    check_citations,
    embedding_similarity,
    find_markers,
    lexical_support,
    terms,
)
from briefing.models import Passage

RIYADH_FR = (
    "Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à Riyad, "
    "en Arabie saoudite, où ils ont convenu d'entamer des négociations pour mettre fin à la guerre en Ukraine."
)
ISTANBUL_FR = (
    "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a déclaré mercredi 26 février que la prochaine "
    "réunion aurait lieu à Istanbul."
)
ARTICLE = (
    "La Russie et les Etats-Unis tiendront de nouveaux pourparlers à Istanbul\n"
    "Moscou, 26 février. " + ISTANBUL_FR + " " + RIYADH_FR + " Ce fut la première rencontre depuis 2022."
)
IRAN_EN = "Israel struck Iranian nuclear facilities on 13 June 2025. The strikes killed several senior commanders."


def _passage_of_article(chunk_start: int) -> Passage:
    return Passage(
        chunk_id="mt-fr:1", article_id="mt-fr", index=1, text=ARTICLE[chunk_start:], start=chunk_start,
        end=len(ARTICLE), title="La Russie et les Etats-Unis tiendront de nouveaux pourparlers à Istanbul",
        source="The Moscow Times", published=dt.date(2025, 2, 26), url="https://www.moscowtimes.ru/fr/x",
        language="fr",
    )


@pytest.fixture
def moscow() -> Passage:
    return _passage_of_article(ARTICLE.index("Moscou"))


@pytest.fixture
def iran() -> Passage:
    return Passage(chunk_id="wcep:0", article_id="wcep", text=IRAN_EN, title="Iran–Israel war", source="Wikipedia",
                   published=dt.date(2025, 6, 14), language="en")


def test_valid_citation_quotes_the_supporting_sentence_with_article_offsets(moscow):
    result = check_citations("Sergei Lavrov and Marco Rubio met last week in Riyadh [1].", [moscow])
    assert result.flagged == []
    assert result.text == "Sergei Lavrov and Marco Rubio met last week in Riyadh [1]."
    [c] = result.citations
    assert c.n == 1 and c.verified
    assert c.quote == RIYADH_FR
    assert ARTICLE[c.start:c.end] == c.quote  # offsets are into the article, not the passage
    assert c.start == ARTICLE.index(RIYADH_FR)
    assert (c.article_id, c.chunk_id, c.source, c.published) == ("mt-fr", "mt-fr:1", "The Moscow Times",
                                                                dt.date(2025, 2, 26))


def test_english_claim_citing_french_passage_finds_the_right_sentence(moscow):
    result = check_citations(
        "Lavrov said the next meeting would take place in Istanbul [1]. "
        "Lavrov and Rubio agreed to start negotiations to end the war in Ukraine [1].",
        [moscow],
    )
    assert result.flagged == []
    quotes = [c.quote for c in result.citations]
    assert quotes == [ISTANBUL_FR, RIYADH_FR]  # two claims, two quotes: two numbers
    assert result.text.endswith("in Istanbul [1]. Lavrov and Rubio agreed to start negotiations to end the war in Ukraine [2].")


def test_out_of_range_citation_is_caught_and_its_claim_dropped(moscow, iran):
    result = check_citations("Lavrov met Rubio in Riyadh [9]. Israel struck Iran on 13 June [2].", [moscow, iran])
    assert "Riyadh" not in result.text
    assert result.text == "Israel struck Iran on 13 June [1]."
    assert any("cited [9] but only 2 passages were given" in f for f in result.flagged)
    assert [c.article_id for c in result.citations] == ["wcep"]


def test_citation_with_no_passages_given():
    result = check_citations("Lavrov met Rubio in Riyadh [1].", [])
    assert result.text == ""
    assert result.citations == []
    assert "no passages were given" in result.flagged[0]


@pytest.mark.parametrize("marker", ["[1a]", "[x1]", "[1.5]", "[1-]", "[,2]", "[1-2000]", "[passage one 1]"])
def test_malformed_markers_are_removed_and_reported(moscow, marker):
    result = check_citations(f"Lavrov and Rubio met last week in Riyadh {marker}.", [moscow])
    assert marker not in result.text
    assert any("malformed citation marker" in f and marker in f for f in result.flagged)
    assert result.citations == []


def test_unclosed_marker_at_end_of_text_is_malformed(moscow):
    result = check_citations("Lavrov and Rubio met last week in Riyadh [1]. They talked about Ukraine [1", [moscow])
    assert "[1\n" not in result.text and not result.text.endswith("[1")
    assert any("malformed" in f for f in result.flagged)


def test_brackets_that_are_not_citations_are_left_alone(moscow):
    result = check_citations("Lavrov [sic] met Rubio last week in Riyadh [1].", [moscow])
    assert "[sic]" in result.text
    assert result.flagged == []


def test_unsupported_claim_is_dropped_with_reason(moscow):
    result = check_citations(
        "Lavrov and Rubio met in Riyadh [1]. Lavrov and Rubio then met in Geneva to discuss Gaza [1].", [moscow]
    )
    assert "Geneva" not in result.text
    assert result.text == "Lavrov and Rubio met in Riyadh [1]."
    assert any(f.startswith("[1] does not support") and "Geneva" in f for f in result.flagged)
    assert [c.kept for c in result.claims] == [True, False]


def test_unsupported_claim_kept_and_visibly_flagged_when_asked(moscow):
    result = check_citations("Lavrov and Rubio then met in Geneva to discuss Gaza [1].", [moscow],
                             unsupported="flag", unverified_label="[non vérifié]")
    assert "Geneva" in result.text and "[non vérifié]" in result.text
    assert [c.verified for c in result.citations] == [False]


def test_wrong_number_vetoes_support(moscow):
    result = check_citations("It was their first meeting since 2021 [1].", [moscow])
    assert result.citations == []
    assert "2021" in result.flagged[0]
    ok = check_citations("It was their first meeting since 2022 [1].", [moscow])
    assert ok.citations and ok.citations[0].quote == "Ce fut la première rencontre depuis 2022."


def test_dense_renumbering_in_order_of_first_use(moscow, iran):
    passages = [iran, iran.model_copy(update={"chunk_id": "other", "text": "Unrelated text about football."}), moscow]
    result = check_citations(
        "Lavrov and Rubio met last week in Riyadh [3]. Israel struck Iranian nuclear facilities [1]. "
        "The next meeting is in Istanbul, Lavrov said [3].",
        passages,
    )
    assert result.flagged == []
    assert result.text == (
        "Lavrov and Rubio met last week in Riyadh [1]. Israel struck Iranian nuclear facilities [2]. "
        "The next meeting is in Istanbul, Lavrov said [3]."
    )
    assert [(c.n, c.article_id) for c in result.citations] == [(1, "mt-fr"), (2, "wcep"), (3, "mt-fr")]


def test_grouped_and_range_markers_keep_only_supporting_passages(moscow, iran):
    for marker in ("[1, 2]", "[1][2]", "[1-2]", "[1] [2]", "[1; 2]"):
        result = check_citations(f"Israel struck Iranian nuclear facilities on 13 June {marker}.", [iran, moscow])
        assert result.text == "Israel struck Iranian nuclear facilities on 13 June [1].", marker
        assert any(f.startswith("[2] does not support") for f in result.flagged)
        assert result.claims[0].cited == [1, 2] and result.claims[0].supported == [1]


def test_marker_after_the_full_stop_belongs_to_that_sentence(moscow):
    result = check_citations("Lavrov and Rubio met last week in Riyadh. [1] The talks were about Ukraine.", [moscow])
    assert result.text.startswith("Lavrov and Rubio met last week in Riyadh [1].")


def test_clause_level_claims_in_one_sentence(moscow, iran):
    result = check_citations(
        "Israel struck Iranian nuclear facilities [1], while Lavrov and Rubio met in Riyadh [2].", [iran, moscow]
    )
    assert result.flagged == []
    assert [c.article_id for c in result.citations] == ["wcep", "mt-fr"]


def test_uncited_factual_sentence_is_flagged_not_silently_shown(moscow):
    result = check_citations("Lavrov and Rubio met last week in Riyadh [1]. Putin will visit Washington in May.",
                             [moscow])
    assert "Putin will visit Washington in May [unverified]." in result.text
    assert any(f.startswith("not cited") and "Putin" in f for f in result.flagged)
    quiet = check_citations("Lavrov and Rubio met last week in Riyadh [1]. Putin will visit Washington in May.",
                            [moscow], flag_uncited=False)
    assert "[unverified]" not in quiet.text


def test_non_factual_uncited_sentences_are_not_flagged(moscow):
    result = check_citations("Here is what the articles say: Lavrov and Rubio met last week in Riyadh [1]. "
                             "The passages do not say what Rubio proposed.", [moscow])
    assert result.flagged == []


def test_terms_weight_names_numbers_and_months():
    kinds = {t.folded: t.kind for t in terms("On 26 February Lavrov met Rubio, the Foreign Minister, in 2025.")}
    assert kinds["26"] == "number" and kinds["2025"] == "number"
    assert kinds["month2"] == "date"
    assert kinds["lavrov"] == "name" and kinds["rubio"] == "name"
    assert "minister" not in {k for k, v in kinds.items() if v == "name"}
    # the same date in French folds to the same terms
    fr = {t.folded for t in terms("le 26 février 2025", "fr")}
    assert {"26", "month2", "2025"} <= fr


def test_lexical_support_is_graded():
    evidence = terms(RIYADH_FR, "fr")
    good = lexical_support(terms("Lavrov and Rubio met in Riyadh"), evidence, langs=("en", "fr"))
    bad = lexical_support(terms("Macron and Scholz met in Berlin"), evidence, langs=("en", "fr"))
    assert good > 0.5 > bad


def test_similarity_callback_rescues_a_paraphrase(moscow):
    claim = "The two diplomats agreed to begin talks"  # no name, no shared word with the French
    assert check_citations(f"{claim} [1].", [moscow]).citations == []
    calls = []

    def similarity(a: str, b: str) -> float:
        calls.append((a, b))
        return 0.9 if b == RIYADH_FR else 0.1

    result = check_citations(f"{claim} [1].", [moscow], similarity=similarity)
    assert [c.quote for c in result.citations] == [RIYADH_FR]
    assert calls  # only consulted because the words fell short


def test_embedding_similarity_rescales_and_caches():
    class Counting:
        def __init__(self):
            from briefing.embeddings.fake import FakeEmbedder

            self.inner, self.calls = FakeEmbedder(), 0

        def embed_query(self, text):
            self.calls += 1
            return self.inner.embed_query(text)

        def embed_passages(self, texts):
            self.calls += 1
            return self.inner.embed_passages(texts)

    emb = Counting()
    sim = embedding_similarity(emb, floor=0.0, ceiling=1.0)
    same = sim("Lavrov met Rubio", "Lavrov met Rubio")
    assert same == pytest.approx(1.0, abs=1e-5)
    assert 0.0 <= sim("Lavrov met Rubio", "football scores") < 0.5
    assert emb.calls == 3  # the claim was embedded once


def test_best_support_prefers_single_sentence(moscow):
    support = best_support("Lavrov and Rubio met in Riyadh", moscow)
    assert support is not None and support.quote(moscow) == RIYADH_FR


def test_find_markers_positions():
    text = "A [1], B [2-3] and C [x] and D [1a]"
    markers = find_markers(text)
    assert [(m.raw, m.numbers, m.malformed) for m in markers] == [
        ("[1]", [1], False), ("[2-3]", [2, 3], False), ("[1a]", [], True),
    ]
    assert all(text[m.start:m.end] == m.raw for m in markers)


def test_similarity_cannot_rescue_a_claim_with_a_name_the_passage_lacks(moscow):
    result = check_citations("Lavrov and Rubio met in Geneva to discuss Gaza [1].", [moscow],
                             similarity=lambda a, b: 1.0)
    assert result.citations == [] and "Geneva" not in result.text


def test_similarity_cannot_rescue_a_wrong_number(moscow):
    result = check_citations("They first met in 2019 [1].", [moscow], similarity=lambda a, b: 1.0)
    assert result.citations == []


# ---------------------------------------------------------------------------------------------
# Label echoes: the prompt shows each passage under `title — source, date`; repeating it is no claim

CACHEMIRE = Passage(
    chunk_id="piaf-071-00:0", article_id="piaf-071-00", index=0, start=0, end=178, title="Cachemiris",
    source="passages", published=dt.date(2000, 1, 1), language="fr",
    text="L'islam est arrivé dans le Cachemire en 1320 avec la conversion du chef bouddhiste Rinchan auprès du "
         "missionnaire Sayyid Bilal Shah. Après sa conversion, il change de nom pour Malik Sadur-ud-Din, devenant "
         "le premier souverain musulman du Cachemire.",
)
POLONIA_DE = Passage(
    chunk_id="xq-01-01-de:0", article_id="xq-01-01-de", index=0, start=0, end=300, title="Warsaw",
    source="passages", published=dt.date(2000, 1, 1), language="de",
    text="Ihre lokalen Rivalen, Polonia Warschau, haben deutlich weniger Anhänger. Dennoch gelang es ihnen, die "
         "Ekstraklasa-Meisterschaft im Jahr 2000 zu gewinnen. Das Heimstadion Polonias befindet sich in der "
         "Konwiktorska-Straße, zehn Gehminuten nördlich der Altstadt.",
)


def test_an_echo_of_the_passage_label_is_not_a_claim():
    question = "Quand l'islam est-il arrivé dans le Cachemire ?"
    check = check_citations("Cachemiris — passages, 2000-01-01 [1]", [CACHEMIRE], claim_language="fr",
                            question=question)
    assert not check.verified and check.claims[0].supported == [] and not check.claims[0].kept
    assert any("label" in f for f in check.flagged)
    # the date's numbers are free evidence (they are the passage's date) and the title is in the text:
    # without the label taken out, every word of the echo is "supported"
    assert best_support("Cachemiris — passages, 2000-01-01", CACHEMIRE, claim_language="fr") is None


def test_a_title_source_date_echo_of_a_real_article_is_not_a_claim():
    passage = _passage_of_article(0)
    echo = f"{passage.title} — {passage.source}, {passage.published.isoformat()} [1]"
    check = check_citations(echo, [passage], claim_language="fr")
    assert not check.verified and check.text == ""
    # a wrong date in the echo is no better
    assert not check_citations("Jean Stablinski — passages, 2001-01-01 [1]", [CACHEMIRE],
                               claim_language="fr").verified


def test_a_claim_that_only_restates_the_question_is_not_a_claim():
    question = "Quand l'islam est-il arrivé dans le Cachemire ?"
    check = check_citations("L'islam est arrivé dans le Cachemire [1].", [CACHEMIRE], claim_language="fr",
                            question=question)
    assert not check.verified
    # without the question the same words are supported: the passage does say them
    assert check_citations("L'islam est arrivé dans le Cachemire [1].", [CACHEMIRE], claim_language="fr").verified
    # the answer to it is
    assert check_citations("L'islam est arrivé dans le Cachemire en 1320 [1].", [CACHEMIRE], claim_language="fr",
                           question=question).verified


def test_a_genuine_claim_holding_the_title_word_still_verifies():
    from briefing.citations import claim_content

    # "Cachemire" is the title's word ("Cachemiris"); said in a claim, not in an echo of the label, it counts
    claim = "L'islam est arrivé dans le Cachemire en 1320 [1]."
    question = "Quelle religion est arrivée en 1320 ?"
    assert "cachemire" in {t.folded for t in claim_content(claim, CACHEMIRE, question=question, claim_language="fr")}
    check = check_citations(claim, [CACHEMIRE], claim_language="fr", question=question)
    assert check.verified and check.citations[0].quote.startswith("L'islam est arrivé dans le Cachemire en 1320")
    # the answer may be the title's word itself
    check = check_citations("Lavrov a déclaré que la prochaine réunion aurait lieu à Istanbul [1].",
                            [_passage_of_article(0)], claim_language="fr",
                            question="Où aura lieu la prochaine réunion ?")
    assert check.verified and "Istanbul" in check.citations[0].quote
    check = check_citations("Die Ekstraklasa-Meisterschaft gewann 2000 Polonia Warschau [1].", [POLONIA_DE],
                            claim_language="de", question="Wer gewann die Ekstraklasa-Meisterschaft im Jahr 2000?")
    assert check.verified


def test_a_short_title_alone_is_an_echo_a_headline_is_a_claim():
    assert not check_citations("Cachemiris [1].", [CACHEMIRE], claim_language="fr").verified
    headline = Passage(chunk_id="h:0", article_id="h", text="Lavrov and Rubio met in Riyadh. They agreed to talk again.",
                       title="Lavrov and Rubio met in Riyadh", source="Reuters", published=dt.date(2025, 2, 18))
    assert check_citations("Lavrov and Rubio met in Riyadh [1].", [headline], question="Who met?").verified


def test_an_undated_passage_lends_no_date_numbers():
    undated = CACHEMIRE.model_copy(update={"dated": False})
    # the placeholder day (2000-01-01) is no evidence for a year the text does not state
    assert not check_citations("Rinchan se convertit en 2000 [1].", [undated], claim_language="fr").verified
    assert check_citations("Rinchan se convertit en 1320 [1].", [undated], claim_language="fr").verified

"""Reading a question before retrieval: time scope, kind, actors, impossible dates."""

import datetime as dt

import pytest

from briefing.answer.direct_line import QuotedFacts, annotate_quote, direct_line, numbers, relative_dates
from briefing.answer.statement_filter import is_statement
from briefing.question import understand
from briefing.question.scope import read_scope

NEWEST = dt.date(2025, 6, 18)  # a Wednesday


@pytest.mark.parametrize("question, since, until, relative", [
    ("What happened in Aden on 21 February 2011?", "2011-02-21", "2011-02-21", False),
    ("Que s'est-il passé au Yémen le 21 février 2011 ?", "2011-02-21", "2011-02-21", False),
    ("Que s'est-il passé le 14 juin 2025 ?", "2025-06-14", "2025-06-14", False),
    ("What happened yesterday?", "2025-06-17", "2025-06-17", True),
    ("Qu'est-ce qui s'est passé hier ?", "2025-06-17", "2025-06-17", True),
    ("What happened last week in Iran?", "2025-06-11", "2025-06-18", True),
    ("Que s'est-il passé la semaine dernière ?", "2025-06-11", "2025-06-18", True),
    ("What happened in June?", "2025-06-01", "2025-06-30", True),
    ("What has happened since Monday?", "2025-06-16", "2025-06-18", True),
    ("What happened in Egypt in 2011?", "2011-01-01", "2011-12-31", False),
    ("From 14 June to 16 June 2025, what happened in Iran?", "2025-06-14", "2025-06-16", False),
    # two date wordings with nothing joining them name one period: the one written out fully
    ("What did the protesters call their Friday marches in October 2011?", "2011-10-01", "2011-10-31", False),
])
def test_scope_from_the_wording(question, since, until, relative):
    u = understand(question, reference=NEWEST)
    assert u.scope is not None
    assert (u.scope.since.isoformat(), u.scope.until.isoformat()) == (since, until)
    assert u.scope.relative is relative
    assert (u.scope.reference == NEWEST) is relative
    assert u.scope.wording.lower() in question.lower()
    assert u.scope.wording not in u.topic


@pytest.mark.parametrize("question", ["Who is Bashar al-Assad?", "What did Lavrov say about Istanbul?",
                                      "How many people died in Tartus?", "Who met in Riyadh?",
                                      "Combien de personnes ont été tuées à Deraa ?", "Where will they meet next?",
                                      # a named day of protest is no date
                                      "Which city did Syrians rally for on the Friday of Anger?",
                                      "Qui a manifesté le Vendredi de la colère ?"])
def test_no_scope_without_date_words(question):
    u = understand(question, reference=NEWEST)
    assert u.scope is None and u.topic == question and u.problem is None


@pytest.mark.parametrize("question, kind", [
    ("What happened in Tartus?", "what_happened"),
    ("Que s'est-il passé au Yémen le 21 février 2011 ?", "what_happened"),
    ("Who is Bashar al-Assad?", "who_is"),
    ("Qui est Hosni Moubarak ?", "who_is"),
    ("Who is the president of Iran?", "who"),
    ("Who met in Riyadh?", "who"),
    ("When did Mubarak resign?", "when"),
    ("Where will they meet next?", "where"),
    ("In which Syrian city did protesters tear down a statue?", "where"),
    ("Which Libyan coastal towns were bombed in March 2011?", "where"),
    ("Dans quelle ville syrienne la statue a-t-elle été abattue ?", "where"),
    ("Which Iranian leader did the bloggers warn?", "other"),
    ("How many people were killed in Iran?", "how_many"),
    ("Combien de manifestants ont été arrêtés ?", "how_many"),
    ("How long did the Internet blackout in Syria last?", "how_many"),
    ("What did Lavrov say about Istanbul?", "what_said"),
    ("Qu'a dit Lavrov à Riyad ?", "what_said"),
    ("What is the purpose of the Istanbul meeting?", "other"),
    # the fate of someone is one fact, not a digest of the news
    ("What happened to Salma Yafi after she joined the party?", "other"),
    ("Qu'est-il arrivé à Rima Dali ?", "other"),
    # a relative "qui" or "who" does not make a question of who
    ("Quel a été le bilan du séisme qui a frappé Lima le 15 juin 2025 ?", "how_many"),
    ("What did the protesters who gathered in Tahrir chant?", "what_said"),
    ("Quelle est la cause de l'incendie qui a détruit le marché ?", "other"),
    ("Par qui a-t-il été arrêté ?", "who"),
    ("Selon l'agence, qui a annoncé la fin de Morsi ?", "who"),
])
def test_kind(question, kind):
    assert understand(question, reference=NEWEST).kind == kind


def test_who_is_keeps_the_subject():
    assert understand("Who is Bashar al-Assad?").subject == "Bashar al-Assad"


@pytest.mark.parametrize("question", ["What happened on 31 February?", "Que s'est-il passé le 30 février 2011 ?",
                                      "What happened on April 31, 2012?"])
def test_impossible_date_is_a_problem_not_a_scope(question):
    u = understand(question, reference=NEWEST)
    assert u.scope is None
    assert u.problem and "not a date" in u.problem


def test_language_of_the_question():
    assert understand("Que s'est-il passé hier ?").language == "fr"
    assert understand("What happened yesterday in Aden?").language == "en"


def test_actors_come_from_the_given_index():
    class Actor:
        def __init__(self, name):
            self.id, self.name, self.type, self.aliases = name.lower(), name, "person", [name]

    seen = []

    def find(text):
        seen.append(text)
        return [Actor("Sergueï Lavrov")] if "Lavrov" in text else []

    u = understand("What did Sergei Lavrov say yesterday?", reference=NEWEST, find_actors=find)
    assert [a.name for a in u.actors] == ["Sergueï Lavrov"]
    assert "yesterday" not in seen[0]  # the date words are not looked up as names


@pytest.mark.parametrize("text, ok", [
    ("#egypt #jan25 http://yfrog.com/h3abc", False),
    ("RT @user: Huge crowds in Tahrir now #jan25 http://bit.ly/x", False),
    ("Why would Bashar al-Assad ever step down?", False),
    ("Read more: the full story of the uprising", False),
    ("Photo by John Smith", False),
    ("Lire aussi : la révolution égyptienne", False),
    ("Protesters filled Tahrir Square on Tuesday, demanding the end of the regime.", True),
    ("Des milliers de manifestants se sont rassemblés place Tahrir.", True),
    ("Un manifestant blessé reçoit des soins à l'hôpital. Photo Luke Somers, copyright Demotix (18/09/2011).", False),
    ("Affiche de Bachar al-Assad (photo de l'auteur, prise à Tartous en 2009).", False),
    ("Photo de Lilian Wagdy, utilisée sous licence CC BY 2.0", False),
    ("Les photographes ont été arrêtés devant le siège de la télévision.", True),
    # what a screenshot shows is its caption
    ("Capture d'écran d'un message provenant d'un Blackberry et contenant les réponses divulguées.", False),
    ("Screenshot of the video posted by the ministry showing the strike.", False),
    ("Photos of the protest were shared widely on Twitter by activists.", True),
    # a line that hands over to a quote or a list is no answer, unless it dates or counts something first
    ("Gaith Kawar écrit [arabe] :", False),
    ("Ils exhortent aussi les Syriens à protester contre le régime d'Assad :", False),
    ("Il a fixé une réunion préliminaire au vendredi 29 avril pour les préparatifs du week-end, dont les buts sont :", True),
])
def test_only_statements_answer(text, ok):
    assert is_statement(text) is ok


def test_a_short_line_that_hands_over_to_someone_describes_them_for_who_is():
    line = "La correspondante d'Al Jazeera au Caire Sherine Tadros ajoute :"
    assert not is_statement(line)
    assert is_statement(line, intro=True)
    assert not is_statement("Protests against the second presidency of Donald Trump", intro=True)


def test_direct_line_names_who_where_when():
    quote = ("Le ministre russe des Affaires étrangères Sergueï Lavrov et le secrétaire d'État américain "
             "Marco Rubio se sont rencontrés la semaine dernière à Riyad.")
    facts = QuotedFacts(1, quote, dt.date(2025, 2, 26), "fr", people=["Sergueï Lavrov", "Marco Rubio"], places=["Riyad"])
    assert direct_line([facts], "who", "en") == "Sergueï Lavrov and Marco Rubio — Riyad, the week before 2025-02-26 [1]"
    assert direct_line([facts], "who", "fr").startswith("Sergueï Lavrov et Marco Rubio — Riyad, la semaine")


def test_a_second_quote_names_only_what_the_first_did_not():
    first = QuotedFacts(1, "Une rixe a éclaté dans une mosquée de Riad, lorsqu'un imam a maudit le Général Abdel Fattah "
                           "Al-Sissi.", dt.date(2013, 8, 24), "fr", people=["Abdel Fattah Al-Sissi"], places=["Riyad"])
    second = QuotedFacts(2, "On y voit un homme frapper un Égyptien dans la mosquée Al Ferdous, qui défend Al-Sissi.",
                         dt.date(2013, 8, 24), "fr", people=["Abdel Fattah Al-Sissi"], places=["mosquée Al Ferdous"])
    line = direct_line([first, second], "where", "en")
    assert line == "Riyad — Abdel Fattah Al-Sissi, 2013-08-24 [1]; mosquée Al Ferdous — 2013-08-24 [2]"


def test_relative_dates_in_a_quote_are_resolved_against_the_article():
    dates = relative_dates("Une telle réunion aura lieu demain à Istanbul, a-t-il dit jeudi.", "fr",
                           dt.date(2025, 2, 26), "fr")
    assert [(d.wording, d.label) for d in dates] == [("demain", "2025-02-27"), ("jeudi", "2025-02-20")]
    assert annotate_quote("x hier", relative_dates("x hier", "fr", dt.date(2011, 2, 2), "en")) == "x hier (hier: 2011-02-01)"
    # "this week" is the article's own week; "last week" the one before it
    this = relative_dates("The toll from flooding earlier this week rises to 86.", "en", dt.date(2025, 6, 14), "fr")
    assert [(d.wording, d.label) for d in this] == [("this week", "la semaine du 2025-06-14")]
    last = relative_dates("Ils se sont rencontrés la semaine dernière.", "fr", dt.date(2025, 2, 26), "en")
    assert [d.label for d in last] == ["the week before 2025-02-26"]


def test_weekdays_in_a_quote_follow_its_tense_and_counts_keep_their_unit():
    wed = dt.date(2025, 2, 26)
    quote = "Des diplomates se rencontreront jeudi à Istanbul, a déclaré mercredi le ministre."
    # the meeting is the coming Thursday; "said on Wednesday" in a Wednesday's article is that day, shown anyway
    assert [(d.wording, d.label) for d in relative_dates(quote, "fr", wed, "en")] == [("jeudi", "2025-02-27")]
    assert [d.label for d in relative_dates("They will meet on Thursday.", "en", wed, "en")] == ["2025-02-27"]
    later = "Arwa Damon tweete depuis Damas, trois mois après le début des manifestations."
    assert relative_dates(later, "fr", dt.date(2011, 6, 23), "en") == []  # counted from an event, not the article
    ago = relative_dates("Les manifestations ont commencé il y a trois mois.", "fr", dt.date(2011, 4, 28), "en")
    assert [(d.wording, d.label) for d in ago] == [("il y a trois mois", "2011-01")]


def test_counts_are_numbers_not_years():
    assert numbers("In 2025, at least 224 people were killed and 1,277 injured.") == ["224 people", "1,277 injured"]
    # the day of a date is no count either: "du 9 mars", "June 16"
    assert numbers("Durant la nuit du 9 mars et jusqu'au 10 mars 2012, le bilan s'élève à 12 morts.") == ["12 morts"]
    assert numbers("On June 16, 150 people died.") == ["150 people"]
    assert direct_line([QuotedFacts(2, "At least 224 people were killed in Iran.", dt.date(2025, 6, 15), "en",
                                    places=["Iran"])], "how_many", "en") == "224 people — Iran, 2025-06-15 [2]"


def test_an_english_verb_is_no_month():
    u = understand("Where did protesters march to the consulate in February 2011?", reference=NEWEST)
    assert (u.scope.since, u.scope.until) == (dt.date(2011, 2, 1), dt.date(2011, 2, 28))


def test_relayed_tweets_are_not_statements():
    assert not is_statement("@Brian_Whit: Plusieurs sources affirment que Saif a été capturé, à confirmer.")


def test_a_when_answer_leads_with_the_date_the_quote_states():
    quote = "Anas était arrêté vendredi 1 juillet 2011 à Kafarsouseh, Damas."
    line = direct_line([QuotedFacts(1, quote, dt.date(2011, 7, 11), "fr", people=["Anas"], places=["Damas"])],
                       "when", "en")
    assert line.startswith("2011-07-01 — Anas")


def test_a_count_takes_no_function_word_as_its_unit():
    assert numbers("Between 25 and 26 refugees arrived.") == ["25", "26 refugees"]


def test_questions_without_digits_or_date_words_skip_the_date_search_and_lose_no_date():
    from briefing.question.scope import find_dates, may_name_a_date

    reference = dt.date(2025, 2, 26)
    assert not may_name_a_date("Who met in Riyadh?", "en") and not may_name_a_date("¿Quién se reunió en Ginebra?", "es")
    for text, lang in [("What happened yesterday in Aden?", "en"), ("Qui est venu avant-hier ?", "fr"),
                       ("Was geschah am Montag?", "de"), ("Who spoke this morning?", "en"), ("Что случилось вчера?", "ru"),
                       ("What happened on 21 February?", "en"), ("Qu'a dit Lavrov la semaine dernière ?", "fr")]:
        assert may_name_a_date(text, lang), text
        assert find_dates(text, lang, reference), text


def test_shipped_gazetteer_loads_from_cache_the_same_as_built(tmp_path, monkeypatch):
    from briefing.actors.gazetteer import Gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = Gazetteer()
    first, second = Gazetteer.shipped(), Gazetteer.shipped()
    assert list((tmp_path / "briefing").glob("gazetteer-*.pickle"))
    assert first._by_key == second._by_key == built._by_key and second.full_names == built.full_names


@pytest.mark.parametrize("question, wording, topic", [
    ("How long did the Internet blackout in Syria last at the end of November 2012?", "at the end of November 2012",
     "How long did the Internet blackout in Syria last?"),
    ("Que s'est-il passé à la fin de juin 2025 ?", "à la fin de juin 2025", "Que s'est-il passé?"),
    ("Qui a parlé début juin 2025 ?", "début juin 2025", "Qui a parlé?"),
    # "end" and "fin" that are the event asked about stay in the question
    ("When did the war end in 2011?", "in 2011", "When did the war end?"),
    ("Le conflit a pris fin en 2011 ?", "en 2011", "Le conflit a pris fin?"),
])
def test_the_edge_of_a_period_is_part_of_its_wording(question, wording, topic):
    lang = "fr" if "'" in question or "Qui" in question or "Le " in question else "en"
    u = understand(question, reference=NEWEST)
    assert u.language == lang
    assert u.scope.wording == wording
    assert u.topic == topic


def test_a_relayed_tweet_is_a_statement_without_its_full_stop():
    tweet = "@abuhatem: Romney & Obama sur la Syrie: Exactement la même chose"
    assert is_statement(tweet, relayed=True)  # what Abu Hatem said, for "what did Abu Hatem say"
    assert not is_statement(tweet)  # … and no answer to any other question


@pytest.mark.parametrize("question, since, until, topic", [
    ("What happened from 14 to 16 June 2025?", "2025-06-14", "2025-06-16", "What happened?"),
    ("Que s'est-il passé du 14 au 16 juin 2025 ?", "2025-06-14", "2025-06-16", "Que s'est-il passé?"),
    ("What did Ghazi Gheblawi say about his family in Tripoli on the night of 20 to 21 August 2011?",
     "2011-08-20", "2011-08-21", "What did Ghazi Gheblawi say about his family in Tripoli?"),
    ("What happened between 20 and 22 August 2011?", "2011-08-20", "2011-08-22", "What happened?"),
])
def test_a_range_of_days_in_one_month_is_read_whole(question, since, until, topic):
    u = understand(question, reference=NEWEST)
    assert (u.scope.since.isoformat(), u.scope.until.isoformat()) == (since, until)
    assert u.topic == topic


@pytest.mark.parametrize("question, since, until", [
    # the first end takes the year written after the second, in the month it names
    ("In which Turkish resort did opponents meet between 31 May and 2 June 2011?", "2011-05-31", "2011-06-02"),
    ("Que s'est-il passé du 31 mai au 2 juin 2011 ?", "2011-05-31", "2011-06-02"),
    ("What happened between 30 December and 2 January 2012?", "2011-12-30", "2012-01-02"),
])
def test_a_range_across_months_is_in_the_year_written_once(question, since, until):
    u = understand(question, reference=NEWEST)
    assert (u.scope.since.isoformat(), u.scope.until.isoformat()) == (since, until)


def test_protesters_who_march_name_no_month():
    u = understand("Where did hundreds of protesters march on 26 April 2011 in Yemen?", reference=NEWEST)
    assert (u.scope.since, u.scope.until) == (dt.date(2011, 4, 26), dt.date(2011, 4, 26))
    assert understand("What happened on 15 March 2011?", reference=NEWEST).scope.since == dt.date(2011, 3, 15)


def test_numbers_that_are_no_days_make_no_range():
    assert understand("How many died, 3 to 5 people?", reference=NEWEST).scope is None


def test_a_possessive_is_no_saturday():
    quote = "Wissam utilise son blog et sa page Facebook pour contribuer à sa façon à la révolution."
    assert relative_dates(quote, "fr", dt.date(2012, 9, 19), "en") == []


def test_a_named_day_before_the_date_keeps_its_day_number():
    # dateparser's search gives "March" and "2012" for "Mother's Day, 21 March 2012"
    scope, rest = read_scope("What did Zain post on Arab Mother's Day, 21 March 2012?", "en", dt.date(2025, 6, 18))
    assert (scope.since, scope.until, scope.granularity) == (dt.date(2012, 3, 21), dt.date(2012, 3, 21), "day")
    scope, _ = read_scope("Que s'est-il passé le jour de la colère, 17 février 2011 ?", "fr", dt.date(2025, 6, 18))
    assert (scope.since, scope.granularity) == (dt.date(2011, 2, 17), "day")


def test_an_ordinal_day_is_a_day_not_its_month():
    # "1er juin 2025" came back from dateparser's search as "juin" and "2025": the whole month
    scope, _ = read_scope("Que s'est-il passé le 1er juin 2025 ?", "fr", dt.date(2025, 6, 18))
    assert (scope.since, scope.until, scope.granularity) == (dt.date(2025, 6, 1), dt.date(2025, 6, 1), "day")
    scope, _ = read_scope("Où était Anas Maarawi le vendredi 1er juillet 2011 ?", "fr", dt.date(2025, 6, 18))
    assert (scope.since, scope.until, scope.granularity) == (dt.date(2011, 7, 1), dt.date(2011, 7, 1), "day")


def test_the_month_of_a_year_is_that_month():
    for question, lang in (("Qu'a écrit Sultan Al Qassemi au mois d'août 2011 ?", "fr"),
                           ("What did Sultan Al Qassemi write in the month of August 2011?", "en")):
        scope, _ = read_scope(question, lang, dt.date(2025, 6, 18))
        assert (scope.since, scope.until, scope.granularity) == (dt.date(2011, 8, 1), dt.date(2011, 8, 31), "month"), question


@pytest.mark.parametrize("question, asked", [
    ("What was the name of the teenager killed in Aden on 21 February 2011?", True),
    ("What was the name of the senior Revolutionary Guards commander killed in the blast?", True),
    ("Quel est le nom de l'adolescent tué ?", True),
    ("Comment s'appelle le pilote de l'hélicoptère ?", True),
    ("What is the name of the river that flooded?", False),  # a thing, not a person
    ("Comment s'appelle la plateforme de Samut Prakan ?", False),
    ("Who met in Riyadh?", False),  # "who" may be answered by a country or an organisation
])
def test_a_question_that_asks_the_name_of_a_person(question, asked):
    from briefing.answer.named_slots import person_name_asked

    assert person_name_asked(question) is asked


def test_a_year_that_names_an_edition_is_no_period_of_the_question():
    question = ("Which team did Libya still have to beat to reach the 2012 Africa Cup of Nations, "
                "after its 1-0 win over Mozambique in September 2011?")
    scope, rest = read_scope(question, "en", dt.date(2025, 6, 18))
    assert (scope.since, scope.until) == (dt.date(2011, 9, 1), dt.date(2011, 9, 30))
    assert "2012 Africa Cup" in rest and "September" not in rest
    # a year written alone still scopes the question
    scope, _ = read_scope("What happened in Yemen in 2011?", "en", dt.date(2025, 6, 18))
    assert (scope.since, scope.until) == (dt.date(2011, 1, 1), dt.date(2011, 12, 31))

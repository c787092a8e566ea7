import datetime as dt

import numpy as np

from briefing.answer.extractive import ScoringWeights, pick_sentences, question_type
from briefing.models import Passage


def _passage(article_id, text, day, score, *, language="fr", dense=0.8):
    return Passage(chunk_id=f"{article_id}:0", article_id=article_id, text=text, start=0, end=len(text),
                   published=dt.date.fromisoformat(day), language=language, score=score, dense=dense)


def _vec(c: float) -> np.ndarray:
    return np.array([c, np.sqrt(1 - c * c)])


def _whole(*passages_and_cosines) -> dict:
    """Each passage as one sentence at this cosine to the question [1, 0]."""
    return {p.article_id: [(0, len(p.text), _vec(c))] for p, c in passages_and_cosines}


def test_question_types():
    assert question_type("Who met in Riyadh?") == "person"
    assert question_type("Quand a eu lieu la réunion ?") == "time"
    assert question_type("Combien de morts ?") == "number"
    assert question_type("Wo treffen sie sich?") == "place"


def test_best_sentence_wins_and_near_equal_answers_come_newest_first():
    q = np.array([1.0, 0.0])
    old = _passage("old", "Des diplomates saoudiens et égyptiens, dont Adel al-Joubeir, se sont rencontrés à Riad en août.",
                   "2013-08-24", 1.0)
    new = _passage("new", "Lavrov et Rubio se sont rencontrés la semaine dernière à Riyad.", "2025-02-26", 1.0)
    sentences = _whole((old, 0.834), (new, 0.823))
    res = pick_sentences("Who met in Riyadh?", "en", q, [old, new], sentences, weights=ScoringWeights(second_margin=0.02))
    assert [s.passage.article_id for s in res.sentences] == ["new", "old"]
    alone = pick_sentences("Who met in Riyadh?", "en", q, [old, new], sentences, weights=ScoringWeights(second_margin=0.0))
    assert [s.passage.article_id for s in alone.sentences] == ["old"]


def test_bylines_and_handles_are_never_answers():
    q = np.array([1.0, 0.0])
    p = _passage("a", "— Yazeed (@Yzd8) August 23, 2013", "2013-08-24", 1.0)
    res = pick_sentences("Who met in Riyadh?", "en", q, [p], {"a": [(0, len(p.text), q)]})
    assert res.sentences == []


def test_a_closer_sentence_that_names_no_meeting_does_not_answer_who_met():
    q = np.array([1.0, 0.0])
    brawl = _passage("brawl", "Une rixe a éclaté dans une mosquée de Riad entre Saoudiens et Égyptiens.", "2013-08-24", 1.0)
    talks = _passage("talks", "Lavrov et Rubio se sont rencontrés la semaine dernière à Riyad.", "2025-02-26", 1.0)
    sentences = _whole((brawl, 0.835), (talks, 0.820))
    for margin in (0.0, 0.02):
        res = pick_sentences("Who met in Riyadh?", "en", q, [brawl, talks], sentences,
                             weights=ScoringWeights(second_margin=margin))
        assert [s.passage.article_id for s in res.sentences] == ["talks"]


def _sentences(p: Passage, cosines: list[float]):
    out, pos = [], 0
    for part, c in zip([x + "." for x in p.text.rstrip(".").split(". ")], cosines):
        start = p.text.index(part, pos)
        out.append((start, start + len(part), _vec(c)))
        pos = start + len(part)
    return {p.article_id: out}


def test_a_neighbour_that_holds_what_the_question_asks_joins_the_quote():
    text = ("At least eight people are killed in a shooting near an aid distribution site near Rafah, Gaza. "
            "Witnesses attribute the shooting to Israeli forces.")
    p = _passage("w", text, "2025-06-15", 1.0, language="en", dense=0.87)
    q = np.array([1.0, 0.0])
    res = pick_sentences("À qui les témoins attribuent-ils la fusillade près du site d'aide de Rafah ?", "fr", q, [p],
                         _sentences(p, [0.855, 0.789]))
    assert "Israeli forces" in res.sentences[0].text and "eight people" in res.sentences[0].text
    # a neighbour as far off that only repeats what the best sentence has stays out
    res = pick_sentences("Combien de personnes ont été tuées près de Rafah ?", "fr", q, [p], _sentences(p, [0.855, 0.789]))
    assert "Israeli" not in res.sentences[0].text


def test_a_joined_neighbour_that_only_names_someone_is_not_them_speaking():
    text = ("Des diplomates se rencontreront jeudi à Istanbul, a déclaré mercredi le ministre Sergueï Lavrov. "
            "Le président Donald Trump a tendu la main au président Vladimir Poutine.")
    p = _passage("m", text, "2025-02-26", 1.0, dense=0.82)
    q = np.array([1.0, 0.0])
    res = pick_sentences("What did Vladimir Putin say about the Istanbul meeting?", "en", q, [p], _sentences(p, [0.82, 0.80]))
    assert "Poutine" in res.sentences[0].text  # the two sentences were joined…
    assert not res.supported  # … but neither has Putin saying anything


def test_cross_language_word_cover_counts_cognates_and_names():
    from briefing.answer.support import cross_coverage, covered_words

    q = "À qui les témoins attribuent-ils la fusillade près de Rafah ?"
    asked, found = covered_words(q, "fr", "Witnesses attribute the events near Rafah to Israeli forces.", "en")
    assert {"attribuent-ils", "rafah", "temoins", "pres"} <= found and "fusillade" in asked - found  # witnesses, near
    assert cross_coverage("Who spoke in Riyadh?", "en", "Ils se sont rencontrés à Riyad.", "fr") == 0.5  # Riyadh ~ Riyad
    assert cross_coverage("Who met in Riyadh?", "en", "Sie trafen sich in Riad.", "de") == 0.0  # not counted for German


def test_transliterations_of_one_arabic_name_match():
    from briefing.answer.support import _same_name

    assert _same_name("gaddafi", "kadhafi") and _same_name("qaddafi", "kadhafi")
    assert not _same_name("gaddafi", "hafez")


def test_what_someone_tweeted_is_quoted_as_the_whole_tweet():
    text = ("Sultan Al Qassemi, depuis les Émirats arabes unis, a tweeté :\n"
            "@SultanAlQassemi: Tu regardes, Bachar ? Tu es le prochain. #Syria\n"
            "Le Libyen Libeeya a écrit un long message sur la chute de Tripoli.")
    p = _passage("t", text, "2011-08-22", 1.0, dense=0.85)
    spans = []
    for part, c in (("Sultan Al Qassemi, depuis les Émirats arabes unis, a tweeté :", 0.70),
                    ("@SultanAlQassemi: Tu regardes, Bachar ?", 0.80), ("Tu es le prochain.", 0.83),
                    ("Le Libyen Libeeya a écrit un long message sur la chute de Tripoli.", 0.60)):
        start = text.index(part)
        spans.append((start, start + len(part), _vec(c)))
    res = pick_sentences("What did Sultan Al Qassemi tweet to Bashar al-Assad?", "en", np.array([1.0, 0.0]), [p],
                         {"t": spans})
    assert res.sentences[0].text == "@SultanAlQassemi: Tu regardes, Bachar ? Tu es le prochain. #Syria"


def _chunk(article_id, text, start, day="2013-05-13", *, index=0, score=1.0, dense=0.8):
    return Passage(chunk_id=f"{article_id}:{index}", article_id=article_id, text=text, start=start,
                   end=start + len(text), published=dt.date.fromisoformat(day), language="fr", score=score, dense=dense)


def _spans(p: Passage, parts_and_cosines) -> list:
    out = []
    for part, c in parts_and_cosines:
        start = p.start + p.text.index(part)
        out.append((start, start + len(part), _vec(c)))
    return out


def test_the_leading_storys_other_chunks_answer_when_no_retrieved_sentence_can():
    # the retrieved chunk names the project; the launch and its day sit in a chunk retrieval left out
    about = _chunk("su", "Syria Untold est un projet de média numérique indépendant qui raconte la résistance.", 900,
                   index=2, score=3.0)
    launch = _chunk("su", "Nous sommes maintenant prêts pour le lancement de Syria Untold. Le 14 mai est le jour J.", 400,
                    index=1)
    other = _passage("x", "La lutte syrienne a gagné le soutien du monde entier.", "2012-03-15", 1.0)
    sentences = {"su": _spans(about, [(about.text, 0.86)]) + _spans(launch, [
        ("Nous sommes maintenant prêts pour le lancement de Syria Untold.", 0.83), ("Le 14 mai est le jour J.", 0.70)]),
        "x": [(0, len(other.text), _vec(0.80))]}
    q = np.array([1.0, 0.0])
    alone = pick_sentences("When was Syria Untold launched?", "en", q, [about, other], sentences)
    assert not alone.supported  # nothing retrieved says when
    res = pick_sentences("When was Syria Untold launched?", "en", q, [about, other], sentences, siblings=[launch])
    assert res.sentences[0].text == "Nous sommes maintenant prêts pour le lancement de Syria Untold. Le 14 mai est le jour J."
    assert res.sentences[0].passage.chunk_id == "su:1"
    # another story's chunks are never read this way
    stray = _chunk("y", launch.text, 0, index=0)
    res = pick_sentences("When was Syria Untold launched?", "en", q, [about, other],
                         {**sentences, "y": _spans(stray, [(stray.text[:63], 0.83)])}, siblings=[stray])
    assert not res.supported


def test_an_undated_sentence_naming_the_event_takes_the_date_beside_it():
    text = "Anas Maarawi est le dernier en date des blogueurs arrêtés en Syrie. Il a été appréhendé vendredi 1er juillet à Damas."
    p = _chunk("am", text, 0, "2011-07-11")
    sentences = {"am": _spans(p, [("Anas Maarawi est le dernier en date des blogueurs arrêtés en Syrie.", 0.86),
                                  ("Il a été appréhendé vendredi 1er juillet à Damas.", 0.74)])}
    res = pick_sentences("When was the blogger Anas Maarawi arrested?", "en", np.array([1.0, 0.0]), [p], sentences)
    assert "1er juillet" in res.sentences[0].text and res.sentences[0].text.startswith("Anas Maarawi")


def test_a_same_story_sentence_that_can_answer_stands_in_for_a_closer_one_that_cannot():
    text = ("Mohamed Morsi, le cadre des Frères Musulmans, n'est plus le président de l'Egypte. Son règne a été écourté. "
            "Le général Abdel Fattah Al Sissi a annoncé dans une allocution télévisée la fin du pouvoir de Morsi.")
    p = _chunk("eg", text, 0, "2013-07-03")
    sentences = {"eg": _spans(p, [("Mohamed Morsi, le cadre des Frères Musulmans, n'est plus le président de l'Egypte.", 0.86),
                                  ("Son règne a été écourté.", 0.70),
                                  ("Le général Abdel Fattah Al Sissi a annoncé dans une allocution télévisée la fin du "
                                   "pouvoir de Morsi.", 0.815)])}
    q = "Who went on television to announce that Mohamed Morsi was no longer Egypt's president?"
    res = pick_sentences(q, "en", np.array([1.0, 0.0]), [p], sentences)
    assert res.sentences[0].text.startswith("Le général Abdel Fattah Al Sissi")


def test_a_close_sentence_of_the_same_story_that_names_what_the_best_lacks_is_quoted_too():
    text = ("Une rixe a éclaté dans une mosquée de Riad entre Saoudiens et Égyptiens. La vidéo est devenue virale. "
            "On y voit un homme frapper un autre homme dans la mosquée Al Ferdous.")
    q = np.array([1.0, 0.0])
    story = _passage("s", text, "2013-08-24", 1.0)
    cosines = [0.845, 0.70, 0.815]
    res = pick_sentences("In which mosque in Riyadh did a fight break out between Saudis and Egyptians?", "en", q,
                         [story], _sentences(story, cosines))
    assert [s.text for s in res.sentences] == ["Une rixe a éclaté dans une mosquée de Riad entre Saoudiens et Égyptiens.",
                                               "On y voit un homme frapper un autre homme dans la mosquée Al Ferdous."]
    # a page with no date is no news story: its best sentence stays alone (the Wikipedia sets)
    undated = Passage(chunk_id="u:0", article_id="u", text=text, start=0, end=len(text),
                      published=dt.date(2024, 1, 1), dated=False, language="fr", score=1.0, dense=0.8)
    res = pick_sentences("In which mosque in Riyadh did a fight break out between Saudis and Egyptians?", "en", q,
                         [undated], _sentences(undated, cosines))
    assert len(res.sentences) == 1
    # … and so does one that already names whom the question asks for
    res = pick_sentences("Who fought in a mosque in Riyadh?", "en", q, [story], _sentences(story, cosines))
    assert len(res.sentences) == 1
    # a sentence far below the best is not part of the answer
    res = pick_sentences("In which mosque in Riyadh did a fight break out between Saudis and Egyptians?", "en", q,
                         [story], _sentences(story, [0.845, 0.70, 0.70]))
    assert len(res.sentences) == 1


def test_when_is_answered_by_a_close_sentence_that_gives_the_date_before_one_that_only_names_the_event():
    q = np.array([1.0, 0.0])
    named = _passage("named", "Les Syriens ont appelé à une Journée de la colère contre le régime de Bachar al-Assad.",
                     "2011-02-10", 1.0)
    dated = _passage("dated", "La Journée de la colère a eu lieu le 4 février 2011 à Damas, devant le Parlement.",
                     "2011-02-10", 1.0)
    sentences = _whole((named, 0.860), (dated, 0.818))
    res = pick_sentences("When did the Syrian Day of Rage take place?", "en", q, [named, dated], sentences)
    assert res.sentences[0].passage.article_id == "dated"
    # a question of another kind keeps the closer sentence
    res = pick_sentences("Against whom did Syrians call a Day of Rage?", "en", q, [named, dated], sentences)
    assert res.sentences[0].passage.article_id == "named"


def test_the_best_sentence_with_its_neighbour_answers_before_a_farther_one_of_another_story():
    # "Which singer…": the song's sentence lacks the singer its next sentence names; a farther
    # sentence of another story names someone too, but not the singer
    song = _passage("song", "Le groupe de rap égyptien Arabian Knightz sort le morceau Rebel en pleine révolution. "
                    "La chanson comprend un sample de Lauryn Hill.", "2011-02-04", 1.0)
    other = _passage("tunes", "Mideast Tunes nous fait découvrir le groupe de rap égyptien Arabian Knightz.",
                     "2011-02-04", 1.0)
    sentences = {**_sentences(song, [0.94, 0.915]), **_whole((other, 0.93))}
    q = "Which American singer does the Egyptian rap group Arabian Knightz sample on its revolution track Rebel?"
    res = pick_sentences(q, "en", np.array([1.0, 0.0]), [song, other], sentences)
    assert "Lauryn Hill" in res.sentences[0].text and "Arabian Knightz sort" in res.sentences[0].text


def test_who_reported_a_quote_is_answered_with_the_line_that_names_its_author():
    text = ("Les tweets de correspondants étrangers sont un moyen d'obtenir des nouvelles de Syrie.\n"
            "Le correspondant d'Al Jazeera Cal Perry nous apprend :\n"
            "Le pouvoir syrien n'a plus de place dans ses prisons, il utilise à présent les stades et les écoles. #Syria\n"
            "Un autre correspondant, Alan Fisher, explique que les opérations s'élargissent dans le nord.")
    p = _chunk("sy", text, 0, "2011-06-15")
    sentences = {"sy": _spans(p, [("Les tweets de correspondants étrangers sont un moyen d'obtenir des nouvelles de Syrie.", 0.75),
                                  ("Le correspondant d'Al Jazeera Cal Perry nous apprend :", 0.70),
                                  ("Le pouvoir syrien n'a plus de place dans ses prisons, il utilise à présent les stades "
                                   "et les écoles. #Syria", 0.85),
                                  ("Un autre correspondant, Alan Fisher, explique que les opérations s'élargissent dans le "
                                   "nord.", 0.60)])}
    q = "Which Al Jazeera correspondent reported that the Syrian regime was using stadiums and schools as prisons?"
    res = pick_sentences(q, "en", np.array([1.0, 0.0]), [p], sentences)
    assert res.sentences[0].text.startswith("Le correspondant d'Al Jazeera Cal Perry nous apprend :\nLe pouvoir syrien")
    assert not res.ruled_out


def test_a_story_that_tells_the_event_with_the_person_asked_for_unnamed_does_not_answer_which_one():
    text = ("Une rixe a éclaté dans une mosquée de Riad lorsqu'un imam saoudien a maudit le général Sissi. "
            "On y voit un homme en robe saoudienne frapper un Égyptien dans la mosquée Al Ferdous.")
    p = _chunk("sa", text, 0, "2013-08-24")
    sentences = {"sa": _spans(p, [("Une rixe a éclaté dans une mosquée de Riad lorsqu'un imam saoudien a maudit le général "
                                   "Sissi.", 0.90),
                                  ("On y voit un homme en robe saoudienne frapper un Égyptien dans la mosquée Al Ferdous.",
                                   0.88)])}
    q = "Quel imam saoudien a maudit le général Sissi pendant le prêche à la mosquée Al Ferdous de Riyad ?"
    assert pick_sentences(q, "fr", np.array([1.0, 0.0]), [p], sentences).ruled_out
    # named beside its noun, the imam answers
    named = text.replace("lorsqu'un imam saoudien", "lorsque l'imam Al-Arifi")
    p2 = _chunk("sa", named, 0, "2013-08-24")
    sentences2 = {"sa": _spans(p2, [("Une rixe a éclaté dans une mosquée de Riad lorsque l'imam Al-Arifi a maudit le "
                                     "général Sissi.", 0.90),
                                    ("On y voit un homme en robe saoudienne frapper un Égyptien dans la mosquée Al Ferdous.",
                                     0.88)])}
    assert not pick_sentences(q, "fr", np.array([1.0, 0.0]), [p2], sentences2).ruled_out


def test_which_reporter_is_answered_by_the_quote_handed_over_by_a_reporter():
    text = ("La reporter Hannah Allam donne des détails :\n"
            "restrictions au point de passage de #rafah : pas d'hommes sans permis spécial, femmes de tous âges ok\n"
            "@onelittlepixie précise :\n"
            "Point de passage de #Rafah ne peut être franchi que pour les passagers.")
    p = _chunk("rf", text, 0, "2011-05-28")
    sentences = {"rf": _spans(p, [("La reporter Hannah Allam donne des détails :", 0.60),
                                  ("restrictions au point de passage de #rafah : pas d'hommes sans permis spécial, femmes "
                                   "de tous âges ok", 0.83),
                                  ("@onelittlepixie précise :", 0.60),
                                  ("Point de passage de #Rafah ne peut être franchi que pour les passagers.", 0.85)])}
    q = "Quelle reporter a détaillé sur Twitter les restrictions au passage de Rafah ?"
    res = pick_sentences(q, "fr", np.array([1.0, 0.0]), [p], sentences)
    assert res.sentences[0].text.startswith("La reporter Hannah Allam donne des détails :\nrestrictions")


def test_who_is_someone_is_answered_by_the_line_that_describes_them_before_their_words():
    text = ("La ligne de front sur la corniche du Nil.\n"
            "La correspondante d'Al Jazeera au Caire Sherine Tadros ajoute :\n"
            "@SherineT: Chaos total ici à Maspero. Milliers contre milliers.\n"
            "Le blogueur Ahmed Al Omran a tweeté :")
    p = _chunk("eg", text, 0, "2013-07-06")
    sentences = {"eg": _spans(p, [("La ligne de front sur la corniche du Nil.", 0.70),
                                  ("La correspondante d'Al Jazeera au Caire Sherine Tadros ajoute :", 0.80),
                                  ("@SherineT: Chaos total ici à Maspero.", 0.75),
                                  ("Milliers contre milliers.", 0.60),
                                  ("Le blogueur Ahmed Al Omran a tweeté :", 0.82)])}
    res = pick_sentences("Who is Sherine Tadros?", "en", np.array([1.0, 0.0]), [p], sentences)
    # the one line that names her, not the closer one that describes someone else
    assert res.sentences[0].text == "La correspondante d'Al Jazeera au Caire Sherine Tadros ajoute :"
    assert not res.ruled_out


def test_a_sentence_that_closes_a_quotation_is_quoted_from_its_opening():
    text = ('"Arrêtez la tuerie. Nous voulons construire une Syrie pour tous les Syriens" Voici les mots écrits sur une '
            "bannière que Rima Dali a déployée devant le Parlement syrien à Damas, le dimanche 8 avril.")
    p = _chunk("rd", text, 0, "2012-04-09")
    cut = text.index("Nous voulons")
    sentences = {"rd": _spans(p, [(text[:cut].strip(), 0.60), (text[cut:], 0.90)])}
    res = pick_sentences("What did Rima Dali's banner outside the Syrian parliament say?", "en", np.array([1.0, 0.0]), [p],
                         sentences)
    assert res.sentences[0].text == text

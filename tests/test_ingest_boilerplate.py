"""Publisher boilerplate goes; news sentences stay, in several languages."""

from pathlib import Path

import pytest

from briefing.ingest import load_sources, remove_boilerplate
from briefing.ingest.boilerplate import line_cues
from briefing.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "boilerplate"
OFFLINE = Settings(allow_network=False)


def _article(name: str):
    [article] = list(load_sources([str(FIXTURES / name)], settings=OFFLINE))
    assert article.__class__.__name__ == "Article", article
    return article


@pytest.mark.parametrize(
    "name, kept, gone",
    [
        (
            "en_appeal_2025-03-01.txt",
            ["Rescue teams used boats", "release 50 million euros in aid."],
            ["Before you go", "Dear reader", "support us with $5 a month", "Thank you for reading", "riverdesk.org"],
        ),
        (
            "de_appeal.txt",
            ["Lohnerhöhung von 550 Euro im Monat", "fiel dennoch die Hälfte aller Züge aus."],
            ["Liebe Leserinnen und Leser", "braucht Ihre Unterstützung", "ab 5 € im Monat"],
        ),
        (
            "es_newsletter.txt",
            ["hasta 1.184 euros al mes", "2,4 millones de trabajadores", "antes de aprobar el decreto."],
            ["Lee también", "Suscríbete", "Síguenos"],
        ),
        (
            "fr_notices.txt",
            ["par 312 voix contre 45", "revalorisation des pensions", "au mois de mai"],
            ["cookies", "Lire aussi", "Partager cet article", "faites un don"],
        ),
    ],
)
def test_boilerplate_is_removed_and_news_kept(name, kept, gone):
    article = _article(name)
    for sentence in kept:
        assert sentence in article.text
    for phrase in gone:
        assert phrase not in article.text, phrase
    assert article.metadata["boilerplate_removed"] >= len(gone) - 1


@pytest.mark.parametrize(
    "name", ["en_news_money.txt", "fr_news_soutien.txt", "de_news_spenden.txt", "es_news_donaciones.txt"]
)
def test_news_about_money_readers_and_donations_survives(name):
    raw = (FIXTURES / name).read_text(encoding="utf-8").split("\n", 1)[1].strip()
    article = _article(name)
    assert article.text == raw
    assert "boilerplate_removed" not in article.metadata


def test_appeal_tail_cut_from_its_header_only():
    text = (
        "The two leaders met in Riyadh on Tuesday to discuss a ceasefire.\n"
        "They agreed to meet again in Istanbul next week.\n"
        "A message from The Daily Example:\n"
        "Dear readers,\n"
        "We face unprecedented pressure. Our newsroom has been labelled undesirable and our staff risk prosecution.\n"
        "Your support, however small, makes all the difference. Support us monthly from just $2.\n"
        "thedailyexample"
    )
    cleaned = remove_boilerplate(text)
    assert cleaned.text == (
        "The two leaders met in Riyadh on Tuesday to discuss a ceasefire.\n"
        "They agreed to meet again in Istanbul next week."
    )
    assert len(cleaned.removed) == 5


def test_quoted_plea_at_the_end_stays():
    text = (
        "Protesters gathered in the square for a third night.\n"
        "Police fired tear gas shortly after midnight.\n"
        "@activist: Please help us, they are shooting at us near the bridge. Support us!"
    )
    assert remove_boilerplate(text).text == text


def test_first_person_tweets_before_a_series_notice_are_kept():
    text = (
        "Ce billet fait partie de notre dossier spécial sur la Syrie.\n"
        "Les manifestants se sont rassemblés vendredi à Homs.\n"
        "@x: Nous ne partirons pas, nous resterons ici jusqu'à la fin.\n"
        "@y: Vous nous voyez ? Nous sommes des milliers.\n"
        "Ce billet fait partie de notre dossier spécial sur la Syrie."
    )
    cleaned = remove_boilerplate(text)
    assert cleaned.text == "\n".join(text.split("\n")[1:4])


def test_read_also_list_at_the_end_is_cut():
    text = (
        "Le président a limogé son Premier ministre samedi.\n"
        "La décision a surpris ses alliés.\n"
        "Les manifestations ont continué dans la soirée.\n"
        "À lire :\n"
        "Reuters (en anglais) : Chronologie de la crise\n"
        "Wikipédia : Manifestations de 2011"
    )
    assert remove_boilerplate(text).text == "\n".join(text.split("\n")[:3])


def test_player_and_script_remnants_are_removed_anywhere():
    text = (
        "The band released its first song since the uprising.\n"
        "{src: 'https://example.org/player.swf', width: 320, height: 24, wmode: 'transparent' },\n"
        "Podcast: Play in new window\n"
        "| Download\n"
        "The song samples a famous soul singer."
    )
    assert remove_boilerplate(text).text == (
        "The band released its first song since the uprising.\nThe song samples a famous soul singer."
    )


def test_a_last_line_that_is_news_is_not_taken_for_a_handle():
    text = "The vote was postponed.\nParliament will meet again on Monday."
    assert remove_boilerplate(text).text == text
    assert remove_boilerplate("Only line").text == "Only line"


def test_line_cues_ignore_address_inside_quotes():
    assert line_cues("« Nous avons besoin de vous », a dit le maire.").address == 0
    assert line_cues("Nous avons besoin de vous.").address == 2
    assert line_cues("The US and the EU agreed.").address == 0


def test_global_voices_boilerplate(corpus_dir):
    path = corpus_dir / "globalvoices_fr.jsonl"
    articles = [a for a in load_sources([str(path)], settings=OFFLINE) if hasattr(a, "text")]
    assert len(articles) == 110
    joined = "\n".join(a.text for a in articles)
    for phrase in ("Ce billet fait partie", "This post is part of", "Play in new window", "FlowPlayerClassic", "Continuez à suivre"):
        assert phrase not in joined, phrase
    # the news and the quotes around the notices are still there
    assert "Les communications par mobile semblent également coupées." in joined
    assert "Pour d'autres réactions à l'arrestation de Clooney, suivez sur Twitter le hashtag #FreeClooney" in joined
    removed = sum(a.metadata.get("boilerplate_removed", 0) for a in articles)
    assert 60 <= removed <= 120


def test_a_trailing_site_handle_is_dropped():
    text = "The vote was postponed.\nParliament will meet again on Monday.\nexample_news"
    assert remove_boilerplate(text).text == "The vote was postponed.\nParliament will meet again on Monday."
    text = "The vote was postponed.\nParliament will meet again on Monday.\nnews.example.org"
    assert remove_boilerplate(text).text.endswith("on Monday.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack was part of a series of strikes on energy sites, the ministry said.",
        "Many economists share this view.",
        "Meta changed its privacy policy on Tuesday, the company said.",
        "Thousands of volunteers sign up for the reserve force every month.",
        "Sweden will become a member of the alliance next month.",
        "Copyright infringement cases rose by 20% last year.",
        "(c) the third condition concerns the border.",
        "Other countries will chip in with funding for the reconstruction.",
        "Workers in the sector earn $300 a month on average.",
        "Cet article de la Constitution fait partie du bloc de constitutionnalité.",
        "Il a choisi de partager sur son blog une vidéo de la manifestation.",
        "Der Artikel ist Teil des Grundgesetzes und wurde 1949 beschlossen.",
        "El Boletín Oficial del Estado publicó el decreto el martes.",
        "La ONG pidió a los ciudadanos que se suscriban a su boletín de alertas.",
    ],
)
def test_news_phrasing_close_to_boilerplate_cues_is_kept(sentence):
    for text in (
        f"The government met on Monday.\n{sentence}\nThe talks will resume next week.",
        f"The government met on Monday.\nThe talks will resume next week.\n{sentence}",
    ):
        assert remove_boilerplate(text).text == text

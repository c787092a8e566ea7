from briefing.text.analysis import fold, terms, words
from briefing.text.language import detect_language
from briefing.text.sentences import split_sentences
from briefing.text.tokens import count_tokens, get_encoding


def test_sentences_keep_offsets_and_respect_abbreviations():
    text = "M. Lavrov a parlé. Puis il est parti ! U.S. officials met Dr. Smith.\nTitre seul"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["M. Lavrov a parlé.", "Puis il est parti !", "U.S. officials met Dr. Smith.", "Titre seul"]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_language_of_short_questions():
    assert detect_language("Who met in Riyadh?") == "en"
    assert detect_language("Qui s'est rencontré à Riyad ?") == "fr"
    assert detect_language("Wer hat sich in Riad getroffen?") == "de"
    assert detect_language("¿Quién ganó la Copa del Mundo?") == "es"
    assert detect_language("1234 !!!", default="und") == "und"


def test_terms_fold_stem_and_drop_stopwords():
    assert fold("Sergueï Lavrov") == "serguei lavrov"
    t = terms("Les négociations de l'invasion", "fr")
    assert "les" not in t and "invas" in t[-1]
    assert "who" not in terms("Who met in Riyadh?", "en")


def test_words_drop_elisions_and_the_english_possessive():
    assert words("Gaddafi's stronghold, Egypt’s army, l'invasion, aujourd'hui") == \
        ["Gaddafi", "stronghold", "Egypt", "army", "invasion", "aujourd'hui"]


def test_tokens_offline():
    enc = get_encoding()
    assert enc.name.startswith("cl100k")
    assert count_tokens("hello world") == 2


def test_language_model_is_cached_once_unpacked(tmp_path, monkeypatch):
    from briefing.text import language

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language._identifier.cache_clear()
    try:
        first = language._identifier().classify("Der Bundestag hat am Donnerstag über das Gesetz abgestimmt.")
        assert language._model_cache_path().is_file() and str(tmp_path) in str(language._model_cache_path())
        language._identifier.cache_clear()
        assert language._identifier().classify("Der Bundestag hat am Donnerstag über das Gesetz abgestimmt.") == first
        language._model_cache_path().write_bytes(b"not a model")  # a damaged cache is rebuilt, not trusted
        language._identifier.cache_clear()
        assert language._identifier().classify("Der Bundestag hat am Donnerstag über das Gesetz abgestimmt.") == first
    finally:
        language._identifier.cache_clear()

from briefing.answer.support import SupportFeatures, says_all_asked


def _features(**over) -> SupportFeatures:
    base = dict(sentence_cos=0.81, chunk_cos=0.81, margin=-0.01, coverage=0.67, passage_coverage=0.67, names=1.0,
                lexical_top=0.44, sentence_z=1.5, chunk_gap=0.03, rare_coverage=0.54, rare_sentence=0.54, kind_fit=1.0,
                names_sentence=1.0, word_cover=1.0, passage_word_cover=1.0)
    base.update(over)
    return SupportFeatures(**base)


def test_a_sentence_with_every_name_and_word_asked_and_the_fact_says_what_was_asked():
    # "When was Rima Dali released?" over "Rima Dali a été libérée le 10 avril…", though another
    # article's sentence stands as close to the question (margin below 0)
    assert says_all_asked(_features(), has_names=True)


def test_a_missing_word_name_or_fact_leaves_it_to_the_model():
    assert not says_all_asked(_features(word_cover=0.75), has_names=True)  # "who signed" over "establish relations"
    assert not says_all_asked(_features(names_sentence=0.5), has_names=True)
    assert not says_all_asked(_features(kind_fit=0.0), has_names=True)  # "when" over a sentence with no date
    assert not says_all_asked(_features(), has_names=False)  # a question that names no one

"""The word lists' generic rules: a verb's gender by its ending, a surname's gender alone,
the Serbian fleeting a."""

from articles.ingest.lexicon import (
    FEMININE,
    MASCULINE,
    name_gender,
    serbian_nominative,
    verb_gender,
    verb_shaped,
)


def test_a_verb_outside_the_lists_shows_its_gender_by_its_ending_where_it_is_a_verb():
    assert verb_gender("проворчала", shaped=True) == FEMININE
    assert verb_gender("буркнул", shaped=True) == MASCULINE
    assert verb_gender("promrmljao", shaped=True) == MASCULINE
    assert verb_gender("doviknula", shaped=True) == FEMININE
    assert verb_gender("проворчала") is None  # read where the position does not say "verb"


def test_what_ends_as_a_verb():
    assert verb_shaped("вздыхает") and verb_shaped("doviknuo") and verb_shaped("komentariše")
    assert not verb_shaped("Марина") and not verb_shaped("stolom") and not verb_shaped("дом")


def test_a_surname_alone_shows_its_gender_except_a_serbian_one_in_ic():
    assert name_gender("Соколова") == FEMININE
    assert name_gender("Petrov") == MASCULINE
    assert name_gender("Jovanović") is None
    assert name_gender("Lin") is None


def test_serbian_writes_a_fleeting_a_in_a_mans_nominative():
    assert serbian_nominative("Petr") == "Petar"
    assert serbian_nominative("Александр") == "Александар"
    assert serbian_nominative("Igor") == "Igor"


def test_a_serbian_mans_first_name_in_a_is_a_mans():
    assert name_gender("Ilija Perić") == MASCULINE
    assert name_gender("Nikola Jović") == MASCULINE
    assert name_gender("Milica Jović") == FEMININE

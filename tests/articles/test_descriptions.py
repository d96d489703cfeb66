"""Serbian and Russian descriptions of speakers the text does not name (descriptions.py): a
pronoun or a left-out subject after one is that unnamed person, never the last person named."""

import pytest

from articles.ingest.descriptions import unnamed_speakers
from tests.articles.test_extraction_languages import spoken


@pytest.mark.parametrize(
    "text, noun",
    [
        ("Jedna komšinica iz prizemlja kaže da je buka prestala.", "komšinica"),
        ("Один из организаторов считает, что всё прошло хорошо.", "организаторов"),
        ("Видно, как пожилой фотограф снимает мост.", "фотограф"),
        ("Отдыхающая на пляже говорит, что вода тёплая.", "отдыхающая"),
    ],
)
def test_a_description_opening_a_clause_is_an_unnamed_speaker(text, noun):
    assert [found[2] for found in unnamed_speakers(text)] == [noun]


@pytest.mark.parametrize(
    "text",
    [
        "Za šankom stoji konobarica Mila Ristić.",  # a role before a name
        "Razgovarali smo sa konobaricom iz kafane.",  # after a preposition
        "Kafanu drži Mila Ristić, konobarica iz Niša.",  # in apposition to a name
        "— Приходите, — добавила секретарь клуба Ирина Зуева.",  # the role's words, then a name
    ],
)
def test_a_role_beside_a_name_or_after_a_preposition_describes_nobody_unnamed(text):
    assert unnamed_speakers(text) == []


def test_a_pronoun_after_a_description_is_the_unnamed_person_not_the_last_one_named():
    text = (
        "Kafić vodi Jelena Marić. „Gosti dolaze rano“, kaže Marić.\n"
        "Jedna konobarica, koja ne želi da joj se objavi ime, kaže da je posla sve više. "
        "„Radimo do ponoći“, rekla je ona."
    )

    assert spoken(text, "sr") == [
        ("Gosti dolaze rano", "Jelena Marić"),
        ("Radimo do ponoći", "konobarica"),
    ]


def test_a_described_person_is_the_subject_of_the_speech_verb_before_a_fragment():
    text = (
        "Ольга Серова ведёт экскурсии.\n"
        "Серова рассказывает, как один из туристов спросил её, почему мост "
        "«стоит криво и не падает»."
    )

    assert spoken(text, "ru") == [("стоит криво и не падает", "один из туристов")]

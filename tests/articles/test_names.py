"""Capitalised runs in Russian and Serbian text: a name has two words, or three with a
patronymic, and never mixes scripts."""

from articles.ingest.lexicon import FEMININE, MASCULINE
from articles.ingest.names import Names, capitalised_runs
from articles.models import Article, Paragraph


def names_in(text, slavic=True):
    return [name for _, _, name in capitalised_runs(text, slavic=slavic)]


def test_a_run_of_three_without_a_patronymic_is_a_word_and_a_name():
    assert names_in("Инженеру из Самары Игорю Панину шестьдесят лет.") == [
        "Инженеру",
        "Самары",
        "Игорю Панину",
    ]


def test_a_patronymic_keeps_a_name_of_three_whole():
    assert "Игорь Петрович Панин" in names_in("Завод возглавил Игорь Петрович Панин.")


def test_a_run_does_not_cross_from_one_script_to_the_other():
    assert names_in("Фестиваль организовал Степан Казарян Changeover Group.") == [
        "Фестиваль",
        "Степан Казарян",
        "Changeover Group",
    ]


def test_a_role_noun_before_a_name_shows_its_gender_and_a_verb_in_another_sentence_does_not():
    article = Article(title="t", language="sr")
    texts = [
        "Radionicu vodi stolar Pera Ilić, a pomaže mu slikarka Vesna Ilić.",
        "„Počeli smo prošle zime“, rekla je. Ilić ima još mesta.",
    ]
    paragraphs = [
        Paragraph(article=article, position=n, kind="body", text=t) for n, t in enumerate(texts, 1)
    ]
    names = Names(article, None, paragraphs)

    assert names.gender_of("Pera Ilić") == MASCULINE
    assert names.gender_of("Vesna Ilić") == FEMININE
    assert names.gender_of("Ilić") is None  # "rekla je. Ilić": another sentence

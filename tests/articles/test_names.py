"""Capitalised runs in Russian and Serbian text: a name has two words, or three with a
patronymic, and never mixes scripts."""

from articles.ingest.names import capitalised_runs


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

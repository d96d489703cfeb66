"""Who a pronoun, a left-out subject or a description stands for (speakers.py): the gender the
text shows beside a name, "the 38-year-old", the one woman of an article."""

import pytest

from tests.articles.test_extraction_languages import spoken

# {case: (text, language, (quote, speaker) of each quote kept)}
CASES = {
    "a-serbian-man-named-in-a-is-masculine": (
        "Kafanu drži kuvar Luka Stojić. „Ovde se jede polako“, kaže on.",
        "sr",
        [("Ovde se jede polako", "Luka Stojić")],
    ),
    "a-role-noun-before-the-name-shows-a-mans-gender": (
        "Мастерскую открыл столяр Миша Ракич. «Дерево здесь дешевле», — говорит он.",
        "ru",
        [("Дерево здесь дешевле", "Миша Ракич")],
    ),
    "the-role-noun-in-serbian-cyrillic": (
        "Пекарню держит пекарь Илија Жикић. „Хлеб се меси ноћу“, рекао је он.",
        "sr",
        [("Хлеб се меси ноћу", "Илија Жикић")],
    ),
    "a-first-name-in-a-after-a-masculine-role-noun": (
        "Galeriju vodi fotograf Pera Nikolić. „Izložba traje do maja“, rekao je on.",
        "sr",
        [("Izložba traje do maja", "Pera Nikolić")],
    ),
    "the-n-year-old-is-the-person-named-in-full-before-not-the-place": (
        "When Oleg Panin opened the shop in Vračar, he spoke no Serbian.\n"
        "“I pointed at everything,” said the 44-year-old. “Now I argue about prices.”",
        "en",
        [("I pointed at everything", "Oleg Panin"), ("Now I argue about prices.", "Oleg Panin")],
    ),
    "her-is-the-one-woman-the-article-names-however-far-back": (
        "Курсы ведёт Алла Титова.\nЗанятия идут по вечерам.\nУченики приходят после работы."
        "\nЗа год их стало вдвое больше.\nРазговор зашёл о Николае Петрове.\n"
        "По её словам, «учить язык поздно не бывает».",
        "ru",
        [("учить язык поздно не бывает", "Алла Титова")],
    ),
    "a-kin-noun-makes-a-first-name-a-person-and-a-man": (
        "Её муж Глеб работает в порту.\n«Здесь спокойнее, — говорит он. — И море близко».",
        "ru",
        [("Здесь спокойнее", "Глеб"), ("И море близко", "Глеб")],
    ),
    "a-name-after-an-inflected-kin-noun-is-no-subject": (
        "Došla je i Vesna Lukić, sa sinom Markom.\n„Ovde je kao kod kuće“, rekla je ona.",
        "sr",
        [("Ovde je kao kod kuće", "Vesna Lukić")],
    ),
    "a-first-name-after-a-capitalised-role-noun-and-before-koji-is-a-person": (
        "Komšija Dragan, koji svako jutro dolazi po hleb, kaže da mu je svejedno ko peče: "
        "„Samo da je topao.“",
        "sr",
        [("Samo da je topao.", "Dragan")],
    ),
    "a-womans-surname-outweighs-a-masculine-job-title": (
        "Как отмечает социолог Анна Крылова, уехали в основном айтишники. «Им легко уехать», "
        "— поясняет она.",
        "ru",
        [("Им легко уехать", "Анна Крылова")],
    ),
    "a-mans-first-name-in-ей-beside-an-undeclined-surname-is-no-oblique-case": (
        "Повар Алексей Баранов открыл кафе у вокзала.\n«Здесь всегда много людей», — улыбается "
        "Баранов.",
        "ru",
        [("Здесь всегда много людей", "Алексей Баранов")],
    ),
    "a-first-name-in-om-beside-an-undeclined-serbian-latin-surname": (
        "Za stolom sedi Artjom Zajcev, programer iz Kazanja.\nZajcev je tiši. „Učim polako“, "
        "rekao je on.",
        "sr",
        [("Učim polako", "Artjom Zajcev")],
    ),
    "the-agent-of-a-passive-verb-is-who-a-pronoun-stands-for": (
        "The bakery was opened by Oleg Varin, a baker from Perm.\n"
        "“Bread is the same everywhere,” he said.",
        "en",
        [("Bread is the same everywhere", "Oleg Varin")],
    ),
    "a-surname-ending-as-an-adverb-opens-a-sentence": (
        "Igor Vesely runs the stall with Anna Petrova.\nPetrova keeps the accounts.\n"
        "Vesely, who came from Tula, sells honey. “It sells itself,” he said.",
        "en",
        [("It sells itself", "Igor Vesely")],
    ),
    "a-womans-ic-surname-made-feminine-is-the-woman-named-in-full": (
        "Radionicu vode Milica Janković i Boris Orlov.\n— Sve šijemo ručno — kaže "
        "Jankovićeva. — I polako.",
        "sr",
        [("Sve šijemo ručno", "Milica Janković"), ("I polako.", "Milica Janković")],
    ),
}


@pytest.mark.parametrize("text, language, expected", list(CASES.values()), ids=list(CASES))
def test_the_speaker_a_reference_stands_for(text, language, expected):
    assert spoken(text, language) == expected


def test_a_verb_of_another_sentence_says_nothing_of_a_names_gender():
    text = (
        "Ana Kostić i Boris Orlov vode klub.\n„Sve je počelo slučajno“, rekla je.\n"
        "Orlov je kasnije došao. „Tada nas je bilo troje“, rekao je on."
    )

    assert spoken(text, "sr")[-1] == ("Tada nas je bilo troje", "Boris Orlov")

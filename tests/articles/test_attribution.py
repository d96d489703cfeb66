"""Who said a quote in Russian and Serbian text the speech-verb lists were not written for:
verbs known by their endings, genders from those endings, names read back to the full
nominative that introduced them."""

import pytest

from tests.articles.test_extraction_languages import spoken

CASES = [
    pytest.param(
        "— Завтра будет дождь, — проворчал Семён Ковалёв.",
        "ru",
        [("Завтра будет дождь", "Семён Ковалёв")],
        id="a-russian-verb-outside-the-lists-closes-dash-speech-by-its-ending",
    ),
    pytest.param(
        "Bojan Perić i Goran Lukić stigli su kasno. „Vratićemo se“, doviknuo je Lukić.",
        "sr",
        [("Vratićemo se", "Goran Lukić")],
        id="a-serbian-participle-outside-the-lists-attributes-the-quote",
    ),
    pytest.param(
        "Milena Kostić i Dragan Jović vode radionicu.\n„Počinjemo tačno u osam“, dobacila je.",
        "sr",
        [("Počinjemo tačno u osam", "Milena Kostić")],
        id="the-participles-ending-gives-the-gender-of-a-subject-the-text-leaves-out",
    ),
    pytest.param(
        "Мэр Олег Сомов выступал недолго. Из толпы кто-то выкрикнул: «Хватит!»",
        "ru",
        [("Хватит!", "Из толпы кто-то")],
        id="someone-unnamed-before-a-colon-is-nobody-not-the-paragraphs-person",
    ),
    pytest.param(
        "— Пора, — сказал Лев Орлов. — Быстро.",
        "ru",
        [("Пора", "Лев Орлов"), ("Быстро.", "Лев Орлов")],
        id="a-short-resumption-of-dash-speech-is-speech",
    ),
    pytest.param(
        'Maria Kowalski opened the stall in May.\n"We sell out by noon," Maria said.',
        "en",
        [("We sell out by noon", "Maria Kowalski")],
        id="a-first-name-alone-is-the-person-introduced-in-full",
    ),
    pytest.param(
        "Кружок ведёт Вера Лукина.\nПоспорили Лукина и соседи о цене.\n«Дешевле не будет», — заявила Лукина.",
        "ru",
        [("Дешевле не будет", "Вера Лукина")],
        id="a-verb-opening-a-sentence-before-a-surname-is-not-a-first-name",
    ),
    pytest.param(
        "Prema rečima Petra Lazića, sala je puna. „Dolaze i penzioneri“, kaže Lazić.",
        "sr",
        [("Dolaze i penzioneri", "Petar Lazić")],
        id="a-serbian-name-in-the-genitive-keeps-its-fleeting-a",
    ),
    pytest.param(
        "По словам Ксении Ворониной, зал полон. «Приходят даже пенсионеры», — говорит Воронина.",
        "ru",
        [("Приходят даже пенсионеры", "Ксения Воронина")],
        id="a-russian-name-in-ii-reads-back-to-ia",
    ),
    pytest.param(
        "Инженеру из Самары Игорю Панину шестьдесят лет.\n— Я ни о чём не жалею, — говорит Панин.",
        "ru",
        [("Я ни о чём не жалею", "Игорь Панин")],
        id="a-place-before-a-name-in-a-run-of-three-is-not-part-of-it",
    ),
    pytest.param(
        "Кафе держат Мирон Шустов и его соседка.\n«Кофе варим сами», — говорит Белкина. «И хлеб печём», — добавил он.",
        "ru",
        [("Кофе варим сами", "Белкина"), ("И хлеб печём", "Мирон Шустов")],
        id="a-feminine-surname-alone-is-not-what-he-stands-for",
    ),
    pytest.param(
        "Valentina Orlić vodi hor.\n„Pevamo sredom“, kaže Orlić.\n"
        "Njena pomoćnica Jasna Kovač uči decu note. Kovač kaže da deca brzo uče.\n"
        "„Najteže je sedeti mirno“, rekla je ona.",
        "sr",
        [("Pevamo sredom", "Valentina Orlić"), ("Najteže je sedeti mirno", "Jasna Kovač")],
        id="she-is-the-later-of-the-last-speaker-and-the-last-subject",
    ),
]


@pytest.mark.parametrize("text, language, expected", CASES)
def test_the_speaker_of_each_quote(text, language, expected):
    assert spoken(text, language) == expected

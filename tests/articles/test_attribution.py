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
    pytest.param(
        "Nina Pešić vodi hor.\n„Probe su četvrtkom“, dodala je uz osmeh.",
        "sr",
        [("Probe su četvrtkom", "Nina Pešić")],
        id="a-left-out-subject-before-an-adverbial-of-manner",
    ),
    pytest.param(
        "Радионицу води Бранко Ивић.\n„Долазе и деца и пензионери“, каже кроз смех.",
        "sr",
        [("Долазе и деца и пензионери", "Бранко Ивић")],
        id="a-present-verb-of-no-gender-with-its-subject-left-out",
    ),
    pytest.param(
        "Dorćolom šetaju Ivan Kuzmin i Marija Lazić.\n„Ovo je naš kraj“, kažu kroz smeh.",
        "sr",
        [("Ovo je naš kraj", "nobody named")],
        id="a-plural-verb-leaves-no-one-person-for-its-left-out-subject",
    ),
    pytest.param(
        "Кафе открыла Зоя Миронова. По её словам, «клиенты приходят уже не за кофе, а за "
        "разговором».",
        "ru",
        [("клиенты приходят уже не за кофе, а за разговором", "Зоя Миронова")],
        id="po-eyo-slovam-is-the-woman-before-it",
    ),
    pytest.param(
        "Školu vodi Goran Vasić. Prema njegovim rečima, „upis je počeo ranije nego prošle godine“.",
        "sr",
        [("upis je počeo ranije nego prošle godine", "Goran Vasić")],
        id="prema-njegovim-recima-is-the-man-before-it",
    ),
    pytest.param(
        "«Вода ушла за ночь», — сказал журналистам один из спасателей, водитель Павел Зуев, "
        "приехавший первым.",
        "ru",
        [("Вода ушла за ночь", "Павел Зуев")],
        id="the-name-in-apposition-after-a-described-speaker",
    ),
    pytest.param(
        "«Сокол» работает до полуночи, и там всегда людно.",
        "ru",
        [],
        id="a-name-in-guillemets-before-a-lower-case-verb-is-no-speech",
    ),
    pytest.param(
        'A waiter at the café said: "We close when the last guest leaves."',
        "en",
        [("We close when the last guest leaves.", "A waiter")],
        id="a-capitalised-determiner-opens-a-description-of-the-speaker",
    ),
    pytest.param(
        "Marko Ilić waited in line, and then the officer asked him: ‘Where is your stamp?’ He "
        "shrugged.",
        "en",
        [("Where is your stamp?", "the officer")],
        id="a-quote-a-colon-opens-and-its-question-mark-ends-is-the-colons-speakers",
    ),
    pytest.param(
        "На концерте Ольга Репина пела последней. Кто-то из первого ряда крикнул: «Ещё!» Певица "
        "улыбается.",
        "ru",
        [("Ещё!", "Кто-то из первого ряда")],
        id="the-sentence-after-a-quote-a-colon-opens-says-nothing-of-its-speaker",
    ),
    pytest.param(
        "Радионицу води Зоран Петковић.\n— Прво се учи стрпљење — уз осмех каже Петковић. — "
        "Онда све остало.",
        "sr",
        [("Прво се учи стрпљење", "Зоран Петковић"), ("Онда све остало.", "Зоран Петковић")],
        id="a-phrase-of-manner-between-the-dash-and-the-verb-still-closes-dash-speech",
    ),
    pytest.param(
        "«Сначала было страшно, — с улыбкой говорит Вера Гусева. — Теперь привыкли».",
        "ru",
        [("Сначала было страшно", "Вера Гусева"), ("Теперь привыкли", "Вера Гусева")],
        id="a-phrase-of-manner-inside-the-guillemets-parts-the-quote",
    ),
    pytest.param(
        "Domaćin je Petar Lazić. „Dođite opet u subotu“, rekao je tiho.",
        "sr",
        [("Dođite opet u subotu", "Petar Lazić")],
        id="an-adverb-after-the-participle-still-leaves-the-subject-out",
    ),
    pytest.param(
        "Vera Pavlović kaže da se najviše prodaje roman „Reka bez obale“, a za njim zbirka "
        "priča „Zimski grad“.",
        "sr",
        [],
        id="titles-after-a-noun-and-a-clause-going-on-with-a-are-no-speech",
    ),
    pytest.param(
        "Рынок открыл Пётр Соловьёв. Товар, по словам продавцов, «уходит за час».",
        "ru",
        [("уходит за час", "по словам продавцов")],
        id="according-to-people-in-lower-case-is-nobody-named-not-the-paragraphs-person",
    ),
    pytest.param(
        "Ярмарку устроила Ольга Миронова. Миронова торгует мёдом.\nПо словам организатора ярмарки Ольги Мироновой, все "
        "деньги «пойдут на ремонт».",
        "ru",
        [("пойдут на ремонт", "Ольга Миронова")],
        id="according-to-reads-to-the-name-at-its-clauses-end",
    ),
    pytest.param(
        "На сцене играли до утра.\n— Мы не устали, — добавила она.",
        "ru",
        [("Мы не устали", "nobody named")],
        id="dash-speech-beside-its-verb-is-speech-when-nobody-is-named",
    ),
    pytest.param(
        "Mira Ross runs the kitchen. “We never close early,” she said. “Customers stay.”",
        "en",
        [("We never close early", "Mira Ross"), ("Customers stay.", "Mira Ross")],
        id="a-sentence-of-two-words-resuming-a-quote-is-speech",
    ),
    pytest.param(
        "Before he moved, Ivan Lazar said, he had never heard the expression ‘border hop’.",
        "en",
        [],
        id="a-phrase-named-after-the-phrase-or-expression-is-no-speech",
    ),
    pytest.param(
        "Lena Sokol, a nurse from Omsk, said she took the job “to learn the language quickly” "
        "and stayed.",
        "en",
        [("to learn the language quickly", "Lena Sokol")],
        id="a-fragment-a-named-speakers-verb-reports-is-speech-though-the-sentence-runs-on",
    ),
]


@pytest.mark.parametrize("text, language, expected", CASES)
def test_the_speaker_of_each_quote(text, language, expected):
    assert spoken(text, language) == expected

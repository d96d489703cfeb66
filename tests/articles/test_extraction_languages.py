"""Quotes in Serbian (both scripts) and Russian: marks, dash speech, verbs, pronoun gender."""

from articles.ingest.attribution import extract_quotes
from articles.ingest.lexicon import (
    FEMININE,
    MASCULINE,
    name_gender,
    to_serbian_cyrillic,
    verb_gender,
)
from articles.ingest.quotes import DEFAULT_THRESHOLD, quote_spans
from articles.models import Article, Paragraph


def spoken(text, language):
    """(quote, speaker) for each kept quote of a text, one paragraph per line."""
    article = Article(title="t", raw_text=text, language=language)
    paragraphs = [
        Paragraph(article=article, position=n, kind="body", text=line)
        for n, line in enumerate([t for t in text.split("\n") if t.strip()], 1)
    ]
    return [
        (q.text.strip(" ,"), q.speaker_label)
        for q in extract_quotes(article, paragraphs)
        if q.detection >= DEFAULT_THRESHOLD
    ]


def test_serbian_low_high_marks_and_a_participle_after_the_quote():
    text = "„Voz kasni svaki dan“, rekao je mašinovođa Bojan Radić."

    assert spoken(text, "sr") == [("Voz kasni svaki dan", "Bojan Radić")]


def test_russian_guillemets_and_a_present_tense_verb():
    text = "«Зимой здесь тихо», — говорит смотритель маяка Фёдор Гусев."

    assert spoken(text, "ru") == [("Зимой здесь тихо", "Фёдор Гусев")]


def test_inner_serbian_quote_belongs_to_the_outer_one():
    text = "„Na tabli piše ‚zatvoreno‘ već mesec dana“, kaže Vera Lukić."

    assert [text[s:e] for s, e, _ in quote_spans(text)] == [
        "Na tabli piše ‚zatvoreno‘ već mesec dana"
    ]


def test_the_low_single_mark_opens_a_quote_of_its_own():
    text = "Natpis ‚Dobro došli‘ stoji na ulazu."

    assert [text[s:e] for s, e, _ in quote_spans(text)] == ["Dobro došli"]


def test_dash_speech_closed_by_a_verb_is_a_quote_in_both_languages():
    russian = "Глеб Орехов приехал первым.\n— Дорога заняла весь день, — сказал Орехов."
    serbian = "Stigla je i Dara Pavić.\n— Dolazimo opet na leto — rekla je Pavić."

    assert spoken(russian, "ru") == [("Дорога заняла весь день", "Глеб Орехов")]
    assert spoken(serbian, "sr") == [("Dolazimo opet na leto", "Dara Pavić")]


def test_a_dash_inside_a_sentence_is_not_speech():
    text = "— Это не цитата, а просто тире в начале строки — и больше ничего."

    assert quote_spans(text) == []


def test_a_pronoun_goes_to_the_last_person_of_its_gender():
    russian = (
        "Анна Котова и её брат Павел Котов открыли кафе.\n«Мы варим кофе сами», — сказала она."
    )
    serbian = "Sofija Ilić i Nenad Ilić vode radionicu.\n„Radimo do kasno“, rekao je on."

    assert spoken(russian, "ru") == [("Мы варим кофе сами", "Анна Котова")]
    assert spoken(serbian, "sr") == [("Radimo do kasno", "Nenad Ilić")]


def test_the_latin_serbian_pronoun_is_not_read_in_english():
    text = "Mark Dale walked on.\n“We closed early,” on Friday a notice said."

    assert ("We closed early", "Mark Dale") not in spoken(text, "en")


def test_a_surname_later_in_the_text_stands_for_the_full_name():
    text = "Greta Holm opened a repair café on Monday.\n“People bring toasters,” Holm said."

    assert spoken(text, "en") == [("People bring toasters", "Greta Holm")]


def test_the_lexicon_marks_gender_and_has_both_serbian_scripts():
    assert verb_gender("rekla") == FEMININE and verb_gender("сказал") == MASCULINE
    assert verb_gender("kaže") is None
    assert to_serbian_cyrillic("objasnila") == "објаснила"
    assert verb_gender("објаснила") == FEMININE
    assert name_gender("Irena Popova") == FEMININE and name_gender("Илья Сомов") == MASCULINE
    assert name_gender("Jane Doe") is None


def test_a_role_noun_before_a_name_is_not_part_of_it():
    cases = [
        ("Актёр Кирилл Морозов вернулся в Белград.\n«Здесь мой зритель», — сказал Морозов.", "ru"),
        (
            "Glumac Kiril Morozov vratio se u Beograd.\n„Ovde je moja publika“, rekao je Morozov.",
            "sr",
        ),
        ("Actor Kirill Morozov came back to Belgrade.\n“My audience is here,” Morozov said.", "en"),
        ("Novinarka Ana Lazić piše o pozorištu.\n„Predstava je rasprodata“, kaže Lazić.", "sr"),
    ]
    for text, language in cases:
        ((quote, speaker),) = spoken(text, language)
        assert speaker in ("Кирилл Морозов", "Kiril Morozov", "Kirill Morozov", "Ana Lazić"), (
            text,
            speaker,
        )


def test_a_person_introduced_in_another_case_is_followed_by_the_surname():
    cases = [
        (
            "Razgovarali smo sa osnivačicom škole Anastasijom Rudnevom.\n"
            "„Deca vežbaju više nego što sam očekivala“, kaže Rudneva.",
            "sr",
            "Anastasija Rudneva",
        ),
        (
            "Prostor je našla uz pomoć komšinice Snežane Ilić.\n"
            "„Klavir je stajao u mom stanu godinama“, rekla je Ilić.",
            "sr",
            "Snežana Ilić",
        ),
        (
            "Draganu Petroviću najvažnije je što je škola blizu.\n"
            "„Ne moramo da idemo preko grada“, rekao je Petrović.",
            "sr",
            "Dragan Petrović",
        ),
        (
            "Игорю Лаптеву 54 года, и двадцать из них он проработал на радио.\n"
            "— Здесь всё по-другому и совсем иначе, — говорит Лаптев.",
            "ru",
            "Игорь Лаптев",
        ),
        (
            "Мы поговорили с куратором выставки Артёмом Беловым.\n"
            "«Каждый второй принёс ключи от квартиры», — отметил Белов.",
            "ru",
            "Артём Белов",
        ),
        (
            "Елене Соколовой тридцать один год.\n"
            "«Дети быстрее нас выучили язык», — говорит Соколова.",
            "ru",
            "Елена Соколова",
        ),
    ]
    for text, language, speaker in cases:
        assert [s for _, s in spoken(text, language)] == [speaker], text


def test_according_to_a_declined_surname_gives_the_person_in_full():
    text = (
        "По словам Семёна Гаврилова, «в первый день пришли трое, а через месяц сорок».\n"
        "«Мы не берём денег и не обещаем работу», — уточнил Гаврилов."
    )
    serbian = (
        "Oleg Fomin peče hleb od pete godine.\n"
        "Prema rečima Fomina, „hleb mora da odstoji celu noć“."
    )

    assert [s for _, s in spoken(text, "ru")] == ["Семён Гаврилов", "Семён Гаврилов"]
    assert [s for _, s in spoken(serbian, "sr")] == ["Oleg Fomin"]


def test_a_speech_verb_without_a_subject_speaks_for_the_last_person_of_its_gender():
    text = (
        "Ana Rudneva vodi školu, a Marko Ilić drži časove gitare.\n"
        "„Prvo deca, pa onda roditelji“, objasnila je."
    )

    assert spoken(text, "sr") == [("Prvo deca, pa onda roditelji", "Ana Rudneva")]


def test_a_person_named_in_full_only_in_the_headline():
    article = Article(title="Violinistkinja Irina Sokolova svira u prolazu", language="sr")
    paragraphs = [
        Paragraph(
            article=article,
            position=1,
            kind="body",
            text="„Akustika je ovde bolja nego u mnogim salama“, kaže Sokolova.",
        )
    ]

    (quote,) = extract_quotes(article, paragraphs)

    assert quote.speaker_label == "Irina Sokolova"


def test_an_english_name_is_never_read_as_a_declined_one():
    text = (
        "Semyonov’s wife, Alina Semyonova, keeps the score sheets.\n"
        "“Somebody has to remember who won,” Semyonova said."
    )

    assert [s for _, s in spoken(text, "en")] == ["Alina Semyonova"]


def test_a_woman_named_in_the_dative_and_a_man_in_the_serbian_instrumental():
    text = (
        "Милици Јовановић, власници галерије, идеја је пала на памет прошле године.\n"
        "„Било ми је жао да то заврши на депонији“, каже Јовановић.\n"
        "Са Михаилом Кузњецовим упознала се на курсу језика. „Он прави, ја продајем“, додала је.\n"
        "„Овде сам први пут радио са храстовином“, рекао је Кузњецов."
    )

    assert [s for _, s in spoken(text, "sr")] == [
        "Милица Јовановић",
        "Милица Јовановић",
        "Михаил Кузњецов",
    ]


def test_dash_speech_that_resumes_after_its_attribution_is_the_same_speaker_s():
    russian = (
        "Глеб Орехов приехал первым.\n"
        "— Дорога заняла весь день, — сказал Орехов. — Но я бы поехал снова хоть завтра."
    )
    serbian = "Stigla je i Dara Pavić.\n— Dolazimo opet na leto — rekla je Pavić. — Vodimo i decu."

    assert spoken(russian, "ru") == [
        ("Дорога заняла весь день", "Глеб Орехов"),
        ("Но я бы поехал снова хоть завтра.", "Глеб Орехов"),
    ]
    assert spoken(serbian, "sr") == [
        ("Dolazimo opet na leto", "Dara Pavić"),
        ("Vodimo i decu.", "Dara Pavić"),
    ]


def test_a_surname_that_is_also_a_trade_stays_a_name_on_its_own():
    english = "Tom Baker runs the shop.\n“We open at six,” Baker said."
    serbian = "Marko Ribar drži radnju.\n„Otvaramo u šest ujutru“, kaže Ribar."

    assert [s for _, s in spoken(english, "en")] == ["Tom Baker"]
    assert [s for _, s in spoken(serbian, "sr")] == ["Marko Ribar"]


def test_a_double_quote_nested_in_a_single_one_stays_inside_it():
    text = "‘They call it “the émigrés’ corner”. We call it home,’ she said."

    assert [text[s:e] for s, e, _ in quote_spans(text)] == [
        "They call it “the émigrés’ corner”. We call it home,"
    ]


def test_an_attribution_between_dashes_inside_the_marks_parts_the_quote():
    text = "Вера Ильина держит кафе.\n«Утром тут пусто, — говорит она. — А вечером не сесть»."

    assert spoken(text, "ru") == [
        ("Утром тут пусто", "Вера Ильина"),
        ("А вечером не сесть", "Вера Ильина"),
    ]


def test_a_dash_inside_a_quote_without_a_verb_after_it_does_not_part_it():
    text = "«Мы приехали в марте — тогда ещё было холодно», — вспоминает Олег Рябов."

    assert spoken(text, "ru") == [("Мы приехали в марте — тогда ещё было холодно", "Олег Рябов")]

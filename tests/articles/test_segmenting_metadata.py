"""The segmenter's choice of headline, byline, date and outlet, and the furniture it keeps out of
the body, on made-up pages of its own (no line copied from an evaluation capture)."""

import datetime

import pytest

from articles.ingest.segmenting import segment

BODY = (
    "Most preko Morave otvoren je u subotu, posle dve godine radova i tri odložena roka. "
    "Prvi su preko njega prešli biciklisti iz obližnjeg sela."
)
BODY2 = (
    "Opština kaže da će do jeseni biti postavljena i rasveta, a klupe na obe obale. "
    "Meštani traže i stazu za pešake do železničke stanice."
)
HEADLINE = "Novi most preko Morave otvoren za pešake i bicikliste"


def page(*lines):
    return "\n\n".join(lines) + "\n"


def body_of(result):
    return [text for kind, text in result.paragraphs if kind == "body"]


def test_the_headline_is_the_line_above_the_byline_not_the_buttons_above_it():
    result = segment(
        page(
            "Podelite na Fejsbuku",
            "Pretraži sajt",
            HEADLINE,
            "Autor: Lazar Pejić",
            "3. maj 2023.",
            BODY,
        )
    )

    assert result.title == HEADLINE
    assert result.author_names == ["Lazar Pejić"]
    assert all(
        p.kind == "furniture" for p in result.pieces if p.text.startswith(("Podelite", "Pretraži"))
    )


def test_a_line_of_names_under_the_headline_is_the_byline_not_the_headline():
    result = segment(
        page("Send to a friend", HEADLINE, "Ada Crane and Ivo Marin", "May 3, 2023", BODY)
    )

    assert result.title == HEADLINE
    assert result.author_names == ["Ada Crane", "Ivo Marin"]


def test_a_headline_with_a_full_stop_above_the_byline_is_still_the_headline():
    headline = "Most preko Morave otvoren posle dve godine."
    result = segment(page(headline, "Piše: Lazar Pejić", BODY, BODY2))

    assert result.title == headline
    assert not result.title_supplied
    assert body_of(result) == [BODY, BODY2]


def test_the_site_s_name_above_everything_is_the_outlet_when_nothing_else_names_one():
    result = segment(page("Harbour Lantern", "Log in", "Culture", HEADLINE, "By Ada Crane", BODY))

    assert result.outlet_name == "Harbour Lantern"
    assert result.title == HEADLINE


def test_the_publication_date_counts_even_below_the_update():
    result = segment(page(HEADLINE, "Ažurirano: 05.05.2023.", "Objavljeno: 03.05.2023.", BODY))

    assert result.published == datetime.date(2023, 5, 3)


def test_a_name_and_a_city_under_the_headline_give_the_byline():
    result = segment(page(HEADLINE, "Олеся Крылова, Нижний Новгород", "3 мая 2023", BODY))

    assert result.author_names == ["Олеся Крылова"]
    assert result.published == datetime.date(2023, 5, 3)


def test_short_links_and_a_bio_after_the_article_stay_out_of_it():
    bio = "Lazar Pejić je dopisnik iz Kraljeva i piše o saobraćaju."
    result = segment(
        page(
            HEADLINE,
            BODY,
            BODY2,
            "Vremenska prognoza za vikend",
            bio,
            "Impresum",
            "© 2023 Glas Pomoravlja",
        )
    )

    assert body_of(result) == [BODY, BODY2]
    assert [text for _kind, text in result.paragraphs if text in (bio, "Impresum")] in ([], [bio])
    assert "Impresum" not in [text for _kind, text in result.paragraphs]


def test_the_text_of_a_newsletter_box_is_not_body():
    result = segment(
        page(
            HEADLINE,
            BODY,
            "Sign up for the Lantern Letter",
            "Three stories from the coast, every Monday.",
            BODY2,
        )
    )

    assert body_of(result) == [BODY, BODY2]


def test_two_sentences_above_a_photo_credit_are_body_not_a_caption():
    result = segment(page(HEADLINE, BODY, "Foto: Ivo Marin", BODY2))

    assert body_of(result) == [BODY, BODY2]


def test_the_rules_of_the_comment_section_at_the_tail_are_not_body_but_a_request_for_comment_is():
    request = "Opština nije odgovorila na zahtev za komentar."
    rules = "Komentari su mišljenja čitalaca, a ne redakcije."
    result = segment(page(HEADLINE, BODY, request, rules, "© 2023 Glas Pomoravlja"))

    assert body_of(result) == [BODY, request]


SUMMARY = "Radovi su trajali dve godine, a most je koštao duplo više od plana."


def test_a_headline_above_a_summary_above_the_byline_is_the_headline_and_the_summary_is_body():
    result = segment(page("Početna", HEADLINE, SUMMARY, "Autor: Lazar Pejić", "3. maj 2023.", BODY))

    assert result.title == HEADLINE
    assert body_of(result) == [SUMMARY, BODY]
    assert result.author_names == ["Lazar Pejić"]
    assert result.published == datetime.date(2023, 5, 3)


def test_an_author_s_name_under_the_summary_is_the_byline():
    result = segment(page(HEADLINE, SUMMARY, "Lazar Pejić", "03.05.2023.", BODY))

    assert result.title == HEADLINE
    assert result.author_names == ["Lazar Pejić"]


def test_a_name_in_capitals_under_the_headline_is_the_byline_written_as_a_name():
    result = segment(page(HEADLINE, "LAZAR PEJIĆ", "3. maj 2023.", BODY))

    assert result.author_names == ["Lazar Pejić"]


def test_a_menu_of_spaced_words_above_the_headline_is_not_the_headline():
    result = segment(
        page("Vesti   Sport   Kultura   Grad", "KULTURA", HEADLINE, SUMMARY, BODY, BODY2)
    )

    assert result.title == HEADLINE
    assert "Vesti   Sport   Kultura   Grad" not in [t for _k, t in result.paragraphs]


def test_the_site_s_name_and_tagline_over_its_menu_give_the_outlet():
    result = segment(
        page(
            "Preskoči na sadržaj",
            "Glas Pomoravlja – vesti iz Ćuprije i okoline",
            "Početna | Grad | Sport",
            HEADLINE,
            "Autor: Lazar Pejić",
            BODY,
        )
    )

    assert result.title == HEADLINE
    assert result.outlet_name == "Glas Pomoravlja"


def test_the_text_of_an_advertisement_in_the_article_is_not_body():
    result = segment(page(HEADLINE, BODY, "Oglas", "Polovni traktori uz besplatnu dostavu", BODY2))

    assert body_of(result) == [BODY, BODY2]
    assert "Polovni traktori uz besplatnu dostavu" not in [t for _k, t in result.paragraphs]


def test_an_advertisement_label_above_the_headline_leaves_the_headline():
    result = segment(page("Reklama", HEADLINE, "Autor: Lazar Pejić", BODY, BODY2))

    assert result.title == HEADLINE


def test_a_numbered_list_of_links_under_most_read_is_furniture_but_a_list_in_the_article_is_not():
    links = ["1. Počinje rekonstrukcija mosta na Ibru", "2. Koliko košta vrtić ove godine?"]
    result = segment(page(HEADLINE, BODY, BODY2, "Najčitanije", *links))
    assert body_of(result) == [BODY, BODY2]

    steps = ["1. Popunite obrazac u opštini.", "2. Ponesite ličnu kartu."]
    result = segment(page(HEADLINE, BODY, "Kako do dozvole:", *steps))
    assert all(step in body_of(result) for step in steps)


def test_the_last_paragraph_above_a_photo_credit_that_closes_the_article_stays_body():
    last = "Organizatori planiraju da most otvore i za automobile do kraja godine."
    result = segment(page(HEADLINE, BODY, last, "Foto: Ivo Marin", "Tagovi: most, Morava"))

    assert body_of(result) == [BODY, last]


def test_a_related_link_with_its_section_and_date_after_the_article_is_not_body():
    result = segment(
        page(
            HEADLINE,
            BODY,
            BODY2,
            "Povezane vesti",
            "Ruski hor peva na Kalemegdanu",
            "Kultura | 12.03.2023.",
        )
    )

    assert body_of(result) == [BODY, BODY2]
    assert "Ruski hor peva na Kalemegdanu" not in [t for _k, t in result.paragraphs]


def test_a_summary_between_the_headline_and_the_lead_photo_s_credit_is_body_not_a_caption():
    result = segment(page(HEADLINE, SUMMARY, "Foto: Ivo Marin", "Autor: Lazar Pejić", BODY))

    assert result.title == HEADLINE
    assert body_of(result) == [SUMMARY, BODY]
    assert result.author_names == ["Lazar Pejić"]


def test_the_outlet_a_byline_says_it_was_written_for():
    result = segment(page(HEADLINE, "Autor: Lazar Pejić, specijalno za Glas Pomoravlja", BODY))

    assert result.author_names == ["Lazar Pejić"]
    assert result.outlet_name == "Glas Pomoravlja"


def test_the_site_s_short_lines_below_a_wire_story_s_closing_credits_are_not_body():
    result = segment(
        page(
            HEADLINE,
            "By Ada Crane",
            BODY,
            BODY2,
            "Reporting by Ada Crane; Editing by Ivo Marin",
            "Our principles: how we report.",
        )
    )

    assert body_of(result) == [BODY, BODY2]
    assert result.author_names == ["Ada Crane"]


@pytest.mark.parametrize(
    "label", ["INTERVJU |", "Intervju:", "ИНТЕРВЬЮ |", "Интервью —", "INTERVIEW |"]
)
def test_a_section_label_before_the_headline_is_furniture_in_any_language_or_case(label):
    result = segment(page(f"{label} {HEADLINE}", "Autor: Lazar Pejić", BODY))

    assert result.title == HEADLINE


def test_a_phrase_above_the_lead_photo_s_credit_is_the_headline_when_nothing_else_is():
    result = segment(page("Početna", HEADLINE, "Foto: Ivo Marin", BODY, BODY2))

    assert result.title == HEADLINE
    assert not result.title_supplied


def test_a_name_and_its_outlet_after_a_bar_give_the_byline_not_the_headline():
    result = segment(
        page("Podeli na Fejsbuku", HEADLINE, "Lazar Pejić | Tanjug", "03.05.2023.", BODY)
    )

    assert result.title == HEADLINE
    assert result.author_names == ["Lazar Pejić"]


@pytest.mark.parametrize("line", ["Autor: Redakcija", "By Staff Reporter", "Автор: Редакция"])
def test_a_byline_that_names_the_newsroom_names_no_author_and_is_no_headline(line):
    result = segment(page(HEADLINE, line, "03.05.2023.", BODY))

    assert result.title == HEADLINE
    assert result.author_names == []


def test_the_outlet_after_the_author_s_name_is_not_part_of_the_name():
    result = segment(page(HEADLINE, "Автор: Олеся Крылова / «Южный вестник»", BODY))

    assert result.author_names == ["Олеся Крылова"]


def test_a_name_under_the_date_under_the_headline_is_the_byline():
    result = segment(page(HEADLINE, "3. maj 2023.", "Lazar Pejić", BODY))

    assert result.author_names == ["Lazar Pejić"]
    assert result.published == datetime.date(2023, 5, 3)


@pytest.mark.parametrize(
    "line, outlet",
    [
        ("Preuzeto sa portala Glas Pomoravlja", "Glas Pomoravlja"),
        ("При перепечатке ссылка на «Южный вестник» обязательна", "Южный вестник"),
        ("© 2023 Сетевое издание «Южный вестник»", "Южный вестник"),
    ],
)
def test_the_outlet_from_a_source_without_a_colon_reprint_terms_or_a_quoted_name(line, outlet):
    result = segment(page(HEADLINE, "Autor: Lazar Pejić", BODY, BODY2, line))

    assert result.outlet_name == outlet
    assert body_of(result) == [BODY, BODY2]


def test_a_date_with_its_time_labelled_after_it():
    result = segment(page(HEADLINE, "Datum: 03.05.2023. Vreme: 10:22", BODY))

    assert result.published == datetime.date(2023, 5, 3)


def test_the_author_s_name_above_the_photographer_s_credit_at_the_end_is_the_byline():
    result = segment(page(HEADLINE, "3. maj 2023.", BODY, BODY2, "Lazar Pejić", "Foto: Ivo Marin"))

    assert result.author_names == ["Lazar Pejić"]
    assert body_of(result) == [BODY, BODY2]


def test_a_sentence_of_two_joined_clauses_above_a_photo_credit_is_body_but_a_phrase_is_a_caption():
    joined = "Radionica je u dvorištu kuće na periferiji grada, a u njoj stoji tridesetak vrata."
    caption = "Lazar Pejić u radionici na periferiji grada."
    result = segment(
        page(HEADLINE, joined, "Foto: Ivo Marin", BODY, caption, "Foto: Ivo Marin", BODY2)
    )

    assert body_of(result) == [joined, BODY, BODY2]
    assert ("caption", caption) in result.paragraphs


def test_a_slogan_above_the_site_s_menu_is_not_the_headline():
    result = segment(
        page(
            "Nezavisno novinarstvo iz Pomoravlja od 1998", "Vesti | Sport | Kultura", HEADLINE, BODY
        )
    )

    assert result.title == HEADLINE


@pytest.mark.parametrize("label", ["Pročitajte još:", "Read more", "Читайте также"])
def test_the_links_under_a_read_more_label_inside_the_article_are_not_body(label):
    links = ["Počinje rekonstrukcija mosta na Ibru", "Koliko košta vrtić ove godine?"]
    result = segment(page(HEADLINE, "Autor: Lazar Pejić", BODY, label, *links, BODY2))

    assert body_of(result) == [BODY, BODY2]
    assert not any(text in links for _kind, text in result.paragraphs)


def test_a_masthead_in_capitals_gives_the_outlet_as_the_text_spells_it():
    raw = (
        "THE HARBOUR LEDGER\n\nNews   Culture   Sport   Opinion\n\n"
        "The last ferrymen of the Danube\n\nAda Crane\nJune 18, 2024\n\n"
        "Three ferries still cross the river between Zemun and the island every day.\n\n"
        "The crews know every sandbank, and the passengers know the crews by name.\n\n"
        "Ada Crane is The Harbour Ledger’s Balkans correspondent.\n"
    )
    result = segment(raw)
    assert result.outlet_name == "The Harbour Ledger"


def test_names_over_the_date_above_the_headline_are_the_byline():
    raw = (
        "ВЕСТИ\n\nАна Петровић и Лазар Томић\n27.02.2024. 09:05\n\n"
        "Руски пекари у Земуну: хлеб по рецепту из Твери на тезги код пијаце\n\n"
        "Пекара је отворена пре две године, а данас у њој ради шест људи из Твери и Земуна.\n\n"
        "Сваког јутра у пет почиње месење, а до седам је хлеб већ на тезгама.\n"
    )
    result = segment(raw)
    assert result.title.startswith("Руски пекари у Земуну")
    assert result.author_names == ["Ана Петровић", "Лазар Томић"]


def test_the_outlet_beside_the_authors_name_is_not_the_headline_nor_an_author():
    raw = (
        "Главная   Новости   Общество\n\n"
        "В Белграде открылась русская школа шахмат\n"
        "Ирина Волкова, «Северный вестник»\n"
        "14 марта 2025, 19:05\n\n"
        "Школа работает по субботам в зале бывшего кинотеатра на Врачаре.\n\n"
        "Занятия ведут два гроссмейстера из Екатеринбурга и один сербский тренер.\n"
    )
    result = segment(raw)
    assert result.title == "В Белграде открылась русская школа шахмат"
    assert result.author_names == ["Ирина Волкова"]

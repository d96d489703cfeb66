"""The segmenter on Serbian, Russian and English page furniture and metadata (made-up pages)."""

import datetime

import pytest

from articles.ingest.lines import parse_date
from articles.ingest.segmenting import copyright_owner, segment

BODY = (
    "Prva rečenica teksta govori o gradu i njegovim ulicama, a druga nastavlja priču. "
    "Treća rečenica dodaje još nekoliko detalja o ljudima koji tamo žive."
)


EN_BODY = (
    "The first sentence of the story tells where the harbour is and who lives there. "
    "The second sentence goes on with what happened on the quay that morning."
)


def page(*lines):
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "line, date",
    [
        ("07.11.2023.", datetime.date(2023, 11, 7)),
        ("7.11.2023. u 08:45", datetime.date(2023, 11, 7)),
        ("19. septembar 2022.", datetime.date(2022, 9, 19)),
        ("19. септембра 2022.", datetime.date(2022, 9, 19)),
        ("3 февраля 2021 года, 09:10", datetime.date(2021, 2, 3)),
        ("Опубликовано: 3 февраля 2021", datetime.date(2021, 2, 3)),
        ("Updated: Fri 6 Jan 2023 18:02 GMT", datetime.date(2023, 1, 6)),
        # a weekday before the date, a time after a bar or a bullet
        ("среда, 15 мая 2024, 11:30", datetime.date(2024, 5, 15)),
        ("Објављено: петак, 7. јун 2024. у 09:15", datetime.date(2024, 6, 7)),
        ("subota, 12. oktobar 2024.", datetime.date(2024, 10, 12)),
        ("14.03.2024. | 10:22", datetime.date(2024, 3, 14)),
        ("14 March 2024 • 10:22", datetime.date(2024, 3, 14)),
    ],
)
def test_dates_in_the_three_languages(line, date):
    assert parse_date(line)[:2] == (date, "day")


def test_a_number_that_is_no_date_is_not_read_as_one():
    assert parse_date("31.02.2023.") is None
    assert parse_date("12 котов 2024") is None


def test_serbian_page_gives_title_byline_date_and_outlet_and_drops_the_furniture():
    result = segment(
        page(
            "Naslovna | Politika | Ekonomija | Kultura",
            "Podeli na Twitter",
            "Most preko reke dobija novu rasvetu do zime",
            "Autorka: Dragana Simić",
            "02.10.2023.",
            BODY,
            "Pročitajte još: Gde se u gradu može parkirati besplatno",
            "Tagovi: grad, rasveta",
            "Izvor: Vesnik Timoka",
        )
    )

    assert result.title == "Most preko reke dobija novu rasvetu do zime"
    assert result.author_names == ["Dragana Simić"]
    assert result.published == datetime.date(2023, 10, 2)
    assert (result.outlet_name, result.outlet_evidence) == ("Vesnik Timoka", "Izvor: Vesnik Timoka")
    assert [t for k, t in result.paragraphs if k == "body"] == [BODY]


def test_russian_name_line_under_the_headline_is_the_byline_and_copyright_names_the_outlet():
    body = (
        "Первое предложение рассказывает о городе и его улицах, второе продолжает рассказ. "
        "Третье добавляет подробности о людях, которые там живут."
    )
    result = segment(
        page(
            "Главная",
            "Поиск",
            "Мост через реку получит новое освещение к зиме",
            "Олег Зайцев",
            "9 октября 2023",
            body,
            "Читайте также: где припарковаться бесплатно",
            "Подпишитесь на нашу рассылку",
            "© 2023 Северный курьер. Все права защищены.",
            "Мы используем файлы cookie.",
        )
    )

    assert result.title == "Мост через реку получит новое освещение к зиме"
    assert result.author_names == ["Олег Зайцев"]
    assert result.published == datetime.date(2023, 10, 9)
    assert result.outlet_name == "Северный курьер"
    assert result.outlet_evidence.startswith("© 2023")
    assert [t for k, t in result.paragraphs if k == "body"] == [body]


def test_share_buttons_above_the_headline_never_become_the_title():
    body = (
        "The first sentence of the story sets the scene in some detail for the reader. "
        "The second sentence goes on with more of what happened there."
    )
    result = segment(
        page(
            "Skip to main content",
            "Newsletter",
            "Share on Facebook",
            "A made-up headline about a quiet harbour town",
            "By Ann Cole",
            body,
            "Copyright © 2023 Quiet Harbour Times. All rights reserved.",
        )
    )

    assert result.title == "A made-up headline about a quiet harbour town"
    assert not result.title_supplied
    assert result.outlet_name == "Quiet Harbour Times"


def test_a_page_of_only_furniture_has_no_body_and_no_title_from_the_furniture():
    result = segment(page("Početna", "Podeli", "Komentari (0)", "© 2023 Neki Portal"))

    assert result.body_count == 0
    assert result.title == ""


@pytest.mark.parametrize(
    "line, owner",
    [
        ("© 2024 Harbour Ledger. All rights reserved.", "Harbour Ledger"),
        ("Copyright 2019–2024 Dnevni List", "Dnevni List"),
        ("© Вечерний город, 2024", "Вечерний город"),
        ("Sva prava zadržana ©", ""),
        # the rights before the name, a company's legal form after or before it
        ("All rights reserved © Harbourline Media 2024", "Harbourline Media"),
        ("© 2024 ООО «Новый курьер». Все права защищены.", "Новый курьер"),
        ("© 2024 Novosadski vesnik d.o.o. Sva prava zadržana.", "Novosadski vesnik"),
        # an abbreviation inside the name is not the end of a sentence
        ("© 2024 St. Petersburg Courier. All rights reserved.", "St. Petersburg Courier"),
        ("© 2023 Radio Sv. Đorđe. Sva prava zadržana.", "Radio Sv. Đorđe"),
    ],
)
def test_copyright_owner(line, owner):
    assert copyright_owner(line) == owner


def test_a_paragraph_ending_in_a_serbian_closing_mark_is_body_text():
    last = "„Biće gotovo do leta“, kaže Ana Jović. „Radimo i subotom.“"
    result = segment(page("Naslov jedne male vesti iz grada", BODY, last))

    assert [t for k, t in result.paragraphs if k == "body"] == [BODY, last]


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("Share on Facebook", True),
        ("Поделиться в Telegram", True),
        ("Podeli na Viber", True),
        ("Share prices fell sharply", False),
        ("Komentari (12)", True),
        ("Читайте также:", True),
        ("Tagovi: grad, reka", True),
        ("Vesti iz grada stižu svakog jutra.", False),
    ],
)
def test_furniture_lines_are_recognised_by_what_they_are(line, furniture):
    from articles.ingest.lines import analyse_line

    assert (analyse_line(line)[0][0] == "furniture") is furniture


@pytest.mark.parametrize(
    "crumbs",
    ["Početna » Društvo » Beograd", "Главная / Общество / Сербия", "Home › Europe › Serbia"],
)
def test_a_breadcrumb_trail_and_the_site_s_name_above_the_headline_are_not_the_title(crumbs):
    result = segment(
        page(
            "Preskoči na sadržaj",
            "Glas Donjeg Grada",
            crumbs,
            "Most preko reke dobija novu rasvetu do zime",
            BODY,
            "Sva prava zadržana. © 2024 Glas Donjeg Grada d.o.o.",
        )
    )

    assert result.title == "Most preko reke dobija novu rasvetu do zime"
    assert result.outlet_name == "Glas Donjeg Grada"
    kinds = {p.text: p.reason for p in result.pieces}
    assert kinds[crumbs] == "breadcrumb trail"
    assert kinds["Glas Donjeg Grada"] == "the site's name (masthead)"


def test_a_photo_credit_in_slashes_stays_a_credit_not_a_breadcrumb():
    from articles.ingest.lines import analyse_line

    assert analyse_line("Marko Ilić / Reuters / Scanpix")[0][0] == "credit"
    assert analyse_line("Vesti / Srbija / Novi Sad")[0][0] == "furniture"


@pytest.mark.parametrize(
    "line, author, date",
    [
        (
            "By Clara Whitfield / March 14, 2024 10:22",
            "Clara Whitfield",
            datetime.date(2024, 3, 14),
        ),
        (
            "Piše: Jelena Marković | 14.03.2024. 10:22",
            "Jelena Marković",
            datetime.date(2024, 3, 14),
        ),
        ("Автор: Ольга Петрова | 05.07.2024 18:20", "Ольга Петрова", datetime.date(2024, 7, 5)),
        ("22. maj 2024. — Autor: Milan Todorović", "Milan Todorović", datetime.date(2024, 5, 22)),
    ],
)
def test_a_byline_and_a_date_on_one_line_give_both(line, author, date):
    result = segment(page("Most preko reke dobija novu rasvetu do zime", line, BODY))

    assert result.author_names == [author]
    assert result.published == date
    assert [t for k, t in result.paragraphs if k == "body"] == [BODY]


def test_names_on_their_own_line_under_the_headline_are_the_byline():
    result = segment(
        page("A made-up headline about a quiet harbour", "Ruth Ellery and Tomás Vidal", EN_BODY)
    )

    assert result.author_names == ["Ruth Ellery", "Tomás Vidal"]


def test_a_labelled_photo_caption_is_a_caption_and_the_line_above_stays_body():
    last = "The band plays the last show of the tour in the capital on Saturday."
    result = segment(
        page(
            "A made-up headline about a touring band",
            BODY,
            last,
            "Photo: The band on stage in a small town after the first show. (Ruth Ellery)",
        )
    )

    assert [t for k, t in result.paragraphs if k == "body"] == [BODY, last]
    assert result.paragraphs[-1][0] == "caption"


def test_a_place_beside_the_date_is_not_taken_for_the_author():
    result = segment(
        page("Most preko reke dobija novu rasvetu do zime", "Novi Sad | 14.03.2024.", BODY)
    )

    assert result.author_names == []
    assert (result.dateline, result.published) == ("Novi Sad", datetime.date(2024, 3, 14))

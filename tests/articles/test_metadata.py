"""The metadata lines of a capture, read part by part (made-up lines, not from any capture)."""

import datetime

import pytest

from articles.ingest.lines import analyse_line, byline, parse_date
from articles.ingest.metadata import copyright_owner, is_bio, metadata_pieces


@pytest.mark.parametrize(
    "line, pieces",
    [
        # a name, a place and a date, with commas between them
        (
            "Dragan Vuković, Kragujevac, 03.05.2023.",
            [("byline", "Dragan Vuković"), ("dateline", "Kragujevac"), ("dateline", "03.05.2023.")],
        ),
        # a name and the author's role, no date
        (
            "Олеся Крылова, обозреватель",
            [("byline", "Олеся Крылова"), ("furniture", "обозреватель")],
        ),
        # a name and the city the author writes from
        (
            "Олеся Крылова, Нижний Новгород",
            [("byline", "Олеся Крылова"), ("dateline", "Нижний Новгород")],
        ),
        # a date holding a comma, and the reading time beside it
        ("Apr 2, 2023 · 4 min read", [("dateline", "Apr 2, 2023"), ("furniture", "4 min read")]),
        # a byline and a photographer's credit
        (
            "Text by Ada Crane, photos by Ivo Marin",
            [("byline", "Text by Ada Crane"), ("credit", "photos by Ivo Marin")],
        ),
    ],
)
def test_a_metadata_line_is_read_part_by_part(line, pieces):
    assert [(kind, text) for kind, text, _ in metadata_pieces(line)] == pieces


@pytest.mark.parametrize(
    "line",
    [
        "Sofija Kostić / Reuters / Beta",  # a photo credit, not a byline beside places
        "Sofija Kostić, Marko Lalić",  # names only: the line under the headline decides
        "Grad je, kaže ona, lep.",  # a sentence with commas
    ],
)
def test_lines_that_are_not_metadata_side_by_side(line):
    assert metadata_pieces(line) is None


@pytest.mark.parametrize(
    "line, owner",
    [
        ("© 2023 «Южный вестник». Все права защищены. 12+", "Южный вестник"),
        ("All content © 2023 Harbour Lantern", "Harbour Lantern"),
        ("Copyright © Glas Pomoravlja 2023. Uslovi korišćenja.", "Glas Pomoravlja"),
        (
            "Sva prava zadržana. Kopiranje bez dozvole zabranjeno. © Ravnički list 2023",
            "Ravnički list",
        ),
        (
            "© 2023 Поморавски гласник. Сва права задржана. Прештампавање уз дозволу.",
            "Поморавски гласник",
        ),
    ],
)
def test_the_copyright_owner_is_the_name_beside_the_mark(line, owner):
    assert copyright_owner(line) == owner


@pytest.mark.parametrize(
    "line, bio",
    [
        ("Nikola Tešić je urednik sportske rubrike od 2015. godine.", True),
        ("Марина Орлова — корреспондент, живёт в Нови-Саде с 2021 года.", True),
        ("Eva Lind covers housing and transport for the paper.", True),
        ("Об авторе: пишет о городе и его жителях с 2019 года.", True),
        ("Nikola Tešić je rekao da će sutra doći na pijacu.", False),
    ],
)
def test_an_author_s_bio_in_three_languages(line, bio):
    assert is_bio(line) is bio


@pytest.mark.parametrize(
    "line, date, label",
    [
        ("Дата публикации: 2023-05-03 09:10", datetime.date(2023, 5, 3), "Дата публикации"),
        ("Updated: 2023-05-04T08:00", datetime.date(2023, 5, 4), "Updated"),
        ("Objavljeno: 3. maj 2023. godine", datetime.date(2023, 5, 3), "Objavljeno"),
        ("Ажурирано: 4. мај 2023. године", datetime.date(2023, 5, 4), "Ажурирано"),
        ("Posted on May 3, 2023, 09:10 GMT+2", datetime.date(2023, 5, 3), "Posted"),
        ("3/5/2023", datetime.date(2023, 5, 3), None),
    ],
)
def test_a_date_label_of_any_language_before_any_format(line, date, label):
    assert parse_date(line) == (date, "day", label)


@pytest.mark.parametrize(
    "line",
    [
        "Instagram",
        "Prihvati sve",
        "Личный кабинет",
        "Podelite:",
        "Поделиться: VK · OK · Mail",
        "Нашли опечатку? Нажмите Ctrl+Enter",
    ],
)
def test_buttons_services_and_link_rows_are_furniture(line):
    assert analyse_line(line)[0][0] == "furniture"


def test_a_byline_label_with_a_dash():
    assert byline("Автор — Лев Морозов")["names"] == "Лев Морозов"
    assert byline("Dopisnik: Lazar Pejić")["names"] == "Lazar Pejić"


@pytest.mark.parametrize(
    "line, pieces",
    [
        # a labelled byline beside a photographer's credit, with a dot or a bar between them
        (
            "Words by Ada Crane · Photos by Ivo Marin",
            [("byline", "Words by Ada Crane"), ("credit", "Photos by Ivo Marin")],
        ),
        (
            "Autor: Lazar Pejić | Foto: Ivo Marin",
            [("byline", "Autor: Lazar Pejić"), ("credit", "Foto: Ivo Marin")],
        ),
        # a byline beside the reading time, no date
        ("By Ada Crane • 5 min read", [("byline", "By Ada Crane"), ("furniture", "5 min read")]),
        # a name beside the author's role after a bar
        (
            "Ada Crane | Transport correspondent",
            [("byline", "Ada Crane"), ("furniture", "Transport correspondent")],
        ),
        # a byline and a date joined by a word, either way round
        (
            "Posted on May 3, 2023 by Ada Crane",
            [("dateline", "Posted on May 3, 2023"), ("byline", "by Ada Crane")],
        ),
        ("By Ada Crane on 3 May 2023", [("byline", "By Ada Crane"), ("dateline", "3 May 2023")]),
        # labelled parts with a full stop between them
        (
            "Текст: Анна Смирнова. Фото: Иван Белов",
            [("byline", "Текст: Анна Смирнова"), ("credit", "Фото: Иван Белов")],
        ),
        # names without a label beside the date
        (
            "Ada Crane and Ivo Marin · 3 May 2023",
            [("byline", "Ada Crane and Ivo Marin"), ("dateline", "3 May 2023")],
        ),
        # a date beside a time counted from the reading
        (
            "May 3, 2023 10:22 AM GMT+1 · Updated 2 hours ago",
            [("dateline", "May 3, 2023 10:22 AM GMT+1"), ("furniture", "Updated 2 hours ago")],
        ),
    ],
)
def test_a_byline_beside_a_credit_a_role_or_a_date_in_other_layouts(line, pieces):
    assert [(kind, text) for kind, text, _ in metadata_pieces(line)] == pieces


@pytest.mark.parametrize(
    "line",
    [
        "12 comments",
        "5 коментара",
        "15 комментариев",
        "💬 27",
        "#Kraljevo #sir #selo",
        "Tagovi",
        "Vaše ime",
        "Ваше имя",
        "Podeli na Viberu",
        "Поделиться в Телеграме",
        "Story continues below advertisement",
        "Tekst se nastavlja ispod oglasa",
        "Listen to this article (4 min)",
        "3 min čitanja",
        "Ažurirano pre 3 sata",
        "Updated 2 hours ago",
        "вчера, 18:40",
        "News   Sport   Culture   Travel",  # a menu whose links stood apart
        "Новости Сербии / Общество",  # a breadcrumb whose first link names its section
    ],
)
def test_counters_tags_form_fields_and_relative_times_are_furniture(line):
    assert analyse_line(line)[0][0] == "furniture"


def test_reprint_terms_are_furniture_but_a_sentence_about_copying_is_not():
    assert (
        analyse_line("Zabranjeno je kopiranje sadržaja bez dozvole redakcije.")[0][0] == "furniture"
    )
    assert analyse_line("Kopiranje ključeva u toj radnji je jeftino.")[0][0] == "prose"


@pytest.mark.parametrize(
    "line",
    [
        "Galerija",
        "Sledeći članak",
        "Next story",
        "Предыдущая статья",
        "Možda vas zanima",
        "Вам также может быть интересно",
        "Učitavanje…",
        "Загрузка...",
        "Реклама 18+",
        "Мнение редакции может не совпадать с мнением автора.",
        "Stavovi izraženi u tekstu su stavovi autora i ne odražavaju nužno stavove redakcije.",
        "The views expressed in this article are the author’s own.",
        "Ваш комментарий будет опубликован после проверки модератором.",
    ],
)
def test_gallery_and_next_article_links_loaders_ad_labels_and_disclaimers_are_furniture(line):
    assert analyse_line(line)[0][0] == "furniture"


def test_a_sentence_that_mentions_views_expressed_is_still_prose():
    line = "He said the views expressed by the mayor were wrong, and the council agreed with him."
    assert analyse_line(line)[0][0] == "prose"


@pytest.mark.parametrize("line", ["(Foto: Ivo Marin)", "Источник фото: пресс-служба"])
def test_a_credit_in_brackets_or_naming_the_photo_s_source(line):
    assert analyse_line(line)[0][0] == "credit"

"""The site's boilerplate a line can be, in the three languages (made-up lines, not from any
capture): what a curator sees is the line kept out of the article's body."""

import pytest

from articles.ingest.boilerplate import button_row, section_trail
from articles.ingest.lines import analyse_line
from articles.ingest.segmenting import segment


def kind(line):
    return [piece[0] for piece in analyse_line(line)]


@pytest.mark.parametrize(
    "line",
    [
        "▶ Слушај",
        "🖨 Štampaj   ✉ Pošalji",
        "Email   Подписаться",
        "LAT | ĆIR",
        "Listen to this article · 12 min",
        "Прикажи коментаре (31)",
        "Аудио версия статьи",
        "Sačuvaj  ·  Podeli",
    ],
)
def test_a_row_of_buttons_with_their_symbols_or_counts_is_furniture(line):
    assert kind(line) == ["furniture"]


def test_words_of_a_sentence_are_not_a_row_of_buttons():
    assert not button_row("Listen to the river at night")
    assert kind("Slušaj, rekla je, ovo je moj grad.") != ["furniture"]


@pytest.mark.parametrize(
    "line", ["Sport", "Kultura | Društvo", "Политика / Балкан", "Общество", "Culture · Books"]
)
def test_a_sections_name_over_the_article_is_furniture(line):
    assert section_trail(line)
    assert kind(line) == ["furniture"]


@pytest.mark.parametrize(
    "line",
    [
        "Latest news: Ferry timetable changes from Monday",
        "Najnovije vesti: Gradski prevoz menja linije",
        "Последние новости: В Белграде открыли новый мост",
        "Najčitanije ove nedelje",
        "Most read today",
        "Самое читаемое за неделю",
        "Еще новости",
        "More stories",
        "Oznake: Novi Sad, kultura, Rusi",
        "Метки: Белград, эмиграция",
        "Topics: Serbia, migration",
        "Novi Sad 23°C",
        "Ваш комментарий появится после проверки модератором.",
        "Your comment will appear once a moderator has approved it.",
        "Komentari se objavljuju nakon odobrenja urednika.",
        "При использовании материалов ссылка на «Северный вестник» обязательна.",
        "Any use of our content without permission is prohibited.",
    ],
)
def test_tickers_labels_tags_weather_comment_rules_and_reprint_terms_are_furniture(line):
    assert kind(line) == ["furniture"]


@pytest.mark.parametrize(
    "line",
    [
        "Enjoyed this article? Forward it to a friend.",
        "Podržite nezavisno novinarstvo. Svaka donacija nam pomaže.",
        "Мы работаем без рекламы. Помочь можно ежемесячным пожертвованием.",
        "Понравился текст? Перешлите его друзьям.",
    ],
)
def test_appeals_for_money_or_a_forward_are_furniture_in_any_language(line):
    assert kind(line) == ["furniture"]


def test_a_gallery_caption_is_a_caption_not_body():
    assert kind("Item 2 of 3 Volunteers sort books in Zemun, March 4, 2024. Photo Agency") == [
        "caption"
    ]
    assert kind("[2/3] Volunteers sort books in Zemun. Purchase Licensing Rights") == ["caption"]


def test_the_sites_name_section_and_ticker_stay_out_of_a_serbian_page():
    raw = (
        "DUNAVSKI KURIR\n\nKultura | Društvo\n\nNajnovije vesti: Kiša do kraja nedelje\n\n"
        "Ruski hor peva u crkvi na Limanu\n\nAutor: Jelena Marković\n12.03.2024. 10:22\n\n"
        "Hor od dvadeset pevača iz Moskve i Sankt Peterburga nastupa svake nedelje u crkvi.\n\n"
        "Proba traje dva sata, a posle nje pevači ostaju na čaju u porti crkve.\n\n"
        "Najčitanije danas\n1. Kiša do kraja nedelje\n2. Novi most na Dunavu\n"
    )
    result = segment(raw)
    assert result.title == "Ruski hor peva u crkvi na Limanu"
    assert [kind for kind, _ in result.paragraphs] == ["body", "body"]


@pytest.mark.parametrize(
    "line",
    [
        "Comments are closed.",
        "Komentari su isključeni.",
        "Комментарии отключены.",
        "Podelite ovaj tekst",
        "Поделитесь этой новостью",
        "Up next",
        "Следующий материал",
        "Continue reading after the ad",
        "Nastavak teksta ispod oglasa",
        "Вернуться наверх",
        "Dodajte nas na Google vesti",
        "Got a news tip? Email us.",
        "Imate vest? Pošaljite nam je na Viber.",
        "Есть новость? Пишите нам в бот.",
    ],
)
def test_interface_prompts_and_calls_for_tips_are_furniture(line):
    assert kind(line) == ["furniture"]


def test_a_sentence_of_the_article_in_the_first_person_plural_is_not_furniture():
    assert kind("We spoke to twelve families for this story.") == ["prose"]
    assert kind("Они пишут нам письма каждый день, сказала она.") == ["prose"]


@pytest.mark.parametrize(
    "line",
    [
        "View this post on Instagram",
        "A post shared by Ada Crane (@ada.crane)",
        "Pogledajte ovu objavu na Instagramu",
        "Посмотреть эту публикацию в Instagram",
        "Embed from Getty Images",
        "Tap to enlarge",
        "Kliknite za veću sliku",
        "Увеличить фото",
        "Фотогалерея: 24 фото",
        "Galerija (8 fotografija)",
        "Vesti dana",
        "Все новости рубрики",
    ],
)
def test_what_embedded_posts_and_galleries_leave_and_section_labels_are_furniture(line):
    assert kind(line) == ["furniture"]


def test_a_sentence_about_a_gallery_is_the_articles():
    assert kind("Galerija je otvorena do maja.") == ["prose"]

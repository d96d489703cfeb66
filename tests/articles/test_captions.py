"""A picture's lines and the lines a page prints twice (made-up pages, not from any capture)."""

from articles.ingest.segmenting import segment


def test_a_phrase_under_a_photo_credit_inside_the_article_is_its_caption():
    raw = (
        "Ferry crews learn the river\n\nBy Ada Crane\nMarch 3, 2024\n\n"
        "The crews start at six, when the fog still sits on the water near the island.\n\n"
        "Фото: Иван Петров\nМатросы на палубе парома у причала\n\n"
        "By noon the ferry has crossed eleven times, and the captain has stopped counting.\n"
    )
    result = segment(raw)
    paragraphs = dict((text, kind) for kind, text in result.paragraphs)
    assert paragraphs["Матросы на палубе парома у причала"] == "caption"


def test_a_caption_between_the_credit_and_the_byline_is_not_the_headline():
    raw = (
        "Култура / Баштина\n"
        "Руски сликари обнављају фреске у манастиру код Чачка\n"
        "Аутор фотографије: М. Јовић\n"
        "Марија Орлова на скели у цркви\n"
        "Аутор: Петар Николић\n"
        "12. мај 2024.\n"
        "Три сликарке из Москве већ годину дана раде на фрескама из шеснаестог века.\n"
        "Посао ће, кажу у манастиру, трајати још најмање две године.\n"
    )
    result = segment(raw)
    assert result.title == "Руски сликари обнављају фреске у манастиру код Чачка"
    assert ("caption", "Марија Орлова на скели у цркви") in result.paragraphs


def test_a_pull_quote_that_repeats_the_article_is_kept_out_of_the_body():
    raw = (
        "The chess club that outgrew its café\n\nBy Ada Crane\nMay 4, 2024\n\n"
        '"We had four boards," said Ivo Marin. "Now we have forty and a waiting list."\n\n'
        '"We had four boards. Now we have forty and a waiting list."\n\n'
        "The club meets on Sundays in a room above the bakery on the corner.\n"
    )
    result = segment(raw)
    body = [text for kind, text in result.paragraphs if kind == "body"]
    assert '"We had four boards. Now we have forty and a waiting list."' not in body
    assert len(body) == 2


def test_a_quoted_heading_without_a_full_stop_stays_a_heading():
    raw = (
        "Ferry crews learn the river\n\nBy Ada Crane\nMarch 3, 2024\n\n"
        "“Nobody rows like the old crews,” said Ivo Marin, who has worked the ferry since 1990.\n\n"
        "‘Nobody rows like the old crews’\n\n"
        "The ferry has crossed eleven times by noon, and the captain has stopped counting.\n"
    )
    result = segment(raw)
    assert ("heading", "‘Nobody rows like the old crews’") in result.paragraphs

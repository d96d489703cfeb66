"""The segmenter's choice of headline, byline, date and outlet, and the furniture it keeps out of
the body, on made-up pages of its own (no line copied from an evaluation capture)."""

import datetime

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

"""The segmenter: a raw capture into article fields and paragraphs, as a curator would split it."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings

from articles.ingest.curation import parse_segments
from articles.ingest.segmenting import raw_lines, segment

CURATION = Path(settings.BASE_DIR) / "fixtures" / "curation"
SEEDS = sorted(p.name for p in Path(settings.SEEDS_DIR).glob("*.txt"))
KNOWN_MEDIA = {
    name: name
    for name in (
        "Meduza",
        "The Beet",
        "RFE/RL",
        "Reuters",
        "RT",
        "Sputnik",
        "Financial Times",
        "Deutsche Welle",
        "The European Correspondent",
        "AP",
    )
}


def curated(source_name):
    number = source_name.split("_")[0]
    document = json.loads((CURATION / f"{number}.json").read_text(encoding="utf-8"))
    raw = (Path(settings.SEEDS_DIR) / source_name).read_text(encoding="utf-8")
    fields, paragraphs = parse_segments(source_name, raw, document["segments"])
    return document, raw, fields, paragraphs


# -- the five seeds, against the curators' reading ---------------------------------


@pytest.mark.parametrize("source_name", SEEDS)
def test_the_seeds_split_into_the_curated_paragraphs(source_name):
    _document, raw, _fields, paragraphs = curated(source_name)

    result = segment(raw, KNOWN_MEDIA)

    curated_body = [text for kind, text in paragraphs if kind == "body"]
    ours_body = [text for kind, text in result.paragraphs if kind == "body"]
    assert ours_body == curated_body
    assert result.paragraphs == paragraphs  # captions, credits, notes and bios too


@pytest.mark.parametrize("source_name", SEEDS)
def test_the_seeds_fields_are_proposed_as_the_curators_recorded_them(source_name):
    document, raw, fields, _paragraphs = curated(source_name)
    meta = document["article"]

    result = segment(raw, KNOWN_MEDIA)

    assert result.title == meta["title"]
    assert result.title_supplied == meta["title_supplied"]
    assert result.standfirst == (meta["standfirst"] or " ".join(fields.get("standfirst", [])))
    assert result.byline == "; ".join(fields.get("byline", []))
    assert result.dateline == " ".join(fields.get("dateline", []))
    if meta["date_precision"] == "day":
        assert result.published == datetime.date.fromisoformat(meta["date"])
    else:  # inferred by curators from evidence; the importer never infers
        assert (result.published, result.date_precision) == (None, "unknown")


@pytest.mark.parametrize("source_name", SEEDS)
def test_every_piece_is_copied_exactly_from_its_raw_line(source_name):
    raw = (Path(settings.SEEDS_DIR) / source_name).read_text(encoding="utf-8")
    lines = dict(raw_lines(raw))

    result = segment(raw)

    assert {p.line for p in result.pieces} == set(lines)  # every non-empty line is classified
    for piece in result.pieces:
        assert piece.text and piece.text in lines[piece.line], piece


def test_the_outlet_is_the_one_the_text_names_as_its_publisher():
    proposals = {
        name: segment((Path(settings.SEEDS_DIR) / name).read_text(encoding="utf-8"), KNOWN_MEDIA)
        for name in SEEDS
    }

    outlets = {
        name.split("_")[0]: (p.outlet_name, p.outlet_evidence) for name, p in proposals.items()
    }
    assert outlets["000"] == ("Meduza", "Source: Meduza")
    assert outlets["003"][0] == "RFE/RL"  # the author's bio: "an RFE/RL correspondent"
    assert "RFE/RL correspondent" in outlets["003"][1]
    assert outlets["004"][0] == "The European Correspondent"  # the site's own appeal
    # The Financial Times and Deutsche Welle are reported on, not publishers: unknown.
    assert outlets["001"] == ("", "")
    assert outlets["002"] == ("", "")


def test_an_outlet_named_only_by_source_line_is_proposed_even_if_unknown():
    result = segment(
        "Headline about something that happened\n\nSource: Novaya Gazeta Europe\n\n"
        "The body of the story, long enough to read as a paragraph of prose.\n"
    )

    assert result.outlet_name == "Novaya Gazeta Europe"


def test_no_date_is_invented_from_photo_captions():
    raw = (Path(settings.SEEDS_DIR) / SEEDS[0]).read_text(encoding="utf-8")

    result = segment(raw)

    assert (result.published, result.date_precision) == (None, "unknown")
    assert result.date_note.startswith("No publication date printed in the text.")
    assert "September 7, 2024" in result.date_note  # the evidence, offered as evidence only


def test_an_untitled_text_gets_a_devised_title_in_square_brackets():
    raw = (Path(settings.SEEDS_DIR) / SEEDS[1]).read_text(encoding="utf-8")

    result = segment(raw)

    assert result.title == "[BELGRADE — Its concrete and steel entrails exposed …]"
    assert result.title_supplied
    assert result.slug() == "belgrade-its-concrete-and-steel-entrails-exposed"


# -- captures in other house styles (not among the seeds) --------------------------------

WIRE = """Exiles open a Russian-language bookshop in Novi Sad

By Marija Petrović and Ivan Horvat

Published: 14 March 2024

NOVI SAD, Serbia — When Oleg Sokolov unpacked the first boxes of books in a narrow shop, he did not expect queues. "We thought twenty people would come," Sokolov said.

The shop, called Polka, sells Russian literature that is hard to find in Serbia, from Bulgakov to banned contemporary poets.

Oleg Sokolov and Irina Vasilyeva in their shop. Photo: Reuters

"If reading is dangerous, then yes, we are dangerous," Vasilyeva said.

Subscribe to our newsletter for more stories like this one.
"""

MAGAZINE = """Accessibility links

The night shift

At a bakery in Zemun, Russian émigrés knead dough until dawn

Katya starts work at 11pm. By the time the trams begin to run along the Danube, she has shaped four hundred loaves.

Katya at the ovens. 3 November 2023.
Katya at the ovens. 3 November 2023.

Ana Jovanović / Vreme

Life in Belgrade After The War
please wait
0:00 0:02:10 0:00

Pavel is not so sure. ‘Everybody here says next year,’ he says.

Story by Lena Marković

Edited by Tom Reid

Thanks for reading! Please consider supporting our journalism: donate now.
"""


def kinds(result):
    return [(p.kind, p.text) for p in result.pieces]


def test_a_wire_story_byline_date_dateline_and_caption_with_its_credit():
    result = segment(WIRE)

    assert result.title == "Exiles open a Russian-language bookshop in Novi Sad"
    assert result.byline == "By Marija Petrović and Ivan Horvat"
    assert result.author_names == ["Marija Petrović", "Ivan Horvat"]
    assert (result.published, result.date_precision) == (datetime.date(2024, 3, 14), "day")
    assert result.dateline == "NOVI SAD, Serbia"
    assert ("caption", "Oleg Sokolov and Irina Vasilyeva in their shop.") in kinds(result)
    assert ("credit", "Photo: Reuters") in kinds(result)
    assert ("furniture", "Subscribe to our newsletter for more stories like this one.") in kinds(
        result
    )
    body = [t for k, t in result.paragraphs if k == "body"]
    assert len(body) == 3 and body[0].startswith("When Oleg Sokolov unpacked")


def test_a_magazine_capture_with_a_repeated_caption_a_player_and_appeals():
    result = segment(MAGAZINE)

    pieces = kinds(result)
    assert ("furniture", "Accessibility links") in pieces
    assert result.title == "The night shift"
    assert result.standfirst == "At a bakery in Zemun, Russian émigrés knead dough until dawn"
    assert ("caption", "Katya at the ovens. 3 November 2023.") in pieces
    assert ("duplicate", "Katya at the ovens. 3 November 2023.") in pieces
    assert ("credit", "Ana Jovanović / Vreme") in pieces
    for residue in ("Life in Belgrade After The War", "please wait", "0:00 0:02:10 0:00"):
        assert ("furniture", residue) in pieces  # the embedded video's title and controls
    assert result.author_names == ["Lena Marković"] and result.editor_names == ["Tom Reid"]
    assert pieces[-1][0] == "furniture"  # the donation appeal
    assert [k for k, _ in result.paragraphs].count("body") == 2
    # The caption's date is the photo's: the article's date stays unknown.
    assert result.published is None and "3 November 2023" in result.date_note


def test_windows_line_endings_give_the_same_paragraphs():
    raw = (Path(settings.SEEDS_DIR) / SEEDS[3]).read_text(encoding="utf-8")
    crlf = raw.replace("\n", "\r\n")

    assert segment(crlf).paragraphs == segment(raw).paragraphs
    for piece in segment(crlf).pieces:
        assert piece.text in crlf


def test_a_capture_of_nothing_but_furniture_has_no_body():
    result = segment(
        "Accessibility links\n\nBreaking News\n\nSign up here to get our "
        "newsletter delivered to your inbox.\n"
    )

    assert result.body_count == 0
    assert all(p.kind == "furniture" for p in result.pieces)


def test_the_articles_last_paragraph_between_a_related_link_and_an_appeal_stays_in_the_body():
    raw = (
        "Русские семьи открыли летнюю школу в Нови-Саде\n\nТекст: Анна Белова\n4 апреля 2025\n\n"
        "Летняя школа для детей открылась в здании бывшего яхт-клуба на Дунае.\n\n"
        "Читайте также: Как учителя получают лицензию в Сербии\n\n"
        "Школа работает до конца августа, а осенью откроются кружки по выходным.\n\n"
        "Если вам важна наша работа, поддержите редакцию ежемесячным взносом.\n\n"
        "Подписывайтесь на наш Telegram-канал\n"
    )
    body = [text for kind, text in segment(raw).paragraphs if kind == "body"]
    assert body == [
        "Летняя школа для детей открылась в здании бывшего яхт-клуба на Дунае.",
        "Школа работает до конца августа, а осенью откроются кружки по выходным.",
    ]


def test_a_question_headline_under_a_newsletter_link_is_the_title():
    raw = (
        "Skip to main content\nNewsletter\nWhy are Russian families moving to Novi Sad?\n"
        "By Ada Crane\nMarch 3, 2024\n"
        "The first paragraph is long enough to read as the opening sentence of the article.\n\n"
        "The second paragraph tells how the families found schools, flats and work in the city.\n"
    )
    result = segment(raw)
    assert result.title == "Why are Russian families moving to Novi Sad?"
    assert not result.title_supplied

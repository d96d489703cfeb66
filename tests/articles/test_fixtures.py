"""The real archive: complete, and true to the five source texts."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article, Quote, sha256_of
from people.models import Organization, Person, Place

pytestmark = pytest.mark.django_db


def article(source_prefix):
    return Article.objects.get(source_name__startswith=source_prefix)


def test_every_stored_raw_text_matches_its_checksum_and_the_seed_file(archive):
    for item in archive:
        assert item.sha256 == sha256_of(item.raw_text)
        seed = Path(settings.SEEDS_DIR) / item.source_name
        assert seed.read_text(encoding="utf-8") == item.raw_text


def test_the_archive_holds_every_entity_the_texts_name(archive):
    assert Article.objects.count() == 5
    assert Person.objects.count() >= 50
    assert Organization.objects.count() >= 35
    assert Place.objects.count() >= 40
    assert Quote.objects.count() >= 150


def test_metadata_is_what_the_texts_say_and_unknown_where_they_are_silent(archive):
    meduza = article("000")
    assert meduza.outlet.name == "Meduza"
    assert [p.name for p in meduza.authors.all()] == ["Serge Faldin"]
    assert [p.name for p in meduza.editors.all()] == ["Eilish Hart"]
    assert meduza.published is None and meduza.date_precision == "unknown"
    assert "third anniversary" in meduza.date_note

    for silent in (article("001"), article("002")):
        assert silent.outlet is None
        assert not silent.authors.exists()
        assert silent.published is None
        assert silent.title_supplied and silent.title.startswith("[")

    rferl = article("003")
    assert rferl.outlet.name == "RFE/RL"
    assert [p.name for p in rferl.authors.all()] == ["Reid Standish"]
    assert rferl.date_precision in ("year", "unknown")

    correspondent = article("004")
    assert correspondent.outlet.name == "The European Correspondent"
    assert [p.name for p in correspondent.authors.all()] == ["Nevena Vračar"]
    assert correspondent.published == datetime.date(2025, 2, 1)
    assert correspondent.date_precision == "day"


def test_captions_credits_and_furniture_are_kept_out_of_the_body(archive):
    meduza = article("000")
    body = " ".join(p.text for p in meduza.body())
    assert "Scanpix" not in body  # photo credits
    assert "Sign up here" not in body  # newsletter furniture
    assert meduza.paragraphs.filter(kind="credit", text__contains="Scanpix").exists()
    rferl = article("003")
    assert "No media source currently available" not in " ".join(
        p.text for p in rferl.paragraphs.all())
    captions = list(rferl.paragraphs.filter(kind="caption").values_list("text", flat=True))
    assert len(captions) == len(set(captions)), "a repeated caption is kept once"


def test_every_quote_is_verbatim_in_its_paragraph_and_attributed_where_the_text_says(archive):
    for quote in Quote.objects.select_related("paragraph", "speaker"):
        assert quote.paragraph.text[quote.start:quote.end] == quote.text
        assert quote.speaker_id or quote.speaker_note, f"{quote} has no speaker or note"
    georgy = Quote.objects.get(text__startswith="I understand why Europe doesn’t want us")
    assert georgy.speaker.slug == "georgy-chemical-engineer"


def test_variant_spellings_are_aliases_of_one_person(archive):
    nikitin = Person.objects.get(slug="pyotr-nikitin")
    names = set(nikitin.aliases.values_list("name", flat=True))
    assert "Peter Nikitin" in names
    assert any(alias.script == "Cyrl" for alias in nikitin.aliases.all())
    vucic = Person.objects.get(slug="aleksandar-vucic")
    assert {"Vucic", "Вучић"} <= set(vucic.aliases.values_list("name", flat=True))


def test_people_who_share_a_first_name_are_different_records(archive):
    maxims = Person.objects.filter(name="Maxim")
    assert maxims.count() == 2
    assert {m.mentioned_articles().get().source_name[:3] for m in maxims} == {"000", "002"}


def test_place_hierarchy(archive):
    belgrade = Place.objects.get(slug="belgrade")
    assert belgrade.parent.slug == "serbia"
    assert Place.objects.filter(parent=belgrade).exists()

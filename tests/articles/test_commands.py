import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Mention, Paragraph, Quote
from people.models import Alias, Organization, Person, Place

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "archive.json"
MODELS = [Person, Organization, Place, Alias, Article, Paragraph, Quote, Mention]


def snapshot():
    return {
        m.__name__: serializers.serialize(
            "json", m.objects.order_by("pk"), use_natural_foreign_keys=True
        )
        for m in MODELS
    }


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def write_fixture(tmp_path, records):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def real_records():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_load_archive_sets_up_everything_and_prints_counts(capsys, search_index):
    from archive.search.core import search

    call_command("load_archive")
    out = capsys.readouterr().out
    assert "5 articles" in out and "The archive is ready." in out
    assert "articles.article: 5 of 5" in out and "articles.quote: 185 of 185" in out
    assert "Search index rebuilt: 406 documents" in out
    assert Article.objects.count() == 5
    assert Article.objects.public().count() == 5  # the seeds are published, not drafts
    assert Mention.objects.count() > 800
    assert search("Nikitin").count  # the index it built answers


def test_load_archive_twice_gives_the_same_database():
    call_command("load_archive", "--no-index")
    first = snapshot()
    call_command("load_archive", "--no-index")
    assert snapshot() == first


def test_plain_loaddata_twice_makes_no_duplicates():
    call_command("loaddata", "archive", verbosity=0)
    first = counts()
    call_command("loaddata", "archive", verbosity=0)
    assert counts() == first


def test_a_missing_fixture_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Fixture file not found"):
        call_command("load_archive", str(tmp_path / "nope.json"), "--no-index")
    assert Article.objects.count() == 0


def test_malformed_json_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "people.person", ', encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_archive", str(path), "--no-index")


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('[{"name": "Vučić"}]'.encode("cp1250"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("load_archive", str(path), "--no-index")


def test_an_unknown_natural_key_loads_nothing(tmp_path):
    records = real_records()
    quote = next(r for r in records if r["model"] == "articles.quote")
    quote["fields"]["article"] = ["no-such-article"]
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_archive", str(write_fixture(tmp_path, records)), "--no-index")
    assert counts() == {m.__name__: 0 for m in MODELS}


def test_a_quote_not_in_its_article_loads_nothing(tmp_path, capsys):
    records = real_records()
    quote = next(r for r in records if r["model"] == "articles.quote")
    quote["fields"]["text"] = "words nobody said"
    quote["fields"]["end"] = quote["fields"]["start"] + len("words nobody said")
    with pytest.raises(CommandError, match="inconsistent"):
        call_command("load_archive", str(write_fixture(tmp_path, records)), "--no-index")
    assert "words nobody said" in capsys.readouterr().err
    assert Quote.objects.count() == 0 and Article.objects.count() == 0


def test_offsets_that_do_not_match_the_text_load_nothing(tmp_path):
    records = real_records()
    mention = next(r for r in records if r["model"] == "articles.mention")
    mention["fields"]["start"] += 1
    with pytest.raises(CommandError, match="inconsistent"):
        call_command("load_archive", str(write_fixture(tmp_path, records)), "--no-index")
    assert Mention.objects.count() == 0


def test_a_tampered_raw_text_fails_verification(archive, capsys):
    Article.objects.filter(slug="serbia-becomes-home-for-russians-fleeing-war").update(
        raw_text="changed"
    )
    with pytest.raises(CommandError, match="problem"):
        call_command("verify_archive")
    assert "the stored SHA-256 does not match" in capsys.readouterr().err


def test_verify_archive_passes_on_the_real_archive(archive, capsys):
    call_command("verify_archive")
    assert "Archive intact" in capsys.readouterr().out


def test_derive_mentions_command_reports_what_it_did(archive, capsys):
    call_command("derive_mentions")
    out = capsys.readouterr().out
    assert "0 new, 0 changed, 0 removed" in out
    with pytest.raises(CommandError, match="No article with slug"):
        call_command("derive_mentions", "no-such-article")


def test_the_committed_fixtures_are_exactly_what_the_curation_files_build(tmp_path):
    output = tmp_path / "archive.json"
    call_command("build_fixtures", output=str(output), stdout=open("/dev/null", "w"))
    assert output.read_text(encoding="utf-8") == FIXTURE.read_text(encoding="utf-8")
    assert Article.objects.count() == 0  # built in a rolled-back transaction

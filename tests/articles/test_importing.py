"""Importing raw captures: verbatim, deduplicated by checksum, one transaction per file."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from archive.search.core import search
from articles.ingest import importing
from articles.ingest.curation import parse_segments
from articles.ingest.importing import Importer, ImportProblem, decode
from articles.models import Article, Mention, Paragraph, Quote, Status, sha256_of
from people.models import Alias, Organization, Person, Place

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.SEEDS_DIR)
CURATION = Path(settings.BASE_DIR) / "fixtures" / "curation"
MODELS = [Article, Paragraph, Quote, Mention, Person, Organization, Place, Alias]

SMALL = """Russian volunteers open a winter shelter in Novi Sad

Volunteers have opened a shelter in Novi Sad for families displaced by the war in Ukraine.

“We started with six beds and a kettle,” says Darya Ivanova, a volunteer from Perm.

Sign up here to get our newsletter delivered directly to your inbox.
"""


def snapshot():
    return {m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in MODELS}


def seed(number):
    return next(SEEDS.glob(f"{number:03d}_*.txt"))


def curated_paragraphs(path):
    document = json.loads((CURATION / f"{path.name[:3]}.json").read_text(encoding="utf-8"))
    return parse_segments(path.name, path.read_text(encoding="utf-8"), document["segments"])[1]


# -- the five seeds into an empty archive ------------------------------------------------


def test_the_five_seeds_import_into_an_empty_archive_close_to_the_curated_paragraphs(capsys):
    call_command("import_articles", str(SEEDS))

    out = capsys.readouterr().out
    assert "Importing 5 file(s)" in out and "[5/5]" in out
    assert "5 imported, 0 already in the archive, 0 failed" in out
    curated_body = recovered = 0
    for path in sorted(SEEDS.glob("*.txt")):
        article = Article.objects.get(source_name=path.name)
        raw = path.read_text(encoding="utf-8")
        assert article.raw_text == raw  # verbatim
        assert article.sha256 == sha256_of(raw) and article.fixity_ok
        ours = [(p.kind, p.text) for p in article.paragraphs.all()]
        body = [text for kind, text in curated_paragraphs(path) if kind == "body"]
        curated_body += len(body)
        recovered += sum(1 for text in body if ("body", text) in ours)
        for paragraph in article.paragraphs.all():
            paragraph.full_clean()  # every paragraph is text of the raw capture
    assert recovered / curated_body >= 0.95  # measured: 232 of 232
    meduza = Article.objects.get(source_name=seed(0).name)
    assert meduza.outlet.name == "Meduza" and meduza.outlet.kind == "media"
    assert meduza.byline == "Story by Serge Faldin for The Beet; Edited by Eilish Hart"
    assert meduza.date_precision == "unknown" and meduza.published is None
    untitled = Article.objects.get(source_name=seed(1).name)
    assert untitled.title_supplied and untitled.title.startswith("[BELGRADE — ")
    dated = Article.objects.get(source_name=seed(4).name)
    assert (str(dated.published), dated.date_precision) == ("2025-02-01", "day")
    assert dated.outlet is None  # "The European Correspondent" is no known outlet here
    quotes = Quote.objects.all()
    assert quotes.count() >= 150
    assert set(quotes.values_list("status", flat=True)) == {Status.SUGGESTED}
    assert all(0 < q.confidence <= 1 for q in quotes)
    # The only known name is the outlet created from "Source: Meduza": its mentions.
    assert set(Mention.objects.values_list("source", "status")) == {("import", "suggested")}


def test_importing_the_same_texts_again_changes_nothing(capsys):
    call_command("import_articles", str(SEEDS), verbosity=0)
    before = snapshot()

    call_command("import_articles", str(SEEDS))

    out = capsys.readouterr().out
    assert "0 imported, 5 already in the archive, 0 failed" in out
    assert "same SHA-256 checksum); nothing changed" in out
    assert snapshot() == before


def test_imported_articles_are_drafts_searchable_once_published(
    search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the command's commit
        call_command("import_articles", str(seed(4)), verbosity=0)
    article = Article.objects.get()
    assert article.state == Article.State.DRAFT
    assert search("syrniki", suggest=False).count == 0

    with django_capture_on_commit_callbacks(execute=True):
        article.state = Article.State.PUBLISHED
        article.save()
    hits = search("syrniki").hits
    assert [h.title for h in hits] == ["Serbia becomes home for Russians fleeing war"]


# -- bad input -----------------------------------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    shutil.copy(seed(4), folder / "good-european-correspondent.txt")
    (folder / "good-shelter.txt").write_text(SMALL, encoding="utf-8")
    shutil.copy(seed(4), folder / "same-text-other-name.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "windows-1251.txt").write_bytes(
        "Россияне в Белграде\n\n«Мы здесь живём», говорит Анна.\n".encode("cp1251")
    )
    (folder / "huge.txt").write_text(
        "Headline of a huge capture\n\n" + "A sentence. " * 10_000, encoding="utf-8"
    )
    (folder / "notes.md").write_text("not a capture", encoding="utf-8")
    return folder


def test_a_folder_of_good_and_bad_files_imports_the_good_and_reports_each_bad_one(
    mixed_folder, capsys
):
    call_command("import_articles", str(mixed_folder), "--max-bytes", "50000")

    out = capsys.readouterr().out
    assert "Importing 7 file(s)" in out  # .txt only
    assert "FAILED empty.txt: the file is empty." in out
    assert "FAILED photo.txt: the file is binary (it contains NUL bytes), not text." in out
    assert (
        "FAILED windows-1251.txt: the file is not UTF-8 text (byte 0xd0 at position 0 "
        "cannot be read). It looks like Windows-1251 (Cyrillic); save it as UTF-8"
    ) in out
    assert "FAILED huge.txt: the file is 117 KB, more than the 49 KB limit for one article." in out
    assert (
        "skipped same-text-other-name.txt: already in the archive as “Serbia becomes home "
        "for Russians fleeing war”"
    ) in out
    assert "2 imported, 1 already in the archive, 4 failed" in out
    assert set(Article.objects.values_list("source_name", flat=True)) == {
        "good-european-correspondent.txt",
        "good-shelter.txt",
    }
    # Nothing half-written: every paragraph belongs to an imported article.
    assert Paragraph.objects.exclude(article__in=Article.objects.all()).count() == 0
    assert Paragraph.objects.count() == sum(a.paragraphs.count() for a in Article.objects.all())


def test_the_size_limit_comes_from_settings(settings, tmp_path, capsys):
    settings.ARCHIVE_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "long.txt"
    path.write_text("Headline\n\n" + "Words of a long article. " * 100, encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_articles", str(path))

    assert "more than the 1000 bytes limit" in capsys.readouterr().out
    assert not Article.objects.exists()


def test_a_failure_midway_leaves_nothing_of_that_file_and_the_next_one_imports(
    monkeypatch, tmp_path, capsys
):
    shutil.copy(seed(0), tmp_path / "a-meduza.txt")
    (tmp_path / "b-shelter.txt").write_text(SMALL, encoding="utf-8")
    real = importing.suggest_quotes
    calls = []

    def fail_first(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "suggest_quotes", fail_first)

    call_command("import_articles", str(tmp_path))

    out = capsys.readouterr().out
    assert (
        "FAILED a-meduza.txt: the database refused it (disk I/O error); nothing was written." in out
    )
    assert list(Article.objects.values_list("source_name", flat=True)) == ["b-shelter.txt"]
    # The outlet created from "Source: Meduza", its paragraphs and mentions went with it.
    assert not Organization.objects.filter(name="Meduza").exists()
    assert not Mention.objects.exists()
    assert Paragraph.objects.filter(article__source_name="b-shelter.txt").count() == 2


def test_only_bad_input_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")

    with pytest.raises(CommandError, match="Nothing imported: 0 imported, 0 already"):
        call_command("import_articles", str(tmp_path), str(tmp_path / "missing"))


def test_a_folder_without_captures_and_a_missing_path_are_reported(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), str(tmp_path / "missing.txt"))

    err = capsys.readouterr().err
    assert "the folder holds no .txt files." in err
    assert "missing.txt: there is no such file or folder." in err


def test_a_different_text_under_a_name_already_used_is_refused():
    Importer().import_text(SMALL, "shelter.txt")

    result = Importer().import_text(SMALL.replace("six beds", "seven beds"), "shelter.txt")

    assert result.status == "failed"
    assert "a different text was already imported under this file name" in result.message
    assert Article.objects.count() == 1


def test_a_capture_of_only_furniture_is_refused():
    result = Importer().import_text(
        "Accessibility links\n\nBreaking News\n\nSign up here to "
        "get our newsletter delivered to your inbox.\n",
        "menu.txt",
    )

    assert result.status == "failed"
    assert result.message.startswith("no article text found")
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the file is empty."),
        (b"   \n\n\t\n", "the file holds only white space."),
        ("Заголовок".encode("utf-16"), "the file is UTF-16 text; save it as UTF-8"),
        (
            b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f" * 20,
            "the file is binary (it is full of control characters)",
        ),
    ],
)
def test_unreadable_bytes_are_explained(data, message):
    with pytest.raises(ImportProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


def test_a_byte_order_mark_is_dropped_and_windows_line_endings_are_kept():
    raw = SMALL.replace("\n", "\r\n")

    result = Importer().import_bytes("\ufeff".encode() + raw.encode("utf-8"), "crlf.txt")

    article = result.article
    assert result.imported and article.raw_text == raw
    assert article.sha256 == sha256_of(raw)
    assert [p.text for p in article.paragraphs.all()][0].startswith("Volunteers have opened")


# -- into the real archive: known names become mentions and speakers --------------------


def test_known_people_outlet_and_author_are_linked_on_import(archive):
    path = seed(3)
    Article.objects.get(source_name=path.name).delete()  # the archive knows everyone in it

    result = Importer().import_path(path)

    article = result.article
    assert result.imported, result.message
    assert article.outlet.slug == "rfe-rl"
    assert list(article.authors.values_list("slug", flat=True)) == ["reid-standish"]
    mentions = article.mentions.all()
    assert mentions.count() > 50
    assert set(mentions.values_list("source", "status")) == {("import", "suggested")}
    assert mentions.filter(person__slug="polina-prokofeva").exists()
    quote = article.quotes.get(text__startswith="There was a feeling of fire inside all of us")
    assert (quote.status, quote.speaker.slug) == (Status.SUGGESTED, "polina-prokofeva")
    assert quote.confidence >= 0.8
    assert result.quotes == article.quotes.count() >= 18
    assert f"{result.quotes} quotes to review" in result.message

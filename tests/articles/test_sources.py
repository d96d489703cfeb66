"""The archive's source texts travel with the repository, byte for byte."""

import hashlib
import json
from pathlib import Path

from django.conf import settings

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "archive.json"


def sha256_file(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_articles():
    records = json.loads(FIXTURES.read_text(encoding="utf-8"))
    return {
        r["fields"]["source_name"]: r["fields"]["sha256"]
        for r in records
        if r["model"] == "articles.article"
    }


def test_the_seeds_are_read_from_the_repository_unless_overridden():
    # ARCHIVE_SEEDS_DIR is an override only; the tests run without it.
    assert Path(settings.SEEDS_DIR).resolve() == SOURCES.resolve()


def test_every_source_text_matches_the_sha256_the_archive_records():
    recorded = recorded_articles()
    assert len(recorded) == 5
    on_disk = sorted(p.name for p in SOURCES.glob("*.txt"))
    assert on_disk == sorted(recorded)
    for name, sha256 in recorded.items():
        assert sha256_file(SOURCES / name) == sha256, name


def test_every_file_in_the_sources_folder_is_listed_in_its_checksum_manifest():
    manifest = {}
    for line in (SOURCES / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        manifest[name] = digest
    present = {p.name for p in SOURCES.iterdir() if p.name != "SHA256SUMS"}
    assert set(manifest) == present
    for name, digest in manifest.items():
        assert sha256_file(SOURCES / name) == digest, name

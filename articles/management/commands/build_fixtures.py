from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.backup import (
    ARCHIVE_MODELS,
    delete_archive_records,
    record_counts,
    serialize_records,
)
from archive.search.signals import index_updates_suspended
from articles.ingest.curation import CurationError, build, read_curation
from articles.ingest.mentions import derive_mentions


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Developers only: regenerate fixtures/archive.json from the curation files in "
        "fixtures/curation/ and the raw seed texts. Works in a transaction that is rolled "
        "back, so the database is left exactly as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("--curation", default=settings.BASE_DIR / "fixtures" / "curation")
        parser.add_argument("--seeds", default=settings.SEEDS_DIR)
        parser.add_argument("--output", default=settings.BASE_DIR / "fixtures" / "archive.json")

    def handle(self, *args, **options):
        output = Path(options["output"])
        try:
            documents = read_curation(options["curation"])
            with index_updates_suspended():
                try:
                    with transaction.atomic():
                        delete_archive_records()
                        build(documents, options["seeds"])
                        report = derive_mentions()
                        payload = serialize_records(ARCHIVE_MODELS, archive_times=False)
                        counts = record_counts(ARCHIVE_MODELS)
                        raise Rollback
                except Rollback:
                    pass
        except CurationError as error:
            raise CommandError(str(error)) from error
        output.write_text(payload, encoding="utf-8")
        for name, count in counts.items():
            self.stdout.write(f"  {count:5d} {name}")
        for slug, position, written, candidates in report.ambiguous:
            self.stdout.write(
                f"  ambiguous: {slug} ¶{position} “{written}” → {', '.join(candidates)}"
            )
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))

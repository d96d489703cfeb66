from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.backup import ARCHIVE_MODELS, CURATOR_MODELS, record_counts, serialize_records
from archive.files import write_private
from articles.models import sha256_of


class Command(BaseCommand):
    help = (
        "Write the whole archive (every record, curators' accounts and their admin history) "
        "to a JSON file with natural keys, restorable into an empty database of any kind "
        "with restore_archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="File to write, e.g. backups/archive-2026-11-22.json")
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")

    def handle(self, *args, output, force=False, **options):
        path = Path(output)
        if path.exists() and not force:
            raise CommandError(f"{path} exists; choose another name or pass --force.")
        labels = ARCHIVE_MODELS + CURATOR_MODELS
        with transaction.atomic():  # one consistent snapshot
            payload = serialize_records(labels)
            counts = record_counts(labels)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        write_private(partial, payload)  # password hashes inside: this user's only
        partial.replace(path)  # never leave a half-written backup under the real name
        for label, count in counts.items():
            self.stdout.write(f"  {count:6d} {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path} ({len(payload.encode()):,} bytes, "
                f"SHA-256 {sha256_of(payload)})."
            )
        )

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive.backup import ARCHIVE_MODELS, record_counts


class Command(BaseCommand):
    help = (
        "Restore a backup_archive file into an empty database: migrate, load every record "
        "in one transaction, verify checksums and spans, rebuild the search index. Refuses a "
        "database that already holds archive records."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file written by backup_archive.")
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, backup, no_index=False, verbosity=1, **options):
        call_command("migrate", interactive=False, verbosity=0)
        present = {label: n for label, n in record_counts(ARCHIVE_MODELS).items() if n}
        if present:
            raise CommandError(
                "The database already holds archive records "
                f"({', '.join(f'{n} {label}' for label, n in present.items())}); restore into "
                "an empty database."
            )
        call_command(
            "load_archive",
            backup,
            no_derive=True,
            no_index=no_index,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )
        self.stdout.write(self.style.SUCCESS(f"Restored {backup}."))

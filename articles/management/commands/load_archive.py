"""Set up a working archive from nothing; safe to run again."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.search.signals import index_updates_suspended
from articles.ingest.mentions import derive_mentions
from articles.integrity import archive_problems
from articles.models import Article, Mention, Quote
from people.models import Organization, Person, Place


class Command(BaseCommand):
    help = (
        "Set up the archive: migrate the database, load the fixtures, derive mentions and "
        "build the search index. Safe to run again: records are matched on natural keys, "
        "curator-reviewed mentions are kept, and bad fixtures change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures",
            nargs="*",
            help="Fixture files (default: fixtures/archive.json).",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip building the search index."
        )
        parser.add_argument(
            "--no-derive",
            action="store_true",
            help="Load the mentions exactly as they are in the file (restores).",
        )

    def handle(self, *args, fixtures=(), no_index=False, no_derive=False, verbosity=1, **options):
        fixtures = [Path(f) for f in fixtures] or [
            Path(settings.BASE_DIR) / "fixtures" / "archive.json"
        ]
        for path in fixtures:
            self.check_fixture_file(path)

        self.step("Migrating the database")
        call_command("migrate", interactive=False, verbosity=0)

        self.step(f"Loading {', '.join(str(f) for f in fixtures)}")
        try:
            with transaction.atomic(), index_updates_suspended():
                call_command("loaddata", *[str(f) for f in fixtures], verbosity=0)
                problems = archive_problems()
                if problems:
                    for problem in problems[:20]:
                        self.stderr.write(f"  {problem}")
                    raise CommandError(
                        f"The fixtures are inconsistent ({len(problems)} problem(s)); nothing "
                        "was loaded."
                    )
                report = None if no_derive else derive_mentions()
        except CommandError:
            raise
        except Exception as error:  # the deserializer wraps every cause in DeserializationError
            raise CommandError(
                f"Could not load the fixtures, nothing was loaded: {self.first_line(error)}"
            ) from error
        self.stdout.write(
            f"  {Article.objects.count()} articles, {Person.objects.count()} people, "
            f"{Organization.objects.count()} organizations, {Place.objects.count()} places, "
            f"{Quote.objects.count()} quotes, {Mention.objects.count()} mentions"
            + (f" ({report.created} new, {report.kept_reviewed} reviewed kept)" if report else "")
        )

        if not no_index:
            self.step("Building the search index")
            call_command("rebuild_index", interactive=False, verbosity=verbosity)
        self.stdout.write(self.style.SUCCESS("The archive is ready."))

    def step(self, text):
        self.stdout.write(self.style.MIGRATE_HEADING(f"{text} …"))

    @staticmethod
    def first_line(error):
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__

    def check_fixture_file(self, path):
        if not path.is_file():
            raise CommandError(f"Fixture file not found: {path}")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text ({error.reason}).") from error
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path} is not valid JSON: {error.msg} at line {error.lineno}, "
                f"column {error.colno}."
            ) from error
        if not isinstance(data, list):
            raise CommandError(f"{path} is not a Django fixture (expected a JSON list of records).")

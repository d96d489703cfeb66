"""rebuild_index that never empties the live index (replaces haystack's)."""

import signal
import time

from django.core.management.base import BaseCommand
from haystack import connections


class Command(BaseCommand):
    help = (
        "Rebuild the search index: every record is indexed into a new generation of the index, "
        "which replaces the old one in one step when it is complete, so searches keep "
        "answering, with complete results, throughout. Documents of records that no longer "
        "exist go with the old generation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Accepted for compatibility with haystack's command; never asks.",
        )
        parser.add_argument("-u", "--using", default="default")

    def handle(self, *args, using="default", verbosity=1, **options):
        backend = connections[using].get_backend()
        indexes = list(connections[using].get_unified_index().get_indexes().values())
        started = time.monotonic()
        reported = {}

        def progress(label, done, total):
            if verbosity and reported.get(label) != done:
                reported[label] = done
                self.stdout.write(f"  {label}: {done:,} of {total:,}")

        # Stopped (SIGTERM: a deploy, a timeout), the rebuild unwinds as after an error: its
        # transaction rolls back, leaving the live index as it was, and its worker processes
        # are ended instead of running on as orphans.
        previous = signal.signal(signal.SIGTERM, stop)
        try:
            documents = backend.rebuild(indexes, progress=progress)
        finally:
            signal.signal(signal.SIGTERM, previous)
        seconds = time.monotonic() - started
        rate = documents / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {documents:,} documents in {seconds:.1f} s "
                f"({rate:,.0f} a second)."
            )
        )


def stop(signum, frame):
    raise SystemExit(128 + signum)

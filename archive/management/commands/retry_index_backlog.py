from django.core.management.base import BaseCommand

from archive.models import IndexBacklog
from archive.search.signals import retry_backlog


class Command(BaseCommand):
    help = (
        "Write the search-index changes that failed after their records were saved "
        "(the backlog); prints how many were written."
    )

    def handle(self, *args, **options):
        queued = IndexBacklog.objects.count()
        if not queued:
            self.stdout.write("The search index backlog is empty.")
            return
        self.stdout.write(f"Retrying {queued} queued change(s) …")
        written = retry_backlog()
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {written} change(s) to the search index; "
                f"{IndexBacklog.objects.count()} left."
            )
        )

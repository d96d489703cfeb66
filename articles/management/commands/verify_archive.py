from django.core.management.base import BaseCommand, CommandError

from articles.integrity import archive_problems


class Command(BaseCommand):
    help = "Check fixity (SHA-256 of every raw text) and that every quote and mention span matches its text."

    def handle(self, *args, **options):
        problems = archive_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) found.")
        self.stdout.write(self.style.SUCCESS("Archive intact: every checksum and span matches."))

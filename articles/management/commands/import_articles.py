from django.core.management.base import BaseCommand, CommandError

from archive.search.signals import index_updates_suspended, stale_documents, write_changes
from articles.ingest.importing import Importer, expand_paths, human_size, max_bytes
from articles.ingest.quotes import DEFAULT_THRESHOLD


class Command(BaseCommand):
    help = (
        "Import raw captures (.txt files, or folders of them) as articles: the text is kept "
        "verbatim with its SHA-256; title, outlet, byline and date are proposed from the text; "
        "names the archive knows become unreviewed mentions and direct quotes become "
        "suggestions with a speaker and a confidence. Each file is imported in its own "
        "transaction: a file that cannot be read is reported and nothing of it is written, "
        "the others are imported. A text imported before (same checksum) changes nothing. "
        "The search index is updated once, at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders holding .txt files.")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=None,
            help=f"Refuse files bigger than this (default {human_size(max_bytes())}, "
            "settings.ARCHIVE_IMPORT_MAX_BYTES).",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help="Suggest only quotes the extractor is at least this sure are speech (0–1).",
        )

    def handle(
        self, *args, paths, max_bytes=None, threshold=DEFAULT_THRESHOLD, verbosity=1, **options
    ):
        files, results = expand_paths(paths)
        for problem in results:
            self.stderr.write(f"  {problem}")
        importer = Importer(threshold=threshold, limit=max_bytes)
        if files and verbosity >= 1:
            self.stdout.write(f"Importing {len(files)} file(s) …")
        with index_updates_suspended():
            for number, path in enumerate(files, 1):
                result = importer.import_path(path)
                results.append(result)
                if verbosity >= 1:
                    self.stdout.write(self.line(number, len(files), result))
                    for note in result.notes:
                        self.stdout.write(f"      {note}")
        self.update_index(results)
        imported = [r for r in results if r.status == "imported"]
        duplicates = [r for r in results if r.status == "duplicate"]
        failed = [r for r in results if r.status == "failed"]
        summary = (
            f"{len(imported)} imported, {len(duplicates)} already in the archive, "
            f"{len(failed)} failed; {sum(r.paragraphs for r in imported)} paragraphs, "
            f"{sum(r.mentions for r in imported)} mentions and "
            f"{sum(r.quotes for r in imported)} quotes to review."
        )
        if failed and not imported and not duplicates:
            raise CommandError(f"Nothing imported: {summary}")
        style = self.style.WARNING if failed else self.style.SUCCESS
        self.stdout.write(style(summary))

    def line(self, number, total, result):
        mark = {
            "imported": self.style.SUCCESS("imported"),
            "duplicate": self.style.WARNING("skipped"),
            "failed": self.style.ERROR("FAILED"),
        }[result.status]
        return f"  [{number}/{total}] {mark} {result.name}: {result.message}"

    @staticmethod
    def update_index(results):
        refresh = set()
        for result in results:
            if result.status == "imported":
                refresh.update(stale_documents(result.article))
                for entity in result.created_entities:
                    refresh.update(stale_documents(entity))
        if refresh:
            write_changes(refresh, set())

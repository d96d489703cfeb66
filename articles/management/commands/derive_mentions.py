from django.core.management.base import BaseCommand, CommandError

from articles.ingest.mentions import derive_mentions
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Find every name and alias of known people, organizations and places in the "
        "articles and record them as (unreviewed) mentions. Safe to re-run: mentions a "
        "curator reviewed are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Article slugs (default: all articles).")

    def handle(self, *args, slugs=(), verbosity=1, **options):
        articles = Article.objects.all()
        if slugs:
            articles = articles.filter(slug__in=slugs)
            missing = set(slugs) - set(articles.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No article with slug: {', '.join(sorted(missing))}.")

        def progress(number, total, article):
            if verbosity >= 1:
                self.stdout.write(f"  [{number}/{total}] {article.slug}")

        report = derive_mentions(articles, progress=progress)
        for slug, position, written, candidates in report.ambiguous:
            self.stdout.write(
                self.style.WARNING(
                    f"  ambiguous, left for a curator: {slug} ¶{position} “{written}” could be "
                    f"{', '.join(candidates)}"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Mentions: {report.created} new, {report.updated} changed, {report.removed} removed, "
                f"{report.unchanged} unchanged, {report.kept_reviewed} reviewed kept, "
                f"{len(report.ambiguous)} ambiguous."
            )
        )

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.search.signals import index_updates_suspended
from articles.curation import CurationError, build, read_curation
from articles.mentions import derive_mentions
from articles.models import Article, Mention, Paragraph, Quote
from people.models import Affiliation, Alias, Organization, Person, Place

FIXTURE_MODELS = [Person, Organization, Place, Article, Paragraph, Alias, Affiliation, Quote,
                  Mention]


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
                        for model in reversed(FIXTURE_MODELS):
                            model.objects.all().delete()
                        build(documents, options["seeds"])
                        report = derive_mentions()
                        payload = self.serialize()
                        counts = {m._meta.verbose_name_plural: m.objects.count()
                                  for m in FIXTURE_MODELS}
                        raise Rollback
                except Rollback:
                    pass
        except CurationError as error:
            raise CommandError(str(error)) from error
        output.write_text(payload, encoding="utf-8")
        for name, count in counts.items():
            self.stdout.write(f"  {count:5d} {name}")
        for slug, position, written, candidates in report.ambiguous:
            self.stdout.write(f"  ambiguous: {slug} ¶{position} “{written}” → {', '.join(candidates)}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))

    def serialize(self):
        objects = []
        for model in FIXTURE_MODELS:
            queryset = model.objects.all()
            if model is Place:
                queryset = sorted(queryset, key=lambda p: (len(p.ancestors()), p.slug))
            elif model in (Paragraph, Quote, Mention):
                queryset = queryset.order_by("article__slug", "paragraph__position" if model is not Paragraph else "position", *(["start"] if model is not Paragraph else []))
            else:
                queryset = queryset.order_by(*(["slug"] if hasattr(model, "slug") else ["pk"]))
            objects.extend(queryset)
        return serializers.serialize("json", objects, indent=1, use_natural_foreign_keys=True,
                                     use_natural_primary_keys=True, ensure_ascii=False) + "\n"

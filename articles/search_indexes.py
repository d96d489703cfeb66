from django.db.models import Prefetch
from haystack import indexes

from archive.search.indexes import ArchiveIndex
from articles.models import Article, Mention, Quote


def visible(mentions):
    return [m for m in mentions if m.status != "rejected"]


class ArticleIndex(ArchiveIndex, indexes.Indexable):
    result_type = "article"

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.public().select_related("outlet").prefetch_related(
            "authors__aliases", "editors", "paragraphs", "outlet__aliases",
            Prefetch("mentions", queryset=Mention.objects.shown()), "mentions__person__aliases", "mentions__organization__aliases",
            "mentions__place__aliases", "quotes",
        )

    def prepare_title(self, obj):
        return obj.title

    def prepare_outlet(self, obj):
        return obj.outlet.slug if obj.outlet else ""

    def prepare_year(self, obj):
        return self.year_value(obj)

    def prepare_date(self, obj):
        return self.date_number(obj)

    def prepare_source_name(self, obj):
        return obj.source_name

    def prepare_people(self, obj):
        slugs = {m.person.slug for m in visible(obj.mentions.all()) if m.person_id}
        slugs.update(p.slug for p in obj.authors.all())
        slugs.update(p.slug for p in obj.editors.all())
        return sorted(slugs)

    def prepare_organizations(self, obj):
        slugs = {m.organization.slug for m in visible(obj.mentions.all()) if m.organization_id}
        if obj.outlet:
            slugs.add(obj.outlet.slug)
        return sorted(slugs)

    def prepare_places(self, obj):
        return sorted({m.place.slug for m in visible(obj.mentions.all()) if m.place_id})

    def prepare(self, obj):
        # The template lists the names and aliases of everything the article mentions.
        obj.mentioned_entities = sorted(
            {m.entity for m in visible(obj.mentions.all())}, key=lambda e: e.name
        )
        return super().prepare(obj)


class QuoteIndex(ArchiveIndex, indexes.Indexable):
    result_type = "quote"

    def get_model(self):
        return Quote

    def index_queryset(self, using=None):
        return Quote.objects.public().select_related(
            "article__outlet", "speaker", "paragraph"
        ).prefetch_related("speaker__aliases",
                           Prefetch("article__mentions", queryset=Mention.objects.shown()))

    def prepare_title(self, obj):
        return obj.text

    def prepare_outlet(self, obj):
        return obj.article.outlet.slug if obj.article.outlet else ""

    def prepare_year(self, obj):
        return self.year_value(obj.article)

    def prepare_date(self, obj):
        return self.date_number(obj.article)

    def prepare_source_name(self, obj):
        return obj.article.source_name

    def inside(self, obj):
        return [m for m in visible(obj.article.mentions.all())
                if m.paragraph_id == obj.paragraph_id and obj.start <= m.start and m.end <= obj.end]

    def prepare_people(self, obj):
        slugs = {m.person.slug for m in self.inside(obj) if m.person_id}
        if obj.speaker:
            slugs.add(obj.speaker.slug)
        return sorted(slugs)

    def prepare_organizations(self, obj):
        return sorted({m.organization.slug for m in self.inside(obj) if m.organization_id})

    def prepare_places(self, obj):
        return sorted({m.place.slug for m in self.inside(obj) if m.place_id})

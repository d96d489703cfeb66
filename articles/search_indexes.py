from django.db.models import Prefetch, Q
from haystack import indexes

from archive.search.analysis import tag_language
from archive.search.indexes import ArchiveIndex
from archive.search.marking import hl_parameter
from articles.models import Article, Mention, Quote


def visible(mentions):
    return [m for m in mentions if m.status != "rejected"]


def entity_filter(instance, prefix=""):
    """A Q for the articles (or quotes, with prefix "article__") that name an entity."""
    field = getattr(instance, "link_field", None)
    if field is None:
        return None
    condition = Q(**{f"{prefix}mentions__{field}": instance.pk})
    if field == "person":
        condition |= Q(**{f"{prefix}authors": instance.pk}) | Q(**{f"{prefix}editors": instance.pk})
    elif field == "organization":
        condition |= Q(**{f"{prefix}outlet": instance.pk})
    return condition


class ArticleIndex(ArchiveIndex, indexes.Indexable):
    result_type = "article"
    watched = ("articles.paragraph", "articles.mention", "articles.quote", "people.person",
               "people.organization", "people.place", "people.alias")

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.public().select_related("outlet").prefetch_related(
            "authors__aliases", "editors", "paragraphs", "outlet__aliases",
            Prefetch("mentions", queryset=Mention.objects.shown()),
            "mentions__person__aliases", "mentions__organization__aliases",
            "mentions__place__aliases",
        )

    def read_queryset(self, using=None):
        return Article.objects.select_related("outlet").prefetch_related("paragraphs")

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
        data = super().prepare(obj)
        # Serbian and Russian words are also indexed by their stems ("u Beogradu": beograd).
        data["text"] = tag_language(obj.language, data["text"])
        return data

    def passages(self, obj):
        return ([(p.position, p.text) for p in obj.paragraphs.all()]
                + [(None, obj.title), (None, obj.standfirst)])

    def hit_title(self, obj):
        return obj.title

    def hit_url(self, obj, paragraph, marked_text):
        url = obj.get_absolute_url()
        if paragraph is not None:
            url = f"{url}?{hl_parameter(marked_text)}#p{paragraph}"
        return url

    def stale(self, instance):
        label = instance._meta.label_lower
        if label in ("articles.paragraph", "articles.mention", "articles.quote"):
            return {instance.article_id}
        entity = instance.entity if label == "people.alias" else instance
        condition = entity_filter(entity)
        if condition is None:
            return super().stale(instance)
        return set(Article.objects.filter(condition).values_list("pk", flat=True))


class QuoteIndex(ArchiveIndex, indexes.Indexable):
    result_type = "quote"
    watched = ("articles.article", "articles.mention", "people.person", "people.alias")

    def get_model(self):
        return Quote

    def index_queryset(self, using=None):
        # The article's mentions with their entities in one query per batch: a quote's
        # facets are the names inside it.
        mentions = Prefetch("article__mentions", queryset=Mention.objects.shown()
                            .select_related("person", "organization", "place"))
        return Quote.objects.public().select_related(
            "article__outlet", "speaker", "paragraph"
        ).prefetch_related("speaker__aliases", mentions)

    def read_queryset(self, using=None):
        return Quote.objects.select_related("speaker", "article__outlet", "paragraph")

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

    def prepare(self, obj):
        obj.names_inside = [
            m for m in visible(obj.article.mentions.all())
            if m.paragraph_id == obj.paragraph_id and obj.start <= m.start and m.end <= obj.end]
        data = super().prepare(obj)
        data["text"] = tag_language(obj.article.language, data["text"])
        return data

    def prepare_people(self, obj):
        slugs = {m.person.slug for m in obj.names_inside if m.person_id}
        if obj.speaker:
            slugs.add(obj.speaker.slug)
        return sorted(slugs)

    def prepare_organizations(self, obj):
        return sorted({m.organization.slug for m in obj.names_inside if m.organization_id})

    def prepare_places(self, obj):
        return sorted({m.place.slug for m in obj.names_inside if m.place_id})

    def passages(self, obj):
        return [(obj.paragraph.position, obj.text), (obj.paragraph.position, obj.speaker_label)]

    def snippet_text(self, obj):
        return obj.text

    def hit_title(self, obj):
        return f"{obj.speaker_label}: “{obj.words}”"

    def speaker(self, obj):
        return obj.speaker

    def stale(self, instance):
        label = instance._meta.label_lower
        quotes = Quote.objects.all()
        if label == "articles.article":
            quotes = quotes.filter(article=instance.pk)
        elif label == "articles.mention":  # a name inside a quote is one of its facets
            quotes = quotes.filter(paragraph_id=instance.paragraph_id)
        elif label in ("people.person", "people.alias"):
            person = instance.entity if label == "people.alias" else instance
            if getattr(person, "link_field", None) != "person":
                return set()
            quotes = quotes.filter(speaker=person.pk)
        else:
            return super().stale(instance)
        return set(quotes.values_list("pk", flat=True))

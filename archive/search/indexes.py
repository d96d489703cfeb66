"""What every searchable record's index document has in common, and the wiring the
search core and the signal processor read from each app's search_indexes.py:

- `read_queryset()`: how hits are loaded in bulk (with what snippets need);
- `passages(obj)`, `snippet_text(obj)`, `hit_title(obj)`, `hit_url(...)`, `speaker(obj)`:
  what a hit shows;
- `watched` and `stale(instance)`: which saved records make which documents stale.
"""

from django.db.models import Prefetch
from haystack import indexes

from archive.search.fields import ExactField, ExactListField, SortDateField


class ArchiveIndex(indexes.SearchIndex):
    """Fields shared by articles, quotes and entities: the text, a title, and the facets."""

    text = indexes.CharField(document=True, use_template=True, stored=False)
    title = indexes.CharField(stored=False, boost=2.0)
    type = ExactField()
    outlet = ExactField(default="")
    year = ExactField(default="")
    people = ExactListField(default=[])
    organizations = ExactListField(default=[])
    places = ExactListField(default=[])
    date = SortDateField(default=0)
    source_name = ExactField(default="")

    result_type = None
    # Model labels ("people.alias") whose saves and deletes can change this index's documents.
    watched = ()

    def prepare_type(self, obj):
        return self.result_type

    @staticmethod
    def date_number(article):
        return int(article.published.strftime("%Y%m%d")) if article.published else 0

    @staticmethod
    def year_value(article):
        return str(article.published.year) if article.published else "unknown"

    # -- what a hit shows ---------------------------------------------------------
    def passages(self, obj):
        """[(paragraph position or None, text)] a snippet can come from."""
        raise NotImplementedError

    def snippet_text(self, obj):
        """A text short enough to show whole as the snippet, or None for a window."""
        return None

    def hit_title(self, obj):
        return str(obj)

    def hit_url(self, obj, paragraph, highlighter):
        return obj.get_absolute_url()

    def speaker(self, obj):
        """The person who said this record's words, if any ("spoken by …")."""
        return None

    # -- what makes a document stale ------------------------------------------------
    def stale(self, instance):
        """Primary keys of this index's records whose documents include `instance`."""
        if isinstance(instance, self.get_model()):
            return {instance.pk}
        return set()


class EntityIndex(ArchiveIndex):
    """People, organizations and places: found by name, alias or description."""

    entity_field = None  # which entity list holds the entity's own slug
    filter_fields = ()  # filter names (query.FILTER_FIELDS values) that resolve to this model

    def prepare_title(self, obj):
        return " ".join(obj.all_names())

    def prepare(self, obj):
        data = super().prepare(obj)
        data[self.entity_field] = [obj.slug]
        return data

    def read_queryset(self, using=None):
        return self.get_model().objects.prefetch_related("aliases")

    def passages(self, obj):
        aliases = [a.name for a in obj.aliases.all()]
        return [(None, obj.name), (None, " · ".join(aliases)), (None, obj.description)]

    def hit_title(self, obj):
        return obj.name

    def entity_names(self):
        """[(entity, every global name, the names that identify it)] for alias expansion."""
        alias_model = self.get_model()._meta.get_field("aliases").related_model
        global_aliases = Prefetch("aliases",
                                  queryset=alias_model.objects.filter(article__isnull=True))
        for entity in self.get_model().objects.prefetch_related(global_aliases):
            names = [entity.name] + [a.name for a in entity.aliases.all()]
            yield entity, names, [n for n in names if self.identifies(entity, n)]

    def identifies(self, entity, name):
        return True

    def stale(self, instance):
        found = super().stale(instance)
        entity = getattr(instance, "entity", None)  # an alias or a mention of an entity
        if isinstance(entity, self.get_model()):
            found.add(entity.pk)
        return found

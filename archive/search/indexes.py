"""What every searchable record's index document has in common, and the wiring the
search core and the signal processor read from each app's search_indexes.py:

- `documents(pks)`: the index documents of many records at once, read in bulk (a few
  queries per batch, no model instances, no template): the one definition of what a
  document holds, used by a rebuild and by every incremental update alike;
- `read_queryset()`: how hits are loaded in bulk (with what snippets need);
- `passages(obj)`, `snippet_text(obj)`, `hit_title(obj)`, `hit_url(...)`, `speaker(obj)`:
  what a hit shows;
- `watched` and `stale(instance)`: which saved records make which documents stale.
"""

from django.db.models import Prefetch
from haystack import indexes
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_model_ct

from archive.search.fields import ExactField, ExactListField, SortDateField

# Records whose documents one call of documents() prepares in a rebuild.
PREPARE_BATCH = 1000


def by_key(rows):
    """{key: [rest of the row, …]} of (key, …) rows, keeping their order."""
    grouped = {}
    for key, *rest in rows:
        grouped.setdefault(key, []).append(rest[0] if len(rest) == 1 else tuple(rest))
    return grouped


class EntityNames:
    """Names, slugs and global aliases of the entities of one model, read once per batch:
    what documents say about the people, organizations and places they name."""

    def __init__(self, model, pks, all_aliases=False):
        self.rows = {
            pk: (name, slug)
            for pk, name, slug in model.objects.filter(pk__in=set(pks)).values_list(
                "pk", "name", "slug"
            )
        }
        alias_field = model._meta.get_field("aliases")
        aliases = alias_field.related_model.objects.filter(
            **{f"{alias_field.field.name}__in": list(self.rows)}
        )
        if not all_aliases:
            aliases = aliases.filter(article__isnull=True)
        # By name, as the aliases relation orders them.
        self.aliases = by_key(
            sorted(aliases.values_list(alias_field.field.attname, "name"), key=lambda row: row[1])
        )

    def name(self, pk):
        return self.rows[pk][0]

    def slug(self, pk):
        return self.rows[pk][1]

    def alias_names(self, pk):
        return self.aliases.get(pk, [])


class ArchiveIndex(indexes.SearchIndex):
    """Fields shared by articles, quotes and entities: the text, a title, and the facets."""

    text = indexes.CharField(document=True, stored=False)
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

    # -- what a document holds ---------------------------------------------------
    def documents(self, pks):
        """The documents of the records among `pks` that index_queryset() holds, read in
        bulk. Each app's index defines its documents here and nowhere else."""
        raise NotImplementedError

    def document(self, pk, text, title, **facets):
        """One document as haystack's full_prepare() gives it: identifiers, text, title and
        every facet (defaults for those not given)."""
        label = get_model_ct(self.get_model())
        doc = {
            ID: f"{label}.{pk}",
            DJANGO_CT: label,
            DJANGO_ID: str(pk),
            "text": text,
            "title": title,
            "type": self.result_type,
            "outlet": "",
            "year": "",
            "people": [],
            "organizations": [],
            "places": [],
            "date": 0,
            "source_name": "",
        }
        doc.update(facets)
        return doc

    def prepare_many(self, objects):
        """The documents of these records (any iterable of model instances)."""
        pks = [obj.pk for obj in objects]
        return [
            doc
            for start in range(0, len(pks), PREPARE_BATCH)
            for doc in self.documents(pks[start : start + PREPARE_BATCH])
        ]

    def record_batches(self, using=None, batch_size=PREPARE_BATCH):
        """The keys of every record this index holds, in order, in lists of `batch_size`."""
        pks = list(self.index_queryset(using=using).order_by("pk").values_list("pk", flat=True))
        return [pks[start : start + batch_size] for start in range(0, len(pks), batch_size)]

    def all_documents(self, using=None, batch_size=PREPARE_BATCH):
        """Every document of this index, in batches of lists (for a rebuild)."""
        for pks in self.record_batches(using=using, batch_size=batch_size):
            yield self.documents(pks)

    def full_prepare(self, obj, with_string_facet=True):
        # haystack's per-object path, answered by the same definition.
        docs = self.documents([obj.pk])
        if not docs:
            raise SkipDocument
        return docs[0]

    @staticmethod
    def date_number(published):
        return int(published.strftime("%Y%m%d")) if published else 0

    @staticmethod
    def year_value(published):
        return str(published.year) if published else "unknown"

    # -- what a hit shows ---------------------------------------------------------
    def passages(self, obj):
        """[(paragraph position or None, text)] a snippet can come from."""
        raise NotImplementedError

    def snippet_text(self, obj):
        """A text short enough to show whole as the snippet, or None for a window."""
        return None

    def hit_title(self, obj):
        return str(obj)

    def hit_url(self, obj, paragraph, marked_text):
        """The hit's link; `marked_text` is the search, for the reader to mark (marking.py)."""
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

    def index_queryset(self, using=None):
        return self.get_model().objects.all()

    def documents(self, pks):
        """Its name, its global aliases (one a line), description and pseudonym note; the
        title holds the name and aliases; its own slug is its entity facet."""
        rows = list(
            self.index_queryset()
            .filter(pk__in=pks)
            .order_by("pk")
            .values_list("pk", "description", "pseudonym_note")
        )
        names = EntityNames(self.get_model(), [pk for pk, *_ in rows])
        docs = []
        for pk, description, pseudonym_note in rows:
            name, aliases = names.name(pk), names.alias_names(pk)
            text = "".join(
                [name, "\n", *(f"{a}\n" for a in aliases), description, "\n", pseudonym_note, "\n"]
            )
            docs.append(
                self.document(
                    pk, text, " ".join([name, *aliases]), **{self.entity_field: [names.slug(pk)]}
                )
            )
        return docs

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
        global_aliases = Prefetch(
            "aliases", queryset=alias_model.objects.filter(article__isnull=True)
        )
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

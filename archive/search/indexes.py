"""What every searchable record's index document has in common."""

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

    def prepare_type(self, obj):
        return self.result_type

    @staticmethod
    def date_number(article):
        return int(article.published.strftime("%Y%m%d")) if article.published else 0

    @staticmethod
    def year_value(article):
        return str(article.published.year) if article.published else "unknown"


class EntityIndex(ArchiveIndex):
    """People, organizations and places: found by name, alias or description."""

    def prepare_title(self, obj):
        return " ".join(obj.all_names())

    facet_field = None  # which entity list holds the entity's own slug

    def prepare(self, obj):
        data = super().prepare(obj)
        data[self.facet_field] = [obj.slug]
        return data

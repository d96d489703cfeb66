from haystack import indexes

from archive.search.indexes import EntityIndex
from people.models import Organization, Person, Place


class PersonIndex(EntityIndex, indexes.Indexable):
    result_type = "person"
    facet_field = "people"

    def get_model(self):
        return Person

    def index_queryset(self, using=None):
        return Person.objects.prefetch_related("aliases", "affiliations__organization")


class OrganizationIndex(EntityIndex, indexes.Indexable):
    result_type = "organization"
    facet_field = "organizations"

    def get_model(self):
        return Organization

    def index_queryset(self, using=None):
        return Organization.objects.prefetch_related("aliases")


class PlaceIndex(EntityIndex, indexes.Indexable):
    result_type = "place"
    facet_field = "places"

    def get_model(self):
        return Place

    def index_queryset(self, using=None):
        return Place.objects.select_related("parent").prefetch_related("aliases")

from haystack import indexes

from archive.search.indexes import EntityIndex
from people.models import Organization, Person, Place

# An entity's document holds its aliases; a mention puts its slug in the entity's facets.
NAMED_IN = ("people.alias", "articles.mention")


class PersonIndex(EntityIndex, indexes.Indexable):
    result_type = "person"
    entity_field = "people"
    filter_fields = ("people",)
    watched = (*NAMED_IN, "people.affiliation")

    def get_model(self):
        return Person

    def identifies(self, entity, name):
        # A bare first name ("Georgy") is nobody's identity outside the article it is scoped to.
        return not (name == entity.name and len(entity.name.split()) == 1)

    def stale(self, instance):
        if instance._meta.label_lower == "people.affiliation":
            return {instance.person_id}
        return super().stale(instance)


class OrganizationIndex(EntityIndex, indexes.Indexable):
    result_type = "organization"
    entity_field = "organizations"
    filter_fields = ("organizations", "outlet")
    watched = (*NAMED_IN, "people.affiliation")

    def get_model(self):
        return Organization

    def stale(self, instance):
        if instance._meta.label_lower == "people.affiliation":
            return {instance.organization_id}
        return super().stale(instance)


class PlaceIndex(EntityIndex, indexes.Indexable):
    result_type = "place"
    entity_field = "places"
    filter_fields = ("places",)
    watched = NAMED_IN

    def get_model(self):
        return Place

    def stale(self, instance):
        found = super().stale(instance)
        if isinstance(instance, Place):  # a place's document names its parent
            found.update(Place.objects.filter(parent=instance.pk).values_list("pk", flat=True))
        return found

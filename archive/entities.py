"""What links a record to exactly one person, organization or place (a mention, an alias)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

#: The foreign keys, one per kind of entity, and each entity model's `link_field`.
ENTITY_LINK_FIELDS = ("person", "organization", "place")


def exactly_one_entity(prefix):
    """A CheckConstraint: exactly one of person / organization / place is set."""
    person, org, place = (Q(**{f"{f}__isnull": False}) for f in ENTITY_LINK_FIELDS)
    no_person, no_org, no_place = (Q(**{f"{f}__isnull": True}) for f in ENTITY_LINK_FIELDS)
    return models.CheckConstraint(
        condition=(person & no_org & no_place)
        | (no_person & org & no_place)
        | (no_person & no_org & place),
        name=f"{prefix}_exactly_one_entity",
        violation_error_message="Choose exactly one person, organization or place.",
    )


class EntityLinkMixin:
    """For models that point at exactly one of person / organization / place."""

    @property
    def entity(self):
        return self.person or self.organization or self.place

    @entity.setter
    def entity(self, value):
        for field in ENTITY_LINK_FIELDS:
            setattr(self, field, value if field == value.link_field else None)

    def entity_natural_key(self):
        entity = self.entity
        return (entity.link_field, entity.slug)

    def clean_entity_link(self):
        # An unsaved parent (an inline on an add page) is set but has no id yet.
        linked = [
            f
            for f in ENTITY_LINK_FIELDS
            if getattr(self, f"{f}_id") is not None or getattr(self, f, None) is not None
        ]
        if len(linked) != 1:
            raise ValidationError({"person": "Choose exactly one person, organization or place."})

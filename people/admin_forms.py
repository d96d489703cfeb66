"""The forms of the people admin: a new entity's slug made from its name, and aliases
checked with messages a curator understands."""

from archive.admin import ArchiveAdminForm, ArchiveInlineFormSet
from people.models import ENTITY_LINK_FIELDS, Alias


class EntityAdminForm(ArchiveAdminForm):
    """The slug of a new record may be left empty: save() makes a unique one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields and self.instance._state.adding:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Leave empty to make one from the name."


class AliasForm(ArchiveAdminForm):
    """Says in words when an alias names no entity or two, or is given twice.

    Alias.clean() reports the first without naming a field, and the uniqueness
    constraints are conditional: either way Django would add its own message,
    which only names the constraint ("Constraint “alias_unique_global_person” is
    violated.").
    """

    def clean(self):
        cleaned = super().clean()
        if all(f in self.fields for f in ENTITY_LINK_FIELDS):
            # Keyed to a field, so that the constraint is not checked (and reported) too.
            if sum(cleaned.get(f) is not None for f in ENTITY_LINK_FIELDS) != 1:
                self.add_error("person", "Choose exactly one person, organization or place.")
        name = " ".join(cleaned.get("name", "").split())
        entity = next((cleaned[f] for f in ENTITY_LINK_FIELDS if cleaned.get(f)), None)
        if not name or entity is None or entity.pk is None:
            return cleaned
        article = cleaned.get("article")
        taken = Alias.objects.filter(**{entity.link_field: entity}, name=name, article=article)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            where = f" in “{article}”" if article else ""
            self.add_error("name", f"{entity} already has the alias “{name}”{where}.")
        return cleaned


class AliasFormSet(ArchiveInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or self._should_delete_form(form) or not cleaned.get("name"):
                continue
            key = (" ".join(cleaned["name"].split()), cleaned.get("article"))
            if key in seen:
                form.add_error("name", "This alias is given twice.")
            seen.add(key)

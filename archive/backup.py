"""Serializing the archive with natural keys: the fixtures, and operators' backups."""

from django.apps import apps
from django.core import serializers

# Dependency order: loaddata can then resolve every natural key in one pass.
ARCHIVE_MODELS = [
    "people.Person",
    "people.Organization",
    "people.Place",
    "articles.Article",
    "articles.Paragraph",
    "people.Alias",
    "people.Affiliation",
    "articles.Quote",
    "articles.Mention",
]
CURATOR_MODELS = ["auth.Group", "auth.User", "admin.LogEntry"]


def ordered(model):
    queryset = model._default_manager.all()
    label = model._meta.label
    if label == "people.Place":
        return sorted(queryset.select_related("parent"), key=lambda p: (len(p.ancestors()), p.slug))
    if label == "articles.Paragraph":
        return queryset.order_by("article__slug", "position")
    if label in ("articles.Quote", "articles.Mention"):
        return queryset.order_by("article__slug", "paragraph__position", "start", "end")
    if any(f.name == "slug" for f in model._meta.fields):
        return queryset.order_by("slug")
    return queryset.order_by("pk")


def serialize_records(labels, archive_times=True):
    """The records as JSON. A backup keeps when each record entered the archive; the
    fixtures (`archive_times=False`) hold only what the texts say."""
    from archive.models import EnteredArchiveField

    objects, fields = [], set()
    for label in labels:
        model = apps.get_model(label)
        objects.extend(ordered(model))
        fields.update(
            f.name
            for f in model._meta.get_fields()
            if archive_times or not isinstance(f, EnteredArchiveField)
        )
    return (
        serializers.serialize(
            "json",
            objects,
            indent=1,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            ensure_ascii=False,
            fields=None if archive_times else sorted(fields),
        )
        + "\n"
    )


def record_counts(labels):
    return {label: apps.get_model(label)._default_manager.count() for label in labels}


def delete_archive_records():
    """Remove every archive record (not users), in an order foreign keys allow."""
    apps.get_model("people", "Place").objects.update(parent=None)
    for label in reversed(ARCHIVE_MODELS):
        apps.get_model(label)._default_manager.all().delete()

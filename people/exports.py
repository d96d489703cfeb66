"""People, organizations and places as export rows (the CSV and JSON files are written by
archive.exports)."""

from urllib.parse import urljoin

from django.db.models import Prefetch

from people.models import Alias, Person, Place

ENTITY_CHUNK = 500


def entity_columns(model):
    columns = ["name", "slug", "url", "type"]
    if model is not Person:
        columns.append("kind")
    if model is Place:
        columns += ["parent", "parent_slug"]
    columns += ["aliases", "description", "pseudonym", "pseudonym_note", "mentions", "articles"]
    if model is Person:
        columns += ["affiliations", "quotes"]
    return columns


def entity_rows(model, base_url):
    """Every entity of `model`, with aliases and counts, in name order (chunked)."""
    queryset = model.objects.with_export_counts().prefetch_related(
        Prefetch(
            "aliases",
            queryset=Alias.objects.filter(article__isnull=True).order_by("name"),
            to_attr="global_aliases",
        )
    )
    if model is Place:
        queryset = queryset.select_related("parent")
    if model is Person:
        queryset = queryset.prefetch_related("affiliations__organization")
    for entity in queryset.order_by("name").iterator(chunk_size=ENTITY_CHUNK):
        row = {
            "name": entity.name,
            "slug": entity.slug,
            "url": urljoin(base_url, entity.get_absolute_url()),
            "type": entity.entity_type,
            "aliases": [f"{a.name} ({a.script})" for a in entity.global_aliases],
            "description": entity.description,
            "pseudonym": entity.get_pseudonym_display() if entity.pseudonym else "",
            "pseudonym_note": entity.pseudonym_note,
            "mentions": entity.mention_count,
            "articles": entity.article_count,
        }
        if model is not Person:
            row["kind"] = entity.get_kind_display()
        if model is Place:
            row["parent"] = entity.parent.name if entity.parent else ""
            row["parent_slug"] = entity.parent.slug if entity.parent else ""
        if model is Person:
            row["affiliations"] = [
                f"{a.title or a.get_role_display()}, {a.organization.name}"
                for a in entity.affiliations.all()
            ]
            row["quotes"] = entity.quote_count
        yield row

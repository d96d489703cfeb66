"""Where ingest writes to the database: the steps compute records, these functions save them.

Both entry points write here: the capture pipeline (`importing`, `mentions`, `attribution`)
and the curated fixtures (`curation`). Each function writes one kind of record inside a
transaction (a savepoint when the caller already holds one, as the importer and the
fixture builder do). Records are saved one by one, not with bulk_create, so that the search
index hears of each through its save and delete signals; paragraphs, which the index reads
through their article, are the exception.
"""

from django.db import transaction

from articles.models import Mention, Paragraph, Status
from people.models import Affiliation, Alias, Organization


def create_outlet(name, evidence):
    """A media outlet the archive did not know, named by an imported text."""
    return Organization.objects.create(
        name=name,
        kind=Organization.Kind.MEDIA,
        description=f"Named as the source of an imported article (“{evidence}”).",
    )


def save_article(article, authors, editors, paragraphs):
    """Save a new article with its people and its (kind, text) paragraphs; the Paragraphs."""
    with transaction.atomic():
        article.save()
        article.authors.set(authors)
        article.editors.set(editors)
        return Paragraph.objects.bulk_create(
            Paragraph(article=article, position=n, kind=kind, text=text)
            for n, (kind, text) in enumerate(paragraphs, 1)
        )


def mark_imported(article):
    """The mentions just derived for a new article came with its import."""
    article.mentions.filter(status=Status.SUGGESTED, source=Mention.Source.DERIVED).update(
        source=Mention.Source.IMPORT
    )


def save_mentions(plan):
    """Apply a `mentions.MentionPlan`; its report."""
    with transaction.atomic():
        for mention in plan.stale:
            mention.delete()
        for mention in plan.changed:
            mention.save()
    return plan.report


def save_quotes(plan):
    """Apply an `attribution.QuotePlan`; its report."""
    with transaction.atomic():
        for quote in plan.stale:
            quote.delete()
        for quote in plan.new:
            quote.save(force_insert=True)
    return plan.report


# -- the curated fixtures (curation.build) ---------------------------------------------------


def save_entities(entities):
    """New people, organizations and places, in the order given."""
    with transaction.atomic():
        for entity in entities:
            entity.save()


def save_parents(places):
    """The parent each of these saved places has been given."""
    with transaction.atomic():
        for place in places:
            place.save()


def create_aliases(aliases):
    """An Alias for each (name, entity, article): `article` None for a name used anywhere."""
    with transaction.atomic():
        for name, entity, article in aliases:
            Alias.objects.create(name=name, article=article, **{entity.link_field: entity})


def add_affiliations(affiliations):
    """Each affiliation (a dict of Affiliation's fields) that is not there yet; one person's
    role in one organization is added once, with the first title and evidence given."""
    with transaction.atomic():
        for fields in affiliations:
            key = {name: fields[name] for name in ("person", "organization", "role")}
            defaults = {k: v for k, v in fields.items() if k not in key}
            Affiliation.objects.get_or_create(**key, defaults=defaults)


def save_spans(spans):
    """New quotes and mentions, in the order given."""
    with transaction.atomic():
        for span in spans:
            span.save(force_insert=True)

"""Where ingest writes to the database: the steps compute records, these functions save them.

Each function writes one kind of record inside a transaction (a savepoint when the caller
already holds one, as the importer does). Records are saved one by one, not with
bulk_create, so that the search index hears of each through its save and delete signals.
"""

from django.db import transaction

from articles.models import Mention, Paragraph, Status
from people.models import Organization


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

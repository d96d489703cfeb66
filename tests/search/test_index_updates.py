"""The index follows the data: after commit, never before, for every kind of change."""

import pytest
from django.db import transaction

from archive.search.core import search
from articles.models import Article, Quote
from people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def found(q, **kwargs):
    return {(h.type, h.title) for h in search(q, **kwargs).hits}


def test_a_new_alias_is_searchable_after_commit_and_not_before(
    archive_index, django_capture_on_commit_callbacks
):
    nikitin = Person.objects.get(slug="pyotr-nikitin")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        nikitin.aliases.create(name="Petr Nikitinovsky")
        assert search("Nikitinovsky").count == 0  # not committed yet: not in the index
    assert callbacks
    hits = found("Nikitinovsky")
    assert ("person", "Pyotr Nikitin") in hits
    # The articles that mention him now carry the new spelling too.
    assert sum(1 for kind, _ in hits if kind == "article") == 3


def test_a_rolled_back_change_never_reaches_the_index(
    archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            PersonFactory(name="Rollback Ghostwright")
            raise RuntimeError("curator pressed cancel")
        PersonFactory(name="Committed Lighthouse")
    assert search("Ghostwright").count == 0
    assert ("person", "Committed Lighthouse") in found("Lighthouse")


def test_an_edited_description_replaces_the_old_text(
    archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = Person.objects.get(slug="vuk-vuksanovic")
        person.description = "Researcher who studies marmalade diplomacy."
        person.save()
    assert ("person", "Vuk Vuksanović") in found("marmalade")
    assert ("person", "Vuk Vuksanović") not in found("senior researcher type:person")


def test_a_deleted_quote_disappears_from_search(archive_index, django_capture_on_commit_callbacks):
    quote = Quote.objects.get(text__startswith="I understand why Europe doesn’t want us")
    assert ("quote", f"Georgy: “{quote.words}”") in found('"Europe doesn’t want us"')
    with django_capture_on_commit_callbacks(execute=True):
        quote.delete()
    assert all(kind != "quote" for kind, _ in found('"Europe doesn’t want us"'))


def test_a_deleted_person_disappears_and_the_articles_are_reindexed(
    archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.get(slug="ilya-zernov").delete()
    assert ("person", "Ilya Zernov") not in found("Zernov")


def test_adding_an_author_many_to_many_updates_the_article(
    archive_index, django_capture_on_commit_callbacks
):
    article = Article.objects.get(source_name__startswith="002")
    with django_capture_on_commit_callbacks(execute=True):
        author = PersonFactory(name="Quillon Drakemoor")
        article.authors.add(author)
    hits = found("Drakemoor type:article")
    assert ("article", article.title) in hits
    facets = search("Drakemoor type:article").facets
    assert author.slug in facets["people"]
    with django_capture_on_commit_callbacks(execute=True):
        article.authors.remove(author)
    assert ("article", article.title) not in found("Drakemoor type:article")


def test_outside_a_transaction_the_change_is_indexed_at_once(transactional_db, archive_index):
    Person.objects.create(name="Autocommit Quartermaine", slug="autocommit-quartermaine")
    assert ("person", "Autocommit Quartermaine") in found("Quartermaine")

"""Changelist query strings take only the filters each admin page declares (archive/admin.py)."""

import html
import re

import pytest
from django.contrib import admin

from archive.admin import ArchiveModelAdmin
from articles.models import Article, Mention, Quote
from people.models import Person, Place
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db

ARCHIVE_ADMINS = [
    model
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, ArchiveModelAdmin)
]


def filter_links(page):
    """Every query string the page's filter sidebar and date hierarchy offer."""
    return set(re.findall(r'href="(\?[^"]*)"', html.unescape(page)))


@pytest.mark.parametrize("model", ARCHIVE_ADMINS, ids=lambda m: m._meta.label)
def test_every_filter_a_page_offers_still_works(admin_client, archive, model):
    page = admin_client.get(admin_url(model))
    assert page.status_code == 200
    links = filter_links(page.content.decode())
    assert links, "the page offers no filter at all"
    for link in links:
        assert admin_client.get(admin_url(model) + link).status_code == 200, link


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Person, "name__regex=(a%2B)%2B%24"),
        (Person, "description__iregex=.*.*.*x"),
        (Mention, "text__regex=(x%2B)%2By"),
        (Mention, "article__title__regex=a"),
        (Quote, "speaker__name__icontains=putin"),
        (Article, "raw_text__contains=Belgrade"),
        (Place, "parent__name__startswith=S"),
    ],
)
def test_a_lookup_the_page_does_not_offer_is_a_400(admin_client, archive, model, query):
    response = admin_client.get(f"{admin_url(model)}?{query}")
    assert response.status_code == 400


def test_the_links_between_admin_pages_still_filter(admin_client, archive):
    speaker = Quote.objects.filter(speaker__isnull=False).first().speaker
    quotes = admin_client.get(f"{admin_url(Quote)}?speaker__id__exact={speaker.pk}")
    assert quotes.status_code == 200
    assert {q.speaker_id for q in quotes.context["cl"].result_list} == {speaker.pk}
    putin = Person.objects.get(slug="vladimir-putin")
    mentions = admin_client.get(f"{admin_url(Mention)}?person__id__exact={putin.pk}")
    assert mentions.status_code == 200 and mentions.context["cl"].result_count > 20
    article = Article.objects.first()
    by_article = admin_client.get(
        f"{admin_url(Mention)}?article__id__exact={article.pk}&status__exact=suggested"
    )
    assert by_article.status_code == 200

"""Draft until published: an import is seen by curators only until one publishes it, and the
machine's unreviewed suggestions stay hidden from the public even then."""

import csv
import io
import re
from urllib.parse import unquote_plus

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from archive.search.core import search
from articles.ingest.importing import Importer
from articles.models import Article, Mention, Quote, Status
from tests.articles.test_review import CAPTURE
from tests.helpers import admin_url, form_data, html_of, messages_of

pytestmark = pytest.mark.django_db

# Words only the imported capture has: what would betray it on a public page.
TRACES = ("winter shelter", "forty beds", "printing house", "shelter.txt")

# Every public place a draft or its suggestions could show up in.
PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/people/pyotr-nikitin/",
    "/organizations/meduza/",
    "/organizations/russian-democratic-society/",
    "/places/novi-sad/",
    "/people/",
    "/organizations/",
    "/places/",
    "/network/",
    "/network/?scope=article",
    "/network.gexf",
    "/people/export.csv",
    "/organizations/export.json",
    "/places/export.csv",
    "/api/articles/",
    "/api/quotes/",
    "/api/quotes/?speaker=pyotr-nikitin",
    "/api/people/pyotr-nikitin/",
    "/api/search?q=shelter",
    "/api/search?q=Nikitin",
    "/search/?q=shelter",
    "/search/?q=Nikitin+beds",
    "/search/?q=%22forty+beds%22",
    "/search/export.csv?q=shelter",
    "/search/export.json?q=Nikitin",
    "/search/kwic/?q=shelter",
    "/search/kwic.csv?q=kettle",
]


def import_capture(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = Importer().import_text(CAPTURE, "shelter.txt")
    assert result.imported, result.message
    return result.article


def snapshot(client):
    pages = {}
    for url in PUBLIC_PAGES:
        response = client.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        pages[url] = (response.status_code, without_scores(url, body))
    return pages


def without_scores(url, body):
    """Re-indexing a person the draft names changes the index's statistics, so relevance
    scores shift a little; what is found, and in which order, must not."""
    if url.startswith("/search/export.csv"):
        rows = list(csv.DictReader(io.StringIO(body)))
        return [{k: v for k, v in row.items() if k != "score"} for row in rows]
    return re.sub(r'"score": ?[0-9.e-]+', '"score": _', body)


def article_urls(article):
    quote = article.quotes.first()
    return [
        article.get_absolute_url(),
        reverse("articles:raw", args=[article.slug]),
        reverse("articles:cite", args=[article.slug, "bib"]),
        quote.get_absolute_url(),
        reverse(
            "articles:quote_cite", args=[article.slug, quote.paragraph.position, quote.start, "ris"]
        ),
        f"/api/articles/{article.slug}/",
        f"/api/quotes/{quote.pk}/",
    ]


@pytest.fixture
def curator():
    """A logged-in curator's browser (`client` stays an anonymous visitor's)."""
    user = User.objects.create_user("curator", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article", "add_article"])
    )
    browser = Client()
    browser.force_login(user)
    return browser


def test_the_seeds_are_published_and_an_import_is_a_draft(archive):
    assert set(archive.values_list("state", flat=True)) == {Article.State.PUBLISHED}
    article = Importer().import_text(CAPTURE, "shelter.txt").article
    assert article.state == Article.State.DRAFT
    assert list(Article.objects.drafts()) == [article]


def test_a_draft_leaves_no_trace_on_any_public_page(
    client, archive_index, django_capture_on_commit_callbacks
):
    before = snapshot(client)
    article = import_capture(django_capture_on_commit_callbacks)
    # The import made suggestions the public pages would show if they leaked.
    assert article.quotes.filter(speaker__slug="pyotr-nikitin").exists()
    assert article.mentions.filter(person__slug="pyotr-nikitin").exists()

    after = snapshot(client)
    for url in PUBLIC_PAGES:
        assert after[url] == before[url], f"{url} changed when a draft was imported"
        asked = unquote_plus(url).replace('"', "")  # a search page repeats its query
        assert not any(trace in str(after[url][1]) for trace in TRACES if trace not in asked), url
    for url in article_urls(article):
        assert client.get(url).status_code == 404, url
    assert search("shelter", suggest=False).count == 0


def test_a_curator_reads_the_draft_under_a_draft_banner(
    curator, archive, django_capture_on_commit_callbacks
):
    article = import_capture(django_capture_on_commit_callbacks)
    page = html_of(curator, article.get_absolute_url())
    assert "<strong>Draft</strong>: only curators can see this article" in page
    assert "forty beds" in page
    assert reverse("review:article", args=[article.slug]) in page
    # What the public will not see once it is published: the unreviewed suggestions.
    assert f"{article.quotes.count()} suggested quotes" in page
    assert 'class="quote"' not in page
    for url in article_urls(article)[:3]:  # the article, its raw capture, its citation
        response = curator.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    published = Article.objects.exclude(pk=article.pk).first()
    assert "Draft" not in html_of(curator, published.get_absolute_url())


def test_publishing_makes_it_public_and_findable_and_unpublishing_takes_it_back(
    curator, client, archive_index, django_capture_on_commit_callbacks
):
    article = import_capture(django_capture_on_commit_callbacks)
    review = curator.get(reverse("review:article", args=[article.slug]))
    assert b'value="Publish"' in review.content
    with django_capture_on_commit_callbacks(execute=True):
        response = curator.post(
            reverse("review:publish", args=[article.slug]),
            form_data(review, "publish-form"),
            follow=True,
        )
    assert any(
        m.startswith("Published “Russian volunteers open a winter shelter")
        and "stay hidden from the public until you accept them" in m
        for m in messages_of(response)
    )
    article.refresh_from_db()
    assert article.state == Article.State.PUBLISHED

    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.get_absolute_url() in html_of(client, "/articles/")
    hits = search("winter shelter").hits
    assert [h.obj for h in hits if h.type == "article"] == [article]
    # The suggested quotes stay hidden: not on the page, not in search, no permalink.
    quote = article.quotes.get(text__startswith="Nobody in the government")
    assert quote.status == Status.SUGGESTED
    assert search('type:quote "Nobody in the government"', suggest=False).count == 0
    assert client.get(quote.get_absolute_url()).status_code == 404
    assert "Nobody in the government" not in html_of(client, "/people/pyotr-nikitin/")

    unpublish = curator.get(reverse("review:article", args=[article.slug]))
    assert b'value="Unpublish"' in unpublish.content
    with django_capture_on_commit_callbacks(execute=True):
        response = curator.post(
            reverse("review:unpublish", args=[article.slug]),
            form_data(unpublish, "publish-form"),
            follow=True,
        )
    assert "is a draft again" in " ".join(messages_of(response))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert search("winter shelter", suggest=False).count == 0


def test_an_accepted_suggestion_of_a_published_article_becomes_public(
    admin_client, client, archive_index, django_capture_on_commit_callbacks
):
    article = import_capture(django_capture_on_commit_callbacks)
    quote = article.quotes.get(text__startswith="Nobody in the government")
    mention = article.mentions.filter(person__slug="pyotr-nikitin").first()
    assert mention.source == Mention.Source.IMPORT
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("review:publish", args=[article.slug]))
        admin_client.post(
            reverse("review:quotes", args=[article.slug]),
            {"action": "accept", "selected": [quote.pk]},
        )
        admin_client.post(
            reverse("review:mentions", args=[article.slug]),
            {"action": "accept", "selected": [mention.pk]},
        )

    assert client.get(quote.get_absolute_url()).status_code == 200
    assert [h.obj for h in search('type:quote "Nobody in the government"').hits] == [quote]
    person_page = html_of(client, "/people/pyotr-nikitin/")
    assert "Nobody in the government gave us a dinar" in person_page
    assert article.get_absolute_url() in person_page
    assert set(Quote.objects.public().filter(article=article)) == {quote}
    assert set(Mention.objects.public().filter(article=article)) == {mention}


def test_publishing_needs_a_post_and_the_permission(client, archive):
    article = Importer().import_text(CAPTURE, "shelter.txt").article
    publish = reverse("review:publish", args=[article.slug])
    assert client.post(publish).status_code == 302  # to the login page
    user = User.objects.create_user("intern", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert client.post(publish).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(User.objects.get(pk=user.pk))
    assert client.get(publish).status_code == 405
    assert client.post(publish).status_code == 302
    assert Article.objects.get(pk=article.pk).state == Article.State.PUBLISHED


def test_the_review_index_lists_drafts_first(admin_client, archive):
    article = Importer().import_text(CAPTURE, "shelter.txt").article
    page = html_of(admin_client, reverse("review:index"))
    rows = page[page.index("<tbody>") :]
    first = rows[: rows.index("</tr>")]
    assert reverse("review:article", args=[article.slug]) in first
    assert "Draft (curators only)" in first
    assert rows.count("<td>Published</td>") == archive.count() - 1


def test_the_admin_lists_the_state_and_filters_by_it(admin_client, archive):
    article = Importer().import_text(CAPTURE, "shelter.txt").article
    page = html_of(admin_client, admin_url(Article), state__exact="draft")
    assert article.title in page
    assert not any(seed.title in page for seed in archive.exclude(pk=article.pk))
    assert "Draft (curators only)" in page
    page = html_of(admin_client, admin_url(Article), state__exact="published")
    assert article.title not in page

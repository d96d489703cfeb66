"""Atom feeds that follow a search or a person, organization or place."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.db.models import Count
from django.urls import reverse

from articles.models import Article
from people.models import Organization, Person, Place
from tests.factories import ArticleFactory, PersonFactory, mention_in, quote_in

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, root.findall(f"{ATOM}entry")


def test_a_search_feed_has_the_search_results_newest_first(client, archive_index):
    response = client.get(reverse("workbench:search_feed"), {"q": "Belgrade", "type": "article"})
    root, found = entries(response)
    assert "Belgrade" in root.find(f"{ATOM}title").text
    assert found
    published = [e.find(f"{ATOM}published") for e in found]
    dates = [p.text for p in published if p is not None]
    assert dates == sorted(dates, reverse=True)
    # Undated articles come last.
    assert published == [p for p in published if p is not None] + [None] * published.count(None)
    assert all(e.find(f"{ATOM}title").text.startswith("Article: ") for e in found)


def test_a_bad_search_feed_is_a_400(client, archive_index):
    assert client.get(reverse("workbench:search_feed"), {"page": "x"}).status_code == 400
    assert client.get(reverse("workbench:search_feed"), {"type": "nonsense"}).status_code == 400


def test_a_person_feed_has_quotes_and_mentions(client, archive):
    person = Person.objects.get(slug="georgy-chemical-engineer")
    root, found = entries(
        client.get(reverse("workbench:entity_feed", args=["person", person.slug]))
    )
    titles = [e.find(f"{ATOM}title").text for e in found]
    assert any(t.startswith("Quote: “") for t in titles)
    ids = [e.find(f"{ATOM}id").text for e in found]
    assert len(ids) == len(set(ids))
    expected = person.quotes.public().count() + person.mentions.public().count()
    assert len(found) == min(expected, 50)


def test_unknown_feeds_are_4xx(client, archive):
    assert (
        client.get(reverse("workbench:entity_feed", args=["person", "nobody"])).status_code == 404
    )
    assert client.get(reverse("workbench:entity_feed", args=["user", "admin"])).status_code == 400


def test_pages_advertise_their_feed(client, archive_index):
    person = Person.objects.get(slug="georgy-chemical-engineer")
    feed = reverse("workbench:entity_feed", args=["person", person.slug])
    html = client.get(person.get_absolute_url()).content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="Follow this page (Atom feed)" href="{feed}">'
    ) in html
    assert f'<a class="follow" href="{feed}">Follow by feed (Atom)</a>' in html
    html = client.get("/search/", {"q": "Belgrade", "type": "article"}).content.decode()
    assert 'href="/workbench/feeds/search/?q=Belgrade&amp;type=article"' in html
    assert 'type="application/atom+xml"' not in client.get("/").content.decode()


def test_every_entry_has_updated_and_only_a_dated_one_has_published(client, archive_index):
    """Atom requires <updated>: an undated article's entries carry the time it entered the
    archive there, and no <published>, which would pass that time off as its date."""
    undated = Article.objects.get(source_name__startswith="001_")
    assert undated.published is None
    nikitin = Person.objects.get(name="Pyotr Nikitin")
    # A feed keeps the newest 50 entries, undated last: a place named in few articles.
    place = (
        Place.objects.filter(mentions__article=undated)
        .annotate(named=Count("mentions"))
        .order_by("named")
        .first()
    )
    feeds = {
        "search": reverse("workbench:search_feed") + "?q=Nikitin",
        "search for articles": reverse("workbench:search_feed") + "?q=Belgrade&type=article",
        "person": reverse("workbench:entity_feed", args=["person", nikitin.slug]),
        "organization": reverse(
            "workbench:entity_feed",
            args=["organization", Organization.objects.get(name="Russian Democratic Society").slug],
        ),
        "place": reverse("workbench:entity_feed", args=["place", place.slug]),
    }
    articles = {"http://testserver" + a.get_absolute_url(): a for a in Article.objects.all()}
    for kind, url in feeds.items():
        _, found = entries(client.get(url))
        assert found, kind
        undated_entries = 0
        for entry in found:
            updated = entry.find(f"{ATOM}updated")
            published = entry.find(f"{ATOM}published")
            link = entry.find(f"{ATOM}link").get("href")
            assert updated is not None, (kind, link)
            article = next((a for u, a in articles.items() if link.startswith(u)), None)
            if article is None:  # a person, organization or place found by the search
                assert published is None, (kind, link)
            elif article.published is None:
                undated_entries += article == undated
                assert published is None, (kind, link)
                assert datetime.fromisoformat(updated.text) == article.created, (kind, link)
            else:
                assert published.text == updated.text, (kind, link)
                assert published.text.startswith(article.published.isoformat()), (kind, link)
        if kind != "search for articles":
            assert undated_entries, f"the {kind} feed has no entry from the undated article"


def test_a_person_feed_leaves_out_drafts_and_unreviewed_quotes(client, db):
    person = PersonFactory(name="Ivan Draftov", slug="ivan-draftov")
    draft = ArticleFactory(state="draft", raw_text="Draft\n“Secret plans,” said Ivan Draftov.\n")
    quote_in(draft.paragraphs.get(), "Secret plans", speaker=person)
    mention_in(draft.paragraphs.get(), "Ivan Draftov", person, status="confirmed")
    draft.authors.add(person)
    published = ArticleFactory(raw_text="Out\n“Maybe,” said Ivan Draftov. “Surely,” he added.\n")
    quote_in(published.paragraphs.get(), "Maybe", speaker=person, status="suggested")
    quote_in(published.paragraphs.get(), "Surely", speaker=person)
    _, found = entries(client.get(reverse("workbench:entity_feed", args=["person", person.slug])))
    assert [e.find(f"{ATOM}title").text for e in found] == ["Quote: “Surely”"]

"""Atom feeds that follow a search or a person, organization or place."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from people.models import Person

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
    dates = [e.find(f"{ATOM}updated").text for e in found if e.find(f"{ATOM}updated") is not None]
    assert dates == sorted(dates, reverse=True)
    assert all(e.find(f"{ATOM}title").text.startswith("Article: ") for e in found)


def test_a_bad_search_feed_is_a_400(client, archive_index):
    assert client.get(reverse("workbench:search_feed"), {"page": "x"}).status_code == 400
    assert client.get(reverse("workbench:search_feed"), {"type": "nonsense"}).status_code == 400


def test_a_person_feed_has_quotes_and_mentions(client, archive):
    person = Person.objects.get(slug="georgy-chemical-engineer")
    root, found = entries(client.get(reverse("workbench:entity_feed", args=["person", person.slug])))
    titles = [e.find(f"{ATOM}title").text for e in found]
    assert any(t.startswith("Quote: “") for t in titles)
    ids = [e.find(f"{ATOM}id").text for e in found]
    assert len(ids) == len(set(ids))
    expected = person.quotes.visible().count() + person.mentions.visible().count()
    assert len(found) == min(expected, 50)


def test_unknown_feeds_are_4xx(client, archive):
    assert client.get(reverse("workbench:entity_feed", args=["person", "nobody"])).status_code == 404
    assert client.get(reverse("workbench:entity_feed", args=["user", "admin"])).status_code == 400


def test_pages_advertise_their_feed(client, archive_index):
    person = Person.objects.get(slug="georgy-chemical-engineer")
    feed = reverse("workbench:entity_feed", args=["person", person.slug])
    html = client.get(person.get_absolute_url()).content.decode()
    assert (f'<link rel="alternate" type="application/atom+xml" '
            f'title="Follow this page (Atom feed)" href="{feed}">') in html
    assert f'<a class="follow" href="{feed}">Follow by feed (Atom)</a>' in html
    html = client.get("/search/", {"q": "Belgrade", "type": "article"}).content.decode()
    assert 'href="/workbench/feeds/search/?q=Belgrade&amp;type=article"' in html
    assert 'type="application/atom+xml"' not in client.get("/").content.decode()

"""Read replicas: public reads and searches on a replica, writes and curators on the primary.

The replica here is Django's test mirror of the primary (a second connection to the
test database, TEST MIRROR), so what a test reads through it is what the session
committed: the real archive and its search index."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.routers import ReplicaRouter, replica_reads
from articles.models import Article

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """A "replica" alias mirroring the test database, as DATABASE_REPLICA_URL would add."""
    settings_dict = dict(connections["default"].settings_dict)
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "MIRROR": "default"}
    connections.settings["replica"] = settings_dict
    yield "replica"
    with django_db_blocker.unblock():
        connections["replica"].close()
    del connections["replica"]
    del connections.settings["replica"]


@pytest.fixture(autouse=True)
def replicas(settings):
    settings.ARCHIVE_READ_REPLICAS = ["replica"]


def queries(alias):
    return CaptureQueriesContext(connections[alias])


def test_the_router_reads_a_replica_only_where_reads_may_lag():
    router = ReplicaRouter()
    from django.contrib.sessions.models import Session

    assert router.db_for_read(Article) == "default"  # outside a public request
    with replica_reads():
        assert router.db_for_read(Article) == "replica"
        assert router.db_for_read(Session) == "default"  # a login is never lost to lag
        assert router.db_for_write(Article) == "default"
    assert not router.allow_migrate("replica", "articles")


def test_a_public_search_page_is_served_by_the_replica(client, archive_index):
    with queries("default") as primary, queries("replica") as replica:
        response = client.get(reverse("search"), {"q": "Nikitin"})
    assert response.status_code == 200
    assert "Pyotr Nikitin" in response.content.decode()
    assert replica.captured_queries
    assert not [
        q
        for q in primary.captured_queries
        if "articles_" in q["sql"] or "people_" in q["sql"] or "archive_search" in q["sql"]
    ]


def test_a_save_and_its_index_update_go_to_the_primary(
    archive_index, django_capture_on_commit_callbacks
):
    from archive.search.core import search
    from people.models import Person

    with queries("replica") as replica, django_capture_on_commit_callbacks(execute=True):
        person = Person.objects.get(slug="vuk-vuksanovic")
        person.description = "Researcher who studies marmalade diplomacy."
        person.save()
    assert not replica.captured_queries
    assert [h.title for h in search("marmalade").hits] == ["Vuk Vuksanović"]


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_committed_change_is_searchable_through_the_replica(client, archive_index):
    from people.models import Person

    Person.objects.create(name="Replicant Quartermaine", slug="replicant-quartermaine")
    with queries("replica") as replica:
        data = client.get(reverse("search_api"), {"q": "Quartermaine"}).json()
    assert [r["title"] for r in data["results"]] == ["Replicant Quartermaine"]
    assert replica.captured_queries

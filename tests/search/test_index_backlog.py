"""A search-index write that fails after the database commit loses nothing and shows no error:
the change is queued, the curator is told, and the next write (or a command) catches up."""

import pytest
from django.core.management import call_command
from haystack import connections

from archive.models import IndexBacklog
from archive.search.core import search
from people.models import Person
from tests.helpers import admin_url, form_data, messages_of


@pytest.fixture
def failing_index(monkeypatch):
    """The index refuses writes until `failing["on"]` is set to False."""
    engine = connections["default"].get_backend()
    original = type(engine).update
    state = {"on": True}

    def update(self, index, iterable, commit=True):
        if state["on"]:
            raise OSError("No space left on device")
        return original(self, index, iterable, commit)

    monkeypatch.setattr(type(engine), "update", update)
    return state


def test_a_save_whose_index_write_fails_is_kept_queued_and_the_curator_is_told(
    transactional_db, admin_client, archive_index, failing_index
):
    person = Person.objects.get(slug="vuk-vuksanovic")
    url = admin_url(Person, "change", person.pk)
    data = form_data(
        admin_client.get(url), "person_form", description="Researcher of quince diplomacy."
    )

    response = admin_client.post(url, data, follow=True)

    assert response.status_code == 200  # never a 500 for work that was saved
    person.refresh_from_db()
    assert person.description == "Researcher of quince diplomacy."
    assert any("queued" in m for m in messages_of(response))
    assert IndexBacklog.objects.filter(model="people.person", key=str(person.pk)).exists()
    assert search("quince", suggest=False).count == 0  # not in the index yet

    failing_index["on"] = False
    call_command("retry_index_backlog")

    assert not IndexBacklog.objects.exists()
    assert [h.title for h in search("quince").hits] == ["Vuk Vuksanović"]


def test_the_next_successful_write_also_writes_the_backlog(
    transactional_db, archive_index, failing_index
):
    first = Person.objects.get(slug="vuk-vuksanovic")
    first.description = "Collector of quince jam."
    first.save()  # outside a transaction: written at once, and it fails
    assert IndexBacklog.objects.count() >= 1

    failing_index["on"] = False
    other = Person.objects.get(slug="pyotr-nikitin")
    other.aliases.create(name="Petr Lingonberry")

    assert not IndexBacklog.objects.exists()
    assert [h.title for h in search("quince").hits] == ["Vuk Vuksanović"]
    assert "Pyotr Nikitin" in [h.title for h in search("Lingonberry").hits]

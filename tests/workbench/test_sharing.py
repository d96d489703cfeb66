"""A read-only share link: works signed out, leaves the notes out, dies when revoked."""

import pytest
from django.urls import reverse

from workbench.models import add_to

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


def share(client, collection, action="share"):
    client.post(reverse("workbench:share", args=[collection.pk]), {"action": action})
    collection.refresh_from_db()
    return collection.share_token


def test_a_shared_collection_is_readable_signed_out_without_the_notes(
    alice_client, anonymous, bob_client, alice_collection, unsigned_quote
):
    add_to(alice_collection, unsigned_quote, BASE, note="private thought")
    token = share(alice_client, alice_collection)
    assert len(token) >= 40
    url = reverse("workbench:shared", args=[token])
    assert url in alice_client.get(alice_collection.get_absolute_url()).content.decode()
    for client in (anonymous, bob_client):
        page = client.get(url)
        html = page.content.decode()
        assert page.status_code == 200
        assert "We come back every week" in html and "Paper on queues" in html
        assert "private thought" not in html
        assert "Save note" not in html and "Stop sharing" not in html
        bib = client.get(reverse("workbench:shared_export", args=[token, "bibtex"]))
        assert bib.status_code == 200 and b"private thought" not in bib.content


def test_a_revoked_link_is_a_404_at_once(alice_client, anonymous, alice_collection):
    token = share(alice_client, alice_collection)
    url = reverse("workbench:shared", args=[token])
    assert anonymous.get(url).status_code == 200
    assert share(alice_client, alice_collection, "revoke") is None
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(reverse("workbench:shared_export", args=[token, "csv"])).status_code == 404
    assert share(alice_client, alice_collection) != token  # a new link, never the old one


def test_a_guessed_token_and_a_private_collection_are_404(anonymous, alice_collection):
    assert anonymous.get(reverse("workbench:shared", args=["x" * 43])).status_code == 404
    assert anonymous.get(reverse("workbench:shared", args=["None"])).status_code == 404


def test_only_the_owner_can_share_or_revoke(bob_client, alice_client, alice_collection):
    token = share(alice_client, alice_collection)
    response = bob_client.post(
        reverse("workbench:share", args=[alice_collection.pk]), {"action": "revoke"}
    )
    assert response.status_code == 404
    alice_collection.refresh_from_db()
    assert alice_collection.share_token == token

"""Collections in the JSON API: the owner's only, with token or session authentication."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from workbench.models import Collection, add_to

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


@pytest.fixture
def alice_token(alice):
    return Token.objects.create(user=alice).key


def api(token=None):
    client = Client()
    if token:
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def test_the_owner_reads_and_writes_with_a_token(alice, alice_token, unsigned_quote, speaker_quote):
    client = api(alice_token)
    created = client.post(
        "/api/workbench/collections/", {"name": "Via the API"}, content_type="application/json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    for quote in (unsigned_quote, speaker_quote):
        response = client.post(
            "/api/workbench/items/",
            {"collection": pk, "kind": "quote", "target_id": quote.pk, "note": "<i>n</i>"},
            content_type="application/json",
        )
        assert response.status_code == 201, response.json()
    item = response.json()
    assert item["label"] == "“Prices doubled” — Ana Petrović" and item["position"] == 2
    moved = client.patch(
        f"/api/workbench/items/{item['id']}/", {"position": 1}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["position"] == 1
    data = client.get(f"/api/workbench/collections/{pk}/").json()
    assert [i["label"][:3] for i in data["items"]] == ["“Pr", "“We"]
    assert data["items"][0]["note"] == "<i>n</i>"  # JSON carries the text; HTML escapes it
    assert client.delete(f"/api/workbench/items/{item['id']}/").status_code == 204
    assert Collection.objects.get(pk=pk).items.count() == 1


def test_session_authentication_works_too(alice_client, alice_collection):
    response = alice_client.get("/api/workbench/collections/")
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["results"]] == ["Paper on queues"]


def test_others_and_anonymous_get_nothing(bob, alice_collection, unsigned_quote):
    item = add_to(alice_collection, unsigned_quote, BASE)
    bob_api = api(Token.objects.create(user=bob).key)
    assert bob_api.get("/api/workbench/collections/").json()["results"] == []
    assert bob_api.get(f"/api/workbench/collections/{alice_collection.pk}/").status_code == 404
    assert bob_api.get(f"/api/workbench/items/{item.pk}/").status_code == 404
    assert (
        bob_api.patch(
            f"/api/workbench/items/{item.pk}/", {"note": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert bob_api.delete(f"/api/workbench/collections/{alice_collection.pk}/").status_code == 404
    response = bob_api.post(
        "/api/workbench/items/",
        {"collection": alice_collection.pk, "kind": "quote", "target_id": unsigned_quote.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "collection" in response.json()
    for client in (api(), api("not-a-token")):
        assert client.get("/api/workbench/collections/").status_code in (401, 403)
    assert alice_collection.items.count() == 1


def test_api_session_writes_need_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        "/api/workbench/collections/", {"name": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Collection.objects.filter(name="x").exists()


def test_bad_input_is_a_400(alice_token, alice_collection):
    client = api(alice_token)
    response = client.post(
        "/api/workbench/items/",
        {"collection": alice_collection.pk, "kind": "quote", "target_id": 999999},
        content_type="application/json",
    )
    assert response.status_code == 400 and "target_id" in response.json()
    response = client.post(
        "/api/workbench/collections/", {"name": "Paper on queues"}, content_type="application/json"
    )
    assert response.status_code == 400


def test_the_openapi_schema_describes_the_collections(client, settings):
    response = client.get(reverse("api-schema"), {"format": "json"})
    schema = response.json()
    assert "/api/workbench/collections/" in schema["paths"]
    assert "/api/workbench/items/{id}/" in schema["paths"]
    operation = schema["paths"]["/api/workbench/collections/"]["get"]
    assert {"tokenAuth": []} in operation["security"]


def test_a_researcher_makes_and_replaces_a_token_and_the_old_one_stops_working(
    alice_client, alice, anonymous
):
    import re

    page = alice_client.post(reverse("workbench:api_token")).content.decode()
    first = re.search(r'<code id="api-token">(\w+)</code>', page).group(1)
    assert api(first).get("/api/workbench/collections/").status_code == 200
    page = alice_client.post(reverse("workbench:api_token")).content.decode()
    second = re.search(r'<code id="api-token">(\w+)</code>', page).group(1)
    assert second != first
    assert api(first).get("/api/workbench/collections/").status_code in (401, 403)
    assert first not in alice_client.get(reverse("workbench:api_token")).content.decode()
    assert anonymous.post(reverse("workbench:api_token")).status_code == 302

import pytest
import yaml
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_served_and_describes_every_endpoint(client, archive):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {"/api/search", "/api/articles/", "/api/articles/{slug}/", "/api/quotes/",
            "/api/people/{slug}/", "/api/organizations/", "/api/places/{slug}/"} <= paths
    assert {"/search/export.csv", "/search/export.json", "/people/export.csv",
            "/network.gexf"} <= paths
    search = schema["paths"]["/api/search"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {"q", "type", "page", "sort"}
    assert set(search["responses"]) == {"200", "400", "503"}


def test_the_api_docs_page_loads_only_local_assets(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html


def test_article_list_and_detail(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        data = client.get("/api/articles/").json()
    assert data["count"] == 5
    dated = data["results"][0]
    assert dated["source_name"] == "004_d3f67001b96928d7.txt"
    assert dated["authors"][0]["name"] == "Nevena Vračar"
    detail = client.get(f"/api/articles/{dated['slug']}/").json()
    assert detail["raw_text"].startswith("Serbia becomes home for Russians fleeing war")
    assert [p["position"] for p in detail["paragraphs"]] == list(
        range(1, len(detail["paragraphs"]) + 1))


def test_quotes_filtered_by_speaker(client, archive):
    data = client.get("/api/quotes/", {"speaker": "pyotr-nikitin"}).json()
    assert data["count"] >= 5
    assert {q["speaker"]["slug"] for q in data["results"]} == {"pyotr-nikitin"}
    assert all(q["url"].startswith("/articles/") for q in data["results"])


def test_entities_with_aliases_and_scripts(client, archive):
    vucic = client.get("/api/people/aleksandar-vucic/").json()
    assert {"name": "Вучић", "script": "Cyrl", "article": None} in vucic["aliases"]
    belgrade = client.get("/api/places/belgrade/").json()
    assert belgrade["parent"] == "serbia" and belgrade["kind"] == "city"
    assert client.get("/api/people/nobody-at-all/").status_code == 404

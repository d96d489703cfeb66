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
    assert {
        "/api/search",
        "/api/articles/",
        "/api/articles/{slug}/",
        "/api/quotes/",
        "/api/people/{slug}/",
        "/api/organizations/",
        "/api/places/{slug}/",
    } <= paths
    assert {
        "/search/export.csv",
        "/search/export.json",
        "/people/export.csv",
        "/network.gexf",
    } <= paths
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
        range(1, len(detail["paragraphs"]) + 1)
    )


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


# -- no login on the API: it is read-only and public ------------------------------------------


def basic(username, password):
    import base64

    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def test_a_basic_header_is_ignored_so_the_api_tells_nothing_about_passwords(client, archive):
    from django.contrib.auth.models import User

    User.objects.create_superuser("curator", "", "a-right-Password-42")
    plain = client.get("/api/articles/")
    right = client.get("/api/articles/", HTTP_AUTHORIZATION=basic("curator", "a-right-Password-42"))
    wrong = client.get("/api/articles/", HTTP_AUTHORIZATION=basic("curator", "guess"))
    nobody = client.get("/api/articles/", HTTP_AUTHORIZATION=basic("nobody", "guess"))
    for response in (plain, right, wrong, nobody):
        assert response.status_code == 200
        assert "WWW-Authenticate" not in response
        assert response.content == plain.content
    # Writing stays impossible, with the right password too.
    post = client.post(
        "/api/articles/", {}, HTTP_AUTHORIZATION=basic("curator", "a-right-Password-42")
    )
    assert post.status_code == 405


def test_a_curators_session_gives_the_api_nothing_more(admin_client, client, archive):
    assert admin_client.get("/api/articles/").content == client.get("/api/articles/").content
    assert admin_client.delete(f"/api/articles/{archive[0].slug}/").status_code == 405


def test_an_unknown_schema_version_is_a_400_with_a_message(client):
    for version in ["\n", "1.0\r\nX-Injected: 1", "2.0", "../../etc"]:
        response = client.get(reverse("api-schema"), {"version": version})
        assert response.status_code == 400, version
        assert "version" in response.json()["error"]
        assert "X-Injected" not in str(response.headers)


def test_the_schema_of_the_one_version_is_served_under_its_name(client):
    response = client.get(reverse("api-schema"), {"version": "1.0.0"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'inline; filename="Russians in Serbia: news archive API (1.0.0).yaml"'
    )


def test_the_schema_takes_the_search_parameters_from_the_search_form(client):
    """One definition: the API, the exports and their documentation list the form's fields."""
    from archive.forms import SearchForm

    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi")
    paths = yaml.safe_load(response.content)["paths"]
    fields = set(SearchForm.base_fields)
    search = {p["name"]: p for p in paths["/api/search"]["get"]["parameters"]}
    assert set(search) == fields
    assert search["sort"]["schema"]["enum"] == ["relevance", "date"]
    assert search["page"]["schema"]["type"] == "integer"
    for path in ("/search/export.csv", "/search/kwic.json"):
        assert {p["name"] for p in paths[path]["get"]["parameters"]} == fields - {"page"}

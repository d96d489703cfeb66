"""Security headers, and a clear 503 (never a stack trace) when a service is down."""

import shutil

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from haystack import connections

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy(client, archive):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_has_an_inline_script(client, archive):
    for url in ["/", "/search/?q=Nikitin", "/articles/", "/people/pyotr-nikitin/"]:
        html = client.get(url).content.decode()
        for chunk in html.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag or 'type="application/json"' in tag, f"inline script on {url}"


@pytest.mark.engine("whoosh")
def test_a_missing_search_index_is_a_503_page_and_recovers_after_a_rebuild(client, archive_index):
    from django.core.management import call_command

    connections["default"].get_backend().reset_searcher()
    shutil.rmtree(archive_index)
    response = client.get("/search/", {"q": "Nikitin"})
    assert response.status_code == 503
    assert "search index is unavailable" in response.content.decode()
    assert response["Retry-After"]
    api = client.get("/api/search", {"q": "Nikitin"})
    assert api.status_code == 503 and "unavailable" in api.json()["error"]
    assert client.get("/articles/").status_code == 200  # the rest of the archive still works
    call_command("rebuild_index", verbosity=0)
    assert client.get("/search/", {"q": "Nikitin"}).status_code == 200


@pytest.mark.engine("whoosh")
def test_a_corrupt_search_index_is_a_503(client, archive_index):
    connections["default"].get_backend().reset_searcher()
    for path in archive_index.iterdir():
        path.write_bytes(b"\x00garbage" * 10)
    response = client.get("/search/", {"q": "Nikitin"})
    assert response.status_code == 503


@pytest.mark.engine("postgres")
def test_missing_search_tables_are_a_503_page_and_recover_after_migrating(client, archive_index):
    from django.db import connection

    with connection.cursor() as cursor:  # PostgreSQL DDL rolls back with the test
        cursor.execute("ALTER TABLE archive_search_document RENAME TO archive_search_gone")
    response = client.get("/search/", {"q": "Nikitin"})
    assert response.status_code == 503
    assert "search index is unavailable" in response.content.decode()
    assert client.get("/articles/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE archive_search_gone RENAME TO archive_search_document")
    assert client.get("/search/", {"q": "Nikitin"}).status_code == 200


def test_a_database_that_is_down_is_a_503_and_recovers(client, archive, monkeypatch):
    def refuse(self):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get("/articles/")
    assert response.status_code == 503
    assert "database cannot be reached" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert client.get("/api/articles/").status_code == 503
    monkeypatch.undo()
    assert client.get("/articles/").status_code == 200


@pytest.mark.parametrize(
    ("url", "same_as"),
    [
        (
            "/api/quotes/?speaker=%00georgy-chemical-engineer",
            "/api/quotes/?speaker=georgy-chemical-engineer",
        ),
        ("/api/search?q=Niki%00tin", "/api/search?q=Nikitin"),
        ("/people/?page=%00", None),
    ],
)
def test_a_nul_in_a_parameter_is_dropped_not_a_database_error(client, archive_index, url, same_as):
    response = client.get(url)
    assert response.status_code == 200  # PostgreSQL refuses NUL in a string: never a 500
    if same_as:
        assert response.content == client.get(same_as).content


def test_the_admin_may_use_inline_styles_and_nothing_else_more(client):
    """Django's admin sets inline style attributes: its pages (and the API docs) allow
    them; scripts stay 'self' only there too."""
    for url in ("/admin/login/", "/api/docs/"):
        policy = dict(
            d.strip().split(" ", 1) for d in client.get(url)["Content-Security-Policy"].split(";")
        )
        assert policy["style-src"] == "'self' 'unsafe-inline'", url
        assert policy["script-src"] == "'self'" and policy["frame-ancestors"] == "'none'", url
    assert "unsafe-inline" not in client.get("/accounts/login/")["Content-Security-Policy"]

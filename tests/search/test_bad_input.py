"""Bad input never breaks the page, and is always shown escaped."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def page(client, archive_index):
    def get(status=200, **params):
        response = client.get(reverse("search"), params)
        assert response.status_code == status
        return response.content.decode()

    return get


@pytest.fixture
def api(client, archive_index):
    def get(status=200, **params):
        response = client.get(reverse("search_api"), params)
        assert response.status_code == status, response.content
        return response.json()

    return get


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        ('"unbalanced quote', "not closed"),
        ("OR", "OR needs a search term"),
        ("Putin OR", "OR needs a search term"),
        ("-", "needs a search term"),
        ("*", "wildcard needs at least 2 letters"),
        ("a*", "wildcard needs at least 2 letters"),
    ],
)
def test_odd_queries_get_a_notice_and_no_error(api, page, q, notice):
    data = api(q=q)
    assert any(notice in n for n in data["notices"])
    assert notice in page(q=q).replace("&quot;", '"')


def test_control_characters_are_ignored(api):
    assert api(q="Nikitin\x00\x07")["count"] == api(q="Nikitin")["count"] > 0
    assert api(q="\x00\x1b[31m")["count"] == 0


def test_a_ten_thousand_character_query_is_refused_clearly(api, page):
    data = api(status=400, q="word " * 2000)
    assert "limit is 500" in data["error"]
    assert "limit is 500" in page(status=400, q="word " * 2000)


def test_the_length_limit_counts_the_characters_as_typed(api, page):
    """499 characters are accepted however they are encoded (й typed as и + combining breve is
    one character, not two), and a refusal gives the length the researcher typed."""
    decomposed = "\u0438\u0306" * 499
    assert len(decomposed) == 998
    assert "error" not in api(q=decomposed)
    assert "error" not in api(q="“Nikitin” — " * 41 + "Nikitin")  # 499 characters
    assert (
        "Your search is 501 characters long; the limit is 500."
        in api(status=400, q="x" * 501)["error"]
    )
    assert "Your search is 501 characters long" in page(status=400, q="\u0438\u0306" * 501)


def test_markup_in_the_query_is_escaped_everywhere(page, api):
    html = page(q=HOSTILE)
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html
    data = api(q=HOSTILE)
    assert data["query"] == HOSTILE  # JSON carries it as data; the page escapes it


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "poem"}, "no result type"),
        ({"q": "type:poem"}, "no result type"),
        ({"person": "Nobody Atall"}, "no person"),
        ({"outlet": "pravda"}, "no outlet"),
        ({"year": "last"}, "not a year"),
        ({"page": "two"}, "whole number"),
        ({"page": "0"}, "1 or more"),
        ({"page": "99999"}, "or less"),
        ({"q": "Russia", "page": "400"}, "past the end"),
        ({"sort": "alphabet"}, "relevance or date"),
    ],
)
def test_invalid_parameters_are_a_400_with_a_message(api, page, params, message):
    data = api(status=400, **params)
    assert message in data["error"]
    assert message in page(status=400, **params)


def test_hostile_content_in_the_archive_is_escaped_in_snippets(client, archive_index):
    from django.db import transaction

    from articles.models import Paragraph

    paragraph = Paragraph.objects.filter(kind="body").first()
    paragraph.text = paragraph.text + " <img src=x onerror=alert(1)> Zebrafinch & <b"
    with transaction.atomic():
        Paragraph.objects.filter(pk=paragraph.pk).update(text=paragraph.text)
    from archive.search.signals import write_changes

    write_changes({("articles.article", paragraph.article_id)}, set())
    data = client.get(reverse("search_api"), {"q": "Zebrafinch"}).json()
    snippet = data["results"][0]["snippet"]
    assert "<img" not in snippet and "&lt;img src=x onerror=alert(1)&gt;" in snippet
    assert "<mark>Zebrafinch</mark> &amp; &lt;b" in snippet
    html = client.get(reverse("search"), {"q": "Zebrafinch"}).content.decode()
    assert "<img src=x" not in html


def test_an_ampersand_is_indexed_as_text_not_as_an_entity(archive_index):
    # Index templates render with autoescape off: "&amp;" must not become the word "amp".
    from haystack import connections

    from archive.search.signals import write_changes
    from articles.models import Paragraph

    paragraph = Paragraph.objects.filter(kind="body").first()
    Paragraph.objects.filter(pk=paragraph.pk).update(text=paragraph.text + " Tom & Jerry")
    write_changes({("articles.article", paragraph.article_id)}, set())
    engine = connections["default"].get_backend()
    assert engine.doc_frequency("jerry") == 1
    assert engine.doc_frequency("amp") == 0


def test_empty_query_shows_the_help_not_an_error(page, api):
    assert "How to search" in page(q="")
    assert api(q="")["count"] == 0

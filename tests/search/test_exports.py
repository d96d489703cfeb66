"""Search results as CSV and JSON: every result, streamed, escaped, refused clearly when bad."""

import csv
import io
import json

import pytest
from django.urls import reverse

from archive import exports

pytestmark = pytest.mark.django_db


def streamed(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    if response["Content-Type"].startswith("text/csv"):
        assert text.startswith("\ufeff")  # the BOM that makes spreadsheets read UTF-8
        text = text[1:]
    return text


@pytest.fixture
def get(client, archive_index):
    def fetch(name, status=200, **params):
        response = client.get(reverse(name), params)
        assert response.status_code == status, response
        return response

    return fetch


def test_csv_export_has_every_result_not_one_page(get, monkeypatch):
    monkeypatch.setattr(exports, "SEARCH_PAGE_SIZE", 5)  # force several engine pages
    api_count = json.loads(streamed(get("search_export_json", q="Russia")))["count"]
    assert api_count > 20
    response = get("search_export_csv", q="Russia")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="search-russia.csv"'
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
    assert len(rows) == api_count
    assert [int(r["rank"]) for r in rows] == list(range(1, api_count + 1))
    assert list(rows[0]) == exports.SEARCH_COLUMNS


def test_csv_rows_carry_what_a_researcher_needs(get):
    rows = list(csv.DictReader(io.StringIO(streamed(get("search_export_csv", q="Nikitin")))))
    person = next(r for r in rows if r["type"] == "person")
    assert person["title"] == "Pyotr Nikitin"
    assert person["url"] == "http://testserver/people/pyotr-nikitin/"
    quote = next(r for r in rows if r["type"] == "quote")
    assert quote["speaker"] and quote["source_name"].endswith(".txt")
    assert quote["url"].startswith("http://testserver/articles/")
    article = next(r for r in rows if r["type"] == "article")
    assert "<mark>" not in article["snippet"] and article["snippet"]
    assert article["date_precision"] in ("day", "month", "year", "unknown")
    dated = [r for r in rows if r["date_precision"] == "year"]
    assert all(r["date"] == "2022" for r in dated)  # not an invented 1 January


def test_json_export(get):
    response = get("search_export_json", q="Nikitin", type="quote")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="search-nikitin.json"'
    data = json.loads(streamed(response))
    assert data["query"] == "Nikitin"
    assert data["filters"] == {"type": ["quote"]}
    assert data["count"] == data["exported"] == len(data["results"]) > 0
    assert {r["type"] for r in data["results"]} == {"quote"}


def test_empty_search_exports_only_the_header(get):
    text = streamed(get("search_export_csv", q=""))
    assert text.strip() == ",".join(exports.SEARCH_COLUMNS)
    assert json.loads(streamed(get("search_export_json", q="")))["results"] == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "poem"}, "no result type"),
        ({"person": "Nobody Atall"}, "no person"),
        ({"year": "last"}, "not a year"),
        ({"sort": "alphabet"}, "relevance or date"),
        ({"page": "two"}, "whole number"),
        ({"q": "word " * 2000}, "limit is 500"),
    ],
)
def test_bad_parameters_are_refused_with_400(get, params, message):
    data = get("search_export_json", status=400, **params).json()
    assert message in data["error"]
    response = get("search_export_csv", status=400, **params)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


def test_hostile_query_is_data_not_markup(get):
    hostile = '=cmd|"/c calc"!A1 <script>'
    data = json.loads(streamed(get("search_export_json", q=hostile)))
    assert data["query"] == hostile
    response = get("search_export_csv", q=hostile)
    assert response["Content-Disposition"] == 'attachment; filename="search-cmdc-calca1-script.csv"'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (3, "3"),
    ],
)
def test_formula_cells_are_defused(value, cell):
    assert exports.safe_cell(value) == cell


def test_csv_writer_quotes_and_defuses(client):
    rows = [{"a": '=HYPERLINK("x")', "b": 'say "hi",\nthen go'}]
    text = streamed(exports.csv_response(iter(rows), ["a", "b"], "t.csv"))
    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "b"],
        ['\'=HYPERLINK("x")', 'say "hi",\nthen go'],
    ]

"""Keyword in context: each occurrence of a search on its own line, sortable, exportable."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from archive import exports
from archive.forms import SearchForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def kwic(client, archive_index):
    def fetch(status=200, **params):
        response = client.get(reverse("search_kwic"), params)
        assert response.status_code == status
        return response.content.decode()

    return fetch


def rows_of(html):
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(
        r'<td class="left">(.*?)</td>\s*<td class="match"><a href="([^"]+)">'
        r"<mark>(.*?)</mark></a></td>\s*<td class=\"right\">(.*?)</td>",
        body,
        re.S,
    )


def test_every_occurrence_on_its_own_line(kwic):
    html = kwic(q="Nikitin")
    rows = rows_of(html)
    assert len(rows) > 10
    matches = {match for _, _, match, _ in rows}
    assert "Nikitin" in matches and "Pyotr Nikitin" in matches  # the name as one match
    assert all(re.match(r"/articles/[a-z0-9-]+/\?hl=Nikitin#p\d+$", url) for _, url, _, _ in rows)
    assert f"{len(rows)} occurrences in" in html


def test_an_alias_finds_the_other_spelling(kwic):
    rows = rows_of(kwic(q='"Peter Nikitin"'))
    assert {"Peter Nikitin", "Pyotr Nikitin"} <= {match for _, _, match, _ in rows}


def test_lines_sort_by_right_and_left_context(client, archive_index):
    form = SearchForm({"q": "Nikitin"})
    assert form.is_valid()
    page, highlighter = exports.kwic_search(form.cleaned_data)
    right = exports.kwic_lines(page, highlighter, order="right")
    assert [line.right_key for line in right] == sorted(line.right_key for line in right)
    left = exports.kwic_lines(page, highlighter, order="left")
    assert [line.left_key for line in left] == sorted(line.left_key for line in left)
    by_article = exports.kwic_lines(page, highlighter, order="article")
    titles = [line.article.title for line in by_article]
    assert titles.index(by_article[-1].article.title) > 0
    dated_first = [line.article.published is None for line in by_article]
    assert dated_first == sorted(dated_first)  # undated articles last
    assert len(right) == len(left) == len(by_article)


def test_order_links_and_the_chosen_order(kwic):
    html = kwic(q="Nikitin", order="right")
    assert '<strong aria-current="true">right context</strong>' in html
    assert 'href="?q=Nikitin&amp;order=left"' in html


def test_contexts_are_clipped_at_words(kwic):
    for left, _, _, right in rows_of(kwic(q="Serbia")):
        assert len(left) <= exports.KWIC_CONTEXT + 1 and len(right) <= exports.KWIC_CONTEXT + 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "Nikitin", "order": "random"}, "Order the lines"),
        ({"q": "Nikitin", "person": "Nobody Atall"}, "no person"),
        ({"q": "Nikitin", "type": "poem"}, "no result type"),
        ({"q": "Nikitin", "page": "x"}, "whole number"),
    ],
)
def test_bad_parameters_are_400(kwic, params, message):
    assert message in kwic(status=400, **params)


def test_hostile_query_is_escaped(kwic):
    html = kwic(q='<script>alert("x")</script>')
    assert '<script>alert("x")</script>' not in html


def test_no_query_shows_the_form(kwic):
    html = kwic()
    assert 'id="kwic-q"' in html and "<tbody>" not in html


def test_kwic_downloads(client, archive_index):
    response = client.get(reverse("search_kwic_csv"), {"q": "Nikitin", "order": "left"})
    assert response["Content-Disposition"] == 'attachment; filename="kwic-nikitin.csv"'
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")  # spreadsheets read the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert rows and set(rows[0]) == set(exports.KWIC_COLUMNS)
    assert all(r["url"].startswith("http://testserver/articles/") for r in rows)
    response = client.get(reverse("search_kwic_json"), {"q": "Nikitin"})
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == len(data["lines"]) == len(rows)
    bad = client.get(reverse("search_kwic_json"), {"q": "Nikitin", "order": "random"})
    assert bad.status_code == 400 and "Order the lines" in bad.json()["error"]


def test_the_work_grows_linearly_with_one_long_paragraph(monkeypatch):
    """One paragraph full of matches (the 81 KB capture of issue 15): the text is tokenized a
    fixed number of times, however many matches there are. It was once per match (quadratic)."""
    from types import SimpleNamespace

    from archive.search import snippets
    from archive.search.snippets import Highlighter
    from tests.factories import ArticleFactory

    tokenized = []

    def counting(words):
        def wrapper(text):
            tokenized.append(len(text))
            return words(text)

        return wrapper

    monkeypatch.setattr(exports, "words", counting(exports.words))
    monkeypatch.setattr(snippets, "words", counting(snippets.words))
    highlighter = Highlighter()
    highlighter.add_word("the")

    def lines_for(repeats):
        text = "the quick brown fox jumps over the lazy dog. " * repeats
        article = ArticleFactory(raw_text=f"Headline\n{text}\n")
        tokenized.clear()
        lines = exports.kwic_lines(
            SimpleNamespace(hits=[SimpleNamespace(obj=article)], searched_text="the"),
            highlighter,
            order="right",
        )
        return lines, sum(tokenized), len(text)

    small, small_work, small_size = lines_for(200)
    large, large_work, large_size = lines_for(800)

    assert len(small) == 400 and len(large) == 1600  # every "the", each a line
    assert large[0].match == "the" and large[0].right_key[:2] == ("lazy", "dog")
    assert all(len(line.left) <= exports.KWIC_CONTEXT + 1 for line in large)
    assert small_work <= 3 * small_size
    assert large_work / small_work <= 4.5  # 4x the text, 4x the work (quadratic: 16x)

"""The search page as a researcher reads it: results first, what was searched, the filters
chosen (by name, each removable), export links that keep the search."""

import html
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from archive.search.core import SearchPage
from archive.search.query import parse
from archive.search.results import Hit
from tests.helpers import HOSTILE, html_of

pytestmark = pytest.mark.django_db


def text(fragment):
    """What a reader sees of an HTML fragment: tags dropped, entities decoded, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def block(page, pattern):
    found = re.search(pattern, page, re.S)
    assert found, f"{pattern!r} is not on the page"
    return text(found.group(1))


def heading(page):
    return block(page, r'<h2 id="results-h"[^>]*>(.*?)</h2>')


def banner(page):
    return block(page, r'<p class="suggestion">(.*?)</p>')


def render_page(results, q):
    request = RequestFactory().get("/search/", {"q": q})
    context = {
        "results": results,
        "q": q,
        "error": "",
        "chosen_filters": [],
        "facets": [],
        "base_query": f"q={q}",
        "unsorted_query": f"q={q}",
        "clear_filters_query": "",
    }
    return render_to_string("search/search.html", context, request=request)


def a_page(typed, count, suggestion=None, corrected=False):
    hit = Hit(
        type="person",
        obj=None,
        title="Georgy",
        url="/people/georgy-chemical-engineer/",
        snippet="a chemical engineer",
        score=1.0,
    )
    return SearchPage(
        query=parse(typed),
        hits=[hit] * count,
        count=count,
        page=1,
        pages=1,
        facets={},
        facet_labels={},
        suggestion=suggestion,
        corrected=corrected,
    )


def test_a_corrected_search_says_what_was_searched_and_never_no_results():
    page = render_page(
        a_page("Nikitn interpreter", 2, "Nikitin interpreter", corrected=True),
        q="Nikitn interpreter",
    )
    assert "No results" not in text(page)
    assert banner(page) == (
        "Showing results for “Nikitin interpreter”, a correction of "
        "your search “Nikitn interpreter”."
    )
    assert heading(page) == "2 results for “Nikitin interpreter”"


def test_a_suggestion_beside_results_of_the_search_as_typed():
    page = render_page(a_page("Nikitn", 1, "Nikitin"), q="Nikitn")
    assert banner(page) == "Did you mean Nikitin?"
    assert heading(page) == "1 result for “Nikitn”"
    assert "No results" not in text(page)


def test_no_results_is_said_only_when_there_are_none():
    page = render_page(a_page("zzzqqq", 0), q="zzzqqq")
    assert heading(page) == "0 results for “zzzqqq”"
    assert "No results. Try fewer words" in text(page)


def test_the_real_correction_banner_agrees_with_the_count(client, archive_index):
    """Whatever the engine corrects (its rules are the search's own), the page says the
    results are for the text it searched, and never 'No results' above results."""
    for q in ("Europe does not want us", "europe doesnt want us", "Nikitn"):
        page = html_of(client, "/search/", q=q)
        count = int(heading(page).split()[0])
        assert count > 0, q
        assert "No results" not in text(page), q
        if "a correction of your search" in page:
            searched = re.search(r"Showing results for “(.*?)”", text(page)).group(1)
            assert heading(page).endswith(f"for “{searched}”"), q
        else:
            assert heading(page).endswith(f"for “{q}”"), q


def test_results_come_first_with_a_heading_and_a_skip_link(client, archive_index):
    page = html_of(client, "/search/", q="Nikitin")
    assert (
        page.count('role="search"') == 1 and 'role="search" aria-label="Search the archive"' in page
    )
    assert page.index('href="#results">Skip to results</a>') < page.index('href="#main"')
    assert page.index('id="results"') < page.index('class="facets"')
    assert re.search(
        r'<section class="facets" aria-labelledby="facets-h">\s*'
        r'<details class="filters-disclosure">\s*<summary>Filter</summary>',
        page,
    )


def test_chosen_filters_show_by_name_and_each_can_be_removed(client, archive_index):
    page = html_of(client, "/search/", q="Nikitin", person="Peter Nikitin", type="quote")
    chosen = block(page, r'<ul class="chosen-filters"[^>]*>(.*?)</ul>')
    assert "Person: Pyotr Nikitin remove" in chosen and "Type: Quote remove" in chosen
    removes = dict(re.findall(r'<a href="\?([^"]*)" aria-label="Remove the filter (\w+)', page))
    assert removes["q=Nikitin&amp;type=quote"] == "person"
    assert removes["q=Nikitin&amp;person=Peter+Nikitin"] == "type"
    # In the facets the chosen value is marked as chosen, with its own remove link.
    assert re.search(
        r'<li class="selected"><strong aria-current="true">Pyotr Nikitin</strong>', page
    )


def test_export_and_context_links_carry_query_filters_and_sort(client, archive_index):
    page = html_of(client, "/search/", q="Nikitin", type="article", sort="date", page="1")
    kept = "q=Nikitin&amp;type=article&amp;sort=date"
    for path in ("/search/export.csv", "/search/export.json", "/search/kwic/"):
        assert f'href="{path}?{kept}"' in page


def test_a_filter_value_is_escaped_on_the_page(client, archive_index):
    page = html_of(client, "/search/", status=400, q="x", person=HOSTILE)
    assert HOSTILE not in page
    assert "Person: &lt;script&gt;" in page

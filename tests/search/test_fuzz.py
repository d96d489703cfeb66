"""Hostile and random input over the search page and every API endpoint: never a 500,
and everything reflected into HTML escaped. Hypothesis generates the inputs."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

SYNTAX = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "-",
    "*",
    " OR ",
    "type:",
    "person:",
    "year:",
    ":",
    "\\",
    "(",
    ")",
    "<script>",
    "</p>",
    "&amp;",
    "\x00",
    "\x1b",
    "\u202e",
    "Вучић",
    "đ",
    "ﬁ",
    "%00",
    "{{",
    "{%",
    "'",
    "\n",
    "\t",
]
query_text = st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=12)), max_size=12).map(
    "".join
)
param_value = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "article",
            "quote",
            "person",
            "0",
            "-1",
            "99999",
            "1e9",
            "date",
            "relevance",
            "meduza",
            "unknown",
            "2022",
        ]
    ),
)

ESCAPED_ONLY = re.compile(
    r"<(?!/?(?:mark|a|p|span|strong|code|li|ol|ul|dl|dt|dd|h[1-6]|nav|"
    r"section|aside|form|input|label|button|main|header|footer|details|"
    r"summary|br|div|article|blockquote|html|head|meta|title|link|body|"
    r"script|textarea|pre|svg|g|line|circle|text|title|em|small|table|"
    r"thead|tbody|tr|th|td|abbr|time|figure|figcaption|select|option|"
    r"path|rect|!DOCTYPE|!--)[\s>/])"
)


@FUZZ
@given(q=query_text, type_=param_value, page=param_value, sort=param_value)
def test_search_page_never_fails_and_escapes_the_query(client, archive_index, q, type_, page, sort):
    response = client.get("/search/", {"q": q, "type": type_, "page": page, "sort": sort})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "<script>" not in html.split("</header>", 1)[-1]
    assert not ESCAPED_ONLY.search(html), ESCAPED_ONLY.search(html)


@FUZZ
@given(
    q=query_text,
    params=st.dictionaries(
        st.sampled_from(
            ["type", "page", "sort", "outlet", "person", "place", "organization", "year"]
        ),
        param_value,
        max_size=4,
    ),
)
def test_search_api_answers_200_or_400_with_json(client, archive_index, q, params):
    response = client.get("/api/search", {"q": q, **params})
    assert response.status_code in (200, 400)
    data = response.json()
    assert ("error" in data) == (response.status_code == 400)


@FUZZ
@given(
    path=st.sampled_from(
        ["/api/articles/", "/api/quotes/", "/api/people/", "/api/organizations/", "/api/places/"]
    ),
    slug=st.text(max_size=30),
    page=param_value,
)
def test_every_api_endpoint_survives_odd_slugs_and_pages(client, archive, path, slug, page):
    assert client.get(path, {"page": page, "speaker": slug, "article": slug}).status_code in (
        200,
        404,
    )
    if path != "/api/quotes/":
        assert client.get(f"{path}{slug}/").status_code in (200, 404, 301)


@FUZZ
@given(slug=st.text(max_size=40))
def test_reading_pages_give_404_not_500_for_unknown_addresses(client, archive, slug):
    for prefix in ("/articles/", "/people/", "/organizations/", "/places/"):
        assert client.get(prefix + slug + "/").status_code in (200, 301, 404)

"""What a researcher finds, through the JSON API and the search page, on the real archive."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, archive_index):
    def get(q="", status=200, **params):
        response = client.get(reverse("search_api"), {"q": q, **params})
        assert response.status_code == status, response.content
        return response.json()

    return get


def titles(data, type_=None):
    return [r["title"] for r in data["results"] if type_ in (None, r["type"])]


def path(hit):
    return hit["url"].split("?")[0]


def result(data, type_, contains):
    return next(r for r in data["results"] if r["type"] == type_ and contains in r["title"])


def test_a_remembered_quote_with_typographic_quotes_finds_the_quote_and_speaker(api):
    data = api("“I understand why Europe doesn’t want us”")
    quote = data["results"][0]
    assert quote["type"] == "quote"
    assert quote["speaker"]["name"] == "Georgy"
    assert quote["speaker"]["url"] == "/people/georgy-chemical-engineer/"
    assert quote["source_name"] == "003_a860b2e0e1e2e12c.txt"
    assert "<mark>I understand why Europe doesn’t want us</mark>" in quote["snippet"]


def test_the_same_quote_typed_with_straight_quotes_and_apostrophe(api):
    data = api('"I understand why Europe doesn\'t want us"')
    assert data["results"][0]["speaker"]["name"] == "Georgy"


def test_an_exact_phrase_needs_the_words_side_by_side(api):
    # "want us" occurs; "us want" does not: a phrase is not a bag of words.
    assert api('"us want"')["count"] == 0
    assert api("us want")["count"] > 0
    # Stop words count inside a phrase: "the war" is not "a war".
    assert api('"killed many of my dreams"')["count"] == 2
    near_miss = api('"killed many my dreams"')
    assert near_miss["match"] == "closest"  # not an exact match: only the closest ones
    assert api('"killed many of my dreams"')["match"] == "exact"


def test_an_article_hit_points_at_the_paragraph(api):
    data = api('"Orthodox brothers"', type="article")
    hit = data["results"][0]
    assert hit["source_name"] == "000_fade1e8c6cfa1d77.txt"
    assert hit["url"].endswith(f"#p{hit['paragraph']}")
    assert "<mark>Orthodox brothers</mark>" in hit["snippet"]


@pytest.mark.parametrize("typed", ["Vucic", "Vučić", "VUCIC", "Вучић"])
def test_diacritics_and_script_do_not_matter(api, typed):
    data = api(typed)
    assert "Aleksandar Vučić" in titles(data, "person")
    assert len(titles(data, "article")) == 4


def test_a_query_with_diacritics_finds_text_without_them(api):
    # RFE/RL prints "Vucic" and "Mihailovic" without diacritics.
    data = api("Mihailović", type="article")
    assert [r["source_name"] for r in data["results"]] == ["003_a860b2e0e1e2e12c.txt"]
    assert "<mark>Mihailovic</mark>" in data["results"][0]["snippet"]


def test_serbian_dj_and_d_with_stroke_are_one_letter(api):
    for typed in ("Djokic", "Đokić", "Ђокић"):
        assert "Aleksandar Djokic" in titles(api(typed), "person")
    assert any("Karađorđević" in r["snippet"] for r in api("Karadjordjevic")["results"])


def test_a_cyrillic_name_finds_latin_text_and_says_so(api):
    data = api("Путин")
    quotes = [r for r in data["results"] if r["type"] == "quote"]
    assert quotes and all(r["matched_via"] for r in quotes)
    assert any(r["matched_via"] == "transliteration: “Putin” for your Cyrillic" for r in quotes)
    assert sum("<mark>Putin</mark>" in r["snippet"] for r in quotes) >= 5


def test_a_latin_word_finds_cyrillic_text(api):
    data = api("zajedno")
    hit = data["results"][0]
    assert hit["type"] == "article"
    assert "<mark>заједно</mark>" in hit["snippet"]
    assert "Cyrillic" in hit["matched_via"]


def test_an_alias_finds_texts_that_use_another_spelling_and_names_it(api):
    data = api("Peter Nikitin")
    person = result(data, "person", "Pyotr Nikitin")
    assert person["matched_via"] == "alias “Peter Nikitin” of Pyotr Nikitin"
    meduza = next(
        r
        for r in data["results"]
        if r["type"] == "article" and r["source_name"] == "000_fade1e8c6cfa1d77.txt"
    )
    assert "Pyotr Nikitin" in meduza["matched_via"]
    assert "<mark>Pyotr Nikitin</mark>" in meduza["snippet"]


def test_a_misspelled_name_is_corrected_and_suggested(api):
    data = api("Nikitn")
    assert data["suggestion"] == "Nikitin"
    assert data["corrected"] is True
    assert "Pyotr Nikitin" in titles(data, "person")
    data = api("Vuksanovich")
    assert data["suggestion"] == "Vuksanovic"
    assert "Vuk Vuksanović" in titles(data, "person")


def test_no_suggestion_when_the_words_exist(api):
    assert api("Nikitin")["suggestion"] is None


def test_stemming_finds_other_inflections_but_names_stay_exact(api):
    fled = {path(r) for r in api("flee", type="article")["results"]}
    fleeing = {path(r) for r in api("fleeing", type="article")["results"]}
    assert fled and fled == fleeing
    assert "Ivan Bunin" in titles(api("Bunin"), "person")


def test_prefix_search(api):
    assert "Vuk Vuksanović" in titles(api("Vuksan*"), "person")


def test_or_and_exclusion(api):
    yandex = api("Yandex")["count"]
    wargaming = api("Wargaming")["count"]
    both = api("Yandex OR Wargaming")["count"]
    assert both >= max(yandex, wargaming)
    without = api("Yandex -Wargaming")["count"]
    assert without < yandex


def test_facets_are_exact_values_with_counts(api):
    data = api("Russians")
    facets = data["facets"]
    assert set(facets) == {"type", "outlet", "year", "people", "places", "organizations"}
    assert facets["outlet"]["meduza"] >= 1
    assert "rfe-rl" in facets["outlet"]  # not stemmed or split into "rfe" and "rl"
    assert facets["year"]["2025"] >= 1
    assert data["facet_labels"]["outlet"]["rfe-rl"] == "RFE/RL"
    assert sum(facets["type"].values()) == data["count"]


def test_filters_by_type_person_outlet_and_year(api):
    data = api("Nikitin", type="quote")
    assert data["count"] > 0 and {r["type"] for r in data["results"]} == {"quote"}
    assert all(
        r["speaker"] and r["speaker"]["name"] == "Pyotr Nikitin"
        for r in api("", person="Peter Nikitin", type="quote")["results"]
    )
    assert {
        r["source_name"]
        for r in api("Russians", outlet="meduza")["results"]
        if r["type"] == "article"
    } == {"000_fade1e8c6cfa1d77.txt"}
    assert {r["source_name"] for r in api("type:article year:2025")["results"]} == {
        "004_d3f67001b96928d7.txt"
    }


def test_a_phrase_ranks_above_scattered_words(api):
    data = api("Serbia welcoming home")
    first = data["results"][0]
    assert "<mark>" in first["snippet"]
    exact = api('"welcoming home"')["results"][0]
    assert path(exact) in [path(r) for r in data["results"][:3]]


def test_sort_by_date_puts_dated_articles_first(api):
    data = api("Russians", type="article", sort="date")
    assert data["results"][0]["source_name"] == "004_d3f67001b96928d7.txt"


def test_pagination(api):
    first = api("Russia", page=1)
    assert first["pages"] > 1
    second = api("Russia", page=2)
    assert {r["url"] for r in first["results"]}.isdisjoint({r["url"] for r in second["results"]})
    assert second["page"] == 2


def test_the_page_renders_hits_facets_and_help(client, archive_index):
    response = client.get(reverse("search"), {"q": "Peter Nikitin"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pyotr Nikitin" in html
    assert "matched via" in html
    assert 'href="?q=Peter+Nikitin&amp;person=pyotr-nikitin"' in html
    assert "How to search" in html


def test_the_page_shows_did_you_mean(client, archive_index):
    html = client.get(reverse("search"), {"q": "Nikitn"}).content.decode()
    assert "Showing results for" in html and "Nikitin" in html

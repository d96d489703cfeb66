"""The search core on the real archive, whatever engine the settings select: strict matching
first, corrections that tell the truth, closest matches for a misremembered quote, bounded work."""

import pytest
from django.db import transaction
from django.urls import reverse
from haystack import connections

from archive.search import nodes
from archive.search.compiler import MAX_GROUPS, bound, compile_query
from archive.search.core import search
from archive.search.query import QueryError, parse
from articles.models import Quote
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, archive_index):
    def get(q, status=200, **params):
        response = client.get(reverse("search_api"), {"q": q, **params})
        assert response.status_code == status, response.content
        return response.json()

    return get


@pytest.fixture
def engine_calls(monkeypatch, archive_index):
    """Every request the core sends to the engine, in order."""
    engine = connections["default"].get_backend()
    calls = []
    original = type(engine).run

    def counting_run(self, request):
        calls.append(request)
        return original(self, request)

    monkeypatch.setattr(type(engine), "run", counting_run)
    return calls


def first_quote(data):
    hit = data["results"][0]
    assert hit["type"] == "quote", data["results"][:3]
    return hit


# -- quotes remembered imperfectly ------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        '"nobody loves the Russians the way the Serbs do"',  # an exact phrase, slightly wrong
        '"nobody loves Russians like Serbs"',
    ],
)
def test_a_misremembered_exact_phrase_gives_the_quote_first_among_closest_matches(api, typed):
    data = api(typed)
    quote = first_quote(data)
    assert quote["speaker"]["name"] == "Dmitry"
    assert "nobody loves Russians the way Serbs do" in quote["title"]
    assert data["match"] == "closest"
    assert any("closest matches" in notice for notice in data["notices"])


@pytest.mark.parametrize(
    "typed",
    [
        "nobody loves the Russians like the Serbs",  # words changed and added, no quotation marks
        "nobody loves Russians like Serbs do",
        "Serbs love Russians like nobody",  # reordered
    ],
)
def test_a_misremembered_quote_typed_as_words_is_offered_above_the_results(api, client, typed):
    data = api(typed)
    assert data["match"] == "exact"  # an article holds every word: strict results stay
    quote = data["closest_quotes"][0]
    assert quote["speaker"]["name"] == "Dmitry"
    assert "nobody loves Russians the way Serbs do" in quote["title"]
    page = client.get(reverse("search"), {"q": typed}).content.decode()
    assert page.index("Closest quote") < page.index('class="hits"')
    assert "nobody loves Russians the way Serbs do" in page


def test_strict_matching_wins_whenever_it_finds_something(api):
    data = api('"nobody loves Russians the way Serbs do"')
    assert data["match"] == "exact"
    assert data["count"] == 2  # the quote and its article
    assert not any("closest" in notice for notice in data["notices"])


def test_closest_matches_keep_exclusions(api):
    data = api("nobody loves the Russians like the Serbs -Dmitry")
    assert all(
        r.get("speaker", {}) is None or r["speaker"]["name"] != "Dmitry"
        for r in data["results"]
        if r["type"] == "quote"
    )


# -- contractions and corrections ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Europe does not want us",
        "europe doesnt want us",
        '"Europe does not want us"',
        "Europe doesn't want us",
    ],
)
def test_a_contraction_matches_its_expansion_without_a_correction(api, typed):
    data = api(typed)
    assert first_quote(data)["speaker"]["name"] == "Georgy"
    assert data["match"] == "exact"
    assert data["corrected"] is False
    assert data["suggestion"] is None  # never "doesn": it is not a word


def test_a_typo_is_corrected_only_when_the_query_finds_nothing(api):
    data = api("Nikitn")
    assert data["corrected"] is True and data["match"] == "corrected"
    assert data["suggestion"] == "Nikitin"
    assert data["count"] > 0
    assert data["query"] == "Nikitn"  # what was typed, reported as typed


def test_a_correction_never_claims_no_results_for_a_query_that_has_some(client, archive_index):
    page = client.get(reverse("search"), {"q": "Vucic"}).content.decode()
    assert "No results" not in page
    assert search("Vucic").corrected is False


def test_an_unknown_word_skips_the_search_that_cannot_find_anything(engine_calls):
    page = search("Nikitn")
    assert page.corrected and page.count
    assert len(engine_calls) == 1  # only the corrected search ran, facets once


# -- precision --------------------------------------------------------------------------


def test_quotes_match_their_own_words_not_their_articles_title(archive_index):
    page = search("Belgrade type:quote", page_size=100)
    assert page.count > 0
    for hit in page.hits:
        who = (
            " ".join(hit.obj.speaker.all_names()) if hit.obj.speaker else hit.obj.speaker_note
        )  # "the word written on a mural … in Belgrade"
        assert "belgrad" in (hit.obj.text + " " + who).lower(), hit.title


# -- bounded work -------------------------------------------------------------------------


def test_repeated_words_are_searched_once(api, engine_calls):
    single = api("Belgrade")
    repeated = api(" ".join(["Belgrade"] * 55))  # 494 characters
    assert repeated["count"] == single["count"]
    assert any("searched once" in notice for notice in repeated["notices"])
    assert nodes.size(engine_calls[-1].node) == nodes.size(engine_calls[0].node)


def test_too_many_distinct_words_are_refused_with_a_message(api):
    words = " ".join(f"word{n}" for n in range(MAX_GROUPS + 1))
    data = api(words, status=400)
    assert f"the limit is {MAX_GROUPS}" in data["error"]
    assert "quotation marks" in data["error"]


def test_compiled_queries_stay_small_for_long_inputs():
    query = bound(parse(" OR ".join(["a"] * 100)))
    assert nodes.size(compile_query(query, [])) <= 2
    with pytest.raises(QueryError):
        bound(parse(" ".join(f"w{n}*" for n in range(5))))


def test_a_search_past_its_budget_answers_with_what_it_found(api, settings, monkeypatch):
    from archive.search import core

    monkeypatch.setattr(core, "SearchRequest", _zero_budget(core.SearchRequest))
    data = api("the")
    assert data["complete"] is False
    assert data["results"]  # the best found so far
    assert any("stopped before the end" in notice for notice in data["notices"])


def _zero_budget(request_class):
    def make(**kwargs):
        return request_class(**{**kwargs, "budget": 1e-6})

    return make


# -- index writes ---------------------------------------------------------------------------


def test_a_transaction_of_many_saves_writes_the_index_once(
    archive_index, monkeypatch, django_capture_on_commit_callbacks
):
    engine = connections["default"].get_backend()
    writes = []
    original = type(engine).update

    def counting_update(self, index, iterable, commit=True):
        writes.append(index.get_model()._meta.label_lower)
        return original(self, index, iterable, commit)

    monkeypatch.setattr(type(engine), "update", counting_update)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        person = Person.objects.get(slug="pyotr-nikitin")
        for n in range(10):
            person.aliases.create(name=f"Batchwriter {n}")
        Quote.objects.filter(speaker=person).update(confidence=1.0)
    assert len(callbacks) == 1
    # One write per kind of document (people, articles, quotes), not one per save.
    assert len(writes) == len(set(writes)) <= 3
    assert search("Batchwriter").count > 0


def test_a_pasted_passage_longer_than_a_phrase_is_searched_by_its_first_words(api, archive):
    from archive.search.compiler import MAX_PHRASE_WORDS
    from archive.text import WORD
    from articles.models import Paragraph

    paragraph = next(
        p
        for p in Paragraph.objects.filter(kind="body").order_by("pk")
        if len(WORD.findall(p.text)) > MAX_PHRASE_WORDS + 5
    )
    words = list(WORD.finditer(paragraph.text))
    passage = paragraph.text[: words[MAX_PHRASE_WORDS + 4].end()]
    assert len(passage) < 500
    data = api(f'"{passage}"')
    assert any(f"first {MAX_PHRASE_WORDS} words" in n for n in data["notices"])
    assert data["match"] == "exact"
    assert paragraph.article.get_absolute_url() in [r["url"].split("?")[0] for r in data["results"]]

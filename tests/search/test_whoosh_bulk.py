"""Bulk scoring on Whoosh: the same hits and scores as Whoosh's own matchers, faster."""

import time

import pytest
from haystack import connections

from archive.search.compiler import bound, compile_query
from archive.search.engines.whoosh import segments, translate
from archive.search.engines.whoosh_bulk import SegmentScorer
from archive.search.names import EntityNames, find_expansions
from archive.search.query import parse
from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.engine("whoosh")]

# What researchers type: words in every form, names with aliases, phrases (one with a
# word twice), a prefix, OR, a remembered quote, and a phrase that no text holds.
QUERIES = [
    "Belgrade",
    "Nikitin",
    "Peter Nikitin",
    "“sit on two chairs”",
    "“one of the organizers of the”",
    "Russian emigres Belgrade",
    "Belg*",
    "Serbia OR Belgrade",
    "nobody loves the Russians like the Serbs",
    "“chairs two on sit”",
    "type:quote",
]


def compiled_node(text):
    backend = connections["default"].get_backend()
    query = bound(parse(text))
    return compile_query(query, find_expansions(query, EntityNames.for_engine(backend)))


def compiled(text):
    return translate(compiled_node(text))


def bulk_scores(searcher, query, deadline=None):
    """{global docnum: score}, and the last document covered when the deadline stopped it."""
    found = {}
    for subsearcher, offset in segments(searcher):
        scorer = SegmentScorer(subsearcher, searcher.context(), deadline)
        for docnum, score in scorer.covered(scorer.scores(query)).items():
            found[offset + docnum] = score
        if scorer.bound is not None:
            return found, offset + scorer.bound
    return found, None


@pytest.fixture
def searcher(archive_index):
    """The archive's index in several segments, with deleted documents: two articles
    written again, as a curator's saves do."""
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Article)
    for article in Article.objects.order_by("pk")[:2]:
        backend.update(index, [article])
    searcher = backend.searcher()
    assert len(segments(searcher)) > 1 and searcher.reader().has_deletions()
    return searcher


@pytest.mark.parametrize("text", QUERIES)
def test_bulk_scoring_finds_what_whoosh_finds_with_the_same_scores(searcher, text):
    query = compiled(text)
    expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    found, _ = bulk_scores(searcher, query)

    assert found.keys() == expected.keys()
    for docnum, score in expected.items():
        assert found[docnum] == pytest.approx(score, rel=1e-9)
    if text not in ("“chairs two on sit”",):
        assert found  # every query but the reordered phrase finds something


def test_an_excluded_word_leaves_out_every_document_holding_it(searcher):
    # Whoosh's own AndNot matcher lets a few such documents through.
    query = compiled("Nikitin -Belgrade")
    included = {hit.docnum for hit in searcher.search(query.a, limit=None)}
    excluded = {hit.docnum for hit in searcher.search(query.b, limit=None)}
    found, _ = bulk_scores(searcher, query)

    assert found.keys() == included - excluded
    assert found


def test_past_the_deadline_the_answer_is_exact_up_to_where_it_stopped(searcher):
    query = compiled("the")
    everything, _ = bulk_scores(searcher, query)
    partial, stop = bulk_scores(searcher, query, deadline=time.monotonic() - 1)

    assert stop is not None
    assert partial == {d: s for d, s in everything.items() if d <= stop}
    assert 0 < len(partial) < len(everything)


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_rank_as_whoosh_ranks_by_score_or_by_date(searcher, sort):
    from whoosh import sorting

    from archive.search.engines.base import SearchRequest

    backend = connections["default"].get_backend()
    node = compiled_node("Russians in Serbia")
    query = translate(node)
    if sort == "date":
        order = sorting.MultiFacet([sorting.FieldFacet("date", reverse=True), sorting.ScoreFacet()])
        expected = searcher.search(query, limit=None, sortedby=order)
    else:
        expected = searcher.search(query, limit=None)
    expected = [searcher.stored_fields(hit.docnum)["id"] for hit in expected]
    shown = []
    for page in (1, 2, 3):
        result = backend.run(SearchRequest(node=node, page=page, page_size=5, sort=sort))
        shown += [f"{hit.model}.{hit.pk}" for hit in result.hits]

    assert len(expected) > 15  # the pages are cut from more matches
    assert shown == expected[:15]


def test_at_least_n_words_counts_words_not_their_variants(searcher):
    """Whoosh's Or ignores minmatch; a remembered quote needs most of its words."""
    from archive.search import nodes
    from archive.search.engines.whoosh import word_query

    words = ("nobody", "loves", "russians", "serbs")
    query = translate(nodes.Loose(words, 3))
    found, _ = bulk_scores(searcher, query)
    per_word = [{h.docnum for h in searcher.search(word_query(w), limit=None)} for w in words]

    expected = {d for d in set().union(*per_word) if sum(d in ids for ids in per_word) >= 3}
    assert found.keys() == expected
    assert 0 < len(found) < len(set().union(*per_word))


def test_a_search_of_filters_only_answers_on_an_empty_index(search_index):
    from archive.search import nodes
    from archive.search.engines.base import SearchRequest

    backend = connections["default"].get_backend()
    backend.clear()
    result = backend.run(SearchRequest(node=nodes.Everything(), required=(("type", "quote"),)))

    assert result.count == 0 and result.hits == [] and result.complete


def test_a_search_of_filters_only_stops_at_its_budget(searcher):
    from archive.search import nodes
    from archive.search.engines.base import SearchRequest

    backend = connections["default"].get_backend()
    request = SearchRequest(node=nodes.Everything(), required=(("type", "quote"),))
    everything = backend.run(request)
    stopped = backend.run(SearchRequest(**{**request.__dict__, "budget": -1.0}))

    assert everything.complete and everything.count > 0
    assert not stopped.complete and stopped.count <= everything.count

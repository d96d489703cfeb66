"""Running a search: text → parsed, bounded query → engine → ranked, faceted, snippeted page.

The order of trying, so strict matching always wins when it finds anything:
1. the query as typed (skipped when a word that must match is unknown to the index);
2. if that finds nothing, the query with unknown words corrected to the closest
   indexed words ("Showing results for …");
3. if that finds nothing either, the closest matches: most of the words, near
   each other ("closest matches"), for a quote remembered imperfectly.
"""

import math
from dataclasses import dataclass, field, replace

from haystack import connections

from archive.search import nodes
from archive.search.closeness import CANDIDATES, closest_first, ranked_by_closeness
from archive.search.compiler import (
    bound,
    compile_filters,
    compile_loose,
    compile_query,
    loose_node,
    loose_words,
)
from archive.search.engines.base import FACET_FIELDS, SORTS, SearchRequest
from archive.search.names import EntityNames, facet_labels, find_expansions, resolve_filter_value
from archive.search.query import ParsedQuery, QueryError, parse
from archive.search.results import make_highlighter, make_hits
from archive.search.snippets import Highlighter
from archive.search.spelling import Vocabulary, blocking_unknown, spelling_suggestion

PAGE_SIZE = 20
MAX_PAGE = 500
# A query of this many distinct words, without quotation marks, may be a remembered quote.
SENTENCE_WORDS = 4
# The share of its words a quote must hold close together to be offered.
QUOTE_SHARE = 0.6
CLOSEST_QUOTES = 3
FACET_PARAMS = {
    "type": ("type", "Type"),
    "outlet": ("outlet", "Outlet"),
    "year": ("year", "Year"),
    "people": ("person", "Person"),
    "places": ("place", "Place"),
    "organizations": ("organization", "Organization"),
}


@dataclass
class SearchPage:
    query: ParsedQuery
    hits: list
    count: int
    page: int
    pages: int
    facets: dict
    facet_labels: dict
    suggestion: str | None = None  # a spelling the index knows better
    corrected: bool = False  # the hits are for `suggestion`: the query as typed found nothing
    loose: bool = False  # closest matches: not every word was found together
    closest_quotes: list = field(default_factory=list)  # quotes nearest a sentence-like query
    complete: bool = True  # False: the search hit its time budget; counts are partial
    facets_counted: int | None = None  # people, places, organizations: counted in this many
    sort: str = "relevance"
    selected: dict = field(default_factory=dict)
    notices: list = field(default_factory=list)
    highlighter: Highlighter = field(default_factory=Highlighter)  # what the hits marked

    @property
    def match(self):
        """exact, corrected or closest: how the hits relate to what was typed."""
        return "corrected" if self.corrected else "closest" if self.loose else "exact"

    @property
    def searched_text(self):
        """The words the hits were found for."""
        return self.suggestion if self.corrected else self.query.text

    @property
    def facet_groups(self):
        """[(URL parameter, heading, [(value, label, count)])] for the page's sidebar."""
        groups = []
        for name in FACET_FIELDS:
            values = self.facets.get(name) or {}
            labels = self.facet_labels.get(name, {})
            param, heading = FACET_PARAMS[name]
            if values:
                groups.append(
                    (param, heading, [(v, labels.get(v, v), c) for v, c in values.items()])
                )
        return groups

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def has_previous(self):
        return self.page > 1


def get_engine(using="default"):
    return connections[using].get_backend()


@dataclass
class Attempt:
    query: ParsedQuery
    expansions: list
    result: object


def attempt(engine, query, names, request):
    expansions = find_expansions(query, names)
    node = compile_query(query, expansions)
    if node is None:
        return None
    return Attempt(query, expansions, engine.run(replace(request, node=node)))


def quotes_near(engine, query, request, shown):
    """For a sentence typed without quotation marks: the quotes that hold most of its words
    close together, when the strict results (which need every word) do not include them."""
    tokens = loose_words(query)
    if (
        len(tokens) < SENTENCE_WORDS
        or any(c.kind != "word" for c in query.words())
        or any(field == "type" and value != "quote" for field, value in request.required)
    ):
        return []
    node = loose_node(tokens, engine.doc_frequencies, QUOTE_SHARE)
    result = engine.run(
        replace(
            request,
            node=node,
            page=1,
            page_size=CANDIDATES,
            required=(*request.required, ("type", "quote")),
        )
    )
    already = {(hit.model, hit.pk) for hit in shown}
    candidates = [hit for hit in result.hits if (hit.model, hit.pk) not in already]
    highlighter = Highlighter()
    for token in tokens:
        highlighter.add_word(token)

    def nearest(loaded):
        # The window's distinct words, each record scored once for ranking and the share.
        return [
            item
            for (distinct, *_), item in ranked_by_closeness(loaded, tokens)
            if distinct / len(tokens) >= QUOTE_SHARE
        ][:CLOSEST_QUOTES]

    return make_hits(candidates, highlighter, [], query.text, nearest)


def search(q, page=1, sort="relevance", filters=None, page_size=PAGE_SIZE, suggest=True):
    """Run a search. `filters` are query.Filter objects from URL parameters."""
    if sort not in SORTS:
        raise QueryError(f"Sort by “{sort}” is not possible: choose relevance or date.")
    if not isinstance(page, int) or page < 1 or page > MAX_PAGE:
        raise QueryError(f"The page must be a number from 1 to {MAX_PAGE}.")
    query = bound(parse(q))
    engine = get_engine()
    names = EntityNames.for_engine(engine)
    required, excluded, selected = compile_filters(
        [*query.filters, *(filters or [])], names, resolve_filter_value
    )
    expansions = find_expansions(query, names)
    node = compile_query(query, expansions)
    if node is None and (required or excluded):
        node = nodes.Everything()
    empty = SearchPage(
        query=query,
        hits=[],
        count=0,
        page=1,
        pages=0,
        facets={},
        facet_labels={},
        sort=sort,
        selected=selected,
        notices=list(query.notices),
    )
    if node is None:
        return empty
    request = SearchRequest(
        node=node, required=required, excluded=excluded, page=page, page_size=page_size, sort=sort
    )
    found = None
    vocabulary = Vocabulary(engine)
    if not (suggest and query.words() and blocking_unknown(engine, query, expansions, vocabulary)):
        found = Attempt(query, expansions, engine.run(request))
    suggestion, corrected, loose = None, False, False
    if suggest and query.words() and (found is None or found.result.count < 3):
        suggestion = spelling_suggestion(engine, query, expansions, vocabulary)
    if suggestion and (found is None or found.result.count == 0):
        retry = attempt(engine, bound(parse(suggestion)), names, request)
        if retry is not None and retry.result.count:
            found, corrected = retry, True
    if found is None:
        found = Attempt(query, expansions, engine.run(request))
    highlighter = make_highlighter(found.query, found.expansions)
    arrange = marked_text = None
    if found.result.count == 0 and suggest:
        closest = compile_loose(query, engine.doc_frequencies)
        if closest is not None:
            result = engine.run(replace(request, node=closest, page=1, page_size=CANDIDATES))
            if result.count:
                found, loose = Attempt(query, [], result), True
                result.count = min(result.count, CANDIDATES)
                tokens = loose_words(query)
                marked_text = " ".join(tokens)  # each word marked where it stands
                highlighter = Highlighter()
                for token in tokens:
                    highlighter.add_word(token)
                start = (page - 1) * page_size

                def arrange(loaded):
                    ordered = loaded if sort == "date" else closest_first(loaded, tokens)
                    return ordered[start : start + page_size]

    result = found.result
    closest_quotes = []
    if not loose and page == 1 and suggest:
        closest_quotes = quotes_near(engine, query, request, found.result.hits)
    notices = list(query.notices)
    if loose:
        notices.append(
            "No result has all your words together. These are the closest "
            f"matches (at most {CANDIDATES}): results with most of your words, "
            "nearest together first."
        )
    if not result.complete:
        notices.append(
            "This search matches so much that it was stopped before the end: the "
            "results shown are the best found so far, and the counts are partial. "
            "Add words or a filter to narrow it."
        )
    pages = max(1, math.ceil(result.count / page_size)) if result.count else 0
    hits = make_hits(
        result.hits, highlighter, found.expansions, found.query.text, arrange, marked_text
    )
    return SearchPage(
        query=query,
        hits=hits,
        count=result.count,
        page=page,
        pages=pages,
        facets=result.facets,
        facet_labels=facet_labels(result.facets),
        suggestion=suggestion,
        corrected=corrected,
        loose=loose,
        complete=result.complete,
        facets_counted=result.facets_counted,
        closest_quotes=closest_quotes,
        sort=sort,
        selected=selected,
        notices=notices,
        highlighter=highlighter,
    )


__all__ = ["search", "QueryError", "SearchPage", "MAX_PAGE", "SORTS"]

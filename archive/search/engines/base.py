"""The narrow interface between the search core and an engine.

An engine is a haystack backend (so haystack's `update_index`, the signal
processor and `rebuild_index` write through it) that also implements
`SearchEngineMixin`: run a compiled query (nodes.py) with filters, a page and
a sort, giving hits with scores, a count and facets; suggest indexed words
close to a misspelt one; and tell when the index last changed.

The core (core.py) never imports an engine module and never names a model:
hits come back as (model label, primary key) and are loaded through the
registered haystack index of that model.
"""

from dataclasses import dataclass, field

# Exact-value fields every document carries, counted as facets on each search.
FACET_FIELDS = ("type", "outlet", "year", "people", "places", "organizations")
# The ones holding several values (entity slugs).
LIST_FIELDS = ("people", "places", "organizations")
SORTS = ("relevance", "date")
FACET_LIMIT = 12
# Wall-clock seconds one search may spend in the engine before it answers with what it has.
DEFAULT_BUDGET = 3.0


class SearchUnavailable(Exception):
    """The index is missing or unreadable; an operator must rebuild it (a 503)."""


@dataclass(frozen=True)
class SearchRequest:
    node: object  # nodes.Node
    required: tuple = ()  # ((field, value), …): every one must match
    excluded: tuple = ()  # ((field, value), …): none may match
    page: int = 1
    page_size: int = 20
    sort: str = "relevance"
    facet_limit: int = FACET_LIMIT
    budget: float = DEFAULT_BUDGET


@dataclass(frozen=True)
class EngineHit:
    model: str  # "articles.article"
    pk: int
    score: float = 0.0


@dataclass
class EngineResult:
    hits: list  # EngineHit, the requested page only, best first
    count: int  # every match that passed the filters
    facets: dict = field(default_factory=dict)  # {field: {value: count}}, most first
    complete: bool = True  # False: the time budget ran out and count/facets are partial
    # The people, places and organizations were counted in this many best matches, not in
    # all `count` (None: in all of them).
    facets_counted: int | None = None


class SearchEngineMixin:
    """What the core needs from a haystack backend besides writing documents."""

    def run(self, request: SearchRequest) -> EngineResult:
        raise NotImplementedError

    def suggest(self, token: str, max_distance: int) -> list:
        """[(indexed word, document frequency)] within `max_distance` edits of `token`,
        sharing its first letter; never stems."""
        raise NotImplementedError

    def doc_frequency(self, token: str) -> int:
        """In how many documents' text the folded word occurs."""
        raise NotImplementedError

    def doc_frequencies(self, tokens) -> dict:
        """{token: doc_frequency(token)} for many words (an engine may ask once, and may
        stop counting a common word at a cap: past it the word is simply common)."""
        return {token: self.doc_frequency(token) for token in tokens}

    def indexed(self, tokens) -> set:
        """Which of these folded words (or "~stems") some document's text holds: one
        question for many words, answered without counting (an engine may ask once)."""
        return {token for token in tokens if self.doc_frequency(token) > 0}

    def generation(self):
        """A value that changes whenever the index is written (for caches)."""
        raise NotImplementedError

    def rebuild(self, indexes, progress=None) -> int:
        """Replace the whole index with documents for every record of `indexes`
        (haystack SearchIndex objects), atomically: searches answer from the old
        index until the new one is complete. Returns the number of documents."""
        raise NotImplementedError


def order_facets(counts, limit=FACET_LIMIT):
    """{field: {value: count}} from a Counter of (field, value): most first, years newest first."""
    facets = {}
    for name in FACET_FIELDS:
        ordered = sorted(
            ((v, c) for (f, v), c in counts.items() if f == name), key=lambda vc: (-vc[1], vc[0])
        )
        if name == "year":
            ordered.sort(key=lambda vc: vc[0], reverse=True)
        facets[name] = dict(ordered[:limit])
    return facets

"""Running a search: parsed query → Whoosh query → ranked, faceted, snippeted page.

Indexing goes through haystack (search_indexes.py, the backend); searching
talks to the same Whoosh index directly, because haystack's Whoosh backend
has no facets and highlights with the wrong analyzer.
"""

import math
import struct
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Prefetch
from haystack import connections
from whoosh import collectors, sorting
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    ConstantScoreQuery,
    Every,
    Or,
    Phrase,
    Prefix,
    Term,
)

from archive.search.analysis import STEM_MARK, analyze_query, stem
from archive.search.backend import (
    FACET_COLUMN,
    FACET_FIELDS,
    SearchUnavailable,
    unpack_facets,
)
from archive.search.query import (
    TYPES,
    Clause,
    ParsedQuery,
    QueryError,
    normalize_type,
    parse,
)
from archive.search.snippets import Highlighter, best_passage, render
from archive.text import CYRILLIC, fold_phrase

PAGE_SIZE = 20
MAX_PAGE = 500
FACET_LIMIT = 12
TITLE_BOOST = 2.0
ENTITY_FIELDS = {"person": "people", "organization": "organizations", "place": "places"}
TYPE_MODELS = {
    "articles.article": "article", "articles.quote": "quote", "people.person": "person",
    "people.organization": "organization", "people.place": "place",
}
SORTS = ("relevance", "date")
FACET_PARAMS = {
    "type": ("type", "Type"), "outlet": ("outlet", "Outlet"), "year": ("year", "Year"),
    "people": ("person", "Person"), "places": ("place", "Place"),
    "organizations": ("organization", "Organization"),
}


@dataclass
class Expansion:
    """An entity the query names, by name or alias."""

    entity: object
    typed: str  # as the researcher typed it
    names: list  # every name of the entity (global aliases), as written
    clause_ids: set = field(default_factory=set)


@dataclass
class Hit:
    type: str
    obj: object
    title: str
    url: str
    snippet: str
    score: float
    matched_via: str = ""
    paragraph: int | None = None


@dataclass
class SearchPage:
    query: ParsedQuery
    hits: list
    count: int
    page: int
    pages: int
    facets: dict
    facet_labels: dict
    suggestion: str | None = None
    corrected: bool = False
    sort: str = "relevance"
    selected: dict = field(default_factory=dict)
    notices: list = field(default_factory=list)
    highlighter: Highlighter = field(default_factory=Highlighter)  # what the hits marked

    @property
    def facet_groups(self):
        """[(URL parameter, heading, [(value, label, count)])] for the page's sidebar."""
        groups = []
        for name in FACET_FIELDS:
            values = self.facets.get(name) or {}
            labels = self.facet_labels.get(name, {})
            param, heading = FACET_PARAMS[name]
            if values:
                groups.append((param, heading,
                               [(v, labels.get(v, v), c) for v, c in values.items()]))
        return groups

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def has_previous(self):
        return self.page > 1


# -- entity lookup for alias expansion and filters -----------------------------

class EntityNames:
    """Every global name and alias, folded, mapped to its entities.

    Built once per index generation (see `for_searcher`): an entity or alias change is
    always followed by an index write, so a new generation means the names may have changed.
    """

    _cache = {}

    @classmethod
    def for_searcher(cls, searcher, path=""):
        key = (path, searcher.reader().generation())
        names = cls._cache.get(key)
        if names is None:
            names = cls()
            cls._cache.clear()
            cls._cache[key] = names
        return names

    def __init__(self):
        self.by_key = {}
        for model_name in ENTITY_FIELDS:
            model = apps.get_model("people", model_name)
            global_aliases = Prefetch(
                "aliases", queryset=apps.get_model("people", "Alias").objects.filter(
                    article__isnull=True))
            for entity in model.objects.prefetch_related(global_aliases):
                names = [entity.name] + [a.name for a in entity.aliases.all()]
                entity.global_names = names
                scoped_only = len(entity.name.split()) == 1 and model_name == "person"
                for name in names:
                    if scoped_only and name == entity.name:
                        continue  # a bare first name is nobody's identity
                    key = fold_phrase(name)
                    if key:
                        self.by_key.setdefault(key, []).append(entity)
        self.max_len = max((len(k) for k in self.by_key), default=0)

    def lookup(self, key):
        return self.by_key.get(tuple(key), [])


def resolve_filter_value(kind, value, names):
    """An exact index value for a filter typed as a slug, a name or an alias."""
    field_name = kind
    if field_name == "type":
        return normalize_type(value)
    if field_name == "year":
        value = value.strip().lower()
        if value == "unknown" or (value.isdigit() and len(value) == 4):
            return value
        raise QueryError(f"“{value}” is not a year: use four digits, like 2024, or “unknown”.")
    model_name = {"people": "person", "organizations": "organization", "places": "place",
                  "outlet": "organization"}[field_name]
    model = apps.get_model("people", model_name)
    found = model.objects.filter(slug=value.lower()).first()
    if found is None:
        candidates = [e for e in names.lookup(fold_phrase(value)) if isinstance(e, model)]
        found = candidates[0] if candidates else None
    if found is None:
        label = "outlet" if field_name == "outlet" else model._meta.verbose_name
        raise QueryError(f"There is no {label} “{value}” in the archive.")
    return found.slug


# -- building the Whoosh query -------------------------------------------------

def word_query(token, title_boost=TITLE_BOOST):
    """A word in any inflection: the word itself, words sharing its stem, and the stem as a word."""
    stemmed = stem(token)
    variants = [token, STEM_MARK + stemmed]
    if stemmed != token:
        variants.append(stemmed)  # "fleeing" also finds a text that says "flee"
    parts = [Term("text", v) for v in variants]
    parts += [Term("title", v, boost=title_boost) for v in variants]
    return Or(parts)


def phrase_query(tokens):
    if len(tokens) == 1:
        return Or([Term("text", tokens[0]), Term("title", tokens[0], boost=TITLE_BOOST)])
    return Or([Phrase("text", tokens), Phrase("title", tokens, boost=TITLE_BOOST)])


def clause_query(clause):
    tokens = analyze_query(clause.text)
    if not tokens:
        return None
    if clause.kind == "prefix":
        head = tokens[:-1]
        last = Or([Prefix("text", tokens[-1]), Prefix("title", tokens[-1], boost=TITLE_BOOST)])
        return And([*(word_query(t) for t in head), last]) if head else last
    if clause.kind == "phrase" or len(tokens) > 1:
        return phrase_query(tokens)
    return word_query(tokens[0])


def entity_term(entity):
    field_name = ENTITY_FIELDS[entity._meta.model_name]
    return ConstantScoreQuery(Term(field_name, entity.slug), score=1.0)


def find_expansions(query, names):
    """Entities the query names: a phrase, or a run of adjacent plain words."""
    expansions = []
    groups = query.groups
    # Phrases and single clauses.
    for gi, group in enumerate(groups):
        for ci, clause in enumerate(group):
            if clause.negated or clause.kind == "prefix":
                continue
            key = fold_phrase(clause.text)
            for entity in names.lookup(key):
                expansions.append(Expansion(entity, clause.text, entity.global_names,
                                            {(gi, ci)}))
    # Runs of adjacent single-word groups ("Peter Nikitin" typed without quotes).
    singles = [gi for gi, g in enumerate(groups)
               if len(g) == 1 and g[0].kind == "word" and not g[0].negated]
    runs, run = [], []
    for gi in singles:
        if run and gi != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(gi)
    if run:
        runs.append(run)
    for run in runs:
        i = 0
        while i < len(run):
            matched = False
            for j in range(min(len(run), i + max(names.max_len, 1)), i + 1, -1):
                span = run[i:j]
                key = tuple(k for gi in span for k in fold_phrase(groups[gi][0].text))
                entities = names.lookup(key)
                if entities:
                    typed = " ".join(groups[gi][0].text for gi in span)
                    for entity in entities:
                        expansions.append(Expansion(entity, typed, entity.global_names,
                                                    {(gi, 0) for gi in span}))
                    i = j
                    matched = True
                    break
            if not matched:
                i += 1
    # "Nikitin" inside "Peter Nikitin" is the same naming, not a second one.
    return [e for e in expansions
            if not any(o.entity == e.entity and e.clause_ids < o.clause_ids for o in expansions)]


def build_query(query, expansions):
    """The Whoosh query: groups ANDed, alternatives ORed, entity expansions added."""
    positives, negatives = [], []
    expanded_groups = {}
    for expansion in expansions:
        groups = sorted({gi for gi, _ in expansion.clause_ids})
        expanded_groups.setdefault(tuple(groups), []).append(expansion)
    consumed = set()
    for groups, group_expansions in expanded_groups.items():
        if len(groups) > 1:
            literal = [clause_query(query.groups[gi][0]) for gi in groups]
            literal = [q for q in literal if q is not None]
            words = [t for gi in groups for t in analyze_query(query.groups[gi][0].text)]
            alternatives = [And(literal)] if literal else []
            if len(words) > 1:
                alternatives.append(phrase_query(words))
            alternatives += [entity_term(e.entity) for e in group_expansions]
            positives.append(Or(alternatives))
            consumed.update(groups)
    for gi, group in enumerate(query.groups):
        if gi in consumed:
            continue
        alternatives, negated = [], []
        for ci, clause in enumerate(group):
            built = clause_query(clause)
            if built is None:
                continue
            if clause.negated:
                negated.append(built)
                continue
            alternatives.append(built)
            alternatives += [entity_term(e.entity) for e in expansions
                             if (gi, ci) in e.clause_ids and len(e.clause_ids) == 1]
        if alternatives:
            positives.append(Or(alternatives) if len(alternatives) > 1 else alternatives[0])
        negatives.extend(negated)
    if not positives:
        main = Every() if (query.filters or negatives) else None
    else:
        main = And(positives) if len(positives) > 1 else positives[0]
        # Adjacent words rank above the same words scattered.
        words = [t for c in query.words() if c.kind == "word" for t in analyze_query(c.text)]
        if len(words) > 1 and len(query.groups) > 1:
            main = AndMaybe(main, Phrase("text", words, boost=2.0))
    if main is None:
        return None
    if negatives:
        main = AndNot(main, Or(negatives))
    return main


def filter_query(filters, names, extra=None):
    """Filters from the query text and from URL parameters, ANDed."""
    required, excluded = [], []
    selected = {}
    for item in [*filters, *(extra or [])]:
        value = resolve_filter_value(item.field, item.value, names)
        term = Term(item.field, value)
        (excluded if item.negated else required).append(term)
        if not item.negated:
            selected.setdefault(item.field, []).append(value)
    if not required and not excluded:
        return None, None, selected
    return (And(required) if required else None), (Or(excluded) if excluded else None), selected


# -- typo tolerance --------------------------------------------------------------

def spelling_suggestion(searcher, query):
    """The query with unknown words replaced by the closest indexed word, or None."""
    reader = searcher.reader()
    changed = False
    text = query.text
    for clause in query.words():
        if clause.kind == "prefix":
            continue
        for surface in clause.text.split():
            tokens = analyze_query(surface)
            if len(tokens) != 1:
                continue  # "doesn't" is two index words; correct only whole words
            token = tokens[0]
            if reader.doc_frequency("text", token) > 0 or any(c.isdigit() for c in token):
                continue
            maxdist = 1 if len(token) < 5 else 2
            candidates = [
                word for word in reader.terms_within("text", token, maxdist, prefix=1)
                if not word.startswith(STEM_MARK) and word != token
            ]
            if not candidates:
                continue
            best = max(candidates, key=lambda w: (-edit_distance(w, token),
                                                  reader.doc_frequency("text", w)))
            text = text.replace(surface, match_case(best, surface), 1)
            changed = True
    return text if changed else None


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def match_case(word, like):
    return word.capitalize() if like[:1].isupper() else word


# -- results -------------------------------------------------------------------------

def load_objects(hits):
    """Model instances for Whoosh hits, in hit order, with what snippets need prefetched."""
    by_type = {}
    for hit in hits:
        by_type.setdefault(hit["django_ct"], []).append(int(hit["django_id"]))
    loaded = {}
    for ct, ids in by_type.items():
        model = apps.get_model(ct)
        queryset = model.objects.filter(pk__in=ids)
        if ct == "articles.article":
            queryset = queryset.select_related("outlet").prefetch_related("paragraphs")
        elif ct == "articles.quote":
            queryset = queryset.select_related("speaker", "article__outlet", "paragraph")
        else:
            queryset = queryset.prefetch_related("aliases")
        for obj in queryset:
            loaded[(ct, obj.pk)] = obj
    return [loaded.get((hit["django_ct"], int(hit["django_id"]))) for hit in hits]


def passages(result_type, obj):
    """(paragraph position or None, text) pieces a snippet can come from."""
    if result_type == "article":
        return ([(p.position, p.text) for p in obj.paragraphs.all()]
                + [(None, obj.title), (None, obj.standfirst)])
    if result_type == "quote":
        return [(obj.paragraph.position, obj.text), (obj.paragraph.position, obj.speaker_label)]
    aliases = [a.name for a in obj.aliases.all()]
    return [(None, obj.name), (None, " · ".join(aliases)), (None, obj.description)]


def describe_match(result_type, obj, spans, expansions, query_text, text):
    """Which alias or transliteration made this a hit, for the researcher."""
    for expansion in sorted(expansions, key=lambda e: -len(e.clause_ids)):
        entity = expansion.entity
        typed_key = fold_phrase(expansion.typed)
        if result_type in ENTITY_FIELDS and obj == entity:
            same_key = [n for n in expansion.names if fold_phrase(n) == typed_key]
            name = next((n for n in same_key if n == expansion.typed),
                        same_key[0] if same_key else entity.name)
            if name != entity.name and fold_phrase(entity.name) != typed_key:
                return f"alias “{name}” of {entity.name}"
            continue
        if result_type == "quote" and obj.speaker_id == entity.pk and entity.link_field == "person":
            if typed_key == fold_phrase(entity.name):
                return f"spoken by {entity.name}"
            return f"spoken by {entity.name} (you typed the alias “{expansion.typed}”)"
        if any(s[2] == typed_key for s in spans):
            break  # the text names it as the researcher typed it
        for start, end, key in spans:
            for name in expansion.names:
                if fold_phrase(name) == key and key != typed_key:
                    written = text[start:end]
                    return f"“{written}”, another spelling of “{expansion.typed}” ({entity.name})"
    written = [text[start:end] for start, end, _ in spans]
    if written and CYRILLIC.search(query_text):
        if not any(CYRILLIC.search(w) for w in written):
            return f"transliteration: “{written[0]}” for your Cyrillic"
    elif written and all(CYRILLIC.search(w) for w in written):
        return f"transliteration: Cyrillic “{written[0]}”"
    return ""


def make_highlighter(query, expansions):
    highlighter = Highlighter()
    for clause in query.words():
        tokens = analyze_query(clause.text)
        if clause.kind == "prefix":
            highlighter.prefixes.add(tokens[-1]) if tokens else None
            for token in tokens[:-1]:
                highlighter.add_word(token)
        elif clause.kind == "phrase" or len(tokens) > 1:
            highlighter.add_sequence(tokens)
        elif tokens:
            highlighter.add_word(tokens[0])
    for expansion in expansions:
        for name in expansion.names:
            highlighter.add_sequence(fold_phrase(name))
    return highlighter


def to_hit(result_type, obj, score, highlighter, expansions, query_text):
    key, text, spans = best_passage(passages(result_type, obj), highlighter)
    if result_type == "quote":
        snippet = render(obj.text, highlighter.matches(obj.text), whole=True)
        title = f"{obj.speaker_label}: “{obj.words}”"
        url = obj.get_absolute_url()
    elif result_type == "article":
        snippet = render(text, spans)
        title = obj.title
        url = obj.get_absolute_url()
        if key is not None:
            from archive.search.marking import hl_parameter  # marking builds on this module

            url = f"{url}?{hl_parameter(query_text)}#p{key}"
    else:
        snippet = render(text, spans)
        title = obj.name
        url = obj.get_absolute_url()
    matched_via = describe_match(result_type, obj, spans, expansions, query_text, text)
    return Hit(type=result_type, obj=obj, title=title, url=url, snippet=snippet, score=score,
               matched_via=matched_via, paragraph=key if result_type != "person" else None)


# -- the entry point ----------------------------------------------------------------------

def search(q, page=1, sort="relevance", filters=None, page_size=PAGE_SIZE, suggest=True):
    """Run a search. `filters` are query.Filter objects from URL parameters."""
    if sort not in SORTS:
        raise QueryError(f"Sort by “{sort}” is not possible: choose relevance or date.")
    if not isinstance(page, int) or page < 1 or page > MAX_PAGE:
        raise QueryError(f"The page must be a number from 1 to {MAX_PAGE}.")
    query = parse(q)
    backend = connections["default"].get_backend()
    searcher = backend.searcher()
    names = EntityNames.for_searcher(searcher, backend.path)
    required, excluded, selected = filter_query(query.filters, names, filters)
    expansions = find_expansions(query, names)
    whoosh_query = build_query(query, expansions)
    if whoosh_query is None:
        whoosh_query = Every() if (required or excluded) else None
    empty = SearchPage(query=query, hits=[], count=0, page=1, pages=0, facets={},
                       facet_labels={}, sort=sort, selected=selected,
                       notices=list(query.notices))
    if whoosh_query is None:
        return empty
    try:
        page_result = run(searcher, whoosh_query, required, excluded, page, sort, page_size)
    except (OSError, EOFError, struct.error, KeyError, IndexError) as error:
        # Damaged index files surface as low-level read errors.
        backend.reset_searcher()
        raise SearchUnavailable(f"The search index cannot be read: {error!r}") from error
    suggestion, corrected = None, False
    if suggest and page_result[1] < 3 and query.words():
        suggestion = spelling_suggestion(searcher, query)
        if suggestion and page_result[1] == 0:
            retry = search(suggestion, page, sort, filters, page_size, suggest=False)
            if retry.count:
                retry.suggestion = suggestion
                retry.corrected = True
                retry.notices = list(query.notices)
                return retry
    results, count, facets = page_result
    pages = max(1, math.ceil(count / page_size)) if count else 0
    highlighter = make_highlighter(query, expansions)
    objects = load_objects(results)
    hits = []
    for hit, obj in zip(results, objects, strict=True):
        if obj is None:  # deleted since it was indexed; the index catches up on commit
            continue
        score = hit.score if isinstance(hit.score, (int, float)) else 0.0  # date sort: no score
        hits.append(to_hit(TYPE_MODELS[hit["django_ct"]], obj, score, highlighter,
                           expansions, query.text))
    return SearchPage(query=query, hits=hits, count=count, page=page, pages=pages,
                      facets=facets, facet_labels=facet_labels(facets), suggestion=suggestion,
                      corrected=corrected, sort=sort, selected=selected,
                      notices=list(query.notices), highlighter=highlighter)


class FacetCounter(collectors.WrappingCollector):
    """Counts every facet value of every hit while the wrapped collector ranks them."""

    def __init__(self, child):
        super().__init__(child)
        self.counts = Counter()
        self.unpacked = {}
        self.total = 0

    def set_subsearcher(self, subsearcher, offset):
        super().set_subsearcher(subsearcher, offset)
        reader = subsearcher.reader()
        self.column = (reader.column_reader(FACET_COLUMN)
                       if reader.has_column(FACET_COLUMN) else None)

    def collect(self, sub_docnum):
        self.total += 1
        if self.column is not None:
            packed = self.column[sub_docnum]
            pairs = self.unpacked.get(packed)
            if pairs is None:
                pairs = self.unpacked[packed] = unpack_facets(packed)
            self.counts.update(pairs)
        return self.child.collect(sub_docnum)


def run(searcher, whoosh_query, required, excluded, page, sort, page_size):
    limit = page * page_size
    if sort == "date":
        ranking = collectors.SortingCollector(
            sorting.MultiFacet([sorting.FieldFacet("date", reverse=True), sorting.ScoreFacet()]),
            limit=limit)
    else:
        # Every match must reach the facet counter: no skipping of documents that cannot
        # make the top of the ranking (block quality), no pruning of the query (replace).
        ranking = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    counter = FacetCounter(ranking)
    # Filters outermost: only documents that pass them are ranked and counted.
    outer = (collectors.FilterCollector(counter, allow=required, restrict=excluded)
             if required is not None or excluded is not None else counter)
    searcher.search_with_collector(whoosh_query, outer)
    results = outer.results()
    count = counter.total  # hits that passed the filters (len(results) counts dropped ones too)
    facets = {}
    for name in FACET_FIELDS:
        ordered = sorted(((v, c) for (f, v), c in counter.counts.items() if f == name),
                         key=lambda vc: (-vc[1], vc[0]))
        if name == "year":
            ordered.sort(key=lambda vc: vc[0], reverse=True)
        facets[name] = dict(ordered[:FACET_LIMIT])
    start = (page - 1) * page_size
    return [results[i] for i in range(start, min(count, start + page_size))], count, facets


def facet_labels(facets):
    """Display names for facet values (slugs → names)."""
    labels = {"type": {t: t.capitalize() for t in TYPES}, "year": {}}
    labels["year"] = {v: ("Date unknown" if v == "unknown" else v) for v in facets.get("year", {})}
    for field_name, model_name in (("outlet", "organization"), ("people", "person"),
                                   ("organizations", "organization"), ("places", "place")):
        slugs = list(facets.get(field_name, {}))
        model = apps.get_model("people", model_name)
        names = dict(model.objects.filter(slug__in=slugs).values_list("slug", "name"))
        labels[field_name] = {slug: names.get(slug, slug) for slug in slugs}
    return labels


__all__ = ["search", "QueryError", "SearchPage", "Hit", "Clause"]

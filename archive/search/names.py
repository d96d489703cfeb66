"""The archive's names: which entity a query or a filter names, by name, alias or slug.

Entities come from the registered search indexes that declare an entity field
(`entity_field`: people, organizations or places); this module names no model.
"""

from dataclasses import dataclass, field

from haystack import connections

from archive.search.query import QueryError, normalize_type
from archive.text import fold_phrase


def entity_indexes(using="default"):
    """{index field: search index} for the indexes whose records are entities."""
    unified = connections[using].get_unified_index()
    return {
        index.entity_field: index
        for index in unified.get_indexes().values()
        if getattr(index, "entity_field", None)
    }


def index_for_filter(field_name, using="default"):
    """The entity index a filter field (people, organizations, places, outlet) points at."""
    for index in entity_indexes(using).values():
        if field_name in index.filter_fields:
            return index
    return None


@dataclass
class Expansion:
    """An entity the query names, by name or alias."""

    entity: object
    typed: str  # as the researcher typed it
    names: list  # every name of the entity (global aliases), as written
    clause_ids: set = field(default_factory=set)

    @property
    def index_field(self):
        return self.entity.search_field


class EntityNames:
    """Every global name and alias, folded, mapped to its entities.

    Built once per index generation (see `for_engine`): an entity or alias change is
    always followed by an index write, so a new generation means the names may have changed.
    """

    _cache = {}

    @classmethod
    def for_engine(cls, engine):
        key = engine.generation()
        names = cls._cache.get(key)
        if names is None:
            names = cls()
            cls._cache.clear()
            cls._cache[key] = names
        return names

    def __init__(self):
        self.by_key = {}
        for index_field, index in entity_indexes().items():
            for entity, names, identity_names in index.entity_names():
                entity.global_names = names
                entity.search_field = index_field
                for name in identity_names:
                    key = fold_phrase(name)
                    if key:
                        self.by_key.setdefault(key, []).append(entity)
        self.max_len = max((len(k) for k in self.by_key), default=0)

    def lookup(self, key):
        return self.by_key.get(tuple(key), [])


def resolve_filter_value(field_name, value, names):
    """An exact index value for a filter typed as a slug, a name or an alias."""
    if field_name == "type":
        return normalize_type(value)
    if field_name == "year":
        value = value.strip().lower()
        if value == "unknown" or (value.isdigit() and len(value) == 4):
            return value
        raise QueryError(f"“{value}” is not a year: use four digits, like 2024, or “unknown”.")
    index = index_for_filter(field_name)
    model = index.get_model()
    found = model.objects.filter(slug=value.lower()).first()
    if found is None:
        candidates = [e for e in names.lookup(fold_phrase(value)) if isinstance(e, model)]
        found = candidates[0] if candidates else None
    if found is None:
        label = "outlet" if field_name == "outlet" else model._meta.verbose_name
        raise QueryError(f"There is no {label} “{value}” in the archive.")
    return found.slug


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
                expansions.append(Expansion(entity, clause.text, entity.global_names, {(gi, ci)}))
    # Runs of adjacent single-word groups ("Peter Nikitin" typed without quotes).
    singles = [
        gi
        for gi, g in enumerate(groups)
        if len(g) == 1 and g[0].kind == "word" and not g[0].negated
    ]
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
                        expansions.append(
                            Expansion(entity, typed, entity.global_names, {(gi, 0) for gi in span})
                        )
                    i = j
                    matched = True
                    break
            if not matched:
                i += 1
    # "Nikitin" inside "Peter Nikitin" is the same naming, not a second one.
    return [
        e
        for e in expansions
        if not any(o.entity == e.entity and e.clause_ids < o.clause_ids for o in expansions)
    ]


def facet_labels(facets):
    """Display names for facet values (slugs → names)."""
    from archive.search.query import TYPES

    labels = {
        "type": {t: t.capitalize() for t in TYPES},
        "year": {v: ("Date unknown" if v == "unknown" else v) for v in facets.get("year", {})},
    }
    for field_name in ("outlet", "people", "organizations", "places"):
        slugs = list(facets.get(field_name, {}))
        model = index_for_filter(field_name).get_model()
        found = dict(model.objects.filter(slug__in=slugs).values_list("slug", "name"))
        labels[field_name] = {slug: found.get(slug, slug) for slug in slugs}
    return labels

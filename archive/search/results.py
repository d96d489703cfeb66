"""From engine hits to what a researcher reads: records, titles, snippets, "matched via".

Each record type's wiring (how to load it, which passages to show, its title
and link) lives in its app's search_indexes.py; this module only loops over it.
"""

from dataclasses import dataclass

from haystack import connections

from archive.kwic import in_context
from archive.search.analysis import analyze_query
from archive.search.snippets import Highlighter, best_passage
from archive.text import CYRILLIC, fold_phrase

# Words of a snippet before its first match and after it: it reads on, to show the next ones.
SNIPPET_BEFORE, SNIPPET_AFTER = 7, 21


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


def index_for_label(label, using="default"):
    """The registered search index of a model label ("articles.quote")."""
    from django.apps import apps

    return connections[using].get_unified_index().get_index(apps.get_model(label))


def load_objects(engine_hits):
    """Records for engine hits, in hit order (None for one deleted since it was indexed)."""
    by_model = {}
    for hit in engine_hits:
        by_model.setdefault(hit.model, []).append(hit.pk)
    loaded = {}
    for label, pks in by_model.items():
        index = index_for_label(label)
        for obj in index.read_queryset().filter(pk__in=pks):
            loaded[(label, obj.pk)] = (index, obj)
    return [loaded.get((hit.model, hit.pk)) for hit in engine_hits]


def make_highlighter(query, expansions):
    highlighter = Highlighter()
    for clause in query.words():
        tokens = analyze_query(clause.text)
        if clause.kind == "prefix":
            if tokens:
                highlighter.prefixes.add(tokens[-1])
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


def describe_match(index, obj, spans, expansions, query_text, text):
    """Which alias or transliteration made this a hit, for the researcher."""
    for expansion in sorted(expansions, key=lambda e: -len(e.clause_ids)):
        entity = expansion.entity
        typed_key = fold_phrase(expansion.typed)
        if obj == entity:
            same_key = [n for n in expansion.names if fold_phrase(n) == typed_key]
            name = next(
                (n for n in same_key if n == expansion.typed),
                same_key[0] if same_key else entity.name,
            )
            if name != entity.name and fold_phrase(entity.name) != typed_key:
                return f"alias “{name}” of {entity.name}"
            continue
        if index.speaker(obj) == entity:
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


def to_hit(index, obj, score, highlighter, expansions, query_text, marked_text):
    key, text, spans = best_passage(index.passages(obj), highlighter)
    whole = index.snippet_text(obj)
    if whole is not None:  # short records (quotes) are shown whole
        snippet = in_context(whole, highlighter.matches(whole))
    else:
        snippet = in_context(text, spans, SNIPPET_BEFORE, SNIPPET_AFTER)
    return Hit(
        type=index.result_type,
        obj=obj,
        title=index.hit_title(obj),
        url=index.hit_url(obj, key, marked_text),
        snippet=snippet,
        score=score,
        matched_via=describe_match(index, obj, spans, expansions, query_text, text),
        paragraph=key,
    )


def make_hits(engine_hits, highlighter, expansions, query_text, arrange=None, marked_text=None):
    """Hits for the engine's hits; `arrange` may re-order and slice the loaded records.
    `marked_text` is what a hit's link carries into the reader to mark (default: the query)."""
    loaded = [
        (found[0], found[1], engine_hit.score)
        for engine_hit, found in zip(engine_hits, load_objects(engine_hits), strict=True)
        if found is not None
    ]  # None: deleted since indexed; the index catches up
    if arrange is not None:
        loaded = arrange(loaded)
    return [
        to_hit(index, obj, score, highlighter, expansions, query_text, marked_text or query_text)
        for index, obj, score in loaded
    ]

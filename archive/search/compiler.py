"""From a parsed query (query.py) and the entities it names (names.py) to a query tree
(nodes.py) that any engine runs, with the work bounded.

Bounds: a repeated word or phrase is searched once; more words, alternatives,
phrase words or wildcards than an engine can answer quickly are refused with
a message that says what to do instead.
"""

import math

from archive.search import nodes
from archive.search.analysis import analyze_query
from archive.search.query import QueryError
from archive.text import WORD

MAX_GROUPS = 16  # words or phrases that must all match
MAX_ALTERNATIVES = 8  # a OR b OR … in one place
MAX_PHRASE_WORDS = 40
MAX_PREFIXES = 3
MAX_LOOSE_WORDS = 16
MAX_BOOSTED_RUN = 4  # words whose adjacency is checked to rank a strict result
# "Closest matches": at least this share of the words.
LOOSE_SHARE = 0.5

# English negative contractions: the apostrophe splits "doesn't" into the words
# "doesn" and "t", which match "does not" word for word, position for position.
CONTRACTIONS = {
    ("doesn", "t"): ("does", "not"),
    ("don", "t"): ("do", "not"),
    ("didn", "t"): ("did", "not"),
    ("isn", "t"): ("is", "not"),
    ("aren", "t"): ("are", "not"),
    ("wasn", "t"): ("was", "not"),
    ("weren", "t"): ("were", "not"),
    ("hasn", "t"): ("has", "not"),
    ("haven", "t"): ("have", "not"),
    ("hadn", "t"): ("had", "not"),
    ("couldn", "t"): ("could", "not"),
    ("wouldn", "t"): ("would", "not"),
    ("shouldn", "t"): ("should", "not"),
    ("can", "t"): ("can", "not"),
    ("won", "t"): ("will", "not"),
    ("mustn", "t"): ("must", "not"),
}
EXPANSIONS = {expanded: short for short, expanded in CONTRACTIONS.items()}
# "doesnt", typed without its apostrophe.
UNSPLIT = {"".join(short): short for short in CONTRACTIONS}
# Pieces of contractions: indexed words, but never a correction to propose.
FRAGMENTS = {short[0] for short in CONTRACTIONS if short[0] not in {"can"}} | {"t"}
# The words of the expansions ("does", "not"): real words even where no text prints them.
EXPANSION_WORDS = {word for expanded in EXPANSIONS for word in expanded}


def phrase_variants(tokens):
    """The phrase as typed, and with each contraction written the other way."""
    variants = [()]
    i = 0
    while i < len(tokens):
        pair = tuple(tokens[i : i + 2])
        other = CONTRACTIONS.get(pair) or EXPANSIONS.get(pair)
        if other and len(variants) < 8:
            variants = [v + alt for v in variants for alt in (pair, other)]
            i += 2
            continue
        short = UNSPLIT.get(tokens[i])
        if short and len(variants) < 8:
            variants = [
                v + alt for v in variants for alt in ((tokens[i],), short, CONTRACTIONS[short])
            ]
        else:
            variants = [v + (tokens[i],) for v in variants]
        i += 1
    return variants


def phrase_node(tokens):
    return nodes.any_of(nodes.Phrase(v) for v in phrase_variants(tuple(tokens)))


def clause_node(clause):
    tokens = analyze_query(clause.text)[:MAX_PHRASE_WORDS]  # bound() said so when it cut
    if not tokens:
        return None
    if clause.kind == "prefix":
        head = [nodes.Word(t) for t in tokens[:-1]]
        return nodes.all_of([*head, nodes.Prefix(tokens[-1])])
    if clause.kind == "phrase" or len(tokens) > 1:
        return phrase_node(tokens)
    if tokens[0] in UNSPLIT:
        return nodes.Any((nodes.Word(tokens[0]), phrase_node(tokens)))
    return nodes.Word(tokens[0])


def entity_node(expansion):
    return nodes.Entity(expansion.index_field, expansion.entity.slug)


def bound(query):
    """Drop repeats (with a notice) and refuse what is too large to search quickly."""
    seen, groups = set(), []
    repeated = []
    for group in query.groups:
        clauses = {}
        for clause in group:  # "a OR a" is "a"
            clauses.setdefault(
                (clause.kind, clause.negated, tuple(analyze_query(clause.text))), clause
            )
        if len(clauses) < len(group):
            repeated.append(group[0].text)
        group = list(clauses.values())
        key = tuple(sorted(clauses))
        if key in seen:
            repeated.append(" OR ".join(c.text for c in group))
            continue
        seen.add(key)
        groups.append(group)
    if repeated:
        shown = ", ".join(f"“{r}”" for r in sorted(set(repeated))[:3])
        query.notices.append(f"Repeated words are searched once: {shown}.")
    query.groups = groups
    for clause in (c for group in groups for c in group):
        found = list(WORD.finditer(clause.text))
        if len(found) > MAX_PHRASE_WORDS:
            clause.text = clause.text[: found[MAX_PHRASE_WORDS - 1].end()]
            query.notices.append(
                f"Only the first {MAX_PHRASE_WORDS} words of “{clause.text[:40]}…” "
                "were searched: a distinctive part of a passage finds it."
            )
    if len(groups) > MAX_GROUPS:
        raise QueryError(
            f"Your search has {len(groups)} separate words or phrases; the limit is "
            f"{MAX_GROUPS}. To find a quote, put a distinctive part of it in "
            "quotation marks."
        )
    for group in groups:
        if len(group) > MAX_ALTERNATIVES:
            raise QueryError(
                f"At most {MAX_ALTERNATIVES} alternatives can be joined with OR; "
                f"your search joins {len(group)}."
            )
    prefixes = sum(1 for c in query.words() if c.kind == "prefix")
    if prefixes > MAX_PREFIXES:
        raise QueryError(
            f"A search can have at most {MAX_PREFIXES} words with a *; yours has {prefixes}."
        )
    return query


def contracted_runs(groups):
    """{first group index: (second group index, contraction)} for "does" "not" typed apart."""
    runs = {}
    for gi in range(len(groups) - 1):
        pair = groups[gi : gi + 2]
        if all(len(g) == 1 and g[0].kind == "word" and not g[0].negated for g in pair):
            words = tuple(t for g in pair for t in analyze_query(g[0].text))
            if words in EXPANSIONS and gi - 1 not in runs:
                runs[gi] = (gi + 1, EXPANSIONS[words])
    return runs


def compile_query(query, expansions):
    """The query tree: groups ANDed, alternatives ORed, entity expansions added."""
    positives, negatives = [], []
    expanded_groups = {}
    for expansion in expansions:
        groups = sorted({gi for gi, _ in expansion.clause_ids})
        expanded_groups.setdefault(tuple(groups), []).append(expansion)
    consumed = set()
    for groups, group_expansions in expanded_groups.items():
        if len(groups) > 1:
            literal = [clause_node(query.groups[gi][0]) for gi in groups]
            literal = [n for n in literal if n is not None]
            words = [t for gi in groups for t in analyze_query(query.groups[gi][0].text)]
            alternatives = [nodes.all_of(literal)] if literal else []
            if len(words) > 1:
                alternatives.append(phrase_node(words))
            alternatives += [entity_node(e) for e in group_expansions]
            positives.append(nodes.any_of(alternatives))
            consumed.update(groups)
    for first, (second, short) in contracted_runs(query.groups).items():
        if first in consumed or second in consumed:
            continue
        typed = [clause_node(query.groups[gi][0]) for gi in (first, second)]
        positives.append(nodes.Any((nodes.all_of(typed), nodes.Phrase(short))))
        consumed.update((first, second))
    for gi, group in enumerate(query.groups):
        if gi in consumed:
            continue
        alternatives = []
        for ci, clause in enumerate(group):
            built = clause_node(clause)
            if built is None:
                continue
            if clause.negated:
                negatives.append(built)
                continue
            alternatives.append(built)
            alternatives += [
                entity_node(e)
                for e in expansions
                if (gi, ci) in e.clause_ids and len(e.clause_ids) == 1
            ]
        if alternatives:
            positives.append(nodes.any_of(alternatives))
    if not positives:
        main = nodes.Everything() if (query.filters or negatives) else None
    else:
        main = nodes.all_of(positives)
        # Adjacent words rank above the same words scattered. (A longer run of words is
        # a sentence: its closest quotes are found apart, see core.quotes_near.)
        words = [t for c in query.words() if c.kind == "word" for t in analyze_query(c.text)]
        if 1 < len(words) <= MAX_BOOSTED_RUN and len(query.groups) > 1:
            main = nodes.Boost(main, nodes.Phrase(tuple(words)))
    if main is None:
        return None
    if negatives:
        main = nodes.Exclude(main, nodes.any_of(negatives))
    return main


def loose_words(query):
    """The distinct words of a query's positive words and phrases, in order."""
    tokens = []
    for clause in query.words():
        if clause.kind == "prefix":
            continue
        for token in analyze_query(clause.text):
            if token not in tokens:
                tokens.append(token)
    return tokens[:MAX_LOOSE_WORDS]


def informative_words(tokens, doc_frequencies):
    """The rarer half of the words (at least three): the ones that tell documents apart.

    Finding the candidates that hold "the", "of" and "we" means reading nearly every
    document; the rare words find the same candidates, and the core's re-ranking still
    weighs every word.
    """
    if len(tokens) <= 3:
        return list(tokens)
    keep = max(3, math.ceil(len(tokens) / 2))
    frequency = doc_frequencies(tokens)
    rarest = sorted(tokens, key=lambda t: (frequency[t], tokens.index(t)))[:keep]
    return [t for t in tokens if t in rarest]


def loose_node(tokens, doc_frequencies, share, prefer=""):
    """`doc_frequencies(tokens)` gives {token: in how many documents}."""
    words = informative_words(tokens, doc_frequencies)
    return nodes.Loose(tuple(words), minimum=max(2, math.ceil(len(words) * share)), prefer=prefer)


def compile_loose(query, doc_frequencies):
    """Closest matches for a query whose words are not all found together, or None.

    Documents with most of the words (see informative_words); exclusions still apply.
    """
    tokens = loose_words(query)
    if len(tokens) < 3:
        return None
    # Sentence-like: the researcher is after a quote, not the article that prints it.
    main = loose_node(tokens, doc_frequencies, LOOSE_SHARE, prefer="quote")
    negatives = [n for n in (clause_node(c) for g in query.groups for c in g if c.negated) if n]
    return nodes.Exclude(main, nodes.any_of(negatives)) if negatives else main


def compile_filters(filters, names, resolve):
    """((field, value) required, (field, value) excluded, {field: [values]} selected)."""
    required, excluded, selected = [], [], {}
    for item in filters:
        value = resolve(item.field, item.value, names)
        if item.negated:
            excluded.append((item.field, value))
        else:
            required.append((item.field, value))
            selected.setdefault(item.field, []).append(value)
    return tuple(required), tuple(excluded), selected

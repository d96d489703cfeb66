"""Typo tolerance: which typed words the index does not know, and the closest indexed words."""

from archive.search.analysis import STEM_MARK, analyze_query, stem
from archive.search.compiler import EXPANSION_WORDS, FRAGMENTS, UNSPLIT


def is_known(engine, token):
    """The index holds the word, or a word with its stem, or it is a contraction typed whole."""
    if token in UNSPLIT or token in EXPANSION_WORDS or any(c.isdigit() for c in token):
        return True
    stemmed = stem(token)
    return any(engine.doc_frequency(t) > 0 for t in {token, STEM_MARK + stemmed, stemmed})


def blocking_unknown(engine, query, expansions):
    """True when a word that must match is unknown, so the strict search cannot find anything."""
    expanded = {gi for e in expansions for gi, _ in e.clause_ids}
    for gi, group in enumerate(query.groups):
        if gi in expanded or len(group) != 1 or group[0].negated or group[0].kind == "prefix":
            continue
        if any(not is_known(engine, t) for t in analyze_query(group[0].text)):
            return True
    return False


def spelling_suggestion(engine, query, expansions=()):
    """The query with unknown words replaced by the closest indexed real word, or None."""
    expanded = {query.groups[gi][ci].text for e in expansions for gi, ci in e.clause_ids}
    changed = False
    text = query.text
    for clause in query.words():
        if clause.kind == "prefix" or clause.text in expanded:
            continue
        for surface in clause.text.split():
            tokens = analyze_query(surface)
            if len(tokens) != 1:
                continue  # "doesn't" is two index words; correct only whole words
            token = tokens[0]
            if is_known(engine, token):
                continue
            maxdist = 1 if len(token) < 5 else 2
            candidates = [(word, freq) for word, freq in engine.suggest(token, maxdist)
                          if word not in FRAGMENTS and len(word) > 1]
            if not candidates:
                continue
            best = max(candidates, key=lambda wf: (-edit_distance(wf[0], token), wf[1]))[0]
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

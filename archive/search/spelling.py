"""Typo tolerance: which typed words the index does not know, and the closest indexed words."""

from archive.search.analysis import STEM_MARK, analyze_query, stem
from archive.search.compiler import EXPANSION_WORDS, FRAGMENTS, UNSPLIT


def always_known(token):
    """A contraction typed whole, or a number: never corrected."""
    return token in UNSPLIT or token in EXPANSION_WORDS or any(c.isdigit() for c in token)


def words_of(token):
    """The word and its stem as a word."""
    return {token, stem(token)}


def variants(token):
    """The word, its stem as a word and its "~stem": the index knows the word if it holds one."""
    return words_of(token) | {STEM_MARK + stem(token)}


class Vocabulary:
    """Which typed words the index knows, asked of the engine in one question for all the
    words of a search (and remembered for the rest of it)."""

    def __init__(self, engine):
        self.engine = engine
        self.known = {}

    def unknown(self, tokens):
        ask = {t for t in tokens if t not in self.known and not always_known(t)}
        if ask:
            # The words first, then the stems of those not found: a common word is known
            # at once, and only a rare word's stem is looked for in the documents.
            present = self.engine.indexed({v for t in ask for v in words_of(t)})
            missing = {t for t in ask if not words_of(t) & present}
            if missing:
                present |= self.engine.indexed({STEM_MARK + stem(t) for t in missing})
            self.known.update((t, bool(variants(t) & present)) for t in ask)
        return {t for t in tokens if not always_known(t) and not self.known[t]}


def blocking_unknown(engine, query, expansions, vocabulary=None):
    """True when a word that must match is unknown, so the strict search cannot find anything."""
    expanded = {gi for e in expansions for gi, _ in e.clause_ids}
    tokens = [
        t
        for gi, group in enumerate(query.groups)
        if not (gi in expanded or len(group) != 1 or group[0].negated or group[0].kind == "prefix")
        for t in analyze_query(group[0].text)
    ]
    return bool((vocabulary or Vocabulary(engine)).unknown(tokens))


def spelling_suggestion(engine, query, expansions=(), vocabulary=None):
    """The query with unknown words replaced by the closest indexed real word, or None."""
    expanded = {query.groups[gi][ci].text for e in expansions for gi, ci in e.clause_ids}
    # (surface, token) of each whole word that could be corrected
    # ("doesn't" is two index words; correct only whole words).
    words = [
        (surface, tokens[0])
        for clause in query.words()
        if not (clause.kind == "prefix" or clause.text in expanded)
        for surface in clause.text.split()
        for tokens in [analyze_query(surface)]
        if len(tokens) == 1
    ]
    unknown = (vocabulary or Vocabulary(engine)).unknown([token for _, token in words])
    changed = False
    text = query.text
    for surface, token in words:
        if token not in unknown:
            continue
        maxdist = 1 if len(token) < 5 else 2
        candidates = [
            (word, freq)
            for word, freq in engine.suggest(token, maxdist)
            if word not in FRAGMENTS and len(word) > 1
        ]
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

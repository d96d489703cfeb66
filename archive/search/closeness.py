"""Closest matches, ranked by the researcher's words standing close together.

Engines rank "closest matches" by how many words a document holds; an article
that prints a quote holds as many as the quote and more besides. What makes a
remembered quote the right answer is a short stretch of text holding most of the
words. So the best candidates are re-ranked by their best window: most distinct
words, then the shortest stretch, then the shorter record (a quote before the
article that prints it).
"""

from functools import lru_cache

from archive.search.analysis import stem
from archive.text import WORD, fold

# How many of the engine's best candidates are re-ranked (and shown) as closest matches.
CANDIDATES = 100


@lru_cache(maxsize=100_000)
def word_key(surface):
    return stem(fold(surface))


def best_window(text, tokens):
    """(distinct words matched, -length in words) of the best stretch of `text`."""
    wanted = {stem(t) for t in tokens}
    positions = []
    for n, surface in enumerate(WORD.findall(text)):
        key = word_key(surface)
        if key in wanted:
            positions.append((n, key))
    best = (0, 0)
    limit = 2 * len(tokens) + 4  # words apart that still count as "together"
    start = 0
    counts = {}
    for end in range(len(positions)):
        counts[positions[end][1]] = counts.get(positions[end][1], 0) + 1
        while positions[end][0] - positions[start][0] > limit:
            key = positions[start][1]
            counts[key] -= 1
            if not counts[key]:
                del counts[key]
            start += 1
        candidate = (len(counts), -(positions[end][0] - positions[start][0] + 1))
        best = max(best, candidate)
    return best


def closeness(index, obj, tokens):
    """(distinct words in the best window, -its length, -the record's length)."""
    texts = [text for _, text in index.passages(obj) if text]
    windows = [best_window(text, tokens) for text in texts]
    return (*max(windows, default=(0, 0)), -sum(len(text) for text in texts))


def ranked_by_closeness(loaded, tokens):
    """[(closeness, (index, obj, engine score))], closest first."""
    scored = [(closeness(item[0], item[1], tokens), item) for item in loaded]
    return sorted(scored, key=lambda pair: pair[0] + (pair[1][2],), reverse=True)


def closest_first(loaded, tokens):
    """[(index, obj, engine score)] sorted by how closely each holds the words."""
    return [item for _, item in ranked_by_closeness(loaded, tokens)]

"""Closest matches, ranked by the researcher's words standing close together.

Engines rank "closest matches" by how many words a document holds; an article
that prints a quote holds as many as the quote and more besides. What makes a
remembered quote the right answer is a short stretch of text holding most of the
words. So the best candidates are re-ranked by their best window: most distinct
words, then the shortest stretch, then the shorter record (a quote before the
article that prints it).
"""

from archive.search.analysis import stem
from archive.text import fold, words

# How many of the engine's best candidates are re-ranked (and shown) as closest matches.
CANDIDATES = 100


def best_window(text, tokens):
    """(distinct words matched, -length in words) of the best stretch of `text`."""
    wanted = {stem(t): t for t in tokens}
    positions = []
    for n, (_, _, surface) in enumerate(words(text)):
        key = stem(fold(surface))
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
    windows = [best_window(text, tokens) for _, text in index.passages(obj) if text]
    size = sum(len(text) for _, text in index.passages(obj) if text)
    return (*max(windows, default=(0, 0)), -size)


def closest_first(loaded, tokens):
    """[(index, obj, engine score)] sorted by how closely each holds the words."""
    return sorted(loaded, key=lambda item: closeness(item[0], item[1], tokens) + (item[2],),
                  reverse=True)

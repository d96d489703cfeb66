"""The archive's Whoosh analysis chain, used at index time and at query time.

    words (archive.text.WORD_PATTERN)  →  fold (case, diacritics, đ→dj, Cyrillic→Latin)
    →  at index time only, an extra "~stem" token at the same position

Keeping the folded word *and* its English stem at one position means:
phrases match word for word (no stop words are dropped, so a quoted phrase
only matches adjacent words), plain words match any inflection through the
stem, prefixes and typo corrections work on real words, and names are never
lost to the stemmer. The "~" marks stems so they never surface as spelling
suggestions or prefix matches.
"""

from functools import lru_cache

from whoosh.analysis import Filter, RegexTokenizer
from whoosh.lang.porter import stem as porter_stem

from archive.text import WORD_PATTERN, fold

STEM_MARK = "~"


@lru_cache(maxsize=200_000)
def stem(word):
    return porter_stem(word)


def stem_token(word):
    """The stem token for a folded word, or None when the stem is the word itself."""
    stemmed = stem(word)
    return STEM_MARK + stemmed if stemmed != word else None


@lru_cache(maxsize=500_000)
def index_tokens(surface):
    """(folded word, its "~stem" or None) for one word as a text has it, or None when it
    folds to nothing: what archive_analyzer() indexes for it, cached for bulk indexing."""
    folded = fold(surface)
    return (folded, stem_token(folded)) if folded else None


class FoldFilter(Filter):
    """Replaces each token's text with its folded form; drops tokens that fold to nothing."""

    def __call__(self, tokens):
        for token in tokens:
            folded = fold(token.text)
            if folded:
                token.text = folded
                yield token


class StemVariantFilter(Filter):
    """At index time, adds the English stem at the same position as the word."""

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode == "query":
                continue
            variant = stem_token(token.text)
            if variant:
                token.text = variant
                yield token


def archive_analyzer():
    return RegexTokenizer(WORD_PATTERN) | FoldFilter() | StemVariantFilter()


def analyze_query(text):
    """The folded words of a piece of query text, in order."""
    return [token.text for token in archive_analyzer()(text, mode="query")]

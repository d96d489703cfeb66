"""The archive's Whoosh analysis chain, used at index time and at query time.

    words (archive.text.WORD_PATTERN)  →  fold (case, diacritics, đ→dj, Cyrillic→Latin)
    →  at index time only, an extra "~stem" token at the same position

Keeping the folded word *and* its English stem at one position means:
phrases match word for word (no stop words are dropped, so a quoted phrase
only matches adjacent words), plain words match any inflection through the
stem, prefixes and typo corrections work on real words, and names are never
lost to the stemmer. The "~" marks stems so they never surface as spelling
suggestions or prefix matches.

Serbian and Russian decline names ("u Beogradu", "Nikitina", "Никитиным"). A document in one
of those languages carries a language tag in front of its text (`tag_language`); each of its
words then also gets its language's Snowball stem, marked with the language ("~sr~beograd"),
at the same position. A typed word is looked up by its stems in every such language
(`word_variants`), so "Nikitin" finds "Nikitina" in a Serbian text, while an English document
(no tag) keeps the English stems alone: its precision is unchanged.
"""

import re
from functools import lru_cache

import cyrtranslit
import snowballstemmer
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.lang.porter import stem as porter_stem

from archive.text import WORD_PATTERN, fold

STEM_MARK = "~"
LANGUAGE_TAG = "\u27e6{}\u27e7"  # ⟦sr⟧ in front of a document's text; never a word
LANGUAGE_TAG_PATTERN = re.compile("^\u27e6([a-z]{2,3})\u27e7")


@lru_cache(maxsize=200_000)
def stem(word):
    return porter_stem(word)


def stem_token(word):
    """The stem token for a folded word, or None when the stem is the word itself."""
    stemmed = stem(word)
    return STEM_MARK + stemmed if stemmed != word else None


# -- the stems of the languages that decline names --------------------------------------


@lru_cache(maxsize=4)
def _snowball(language):
    return snowballstemmer.stemmer(language)


def serbian_stem(word):
    """Snowball's Serbian stem of a folded (Latin, ASCII) word."""
    return _snowball("serbian").stemWord(word)


def russian_stem(word):
    """Snowball's Russian stem of a folded word, stemmed in Cyrillic and folded back: a
    function of the folded word alone, so a document and a query always agree."""
    return fold(_snowball("russian").stemWord(cyrtranslit.to_cyrillic(word, "ru"))) or word


LANGUAGE_STEMMERS = {"sr": serbian_stem, "ru": russian_stem}


@lru_cache(maxsize=200_000)
def language_stem_token(word, language):
    """The marked stem of a folded word in a document of `language`, or None."""
    stemmer = LANGUAGE_STEMMERS.get(language)
    return f"{STEM_MARK}{language}{STEM_MARK}{stemmer(word)}" if stemmer else None


@lru_cache(maxsize=20_000)
def word_variants(token):
    """What a typed (folded) word matches: itself, its English stem as a stem and as a word
    ("fleeing" also finds "flee"), and its stem in each declining language."""
    stemmed = stem(token)
    variants = [token, STEM_MARK + stemmed]
    if stemmed != token:
        variants.append(stemmed)
    variants += [language_stem_token(token, language) for language in LANGUAGE_STEMMERS]
    return tuple(dict.fromkeys(variants))


def tag_language(language, text):
    """A document's text with its language in front, when it has a stemmer of its own."""
    return LANGUAGE_TAG.format(language) + text if language in LANGUAGE_STEMMERS else text


def split_language(text):
    """(language or "", text without the tag)."""
    found = LANGUAGE_TAG_PATTERN.match(text or "")
    return (found.group(1), text[found.end() :]) if found else ("", text)


@lru_cache(maxsize=500_000)
def variant_tokens(folded, language=""):
    """The stem tokens a document in `language` adds at a folded word's position."""
    found = (stem_token(folded), language_stem_token(folded, language) if language else None)
    return tuple(token for token in found if token)


@lru_cache(maxsize=500_000)
def index_tokens(surface, language=""):
    """(folded word, *its stem tokens) for one word as a text in `language` has it, or None
    when it folds to nothing: what archive_analyzer() indexes for it, cached for bulk
    indexing (a corpus says the same words again and again)."""
    folded = fold(surface)
    return (folded, *variant_tokens(folded, language)) if folded else None


class LanguageTokenizer(RegexTokenizer):
    """The archive's words, each token told the document's language (from its tag)."""

    def __call__(self, value, start_char=0, **kwargs):
        language, rest = split_language(value)
        for token in super().__call__(
            rest, start_char=start_char + len(value) - len(rest), **kwargs
        ):
            token.language = language
            yield token


class FoldFilter(Filter):
    """Replaces each token's text with its folded form; drops tokens that fold to nothing."""

    def __call__(self, tokens):
        for token in tokens:
            folded = fold(token.text)
            if folded:
                token.text = folded
                yield token


class StemVariantFilter(Filter):
    """At index time, adds the English stem (and the document's language's) at the word's
    position."""

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode == "query":
                continue
            for variant in variant_tokens(token.text, getattr(token, "language", "")):
                token.text = variant
                yield token


def archive_analyzer():
    return LanguageTokenizer(WORD_PATTERN) | FoldFilter() | StemVariantFilter()


def analyze_query(text):
    """The folded words of a piece of query text, in order."""
    return [token.text for token in archive_analyzer()(text, mode="query")]

"""Text folding shared by search, the mention finder and slugs.

One place decides when two spellings are "the same word": case, diacritics,
Serbian đ/dj, Cyrillic and Latin, typographic quotes and dashes. Index time,
query time, snippets and mention matching all call these functions, so they
can never disagree.

Transliteration scheme: cyrtranslit (maintained, bidirectional), with the
language picked per word from its letters: Serbian (ђ ј љ њ ћ џ), Ukrainian
(є ї ґ), Belarusian (ў, or і without the Ukrainian letters), else Russian.
Its output is then folded to ASCII with Unidecode, and a few romanization
variants that English-language reporting uses interchangeably are merged
(kh/h, final -ij/-iy/-y), so "Евгений" and "Yevgeny"-style spellings come
closer and "Вучић", "Vučić" and "Vucic" are one word.
"""

import re
import unicodedata
from functools import lru_cache

import cyrtranslit
from unidecode import unidecode

# Characters a keyboard does not type, mapped to the ones it does. Same length
# in and out, so character offsets survive normalization.
TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
    }
)

# Invisible characters that may sit inside a word (soft hyphen, zero-width joiners).
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CYRILLIC = re.compile("[\u0400-\u04ff\u0500-\u052f]")
SERBIAN_LETTERS = set("ђјљњћџЂЈЉЊЋЏ")
UKRAINIAN_LETTERS = set("єїґЄЇҐ")
BELARUSIAN_LETTERS = set("ўЎ")
DOTTED_I = set("іІ")

# A word: letters and digits, possibly with invisible characters inside.
WORD_PATTERN = r"\w+(?:[\u00ad\u200b\u200c\u200d\u2060]\w+)*"
WORD = re.compile(WORD_PATTERN)


def normalize_typography(text):
    """Curly quotes, dashes and odd spaces as a keyboard types them."""
    return text.translate(TYPOGRAPHY)


def strip_control(text):
    return CONTROL.sub(" ", text)


def script_of(text):
    """'Cyrl', 'Latn', or 'Mixed' (ISO 15924 codes)."""
    has_cyrillic = bool(CYRILLIC.search(text))
    has_latin = bool(re.search("[A-Za-z\u00c0-\u024f]", text))
    if has_cyrillic and has_latin:
        return "Mixed"
    return "Cyrl" if has_cyrillic else "Latn"


def cyrillic_language(word):
    letters = set(word)
    if letters & SERBIAN_LETTERS:
        return "sr"
    if letters & UKRAINIAN_LETTERS:
        return "ua"
    if letters & BELARUSIAN_LETTERS or letters & DOTTED_I:
        return "by"
    return "ru"


# Cyrillic letters the Serbian alphabet lacks: a word with one is Russian (or another East
# Slavic language, told apart by its own letters above).
NOT_SERBIAN_LETTERS = set("йщъыьэюяёЙЩЪЫЬЭЮЯЁ")
SERBIAN_LATIN_LETTERS = set("čćšžđČĆŠŽĐ")
CYRILLIC_RUN = re.compile("[\u0400-\u052f]+(?:[\\s\u2010-\u2015'’-]+[\u0400-\u052f]+)*")


def language_tag(text, context=""):
    """The BCP 47 tag of a name or passage in Serbian or Russian, or "" for plain Latin.

    Letters only one of the languages has decide (ђ ј љ њ ћ џ are Serbian; й щ ъ ы ь э ю я ё
    are not); Cyrillic that could be either takes `context` ("sr" or "ru": the entity's or
    the article's language), else "und" (undetermined). Latin with č ć š ž đ is Serbian."""
    letters = set(text)
    if CYRILLIC.search(text):
        if letters & SERBIAN_LETTERS:
            return "sr-Cyrl"
        if letters & UKRAINIAN_LETTERS:
            return "uk"
        if letters & BELARUSIAN_LETTERS or letters & DOTTED_I:
            return "be"
        if letters & NOT_SERBIAN_LETTERS:
            return "ru"
        return {"sr": "sr-Cyrl", "ru": "ru"}.get(context, "und")
    if letters & SERBIAN_LATIN_LETTERS:
        return "sr-Latn"
    return ""


def transliterate(word):
    """Latin form of a Cyrillic word; other words unchanged."""
    if not CYRILLIC.search(word):
        return word
    latin = cyrtranslit.to_latin(word, cyrillic_language(word))
    return latin.replace("'", "")


ROMANIZATION_VARIANTS = [
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?<=\w)(?:ij|iy|yj)$"), "y"),
]


@lru_cache(maxsize=500_000)
def fold(word):
    """The comparison key of one word: lowercase ASCII, one spelling per sound."""
    word = INVISIBLE.sub("", word)
    word = word.replace("đ", "dj").replace("Đ", "Dj")
    word = transliterate(word)
    word = word.replace("đ", "dj").replace("Đ", "Dj")  # Serbian Cyrillic ђ comes out as đ
    word = unidecode(unicodedata.normalize("NFC", word)).lower()
    word = re.sub(r"[^a-z0-9]", "", word)
    for pattern, replacement in ROMANIZATION_VARIANTS:
        word = pattern.sub(replacement, word)
    return word


def words(text):
    """(start, end, surface) for every word of the text, in order."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def fold_phrase(text):
    """The folded words of a text, as a tuple: the key for comparing names."""
    return tuple(f for f in (fold(w) for _, _, w in words(text)) if f)

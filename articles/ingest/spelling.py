"""One spelling and one stem for a name's word in English, Serbian (both scripts) and Russian.

Each word is folded to one spelling (Latin letters, "y" written "j", "kh" written "h", Russian
"ch", "sh", "zh" as Serbian "c", "s", "z") and stemmed with Snowball's Serbian stemmer (and a
Cyrillic word with its Russian one too: России, Россия); two words are one name's when their
stems are. variants.py compares names by these, glossary.py translates by them.
"""

import re
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode

from articles.ingest import lexicon


@lru_cache(maxsize=2)
def _stemmer(language="serbian"):
    return snowballstemmer.stemmer(language)


# Russian letters as Serbian Latin writes them (unidecode would write я "ia", й "i"), so that
# Казарян and Kazarjan fold alike; Serbian Latin "đ" as unidecode writes Cyrillic "ђ" ("dj"), so
# that Građanski and Грађански do.
RUSSIAN_TO_LATIN = str.maketrans({"я": "ja", "ю": "ju", "ё": "jo", "й": "j", "ы": "i", "đ": "dj"})
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold_word(word):
    """One spelling for the Latin, Serbian and Cyrillic forms of a name's word."""
    word = unidecode(word.lower().translate(RUSSIAN_TO_LATIN)).lower()
    # Russian romanised (ч ш ж ц х: ch sh zh ts kh) meets Serbian Latin (č š ž c h: c s z c h).
    for digraph, letter in (
        ("shch", "s"),
        ("kh", "h"),
        ("ch", "c"),
        ("sh", "s"),
        ("zh", "z"),
        ("ts", "c"),
        ("y", "j"),
    ):
        word = word.replace(digraph, letter)
    word = re.sub(r"[^a-z]", "", word)
    # English spellings meet Slavic ones: a hard "c" is "k" (America, Америка; Copenhagen,
    # Копенгаген), Greek "eu" is "ev" (Europe, Европа), "iu" after a consonant "ju" (Tiumen).
    word = re.sub(r"(?<=[^aeiou])iu", "ju", re.sub(r"c(?=[aou])", "k", word)).replace("eu", "ev")
    # English spellings of the region's names meet the Serbian ones: Russia, Rusija; Anna, Ana.
    return re.sub(r"([a-z])\1", r"\1", word).replace("ia", "ija").replace("ijja", "ija")


def stem(word):
    return _stemmer().stemWord(fold_word(word))


@lru_cache(maxsize=8192)
def stems(word):
    """The stems a word is compared by: the Serbian stem of its folded spelling and, for a
    Cyrillic word, its Russian stem too ("России" and "Россия" are both росс)."""
    keys = [("sr", stem(word))]
    folded = fold_word(word)
    if "ija" in folded:  # Kazarian as well as Kazarjan, Kazaryan
        keys.append(("sr", _stemmer().stemWord(folded.replace("ija", "ja"))))
    if re.search(r"[nl]ji", folded):  # Serbian writes a Russian soft n, l: Бунин is Bunjin
        keys.append(("sr", _stemmer().stemWord(re.sub(r"([nl])ji", r"\1i", folded))))
    if word.isupper() and 2 <= len(word) <= 6:  # an acronym, by its letters: СХС, SHS
        keys.append(("acronym", lexicon.to_serbian_cyrillic(word.lower())))
    if CYRILLIC.search(word):
        lower = word.lower().replace("ё", "е")
        keys.append(("ru", _stemmer("russian").stemWord(lower)))
        if re.search(r"[аеоу]й$", lower):  # Дунай, Китай: the stemmer cuts Дуная, Китая shorter
            keys.append(("ru", _stemmer("russian").stemWord(lower[:-1] + "я")))
    return tuple(keys)


def same_word(a, b, shortest=4):
    """Do two words' stems() share a stem of the same stemmer?"""
    return any(
        same_stem(x, y, shortest) for kind, x in a for other, y in b if kind == other and x and y
    )


def same_stem(a, b, shortest=4):
    """Two stems of one name: equal, or one the other plus a short case ending."""
    short, long = sorted((a, b), key=len)
    if long.endswith("ic") and not short.endswith("ic"):
        return False  # Petrović is another family than Petrov
    if short == long and len(short) >= min(shortest, 4):
        return True
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2


def name_words(name):
    """The words of a name, a hyphenated one split ("Санкт-Петербург", "Sankt Peterburga")."""
    return [w for w in re.split(r"[\s‐-]+", name) if w]


def same_words(key, words, synonyms=None):
    """Every word of a name (each word's stems()) has the stem of its counterpart; in a name of
    several words a short word counts too ("Novom Sadu": Novi Sad), and so does another name
    of a one-word place ("Нового Белграда": Novi Beograd, as Белград is Beograd)."""
    shortest = 3 if len(key) > 1 else 4
    synonyms = synonyms or (lambda _a, _b: False)
    return len(key) == len(words) and all(
        same_word(a, b, shortest) or synonyms(a, b) for a, b in zip(key, words, strict=True)
    )

"""Declined and respelled names linked to the people the archive has, as proposals.

A Serbian or Russian text declines names (Nikitina, Nikitinu, Никитиным) and respells Russian
ones in Serbian Latin (Kazarjan for Kazaryan). The mention finder looks names up as written, so
these come out as unknown names. Here each unknown name is folded to one spelling (Latin
letters, "y" written "j", "kh" written "h", Russian "ch", "sh", "zh" as Serbian "c", "s", "z")
and stemmed with Snowball's Serbian stemmer, word by word, and compared with the archive's
people, organizations and places and their aliases. A match is only a proposal for a curator, who confirms it (it becomes an alias, and the article's
mentions are found again) or dismisses it: nothing is linked or created here.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode

from articles.ingest import lexicon
from people.models import ENTITY_MODELS, Person


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("serbian")


def fold_word(word):
    """One spelling for the Latin, Serbian and Cyrillic forms of a name's word."""
    word = unidecode(word).lower()
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
    # English spellings of the region's names meet the Serbian ones: Russia, Rusija; Anna, Ana.
    return re.sub(r"([a-z])\1", r"\1", word).replace("ia", "ija").replace("ijja", "ija")


VOWELS = set("aeiouаеёиоуыэюяі")
PALATALS = set("шжчщцћђјљњ")


def nominatives(word):
    """(nominative, gender) for each way `word` can be a Serbian or Russian name in an oblique
    case, in the order of lexicon.CASE_ENDINGS: "Snežanom" gives Snežana (feminine) first."""
    lower, found = word.lower(), []
    for ending, nominative, gender in lexicon.CASE_ENDINGS:
        stem_length = len(word) - len(ending)
        if stem_length < 2 or not lower.endswith(ending):
            continue
        last = lower[stem_length - 1]
        if nominative == "ь" and (last in VOWELS or not last.isalpha()):
            continue
        if nominative == "й" and last not in VOWELS:
            continue
        if ending == "ем" and nominative == "" and last not in PALATALS:
            continue  # "Игорем": Игорь; "Милошем": Милош
        found.append((word[:stem_length] + nominative, gender))
    return list(dict.fromkeys(found))


def stem(word):
    return _stemmer().stemWord(fold_word(word))


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


def same_words(key, stems):
    """Every word of a name of several words has the stem of its counterpart; in a name of
    several words a short word counts too ("Novom Sadu": Novi Sad)."""
    shortest = 3 if len(key) > 1 else 4
    return len(key) == len(stems) and all(
        same_stem(a, b, shortest) for a, b in zip(key, stems, strict=True)
    )


@dataclass
class Proposal:
    name: str  # as the text writes it
    entity: object  # the person, organization or place it would become an alias of

    @property
    def person(self):  # the proposals were for people only at first
        return self.entity

    @property
    def key(self):
        """The entity as the review screen's forms name it: "person:pyotr-nikitin"."""
        return f"{self.entity.link_field}:{self.entity.slug}"


class NamesIndex:
    """The archive's entities by the stems of their names and global aliases.

    A person is found by the stem of the surname (the last word), with the first name's
    initial when both have one ("Petar Nikitin" is Pyotr Nikitin, "Ivan Nikitin" is not); an
    organization or a place only by all its words ("u Beogradu": Beograd, an alias of
    Belgrade).
    """

    def __init__(self, entries=None):
        """`entries`: (entity, its names, is it a person?); the database's entities if None."""
        self.people = []  # (surname stem, first-name initial, person)
        self.others = []  # (stems of every word, entity)
        self.names = {}  # entity -> its names
        for entity, names, person in database_entries() if entries is None else entries:
            self.names[entity] = set(names)
            for words in (name.split() for name in names):
                if not words:
                    continue
                if person:
                    initial = fold_word(words[0])[:1] if len(words) > 1 else ""
                    self.people.append((stem(words[-1]), initial, entity))
                else:
                    self.others.append(
                        (tuple(stem(w) for w in name_words(" ".join(words))), entity)
                    )

    def propose(self, name):
        """The one entity a declined or respelled `name` stands for, or None."""
        words = name.split()
        if not words or not 1 <= len(words) <= 3:
            return None
        surname, initial = stem(words[-1]), fold_word(words[0])[:1] if len(words) > 1 else ""
        stems = tuple(stem(w) for w in name_words(name))
        found = {
            (person, key == surname)
            for key, first, person in self.people
            if same_stem(key, surname) and (not initial or not first or initial == first)
        }
        found |= {(entity, key == stems) for key, entity in self.others if same_words(key, stems)}
        # One entity whose stem is the same wins over others that are only near it (Nikitina:
        # Nikitin, not Nikita).
        for candidates in ({e for e, same in found if same}, {e for e, _ in found}):
            if len(candidates) == 1:
                return candidates.pop()
        return None


def matcher_entries(matcher):
    """NamesIndex entries from a mentions.NameMatcher's global names: no query of its own."""
    names = {}
    for surface, entities in matcher.global_names.items():
        for entity in entities:
            names.setdefault(entity, []).append(surface)
    return [(entity, found, isinstance(entity, Person)) for entity, found in names.items()]


def database_entries():
    for model in ENTITY_MODELS.values():
        for entity in model.objects.prefetch_related("aliases"):
            names = [entity.name, *(a.name for a in entity.aliases.all() if a.article_id is None)]
            yield entity, names, isinstance(entity, Person)


def propose_aliases(names, index=None):
    """Proposals for the unknown `names` of an article that look like known entities.

    A run of capitalised words ("Prijatelji Nikitina": a sentence's first word before a name;
    "Petar Nikitin": a respelled first name) is tried whole and by its last word, and each form
    that fits is proposed: the curator confirms the right one.
    """
    index = index or NamesIndex()
    proposals, seen = [], set()
    for name in names:
        for tried in dict.fromkeys([name, name.split()[-1]] if name.split() else []):
            entity = index.propose(tried)
            if entity is None or (tried, entity) in seen:
                continue
            known = index.names[entity]
            if tried != name and fold_word(tried) in {fold_word(n.split()[-1]) for n in known}:
                continue  # the bare surname as the archive writes it: nothing new
            if tried not in known:
                seen.add((tried, entity))
                proposals.append(Proposal(tried, entity))
    return proposals


def proposals_for(article, candidates, matcher):
    """The aliases proposed for `article`'s unknown names (`candidates`, from
    candidates.find_candidates with `matcher`), less those a curator dismissed for it."""
    names = [c.name for c in candidates]
    proposals = propose_aliases(names, NamesIndex(matcher_entries(matcher))) if names else []
    if not proposals:
        return []
    dismissed = {
        (d.name, d.entity)
        for d in article.dismissed_aliases.select_related("person", "organization", "place")
    }
    return [p for p in proposals if (p.name, p.entity) not in dismissed]

"""Declined and respelled names linked to the people the archive has, as proposals.

A Serbian or Russian text declines names (Nikitina, Nikitinu, Никитиным) and respells Russian
ones in Serbian Latin (Kazarjan for Kazaryan). The mention finder looks names up as written, so
these come out as unknown names. Here each unknown name is folded to one spelling (Latin
letters, "y" written "j", "kh" written "h") and stemmed with Snowball's Serbian stemmer, word by
word, and compared with the archive's people and their aliases. A match is only a proposal for
a curator: nothing is linked or created here.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode

from people.models import Person


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("serbian")


def fold_word(word):
    """One spelling for the Latin, Serbian and Cyrillic forms of a name's word."""
    word = unidecode(word).lower()
    word = word.replace("kh", "h").replace("y", "j")
    return re.sub(r"[^a-z]", "", word)


def stem(word):
    return _stemmer().stemWord(fold_word(word))


def same_stem(a, b):
    """Two stems of one name: equal, or one the other plus a short case ending."""
    short, long = sorted((a, b), key=len)
    if long.endswith("ic") and not short.endswith("ic"):
        return False  # Petrović is another family than Petrov
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2


@dataclass
class Proposal:
    name: str  # as the text writes it
    person: Person


class PeopleIndex:
    """The archive's people by the stem of their surname (the last word of a name or alias)."""

    def __init__(self):
        self.people = []  # (surname stem, first-name initial, person)
        for person in Person.objects.prefetch_related("aliases"):
            names = [person.name, *(a.name for a in person.aliases.all() if a.article_id is None)]
            for name in names:
                words = name.split()
                if words:
                    initial = fold_word(words[0])[:1] if len(words) > 1 else ""
                    self.people.append((stem(words[-1]), initial, person))

    def propose(self, name):
        """The one person a declined or respelled `name` stands for, or None."""
        words = name.split()
        if not words or not 1 <= len(words) <= 3:
            return None
        surname, initial = stem(words[-1]), fold_word(words[0])[:1] if len(words) > 1 else ""
        found = {person for key, first, person in self.people
                 if same_stem(key, surname) and (not initial or not first or initial == first)}
        return found.pop() if len(found) == 1 else None


def propose_aliases(names, index=None):
    """Proposals for the unknown `names` of an article that look like known people."""
    index = index or PeopleIndex()
    proposals = []
    for name in names:
        person = index.propose(name)
        if person is not None and name != person.name:
            proposals.append(Proposal(name, person))
    return proposals

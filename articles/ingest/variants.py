"""Declined and respelled names linked to the people the archive has, as proposals.

A Serbian or Russian text declines names (Nikitina, Nikitinu, Никитиным) and respells Russian
ones in Serbian Latin (Kazarjan for Kazaryan). The mention finder looks names up as written, so
these come out as unknown names. Here each unknown name is folded to one spelling (Latin
letters, "y" written "j", "kh" written "h", Russian "ch", "sh", "zh" as Serbian "c", "s", "z")
and stemmed with Snowball's Serbian stemmer (and a Cyrillic word with its Russian one too:
России, Россия), word by word, and compared with the archive's people, organizations and
places and their aliases. Names of institutions capitalised on their first word only
(Русского дома) are looked for as phrases, a one-word place's other names stand for it inside
longer names (Нового Белграда: Novi Beograd), and a saint's city is found without its "St."
(Петербургу). An organization or a place the archive names only in English is found by its
words translated (glossary.py: "Ruskog demokratskog društva", "в Германию", "Белградском
университете", "Краљевину СХС"). Spelling and stems: spelling.py. A match is only a proposal for a curator, who confirms it (it becomes an alias,
and the article's mentions are found again) or dismisses it: nothing is linked or created here.
"""

import re
from dataclasses import dataclass

from articles.ingest import lexicon
from articles.ingest.glossary import (
    OF_NAME,
    ROOT_OF_ADJECTIVE,
    glossary_entries,
    other_keys,
)
from articles.ingest.spelling import (  # noqa: F401 (stem, same_stem: the names' API)
    CYRILLIC,
    fold_word,
    name_words,
    same_stem,
    same_word,
    same_words,
    stem,
    stems,
)
from people.models import ENTITY_MODELS, Person

VOWELS = set("aeiouаеёиоуыэюяі")
PALATALS = set("шжчщцћђјљњ")


RUSSIAN_SURNAME_STEM = re.compile(r"(?:ов|ев|ёв|ин)$")
# A Serbian woman called by her -ić surname made feminine: "Kostićeva" (Mrs Kostić), and its
# other cases (Kostićevoj, Kostićevu, Kostićeve, Kostićevom).
FEMININE_IC = re.compile(r"(?<=[^\W\d_]{2})(ić|ић)(?:eva|evoj|evu|eve|evom|ева|евој|еву|еве|евом)$")


def nominatives(word, language=None):
    """(nominative, gender) for each way `word` can be a Serbian or Russian name in an oblique
    case, in the order of lexicon.CASE_ENDINGS: "Snežanom" gives Snežana (feminine) first.
    The article's language rules some out: a Russian woman's surname in -ова is -овой in the
    other cases, so "Белове" is Белов; Serbian drops a fleeting "a" (Aleksandra: Aleksandar)."""
    lower, found = word.lower(), []
    feminine_ic = FEMININE_IC.search(word)
    if feminine_ic:
        found.append((word[: feminine_ic.end(1)], lexicon.FEMININE))
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
        if nominative in ("а", "a") and last in ("и", "i", "ь") and ending in ("и", "i", "е", "e"):
            continue  # "Ксении", "Натальи", "Marije": Ксения, Наталья, Marija (rows in "я")
        base = word[:stem_length]
        if language == "ru" and ending == "е" and RUSSIAN_SURNAME_STEM.search(base.lower()):
            if nominative == "а":
                continue
        if (language or "").startswith("sr") and gender == lexicon.MASCULINE and not nominative:
            base = lexicon.serbian_nominative(base)
        found.append((base + nominative, gender))
    return list(dict.fromkeys(found))


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
        self.people = []  # (surname stems, first-name initial, person)
        self.others = []  # (stems of every word, entity)
        self.names = {}  # entity -> its names
        for entity, names, person in database_entries() if entries is None else entries:
            self.names[entity] = set(names)
            for words in (name.split() for name in names):
                if not words:
                    continue
                if person:
                    initial = fold_word(words[0])[:1] if len(words) > 1 else ""
                    self.people.append((stems(words[-1]), initial, entity))
                    continue
                for other in other_keys(name_words(" ".join(words))):
                    self.others.append((tuple(stems(w) for w in other), entity))
        self.single = [(key[0], entity) for key, entity in self.others if len(key) == 1]
        # "University of Belgrade" as "Белградский университет": the place's adjective first
        self.reordered = [
            (tuple(stems(w) for w in reversed(match.groups())), entity)
            for entity in dict.fromkeys(entity for _, entity in self.others)
            for name in self.names[entity]
            if (match := OF_NAME.fullmatch(name))
        ]
        self.people_found = {person for _, _, person in self.people}
        self._places = {}

    def places_of(self, word):
        """The one-word places and organizations a word's stems() name."""
        if word not in self._places:
            self._places[word] = {entity for key, entity in self.single if same_word(key, word)}
        return self._places[word]

    def synonyms(self, a, b):
        """Two words that are names of one one-word place (Белграда and Beograd), or forms of
        one glossary word (društva and Society, Германию and Germany)."""
        return bool(self.places_of(a) & self.places_of(b)) or bool(
            glossary_entries(a) & glossary_entries(b)
        )

    def propose(self, name):
        """The one entity a declined or respelled `name` stands for, or None."""
        words = name.split()
        if not words or not 1 <= len(words) <= 3:
            return None
        surname, initial = stems(words[-1]), fold_word(words[0])[:1] if len(words) > 1 else ""
        keys = tuple(stems(w) for w in name_words(name))
        found = {
            (person, key == surname)
            for key, first, person in self.people
            if same_word(key, surname) and (not initial or not first or initial == first)
        }
        found |= self.other_matches(keys)
        # One entity whose stem is the same wins over others that are only near it (Nikitina:
        # Nikitin, not Nikita).
        return self.one_of(found)

    def propose_phrase(self, phrase):
        """The one organization or place a phrase of several words names ("Русского дома":
        Russian House, whose Russian name is capitalised on its first word only), or None."""
        keys = tuple(stems(w) for w in name_words(phrase))
        return self.one_of(self.other_matches(keys)) if len(keys) > 1 else None

    def other_matches(self, keys):
        found = {
            (entity, key == keys)
            for key, entity in self.others
            if same_words(key, keys, self.synonyms)
        }
        if len(keys) == 2 and self.reordered:  # an adjective of the place, then the noun
            written = keys[0][0][1] if keys[0] else ""
            root = ROOT_OF_ADJECTIVE.sub("", written)
            if len(root) >= 4 and root != written:
                adjective = (stems(root), keys[1])
                found |= {
                    (entity, False)
                    for key, entity in self.reordered
                    if same_words(key, adjective, self.synonyms)
                }
        return found

    @staticmethod
    def one_of(found):
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


def spans_to_try(name):
    """The name, its last word, then its other runs of words, longest first: a run of
    capitalised words can hold two names ("Москвы Олегу Фомину", "Степана Казаряна Changeover")."""
    words = name.split()
    runs = [(0, len(words)), (len(words) - 1, len(words))]
    for length in range(len(words) - 1, 0, -1):
        runs += [(i, i + length) for i in range(len(words) - length + 1)]
    return [(i, j, " ".join(words[i:j])) for i, j in dict.fromkeys(runs) if i < j]


PHRASE_HEAD = re.compile(r"(?<![\w-])[^\W\d_a-zа-яёђјљњћџšđčćž][\w-]*")
PHRASE_TAIL = re.compile(r",? ([^\W\d_][\w-]*)")


def phrases(text, longest=6):
    """Each capitalised word of a text, and the runs of up to `longest` words it opens, as
    Serbian and Russian write an institution's name capitalised on its first word only
    ("Российского демократического общества") and a headline writes any name."""
    for head in PHRASE_HEAD.finditer(text):
        words, at = [head.group()], head.end()
        yield head.group()
        while len(words) < longest:
            tail = PHRASE_TAIL.match(text, at)
            if not tail:
                break
            words.append(tail.group(1))
            yield text[head.start() : tail.end()]
            at = tail.end()


def propose_aliases(names, index=None, texts=()):
    """Proposals for the unknown `names` of an article that look like known entities.

    A run of capitalised words ("Prijatelji Nikitina": a sentence's first word before a name;
    "Petar Nikitin": a respelled first name) is tried whole, by its last word and by its shorter
    runs of words where those found do not already cover them, and each form that fits is
    proposed: the curator confirms the right one. In `texts`, the names of organizations and
    places capitalised on their first word only are looked for too.
    """
    index = index or NamesIndex()
    proposals, seen = [], set()

    def add(tried, entity):
        if (tried, entity) not in seen and tried not in index.names[entity]:
            seen.add((tried, entity))
            proposals.append(Proposal(tried, entity))

    for name in names:
        covered, people, last = set(), set(), len(name.split()) - 1
        for i, j, tried in spans_to_try(name):
            # a person's surname is tried alone even so ("Prijatelji Nikitina": Nikitina)
            if covered & set(range(i, j)) and not (i == last and covered == people):
                continue
            entity = index.propose(tried)
            if entity is None:
                continue
            covered |= set(range(i, j))
            if entity in index.people_found:
                people |= set(range(i, j))
            known = index.names[entity]
            if tried != name and fold_word(tried) in {fold_word(n.split()[-1]) for n in known}:
                continue  # the bare surname as the archive writes it: nothing new
            add(tried, entity)
    for text in texts:
        for phrase in phrases(text):
            if phrase.istitle():  # every word capitalised: a name of a person too
                entity = index.propose(phrase) if len(phrase.split()) > 1 else None
            else:
                entity = index.propose_phrase(phrase)
            if entity is not None:
                add(phrase, entity)
    return proposals


def proposals_for(article, candidates, matcher):
    """The aliases proposed for `article`'s unknown names (`candidates`, from
    candidates.find_candidates with `matcher`), less those a curator dismissed for it."""
    names = [c.name for c in candidates]
    # the headline too: a declined name may be printed only there ("Šetnja Beogradom")
    names += [word for word in PHRASE_HEAD.findall(article.title or "")]
    texts = [article.title or "", *(p.text for p in article.paragraphs.all())]
    proposals = propose_aliases(names, NamesIndex(matcher_entries(matcher)), texts)
    if not proposals:
        return []
    dismissed = {
        (d.name, d.entity)
        for d in article.dismissed_aliases.select_related("person", "organization", "place")
    }
    return [p for p in proposals if (p.name, p.entity) not in dismissed]

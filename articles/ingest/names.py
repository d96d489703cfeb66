"""Names in a paragraph: capitalised runs that may be names, what kind of name each looks
like (person, organization, place), and the names, pronouns and descriptions that stand for
people (NameRef), for attribution.py to choose a speaker from.

Over 400 lines on purpose: the name shapes (capitalised runs, sentence starts, possessives)
and the references built from them (NameRef, Refs, Names) change together; split, each half
would import the other's private rules.
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from articles.ingest import lexicon
from articles.ingest.descriptions import unnamed_speakers
from articles.ingest.quotes import NAME_TOKEN, SPEECH_VERBS, Covered
from articles.ingest.variants import nominatives
from articles.models import Status
from people.models import Person

PLURAL_PRONOUNS = {"they", "They", "we", "We"}
PERSON_NOUN_WORDS = """
driver professor filmmaker landlord landlady owner bartender activist activists woman man girl
boy friend source employee organizer organiser official officials spokesperson spokesman
spokeswoman resident local locals singer engineer student mother father wife husband couple
son daughter colleague neighbour neighbor worker volunteer researcher scientist analyst expert
journalist reporter writer author director manager teacher doctor lawyer priest officer soldier
guard protester protestor refugee emigre émigré migrant founder leader chief minister promoter
gym-goer roommate partner waiter customer tenant guest visitor artist musician producer
entrepreneur businessman businesswoman interpreter programmer developer designer mayor
""".split()
# People spoken of as a group, without an article: "officials quipped".
GROUP_SUBJECT = re.compile(
    r"\b(?P<noun>officials|activists|locals|protesters|protestors|residents|critics|experts"
    r"|analysts|authorities|organizers|organisers|police|neighbours|neighbors)"
    r"(?=\s+(?:\w+ly\s+)?(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b)"
)
PERSON_NOUNS = re.compile(r"\b(" + "|".join(PERSON_NOUN_WORDS) + r")\b", re.IGNORECASE)
DESCRIPTOR = re.compile(
    r"\b(?i:the|my|a|an|one|his|her|their|our|another|this|that|some)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>" + "|".join(PERSON_NOUN_WORDS) + r")\b(?!['’]s)"
)
# "the 38-year-old": a description that points back to the person the text is about.
AGE_DESCRIPTOR = re.compile(r"\b[Tt]he\s+(?P<noun>\d+-year-old)\b(?![-\w])")
# Capitalised words that are not names: sentence starters, and the rest.
# fmt: off
COMMON_CAPITALISED = lexicon.SENTENCE_STARTERS | {
    "Three", "Why", "What", "Who", "How", "Where", "Which", "Instead", "Meanwhile", "Also",
    "Here", "Eventually", "Suddenly", "Soon", "Sometimes", "Every", "Each", "All", "Both",
    "Other", "Another", "Such", "Asked", "Being", "Faced", "Known", "Having", "Later", "Upon",
    "Only", "Just", "Elsewhere", "Considering", "Stepping", "Arriving", "Finding", "Everyone",
    "Nobody", "Sure", "Oh", "Yes", "Hello", "Thanks", "Please", "Mr", "Mrs", "Ms", "Dr",
    "Editor", "Russian", "Russians", "Serbian", "Serbs", "Serb", "Ukrainian", "Ukrainians",
    "Belarusian", "Belarusians", "European", "Europeans", "Western", "Orthodox", "Soviet",
    "Slavic", "American", "Americans", "British", "Brits", "Muscovites", "Communist",
    "Communists", "Christian", "Jewish", "Armenian", "Georgian", "Turkish", "German", "Greek",
    "Greeks", "Balkan", "Bolsheviks", "Bolshevik", "Tsarist", "Nazi", "Nazis", "Ottomans",
    "LGBT", "LGBTQ", "IT", "PTSD", "QR", "CCTV", "DJ", "OK", "TV", "EU", "US", "U.S.", "UK",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "President", "General", "Emperor", "King", "Queen", "Prime",
    "Minister", "Tsar", "Sir", "Saint", "St", "Mount", "Lake", "North", "South", "East", "West",
    "Central", "Eastern", "Northern", "Southern", "Top", "None", "Maybe", "Perhaps", "Inside",
    "Outside", "Amid", "Beneath", "Above", "Below", "Behind", "Except", "Without", "Within",
    "Through", "Throughout", "Until", "Whether", "Whenever", "Wherever", "Whatever", "Because",
    "Unless", "Neither", "Either", "Nor", "Or", "Let", "Do", "Does", "Did", "Is", "Are", "Was",
    "Were", "Be", "Have", "Has", "Had", "Can", "Could", "Will", "Would", "Should", "Must",
    "Might", "You", "Us", "Them", "Me", "Him", "Good", "Well", "Very", "More", "Less", "Much",
    "Nothing", "Something", "Everything", "Anything", "Someone", "Anyone", "Everybody",
    "Somebody", "Anybody", "Mr.", "Mrs.", "Dr.", "St.", "Moreover", "Furthermore",
    "Nevertheless", "Nonetheless", "Indeed", "Otherwise", "Therefore", "Thus", "Hence",
    "Besides", "Anyway", "Initially",
}
# fmt: on
TITLES = {
    "President",
    "General",
    "Emperor",
    "King",
    "Queen",
    "Tsar",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Professor",
    "Prof",
    "Minister",
    "Senator",
    "Mayor",
    "Patriarch",
    "Father",
    "Sister",
}
# fmt: off
ORG_WORDS = {
    "Society", "Ministry", "Court", "Bank", "Center", "Centre", "University", "Party", "Agency",
    "Times", "News", "Post", "Group", "Cafe", "Café", "Bar", "Company", "Inc", "Ltd", "Council",
    "Committee", "Foundation", "Institute", "Network", "Airlines", "Airline", "Army", "Police",
    "Church", "Festival", "Pride", "Roasters", "Service", "Services", "Office", "Bureau",
    "Press", "Media", "Radio", "TV", "Television", "Magazine", "Journal", "Together", "Union",
    "Federation", "Movement", "Association", "School", "Academy", "Club", "Studio", "Coalition",
    "House", "Parliament", "Government", "Embassy", "Interpol", "Community", "Place",
    "War", "Revolution", "Games", "Olympics", "Cup", "Championship", "Congress", "Summit",
    "Conference", "Forum",
}
# fmt: on
# fmt: off
PLACE_WORDS = {"Street", "Square", "Park", "Airport", "Prospekt", "Avenue", "Bridge", "River",
               "Mountains", "Mountain", "Island", "Stadium", "Fortress", "District", "Region",
               "Oblast", "Republic", "City", "Town", "Valley", "Sea", "Boulevard"}
# fmt: on


@dataclass
class NameRef:
    """A name, pronoun or description standing for a person in a paragraph."""

    start: int
    end: int
    text: str
    person: Person | None = None  # a known person
    name: str = ""  # a name the archive does not know yet, or an ambiguous one
    pronoun: str = ""
    descriptor: str = ""  # the noun of a description: "driver" in "the taxi driver"
    possessive: bool = False
    after_preposition: bool = False
    unnamed: bool = False  # a Slavic description of someone the text does not name
    gender: str | None = None  # the description's gender, where its noun shows it

    @property
    def label(self):
        return self.person.name if self.person else self.name or self.text

    @property
    def plural(self):
        return self.descriptor.endswith("s") or self.descriptor == "couple"


# -- names in a paragraph --------------------------------------------------------


class Refs(list):
    """A paragraph's NameRefs in reading order, indexed once so that what each quote asks
    ("the first name after here", "the last subject before the verb", "the nearest person
    before this pronoun") is a bisection, not a scan of the paragraph: a long paragraph of
    names and quotes would otherwise cost names × quotes."""

    def __init__(self, refs):
        super().__init__(sorted(refs, key=lambda r: r.start))
        self.starts = [r.start for r in self]
        by_end = sorted(range(len(self)), key=lambda k: self[k].end)
        self.ends = [self[k].end for k in by_end]

        def latest(keep):
            """For the first m refs by end: the reading-order index of the last kept one."""
            best, table = -1, []
            for k in by_end:
                if keep(self[k]):
                    best = max(best, k)
                table.append(best)
            return table

        def subject(r):
            return not r.pronoun and not r.plural and not r.possessive and not r.after_preposition

        self._unpossessed = latest(lambda r: not r.possessive)
        self._subject = latest(subject)
        self._named = latest(lambda r: subject(r) and not r.descriptor)
        self._unnamed = latest(lambda r: r.unnamed and not r.after_preposition)
        self._people = latest(lambda r: not r.pronoun and not r.plural and bool(r.person or r.name))
        # Named people who can be a paragraph's subject, and where each run of one label starts.
        self.speakers = [
            r for r in self if (r.person or r.name) and not r.possessive and not r.after_preposition
        ]
        self.speaker_starts = [r.start for r in self.speakers]
        self.speaker_ends = [r.end for r in self.speakers]
        self.nested = self.speaker_ends != sorted(self.speaker_ends)
        self.run_start = []
        for k, r in enumerate(self.speakers):
            same = k and self.speakers[k - 1].label == r.label
            self.run_start.append(self.run_start[k - 1] if same else k)

    def _last(self, table, end):
        """The last ref (in reading order) of `table`'s kind that ends by `end`."""
        k = bisect_right(self.ends, end)
        m = table[k - 1] if k else -1
        return self[m] if m >= 0 else None

    def first(self, start, end):
        k = bisect_left(self.starts, start)
        return self[k] if k < len(self) and self.starts[k] < end else None

    def last_unpossessed(self, start, end):
        ref = self._last(self._unpossessed, end)
        return ref if ref is not None and ref.start >= start else None

    def between(self, start, end):
        """Refs starting strictly between `start` and `end`."""
        return self[bisect_right(self.starts, start) : bisect_left(self.starts, end)]

    def last_unnamed(self, position):
        """The last description of an unnamed person (descriptions.py) before `position`."""
        return self._last(self._unnamed, position)

    def antecedent(self, position):
        """(the named subject, else any subject, else any person) last before `position`."""
        return (
            self._last(self._named, position) or self._last(self._subject, position),
            self._last(self._people, position),
        )

    def sole_speaker(self, start, end):
        """The first named person between start and end, if every one there is the same."""
        lo = bisect_left(self.speaker_starts, start)
        hi = bisect_right(self.speaker_ends, end) - 1
        if self.nested:  # names overlap (never found so far): read them all
            near = [r for r in self.speakers if start <= r.start and r.end <= end]
            return near[0] if len({r.label for r in near}) == 1 else None
        if hi < lo or self.run_start[hi] > lo:
            return None
        return self.speakers[lo]


class Names:
    """Who a paragraph names: known people (as the mention finder knows them), names the
    archive does not know yet, pronouns, and descriptions ("the taxi driver")."""

    def __init__(self, article, matcher, paragraphs):
        self.article = article
        self.matcher = matcher
        self.names = matcher.names_for(article) if matcher else {}
        self.pattern = matcher.pattern(self.names) if matcher else None
        # The headline counts: a person may be named in full only there ("Ana Ilić opens …").
        title = article.title if article.title and not article.title.startswith("[") else ""
        texts = [("title", title), *((p.kind, p.text) for p in paragraphs)]
        self.text = "\n".join(t for _, t in texts)
        self.lower_words = {w for w in NAME_TOKEN.findall(self.text) if w[:1].islower()}
        self.profiles, self.inner = {}, Counter()
        for kind, paragraph_text in texts:
            for start, end, name in capitalised_runs(
                paragraph_text, self.lower_words, slavic(article.language)
            ):
                profile = self.profiles.setdefault(name, Counter())
                profile.update(evidence(name, paragraph_text, start, end, article.language))
                if kind == "credit":
                    first = paragraph_text.split(" / ")[0]
                    profile["person" if first.startswith(name) else "organization"] += 2
                if not _sentence_initial(paragraph_text, start):
                    self.inner[name] += 1
        # The words of people's full names: "Bely" is a surname, not an adverb in -ly, where the
        # text also writes "Arkady Bely".
        self.name_words = set()
        for name in list(self.profiles):
            words = name.split()
            if 2 <= len(words) <= 3 and self.guess(name) == "person":
                self.name_words.update((words[0], words[-1]))
                for part in (words[0], words[-1]):
                    if part in self.profiles:
                        self.profiles[part]["person"] += 2
        # A person introduced in full and later called by surname: "Oleg Sergeyev … Sergeyev said",
        # also when the text introduces them in another case ("sa Snežanom Ilić … rekla je Ilić").
        self.language = article.language or ""
        self._genders = None
        self.declined = self.nominatives() if slavic(article.language) else {}
        self.full_names = self.introductions()
        if slavic(article.language):
            # a surname or first name in another case ("prema rečima Fomina", "мужа Натальи"):
            # the person it declines, read in the first case that fits (lexicon.CASE_ENDINGS)
            for name in self.profiles:
                if len(name.split()) == 1 and name not in self.full_names:
                    found = [
                        self.full_names[c]
                        for c, _ in nominatives(name, self.language)
                        if c in self.full_names
                    ]
                    if found:
                        self.declined[name] = found[0]
        self.curated = {}
        if article.pk:
            for mention in (
                article.mentions.exclude(status=Status.REJECTED)
                .filter(person__isnull=False)
                .select_related("person")
            ):
                self.curated[(mention.paragraph_id, mention.start, mention.end)] = mention.person

    def introductions(self):
        """{surname or first name: the full name, in the nominative, that introduced it}:
        "Oleg Sergeyev … Sergeyev said", "Anton Zhukov … Anton says". Of two full names with one
        surname, the one written inside a sentence wins over one that only opens sentences
        ("Познакомились Ершова и …" is a verb before the surname, not a first name)."""
        full = {}
        for name in self.profiles:
            words = name.split()
            if 2 <= len(words) <= 3 and self.guess(name) == "person":
                nominative = self.declined.get(name, name)
                forms = full.setdefault(nominative.split()[-1], {})
                forms[nominative] = forms.get(nominative, 0) + self.inner[name]
        found = {}
        for surname, forms in full.items():
            inside = [n for n, count in forms.items() if count] if len(forms) > 1 else list(forms)
            if len(inside) == 1:
                found[surname] = inside[0]
        firsts = {}
        for nominative in found.values():
            firsts.setdefault(nominative.split()[0], set()).add(nominative)
        for first, names in firsts.items():
            if len(names) == 1 and first not in found:
                found[first] = names.pop()
        return found

    def nominatives(self):
        """{name as written: its nominative} for the people a Serbian or Russian text names in
        another case. A surname is read in the case in which the text also uses it alone
        ("Rudnevom" is Rudneva when "kaže Rudneva" follows), preferring the form that is the
        subject of a speech verb; the first name takes the gender that form shows."""
        bare = {n for n in self.profiles if len(n.split()) == 1}
        people = [
            n for n in self.profiles if 2 <= len(n.split()) <= 3 and self.guess(n) == "person"
        ]
        claimed = {n.split()[-1] for n in people if n.split()[-1] in bare}
        # who claims it: "Ольги Мироновой" is Ольга Миронова's, not another Миронова's
        claimants = {(n.split()[-1], n.split()[0][:3]) for n in people}
        genders = self.speech_genders() if people else {}
        found = {}
        for name in people:
            *firsts, last = name.split()
            if last in bare:
                surname, gender, declined = last, None, False
            else:
                readings = sorted(
                    (
                        (c, g)
                        for c, g in nominatives(last, self.language)
                        if c in bare
                        and c != last
                        and (c not in claimed or (c, firsts[0][:3]) in claimants)
                    ),
                    key=lambda r: -self.profiles[r[0]]["person"],
                )
                if not readings:
                    continue
                (surname, gender), declined = readings[0], True
            gender = gender or genders.get(surname)
            if gender is None and not declined and len(surname) >= 5:
                # a surname that declines for a man (Мельников, Beljajev) written as in the
                # nominative: a man's name, so "Андрей", "Artjom" are no oblique cases
                shown = lexicon.name_gender(surname)
                gender = shown if shown == lexicon.MASCULINE else None
            if (
                gender is None
                and not declined
                and surname.endswith(lexicon.INDECLINABLE_FEMININE)
                and all(w.lower().endswith(lexicon.FEMININE_OBLIQUE) for w in firsts)
            ):
                gender = lexicon.FEMININE  # "Milici Jovanović": a woman's name, in the dative
            firsts = nominative_first(firsts, gender, declined, self.language)
            nominative = " ".join([*firsts, surname])
            if nominative != name:
                found[name] = nominative
        return found

    def speech_genders(self, roles=False):
        """{word: the gender of a past-tense speech verb beside it} ("rekla je Ilić": Ilić is a
        woman's surname), or with `roles` of a role or kin noun before it ("предприниматель
        Небойша", "муж Андрей"), read in one pass over the text. Only words a space apart
        count: a sentence's end or a quotation mark parts them ("…“, rekla je. Orlov …")."""
        matches = list(NAME_TOKEN.finditer(self.text))
        tokens = [m.group() for m in matches]

        def beside(i, j):
            low, high = sorted((i, j))
            return all(
                self.text[matches[k].end() : matches[k + 1].start()] == " "
                for k in range(low, high)
            )

        found = {}
        for i, token in enumerate(tokens):
            if roles:
                role = lexicon.role_gender(token)
                if (
                    role
                    and i + 1 < len(tokens)
                    and tokens[i + 1][:1].isupper()
                    and beside(i, i + 1)
                ):
                    found.setdefault(tokens[i + 1], role)
                continue
            gender = lexicon.verb_gender(token)
            if not gender:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(tokens) and tokens[j] in lexicon.AUXILIARIES:
                    j += j - i  # "rekla je Ilić", "Ilić je rekla"
                if 0 <= j < len(tokens) and beside(i, j):
                    found.setdefault(tokens[j], gender)
        return found

    def gender_of(self, name):
        """The gender a person's name shows: by a gendered verb beside its words, else by its
        surname's ending (Крылова, Orlov), else by a role or kin noun before it (a masculine
        one names women too: "социолог Анна Крылова"), else by the first name's ending."""
        if self._genders is None:
            slavic_text = slavic(self.language)
            self._genders = (
                self.speech_genders() if slavic_text else {},
                self.speech_genders(roles=True) if slavic_text else {},
            )
        verbs, roles = self._genders
        words = name.split()
        for word in words:
            if word in verbs:
                return verbs[word]
        surname = lexicon.name_gender(words[-1]) if len(words) > 1 else None
        if surname:
            return surname
        for word in words:
            if word in roles:
                return roles[word]
        return lexicon.name_gender(name)

    def full_name(self, name):
        """The name in full, in the nominative, as the text introduced it."""
        return self.full_names.get(name) or self.declined.get(name) or name

    def known(self, text):
        if not self.matcher:
            return []
        return self.matcher.find(self.article, text, self.names, self.pattern)

    def guess(self, name):
        return guess_kind(name, "", 0, 0, self.profiles.get(name) or Counter()) or (
            "person" if 2 <= len(name.split()) <= 3 else ""
        )

    def worth_listing(self, name):
        """Is a capitalised run worth a curator's look as a candidate name?"""
        single = len(name.split()) == 1
        if not single:
            return True
        profile = self.profiles.get(name) or Counter()
        if DEMONYM.search(name) and not profile["person"]:
            return False
        return self.inner[name] > 0 or sum(profile.values()) > 0

    def name_like(self, name):
        """Does the article treat an unknown capitalised name as a person's?"""
        full = self.full_names.get(name, "")  # "Bely" of "Arkady Bely", not of "Kingdom of Serbs"
        return (
            self.guess(name) == "person"
            or name in self.declined
            or bool(full)
            and all(w[:1].isupper() for w in full.split())
        )

    def refs(self, paragraph, blanked):
        """NameRefs for the people `paragraph` names outside its quotes (`blanked`)."""
        text = paragraph.text
        refs, taken, in_refs = [], Covered(len(blanked)), Covered(len(blanked))
        for start, end, written, entities in self.known(blanked):
            taken.add(start, end)
            people = [e for e in entities if isinstance(e, Person)]
            if len(people) != len(entities):
                continue  # a place or an organization
            person = people[0] if len(people) == 1 else self.curated.get((paragraph.pk, start, end))
            refs.append(
                self._shape(
                    NameRef(start, end, written, person=person, name="" if person else written),
                    text,
                )
            )
        for start, end, name in capitalised_runs(
            blanked, self.lower_words, slavic(self.language), self.name_words
        ):
            if taken.overlaps(start, end) or not self.name_like(name):
                continue
            refs.append(self._shape(NameRef(start, end, name, name=self.full_name(name)), text))
        for match in lexicon.pronoun_pattern(self.article.language).finditer(blanked):
            refs.append(
                self._shape(
                    NameRef(
                        match.start(), match.end(), match.group(), pronoun=match.group().lower()
                    ),
                    text,
                )
            )
        for ref in refs:
            in_refs.add(ref.start, ref.end)
        for pattern in (AGE_DESCRIPTOR, DESCRIPTOR, GROUP_SUBJECT):
            for match in pattern.finditer(blanked):
                if in_refs.overlaps(match.start(), match.end()):
                    continue
                in_refs.add(match.start(), match.end())
                refs.append(
                    self._shape(
                        NameRef(
                            match.start(),
                            match.end(),
                            match.group(),
                            descriptor=match["noun"].lower(),
                        ),
                        text,
                    )
                )
        if slavic(self.language):
            for start, end, noun, gender in unnamed_speakers(blanked):
                if not in_refs.overlaps(start, end):
                    in_refs.add(start, end)
                    ref = NameRef(start, end, blanked[start:end], descriptor=noun, unnamed=True)
                    ref.gender = gender
                    refs.append(self._shape(ref, text))
        return Refs(refs)

    def _shape(self, ref, text):
        ref.possessive = bool(re.match(r"[’']s?\b", text[ref.end : ref.end + 2]))
        before = text[max(0, ref.start - 12) : ref.start]
        ref.after_preposition = bool(
            re.search(
                r"\b(?:of|to|with|from|for|by|about|against|like|between|and|than|toward|towards"
                r"|under|behind|at|on|in|into|over)\s+$",
                before,
            )
            or slavic(self.language)
            and (SLAVIC_PREPOSITION_BEFORE.search(before) or oblique_role_before(before))
        ) or bool(re.search(r"[’']s\s+$", before))
        if PASSIVE_AGENT.search(text[max(0, ref.start - 30) : ref.start]):
            ref.after_preposition = False  # "started by Arkady Bely": who did it
        return ref

    def appositives(self, paragraph, refs):
        """{noun: ref} from "Vladimir Zeremsky, a landlord" and "my taxi driver, Sasha,"."""
        found, text = {}, paragraph.text
        named = [r for r in refs if r.person or r.name]
        named_starts = [r.start for r in named]
        for ref in named:
            match = APPOSITIVE.match(text, ref.end)
            if match:
                for noun in PERSON_NOUNS.findall(match.group(1)):
                    found[noun.lower()] = ref
        for ref in refs:
            if ref.descriptor:
                k = bisect_right(named_starts, ref.end)
                following = named[k] if k < len(named) else None
                if following and NAME_FOLLOWS.fullmatch(text, ref.end, following.start):
                    found[ref.descriptor] = following
        return found


def slavic(language):
    return (language or "").startswith(("sr", "ru", "hr", "bs", "uk", "be"))


def nominative_first(words, gender, surname_declined, language=None):
    """The first names of a declined name in the nominative: "Snežanom" → Snežana (feminine),
    "Draganu" → Dragan (masculine). Left as written when nothing shows they are declined."""
    out = []
    for word in words:
        lower = word.lower()
        keep = (
            gender == lexicon.FEMININE
            and lower.endswith(lexicon.FEMININE_FIRST_ENDINGS)
            or gender is None
            and not lower.endswith(lexicon.OBLIQUE_ONLY)
            or gender == lexicon.MASCULINE
            and not surname_declined
        )
        readings = (
            [] if keep else [c for c, g in nominatives(word, language) if gender in (None, g)]
        )
        out.append(readings[0] if readings else word)
    return out


# A Russian or Serbian preposition before a name puts it in a case that is no subject ("о
# Николае Петрове", "sa Markom"); "po"/"по" opens "по словам X" too, which is read apart.
SLAVIC_PREPOSITION_BEFORE = re.compile(
    r"(?<!\w)(?i:о|об|обо|с|со|к|ко|от|для|без|при|про|sa|s|od|do|za|kod|bez|uz|са|од|до"
    r"|за|код|без|уз|ка|ka)\s+$"
)
# The agent of a passive verb: "The club was started by X", "a school run by X".
PASSIVE_AGENT = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:\w+ed|run|led|begun|built|founded|set up"
    r"|made|written|taken|given|chosen|kept|held)\s+by\s+$"
)
APPOSITIVE = re.compile(r",\s+(?:a|an|the|my|our)\s+([^,.;:“”]{2,70})")
NAME_FOLLOWS = re.compile(r",\s+|\s+(?:called|named)\s+")
CONNECTORS = ("of", "de", "van", "von", "der", "bin", "al", "da")
CONTRACTION = re.compile(r"[’'](?:m|d|ve|re|ll|s|t)$")
DEMONYM = re.compile(r"(?:ians?|ish|ese|eans?|ites?|ers|ists?)$")
FUNCTION_LIKE = re.compile(r"(?:ly|ing|ed)$")


CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _same_script(a, b):
    """A name does not mix scripts: "Степана Казаряна Changeover" is a name and a festival."""
    return bool(CYRILLIC.search(a)) == bool(CYRILLIC.search(b))


def capitalised_runs(text, lower_words=frozenset(), slavic=False, name_words=frozenset()):
    """(start, end, name) of runs of capitalised words that may be names.

    "Russia’s Vladimir Putin" is two names, "Russian-owned" none, "I’m" none; a capitalised
    word that also occurs in lower case ("Despite", "Rental") is not a name at a sentence's
    start, and is dropped from the front of a run ("Maybe London"). In Serbian and Russian
    (`slavic`) a person's name has two words, or three with a patronymic in the middle, so a
    run of three is a word and a name ("Москвы Олегу Фомину", "Риелтор Бояна Лазич"). The
    `name_words` of names the text gives in full are names even where they end as an adverb
    does ("Bely, who …").
    """
    runs = []
    tokens = list(NAME_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        if not _is_name_word(tokens[i].group()):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and not _possessive(tokens[j].group()):
            gap = text[tokens[j].end() : tokens[j + 1].start()]
            following = tokens[j + 1].group()
            if not _same_script(tokens[j].group(), following):
                break
            if gap == " " and _is_name_word(following) and following not in COMMON_CAPITALISED:
                j += 1
            elif (
                gap == " "
                and following in CONNECTORS
                and j + 2 < len(tokens)
                and _is_name_word(tokens[j + 2].group())
                and text[tokens[j + 1].end() : tokens[j + 2].start()] == " "
            ):
                j += 2
            else:
                break
        first, last = i, j
        while first <= last and (
            tokens[first].group() not in name_words
            and _leading_filler(
                tokens[first].group(), lower_words, text, tokens[first].start(), first == i
            )
            # "Glumac Kiril Morozov", "Koleginicom Snežanom": a role before a name, but a
            # surname on its own stays ("Baker said", "kaže Ribar")
            or first < last
            and lexicon.is_role_noun(tokens[first].group())
        ):
            first += 1
            while first <= last and tokens[first].group() in CONNECTORS:
                first += 1
        pieces = [(first, last)]
        if (
            slavic
            and last - first == 2
            and not lexicon.PATRONYMIC.search(tokens[first + 1].group().lower())
        ):
            pieces = [(first, first), (first + 1, last)]
        for first, last in pieces:
            _add_run(runs, text, tokens, first, last, lower_words, name_words)
        i = j + 1
    return runs


def _add_run(runs, text, tokens, first, last, lower_words, name_words=frozenset()):
    """Keep tokens[first..last] as a run unless it is one word that is no name."""
    if first > last:
        return
    start, end = tokens[first].start(), tokens[last].end()
    name = re.sub(r"[’']s?$", "", text[start:end])
    single = len(name.split()) == 1
    if len(name) > 1 and not (
        single
        and (
            name.lower() in lower_words
            and (_sentence_initial(text, start) or not name.isupper())
            or FUNCTION_LIKE.search(name)
            and _sentence_initial(text, start)
            and name not in name_words
        )
    ):
        runs.append((start, start + len(name), name))


def _possessive(word):
    return bool(re.search(r"[’']s$", word))


def _leading_filler(word, lower_words, text, start, at_run_start):
    if word in COMMON_CAPITALISED or word in TITLES:
        return True
    if at_run_start and word in lexicon.SLAVIC_FUNCTION_WORDS and _sentence_initial(text, start):
        return True
    return (
        at_run_start
        and _sentence_initial(text, start)
        and (word.lower() in lower_words or bool(FUNCTION_LIKE.search(word)))
    )


def _is_name_word(word):
    if not word[:1].isupper() or word.isdigit() or (len(word) == 1 and word != "X"):
        return False
    if CONTRACTION.search(word) and not _possessive(word):
        return False
    if _possessive(word) and word[:-2] in COMMON_CAPITALISED:
        return False
    parts = word.split("-")
    return not (len(parts) > 1 and any(p[:1].islower() for p in parts[1:]))


SENTENCE_LEAD = frozenset(" “‘”’\"'([)\\]—–-")


def _sentence_initial(text, start):
    """Nothing but spaces, quotation marks, brackets and dashes between `start` and the end
    of a sentence (or the text's start). Reads back only that far, never the whole text."""
    k = start
    while k and text[k - 1] in SENTENCE_LEAD:
        k -= 1
    return not k or text[k - 1] in ".!?…:"


VERB_ALTERNATION = "|".join(sorted(SPEECH_VERBS))
PERSON_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(TITLES) + r")\.?|\d+-year-old|\b(?:named|called|nicknamed)"
    r"|\b(?:" + VERB_ALTERNATION + r")(?:\s+(?:je|su|је|су))?|,)\s+$"
)
PERSON_AFTER = re.compile(
    r"^(?:\s+(?:\w+ly\s+)?(?:" + VERB_ALTERNATION + r")\b|,?\s+(?:who|whose)\s|,\s+(?:a|an|the)\s"
    r"|,\s+(?:\d+|\w+-year-old),)"
)
# A Serbian or Russian relative pronoun of a person after a name ("Dragan, koji …"), read where
# no preposition stands before the name ("stanodavac sa Dorćola, koji …" is the landlord).
SLAVIC_RELATIVE_AFTER = re.compile(
    r"^,\s+(?:koji|koja|čiji|čija|који|која|чији|чија|который|которая|чей|чья)\s"
)
# "in", "from" in English, Serbian Latin ("u Beogradu", "iz Moskve") and Russian ("в Белграде",
# "из Москвы"); not Cyrillic "у", which is Serbian "in" but Russian "at someone's".
PLACE_BEFORE = re.compile(
    r"(?<![Aa]ccording )\b(?:in|from|to|near|across|around|outside|toward|towards|into|via"
    r"|u|iz|из|в|во)\s+(?:the\s+)?$"
)


# Serbian Cyrillic "у" is "in" ("у Новом Саду"), read so in Serbian text only.
SERBIAN_PLACE_BEFORE = re.compile(r"(?<!\w)[Уу]\s+$")


# The word right before a name: a role or kin noun there makes it a person's ("Komšija Dragan").
ROLE_BEFORE = re.compile(r"(?<![\w-])([^\W\d_][\w-]*) $")


def oblique_role_before(before):
    """A role or kin noun in an oblique case right before a name ("sa ćerkom Milom", "с мужем
    Андреем"): the name is in that case too, so no subject."""
    role = ROLE_BEFORE.search(before)
    word = role.group(1).lower() if role else ""
    return bool(word) and word not in lexicon.ROLE_NOUNS and lexicon.is_role_noun(word)


def evidence(name, text, start, end, language=None):
    """What one occurrence says about what a name names: a Counter of kinds."""
    found = Counter()
    words = name.split()
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if words[-1] in ORG_WORDS or (name.isupper() and len(name) <= 6):
        found["organization"] += 2
    if words[-1] in PLACE_WORDS:
        found["place"] += 2
    if len(words) >= 2 and re.fullmatch(r"[IVX]+", words[-1]) and words[-2] not in ORG_WORDS:
        found["person"] += 2  # Nicholas II
    role = ROLE_BEFORE.search(before)
    if role and lexicon.is_role_noun(role.group(1)):
        found["person"] += 1  # "её муж Андрей", "penzioner Đura", "programmer Pavel"
    if (
        SLAVIC_RELATIVE_AFTER.match(after)
        and not SLAVIC_PREPOSITION_BEFORE.search(before)
        and not PLACE_BEFORE.search(before)
    ):
        found["person"] += 1
    if (
        PERSON_BEFORE.search(before)
        and not before.rstrip().endswith(",")
        or PERSON_AFTER.match(after)
    ):
        found["person"] += 1
    if before.rstrip().endswith(",") and re.match(r",\s", after):
        found["person"] += 1  # an appositive: "A Serbian friend, Danjela, said"
    if (
        PLACE_BEFORE.search(before)
        or re.match(r"-based\b", after)
        or (language or "").startswith("sr")
        and SERBIAN_PLACE_BEFORE.search(before)
    ):
        found["place"] += 1
    return found


def guess_kind(name, text, start, end, profile=None):
    """person / organization / place / "" for a capitalised name, from its evidence."""
    found = Counter(profile) if profile else evidence(name, text, start, end)
    if not found:
        return "person" if 2 <= len(name.split()) <= 3 and not profile else ""
    kind, count = found.most_common(1)[0]
    if kind == "person" and found["place"] >= count:
        return "place"
    return kind

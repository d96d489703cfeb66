"""Find direct quotes in an article, guess who said them, and list unknown names.

Quotes: words between “double”, ‘single’ or straight quotation marks in
body paragraphs and captions, exactly as printed (marks excluded). A quote
broken by its attribution (“…,” he said, “…”) is two quotes with one speaker.
Scare quotes and names in quotation marks (a “bubble”, the “Z” symbol) are
told apart from speech by length, form and context: speech is long, or ends
in punctuation, or sits next to a speech verb (says, told, explains, adds …).

Speakers: from the words next to the quote (“…,” says Radina Vučetić /
Vuksanović adds / she explains / A friend, Danjela, said: ‘…’), from the
sentence around it (According to X, …; X argues … “…”), from a quote just
before it in the paragraph (a broken quote), and for a pronoun from the last
person named before it. A speaker is a known Person (a name or alias, as the
mention finder knows them); a name the archive does not know yet is kept as
written, for a curator to turn into a person. Each quote gets a confidence:
how sure the extractor is that it is speech, times how sure it is of the
speaker. Suggestions are saved unreviewed; a curator confirms or corrects.

Candidates: capitalised names that match no known entity, with a guess of
what they name, for a curator to turn into a new entity or an alias.
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import transaction

from articles.ingest import lexicon
from articles.models import Mention, Paragraph, Quote, Status
from people.models import Person

QUOTED_KINDS = ("body", "caption")
DEFAULT_THRESHOLD = 0.5

SPEECH_VERBS = lexicon.ALL_SPEECH_VERBS
# Verbs that introduce a quote only when next to it ("reads “…”", "called them ‘…’").
WEAK_VERBS = {"reads", "called", "calls", "describes", "described", "believes", "thinks"}
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
    r"(?=\s+(?:\w+ly\s+)?(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b)")
PERSON_NOUNS = re.compile(r"\b(" + "|".join(PERSON_NOUN_WORDS) + r")\b", re.IGNORECASE)
DESCRIPTOR = re.compile(
    r"\b(?:the|my|a|an|one|his|her|their|our|another|this|that|some)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>" + "|".join(PERSON_NOUN_WORDS) + r")\b(?!['’]s)")
TERM_MARKERS = re.compile(
    r"(?:\b(?:a|an|the|so-called|called|dubbed|named|termed|term|word|words|as|titled|labell?ed"
    r"|designated|known as|referred to as|its|their|his|her|our|this|that|of)\s*)$",
    re.IGNORECASE)
NAME_TOKEN = re.compile(r"[^\W\d_][\w’'\-]*")
SENTENCE_BREAK = re.compile(r"[.!?…][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-ZÀ-ÖØ-ÞА-Я])")
COMMON_CAPITALISED = {
    "A", "An", "The", "In", "On", "At", "But", "And", "As", "After", "Before", "When", "While",
    "Since", "For", "With", "Although", "Though", "However", "It", "This", "That", "These",
    "Those", "There", "Many", "Some", "Most", "Few", "Over", "Under", "From", "To", "By", "If",
    "Once", "Now", "Then", "Today", "Yet", "So", "We", "I", "He", "She", "They", "Its", "Their",
    "His", "Her", "Our", "My", "Your", "Not", "No", "Even", "Still", "Among", "According",
    "During", "Following", "Like", "Unlike", "Last", "Next", "One", "Two", "Three", "Why",
    "What", "Who", "How", "Where", "Which", "Despite", "Instead", "Meanwhile", "Also", "Here",
    "Eventually", "Suddenly", "Soon", "Sometimes", "Every", "Each", "All", "Both", "Other",
    "Another", "Such", "Asked", "Being", "Faced", "Known", "Having", "Later", "Upon", "Only",
    "Just", "Elsewhere", "Considering", "Stepping", "Arriving", "Finding", "Everyone", "Nobody",
    "Sure", "Oh", "Yes", "Hello", "Thanks", "Please", "Mr", "Mrs", "Ms", "Dr", "Editor",
    "Russian", "Russians", "Serbian", "Serbs", "Serb", "Ukrainian", "Ukrainians", "Belarusian",
    "Belarusians", "European", "Europeans", "Western", "Orthodox", "Soviet", "Slavic",
    "American", "Americans", "British", "Brits", "Muscovites", "Communist", "Communists",
    "Christian", "Jewish", "Armenian", "Georgian", "Turkish", "German", "Greek", "Greeks",
    "Balkan", "Bolsheviks", "Bolshevik", "Tsarist", "Nazi", "Nazis", "Ottomans", "LGBT",
    "LGBTQ", "IT", "PTSD", "QR", "CCTV", "DJ", "OK", "TV", "EU", "US", "U.S.", "UK",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "President", "General", "Emperor", "King", "Queen", "Prime",
    "Minister", "Tsar", "Sir", "Saint", "St", "Mount", "Lake", "North", "South", "East", "West",
    "Central", "Eastern", "Northern", "Southern", "Top", "None", "Maybe", "Perhaps",
    "Inside", "Outside", "Amid", "Beneath", "Above", "Below", "Behind", "Except", "Without",
    "Within", "Through", "Throughout", "Until", "Whether", "Whenever", "Wherever", "Whatever",
    "Because", "Unless", "Neither", "Either", "Nor", "Or", "Let", "Do",
    "Does", "Did", "Is", "Are", "Was", "Were", "Be", "Have", "Has", "Had", "Can", "Could",
    "Will", "Would", "Should", "Must", "Might", "You", "Us", "Them", "Me", "Him",
    "Good", "Well", "Very", "More", "Less", "Much", "Nothing", "Something",
    "Everything", "Anything", "Someone", "Anyone", "Everybody", "Somebody", "Anybody",
    "Mr.", "Mrs.", "Dr.", "St.", "Moreover", "Furthermore", "Nevertheless", "Nonetheless",
    "Indeed", "Otherwise", "Therefore", "Thus", "Hence", "Besides", "Anyway", "Initially",
}
TITLES = {"President", "General", "Emperor", "King", "Queen", "Tsar", "Mr", "Mrs", "Ms", "Dr",
          "Professor", "Prof", "Minister", "Senator", "Mayor", "Patriarch", "Father", "Sister"}
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
PLACE_WORDS = {"Street", "Square", "Park", "Airport", "Prospekt", "Avenue", "Bridge", "River",
               "Mountains", "Mountain", "Island", "Stadium", "Fortress", "District", "Region",
               "Oblast", "Republic", "City", "Town", "Valley", "Sea", "Boulevard"}


# -- records ---------------------------------------------------------------------


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

    @property
    def label(self):
        return self.person.name if self.person else self.name or self.text

    @property
    def plural(self):
        return self.descriptor.endswith("s") or self.descriptor == "couple"


@dataclass
class FoundQuote:
    paragraph: Paragraph
    start: int
    end: int
    text: str
    opener: str
    detection: float = 0.0
    speaker: Person | None = None
    speaker_name: str = ""  # a name as written, when it is no known person
    speaker_note: str = ""  # who spoke, when no name is given ("the taxi driver")
    attribution: float = 0.0
    how: str = ""

    @property
    def confidence(self):
        return round(self.detection * max(self.attribution, 0.2), 2)

    @property
    def speaker_label(self):
        if self.speaker:
            return self.speaker.name
        return self.speaker_name or self.speaker_note or "nobody named"


@dataclass
class Candidate:
    name: str
    guess: str  # person / organization / place / ""
    count: int = 0
    positions: list = field(default_factory=list)
    context: str = ""


# -- finding the quoted spans ----------------------------------------------------


def _letter(ch):
    return ch.isalpha()


def _opens(text, i):
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-“‘/:") and not after.isspace()


QUOTE_MARK = re.compile("[“”\"«»„‚‘’']")


class QuoteMarks:
    """Where the quotation marks of a text stand, and which of them could close a quote.

    Read once per text, so that finding the close of an opening mark is a lookup, not a
    scan onwards: a text full of openers that never close ("„a „a „a …") would make the
    scans quadratic.
    """

    def __init__(self, text):
        self.text = text
        self.n = len(text)
        self.at = {mark: [] for mark in "“”\"«»„‚‘’'"}
        for match in QUOTE_MARK.finditer(text):
            self.at[match.group()].append(match.start())
        # A straight double quote closes a curly-opened quote when no letter follows it;
        # one opened straight, also only when no space comes before it.
        self.double_closes = [j for j in self.at['"'] if self.ends_word(j)]
        self.straight_closes = [j for j in self.double_closes if j and not text[j - 1].isspace()]
        self.single = {}
        for opener, closer in (("‘", "’"), ("'", "'")):
            closes = [j for j in self.at[closer]
                      if j and not text[j - 1].isspace() and self.ends_word(j)]
            # "the Balkans’ way": a plural possessive, when a later mark can close the quote
            plain = [j for j in closes if not (text[j - 1] == "s" and text[j + 1:j + 2] == " "
                                              and "a" <= text[j + 2:j + 3] <= "z")]
            stops = sorted(self.at["“"] + self.at["‘"] + (
                [j for j in self.at["'"] if j and text[j - 1].isspace()] if opener == "'" else []))
            self.single[opener] = (closes, plain, stops)

    def ends_word(self, j):
        return j + 1 == self.n or not _letter(self.text[j + 1])

    @staticmethod
    def after(positions, i):
        """The first of `positions` past i, or None."""
        k = bisect_right(positions, i)
        return positions[k] if k < len(positions) else None

    def first(self, i, *lists):
        found = [j for j in (self.after(p, i) for p in lists) if j is not None]
        return min(found) if found else None

    def close(self, i, opener):
        """Where the quote opened by `opener` at i closes, or None."""
        if opener == "“":
            j = self.first(i, self.at["“"], self.at["”"], self.double_closes)
            return None if j is None or self.text[j] == "“" else j  # a new quote opened first
        if opener == "„":
            j = self.first(i, self.at["«"], self.at["“"], self.at["”"], self.double_closes)
            return None if j is None or self.text[j] == "«" else j
        if opener == "«":
            j = self.first(i, self.at["«"], self.at["»"])
            return None if j is None or self.text[j] == "«" else j
        if opener == '"':
            return self.after(self.straight_closes, i)
        if opener == "‚":  # the Serbian inner quote: ‚…‘ (or ‚…’)
            return self.first(i, self.at["‘"], self.at["’"])
        closes, plain, stops = self.single[opener]
        stop = self.after(stops, i)
        stop = self.n if stop is None else stop
        j = self.after(plain, i)
        if j is not None and j < stop:
            return j
        k = bisect_left(closes, stop) - 1  # the last mark before the stop, possessive or not
        return closes[k] if k >= 0 and closes[k] > i else None


DASH_OPEN = re.compile(r"\s*[—–]\s+(?=\S)")
DASH_CLOSE = re.compile(r",?\s+[—–]\s+([^\W\d_]+)")


def dash_speech(text):
    """(start, end) of the direct speech a dash opens a paragraph with, closed by a dash and a
    speech verb: "— Doći ćemo opet — rekla je." / "— Придём, — сказал он." Else None."""
    opening = DASH_OPEN.match(text)
    if not opening:
        return None
    for close in DASH_CLOSE.finditer(text, opening.end()):
        if close.group(1) in SPEECH_VERBS:
            return opening.end(), close.start()
    return None


def quote_spans(text):
    """(start, end, opener) of every quoted span, marks excluded; inner quotes are skipped.
    Direct speech opened by a dash counts as a span, its opener "—"."""
    spans, i, n = [], 0, len(text)
    dashed = dash_speech(text)
    if dashed:
        spans.append((*dashed, "—"))
        i = dashed[1] + 1
    marks = QuoteMarks(text)
    while i < n:
        ch = text[i]
        if ch in "“„«‚" or (ch in "\"‘'" and _opens(text, i)):
            if ch == "'" and not (i + 1 < n and _letter(text[i + 1])):
                i += 1
                continue
            close = marks.close(i, ch)
            if close is not None and close > i + 1 and text[i + 1:close].strip():
                spans.append((i + 1, close, ch))
                i = close + 1
                continue
        i += 1
    return spans


def outside_quotes(text, spans):
    """The text with every quoted span (marks included) blanked out, offsets kept."""
    chars = list(text)
    for start, end, _ in spans:
        for k in range(max(0, start - 1), min(len(chars), end + 1)):
            chars[k] = " "
    return "".join(chars)


@lru_cache(maxsize=8)
def _sentence_breaks(text):
    """(starts, ends) of the text's sentence breaks, found once per text, not once per quote."""
    matches = list(SENTENCE_BREAK.finditer(text))
    return [m.start() for m in matches], [m.end() for m in matches]


def sentence_bounds(text, position):
    """(start, end) of the sentence around `position`; a break that straddles it is ignored."""
    starts, ends = _sentence_breaks(text)
    before = bisect_right(ends, position)
    start = ends[before - 1] if before else 0
    following = bisect_left(starts, position)
    return start, (starts[following] + 1 if following < len(starts) else len(text))


ACCORDING_TO = re.compile(r"\b(?:[Aa]ccording to|quote from|words of)(?=\s)")
SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8)
def _according_to(text):
    """(start, end of the words, end of the spaces after them) of each "according to"."""
    return [(m.start(), m.end(), SPACES.match(text, m.end()).end())
            for m in ACCORDING_TO.finditer(text)]


def according_to_in(text, start, end):
    """The first "according to " (with its spaces) in text[start:end], as (start, end)."""
    found = _according_to(text)
    k = bisect_left(found, (start,))
    if k < len(found) and found[k][1] < end:
        return found[k][0], min(found[k][2], end)
    return None


class Covered:
    """Which characters of a text some span already covers: an overlap test that costs the
    new span's length, not the number of spans seen so far."""

    def __init__(self, length):
        self.marks = bytearray(length + 1)

    def add(self, start, end):
        self.marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start, end):
        return self.marks.find(1, start, end) != -1


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
        self._people = latest(lambda r: not r.pronoun and not r.plural and bool(r.person or r.name))
        # Named people who can be a paragraph's subject, and where each run of one label starts.
        self.speakers = [r for r in self if (r.person or r.name) and not r.possessive
                         and not r.after_preposition]
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
        return self[bisect_right(self.starts, start):bisect_left(self.starts, end)]

    def antecedent(self, position):
        """(the named subject, else any subject, else any person) last before `position`."""
        return (self._last(self._named, position) or self._last(self._subject, position),
                self._last(self._people, position))

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
        text = "\n".join(p.text for p in paragraphs)
        self.lower_words = {w for w in NAME_TOKEN.findall(text) if w[:1].islower()}
        self.profiles, self.inner = {}, Counter()
        for paragraph in paragraphs:
            for start, end, name in capitalised_runs(paragraph.text, self.lower_words):
                profile = self.profiles.setdefault(name, Counter())
                profile.update(evidence(name, paragraph.text, start, end))
                if paragraph.kind == "credit":
                    first = paragraph.text.split(" / ")[0]
                    profile["person" if first.startswith(name) else "organization"] += 2
                if not _sentence_initial(paragraph.text, start):
                    self.inner[name] += 1
        for name in list(self.profiles):
            words = name.split()
            if 2 <= len(words) <= 3 and self.guess(name) == "person":
                for part in (words[0], words[-1]):
                    if part in self.profiles:
                        self.profiles[part]["person"] += 2
        # A person introduced in full and later called by surname: "Oleg Sergeyev … Sergeyev said".
        full = {}
        for name in self.profiles:
            words = name.split()
            if 2 <= len(words) <= 3 and self.guess(name) == "person":
                full.setdefault(words[-1], set()).add(name)
        self.full_names = {surname: names.pop() for surname, names in full.items()
                           if len(names) == 1}
        self.curated = {}
        if article.pk:
            for mention in article.mentions.exclude(status=Status.REJECTED).filter(
                    person__isnull=False).select_related("person"):
                self.curated[(mention.paragraph_id, mention.start, mention.end)] = mention.person

    def known(self, text):
        if not self.matcher:
            return []
        return self.matcher.find(self.article, text, self.names, self.pattern)

    def guess(self, name):
        return guess_kind(name, "", 0, 0, self.profiles.get(name) or Counter()) or (
            "person" if 2 <= len(name.split()) <= 3 else "")

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
        return self.guess(name) == "person"

    def refs(self, paragraph, blanked):
        """NameRefs for the people `paragraph` names outside its quotes (`blanked`)."""
        text = paragraph.text
        refs, taken, in_refs = [], Covered(len(blanked)), Covered(len(blanked))
        for start, end, written, entities in self.known(blanked):
            taken.add(start, end)
            people = [e for e in entities if isinstance(e, Person)]
            if len(people) != len(entities):
                continue  # a place or an organization
            person = people[0] if len(people) == 1 else self.curated.get(
                (paragraph.pk, start, end))
            refs.append(self._shape(NameRef(start, end, written, person=person,
                                            name="" if person else written), text))
        for start, end, name in capitalised_runs(blanked, self.lower_words):
            if taken.overlaps(start, end) or not self.name_like(name):
                continue
            refs.append(self._shape(NameRef(start, end, name,
                                            name=self.full_names.get(name, name)), text))
        for match in lexicon.pronoun_pattern(self.article.language).finditer(blanked):
            refs.append(self._shape(NameRef(match.start(), match.end(), match.group(),
                                            pronoun=match.group().lower()), text))
        for ref in refs:
            in_refs.add(ref.start, ref.end)
        for pattern in (DESCRIPTOR, GROUP_SUBJECT):
            for match in pattern.finditer(blanked):
                if in_refs.overlaps(match.start(), match.end()):
                    continue
                in_refs.add(match.start(), match.end())
                refs.append(self._shape(NameRef(match.start(), match.end(), match.group(),
                                                descriptor=match["noun"].lower()), text))
        return Refs(refs)

    @staticmethod
    def _shape(ref, text):
        ref.possessive = bool(re.match(r"[’']s?\b", text[ref.end:ref.end + 2]))
        before = text[max(0, ref.start - 12):ref.start]
        ref.after_preposition = bool(re.search(
            r"\b(?:of|to|with|from|for|by|about|against|like|between|and|than|toward|towards"
            r"|under|behind|at|on|in|into|over)\s+$", before)) or bool(re.search(r"[’']s\s+$", before))
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


APPOSITIVE = re.compile(r",\s+(?:a|an|the|my|our)\s+([^,.;:“”]{2,70})")
NAME_FOLLOWS = re.compile(r",\s+|\s+(?:called|named)\s+")
CONNECTORS = ("of", "de", "van", "von", "der", "bin", "al", "da")
CONTRACTION = re.compile(r"[’'](?:m|d|ve|re|ll|s|t)$")
DEMONYM = re.compile(r"(?:ians?|ish|ese|eans?|ites?|ers|ists?)$")
FUNCTION_LIKE = re.compile(r"(?:ly|ing|ed)$")


def capitalised_runs(text, lower_words=frozenset()):
    """(start, end, name) of runs of capitalised words that may be names.

    "Russia’s Vladimir Putin" is two names, "Russian-owned" none, "I’m" none; a capitalised
    word that also occurs in lower case ("Despite", "Rental") is not a name at a sentence's
    start, and is dropped from the front of a run ("Maybe London").
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
            gap = text[tokens[j].end():tokens[j + 1].start()]
            following = tokens[j + 1].group()
            if gap == " " and _is_name_word(following) and following not in COMMON_CAPITALISED:
                j += 1
            elif gap == " " and following in CONNECTORS and j + 2 < len(tokens) \
                    and _is_name_word(tokens[j + 2].group()) \
                    and text[tokens[j + 1].end():tokens[j + 2].start()] == " ":
                j += 2
            else:
                break
        first, last = i, j
        while first <= last and _leading_filler(tokens[first].group(), lower_words, text,
                                                tokens[first].start(), first == i):
            first += 1
            while first <= last and tokens[first].group() in CONNECTORS:
                first += 1
        if first <= last:
            start, end = tokens[first].start(), tokens[last].end()
            name = re.sub(r"[’']s?$", "", text[start:end])
            words = name.split()
            single = len(words) == 1
            if len(name) > 1 and not (single and (
                    name.lower() in lower_words and (_sentence_initial(text, start)
                                                     or not name.isupper())
                    or FUNCTION_LIKE.search(name) and _sentence_initial(text, start))):
                runs.append((start, start + len(name), name))
        i = j + 1
    return runs


def _possessive(word):
    return bool(re.search(r"[’']s$", word))


def _leading_filler(word, lower_words, text, start, at_run_start):
    if word in COMMON_CAPITALISED or word in TITLES or word.lower() in lexicon.ROLE_NOUNS:
        return True
    return at_run_start and _sentence_initial(text, start) and (
        word.lower() in lower_words or bool(FUNCTION_LIKE.search(word)))


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
    r"|\b(?:" + VERB_ALTERNATION + r")|,)\s+$")
PERSON_AFTER = re.compile(
    r"^(?:\s+(?:\w+ly\s+)?(?:" + VERB_ALTERNATION + r")\b|,?\s+(?:who|whose)\s|,\s+(?:a|an|the)\s"
    r"|,\s+(?:\d+|\w+-year-old),)")
PLACE_BEFORE = re.compile(
    r"(?<![Aa]ccording )\b(?:in|from|to|near|across|around|outside|toward|towards|into|via)"
    r"\s+(?:the\s+)?$")


def evidence(name, text, start, end):
    """What one occurrence says about what a name names: a Counter of kinds."""
    found = Counter()
    words = name.split()
    before = text[max(0, start - 30):start]
    after = text[end:end + 30]
    if words[-1] in ORG_WORDS or (name.isupper() and len(name) <= 6):
        found["organization"] += 2
    if words[-1] in PLACE_WORDS:
        found["place"] += 2
    if len(words) >= 2 and re.fullmatch(r"[IVX]+", words[-1]) and words[-2] not in ORG_WORDS:
        found["person"] += 2  # Nicholas II
    if PERSON_BEFORE.search(before) and not before.rstrip().endswith(",") or PERSON_AFTER.match(after):
        found["person"] += 1
    if before.rstrip().endswith(",") and re.match(r",\s", after):
        found["person"] += 1  # an appositive: "A Serbian friend, Danjela, said"
    if PLACE_BEFORE.search(before) or re.match(r"-based\b", after):
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


# -- attribution -----------------------------------------------------------------


def _words(text):
    return re.findall(r"[\w’'-]+", text)


ATTRIBUTION_START = re.compile(
    r"^[\s,—–-]*(?:[A-ZÀ-ÖØ-ÞА-ЯЁЂЈЉЊЋЏŠČŽĐĆ]|(?:he|she|they|says?|said|my|the|a|an|one|his|her"
    r"|their|our|он|она)\b|\w+(?:s|ed)\b|(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b)")
OBJECT_AS = re.compile(r"\s+((?:his|her|their|my|a|an|the)\s+[\w’' -]{1,30}?)\s+as\s+\w+ing\b")


def runs_on(quote, after):
    """The sentence goes on in lower case after an unpunctuated quote (“bubble” preferring …):
    no attribution follows it."""
    return (quote.text.rstrip()[-1:] not in ",.?!…—-" and bool(re.match(r"^\s?[a-z]", after))
            and not re.match(r"^\s(?:he|she|they)\b", after))


def _speech_verbs(text):
    return [m for m in re.finditer(r"[^\W\d_]+", text) if m.group() in SPEECH_VERBS]


class Attributor:
    """Gives each quote of an article, in reading order, a speaker and a confidence."""

    def __init__(self, names):
        self.names = names
        self.last_speaker = None  # (NameRef, paragraph index)
        self.last_subject = None  # (NameRef, paragraph index)
        self.described = {}  # noun -> (NameRef, paragraph index)
        self.recent = []  # the last named subjects, (NameRef, paragraph index), oldest first

    def read(self, index, paragraph, found):
        """Attribute the quotes `found` in `paragraph`; remember who it names."""
        text = paragraph.text
        blanked = outside_quotes(text, quote_spans(text))
        refs = self.names.refs(paragraph, blanked)
        for noun, ref in self.names.appositives(paragraph, refs).items():
            self.described[noun] = (ref, index)
        previous = None
        for number, quote in enumerate(found):
            following = found[number + 1] if number + 1 < len(found) else None
            self.attribute(quote, text, blanked, refs, previous, following, index)
            if quote.speaker or quote.speaker_name:
                ref = NameRef(0, 0, quote.speaker_label, person=quote.speaker,
                              name=quote.speaker_name)
                self.last_speaker = (ref, index)
            previous = quote
        subjects = [r for r in refs if (r.person or r.name) and not r.possessive
                    and not r.after_preposition]
        if subjects and paragraph.kind == "body":
            self.last_subject = (subjects[-1], index)
            self.recent = (self.recent + [(r, index) for r in subjects])[-20:]

    # -- the patterns, strongest first -----------------------------------------

    def attribute(self, quote, text, blanked, refs, previous, following, index):
        for step in (self.after_quote, self.before_quote, self.according_to,
                     self.continuation, self.in_sentence, self.paragraph_subject):
            if step(quote, text, blanked, refs, previous, following, index):
                return
        quote.attribution, quote.how = 0.2, "no attribution found"

    def after_quote(self, quote, text, blanked, refs, previous, following, index):
        """“…,” says X / “…,” X says / “…,” my taxi driver, Sasha, says / “…” he adds."""
        close = quote.end + 1
        _start, sent_end = sentence_bounds(blanked, close)
        limit = following.start - 1 if following else len(text)
        after = blanked[close:min(limit, max(sent_end, close + 1), close + 160)]
        came = re.match(r"^[\s,—–-]*came (the (?:response|reply|answer))\b", after)
        if came:
            return self.describe(quote, came.group(1), 0.7, "“came the response”")
        if not ATTRIBUTION_START.match(after) or runs_on(quote, after):
            return False
        lead_at = re.match(r"^[\s,—–-]*", after).end()
        verbs = [v for v in _speech_verbs(after) if v.start() >= lead_at]
        if not verbs:
            return False
        verb = verbs[0]
        lead = after[lead_at:verb.start()]
        first = self.first_ref(refs, close + lead_at, close + lead_at + 2)
        if len(_words(lead)) > (18 if first else 5) or re.search(r"[.;]", lead):
            return False
        rest = after[verb.end():]
        if following and re.fullmatch(r"[\s\w’'-]{0,30}[,:]\s*", rest) and not re.search(
                r"[,—–-]\s*$", quote.text + text[close:close + 1]):
            return False  # "Vladimir told them, “Nobody”": the verb introduces the next quote
        subject = self.subject_between(refs, close + lead_at, close + verb.start())
        how = f"“{verb.group()}” after the quote"
        if subject is None and not lead.strip(" ,"):
            subject = self.first_ref(refs, close + verb.end(), close + verb.end() + 50)
        if subject is not None:
            object_as = OBJECT_AS.match(rest)
            if object_as:  # "Ana recalled her father as laughing"
                return self.describe(quote, object_as.group(1), 0.6, how)
            return self.assign(quote, subject, refs, index, 0.9, how)
        words = lead.strip(" ,") or re.split(r"[,.;:]", rest, maxsplit=1)[0]
        return self.describe(quote, words, 0.6, how)

    def before_quote(self, quote, text, blanked, refs, previous, following, index):
        """X said: “…” / he clasps his hands together and says, “…” / those who kept asking, “…”."""
        sent_start, _end = sentence_bounds(blanked, quote.start)
        start = max(sent_start, previous.end + 1 if previous else 0)
        before = blanked[start:quote.start - 1]
        if not re.search(r"[,:]\s*$|\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\s*$", before):
            return False
        verbs = _speech_verbs(before)
        # Fewer words follow a later verb, so only the last one can be five words or fewer
        # from the quote.
        if not verbs or len(_words(before[verbs[-1].end():])) > 5:
            return False
        verb = verbs[-1]
        how = f"“{verb.group()}” before the quote"
        relative = list(re.finditer(r"\b(?:who|which|whom)\b", before[:verb.start()]))
        if relative:
            head = before[:relative[-1].start()].rstrip(" ,")
            return self.describe(quote, " ".join(_words(head)[-3:]), 0.6, how)
        subject = self.subject_between(refs, start, start + verb.start())
        if subject is None:
            subject = self.first_ref(refs, start + verb.end(), quote.start)
        if subject is None:
            return False
        return self.assign(quote, subject, refs, index, 0.85, how)

    def according_to(self, quote, text, blanked, refs, previous, following, index):
        sent_start, _end = sentence_bounds(blanked, quote.start)
        found = according_to_in(blanked, sent_start, quote.start)
        if not found:
            return False
        at = found[1]
        subject = self.first_ref(refs, at, at + 40)
        if subject is None:
            return False
        words = blanked[found[0]:found[1]].strip()
        return self.assign(quote, subject, refs, index, 0.75, f"“{words}”")

    def continuation(self, quote, text, blanked, refs, previous, following, index):
        """The second half of a broken quote: “…,” he said, “…”."""
        if previous is None or not (previous.how.startswith(("“", "continues"))
                                    and previous.attribution >= 0.5):
            return False
        if len(_words(previous.text)) < 3 and previous.text.rstrip()[-1:] not in ",.?!":
            return False
        between = blanked[previous.end + 1:quote.start - 1]
        others = [r for r in refs.between(previous.end, quote.start) if not r.pronoun
                  and (r.person or r.name) and r.label != previous.speaker_label]
        if others:
            return False
        quote.speaker, quote.speaker_name = previous.speaker, previous.speaker_name
        quote.speaker_note = previous.speaker_note
        tight = len(_words(between)) <= 12
        quote.attribution = min(previous.attribution, 0.8 if tight else 0.6)
        quote.how = "continues the quote before it"
        return True

    def in_sentence(self, quote, text, blanked, refs, previous, following, index):
        """X argues … “a fragment” …: the subject of a speech verb earlier in the sentence."""
        sent_start, _end = sentence_bounds(blanked, quote.start)
        start = max(sent_start, previous.end + 1 if previous else 0)
        before = blanked[start:quote.start - 1]
        verbs = _speech_verbs(before)
        if not verbs:
            return False
        verb = verbs[-1]
        if re.search(r"\b(?:who|which|whom)\b", before[:verb.start()]):
            return False
        subject = self.subject_between(refs, start, start + verb.start())
        if subject is None:
            return False
        return self.assign(quote, subject, refs, index, 0.6, f"“{verb.group()}” in the sentence")

    def paragraph_subject(self, quote, text, blanked, refs, previous, following, index):
        """No attribution at all, but the paragraph is about one person."""
        sent_start, _end = sentence_bounds(blanked, quote.start)
        prev_start = sentence_bounds(blanked, max(0, sent_start - 2))[0] if sent_start else 0
        ref = refs.sole_speaker(prev_start, quote.start)
        if ref is None:
            return False
        return self.assign(quote, ref, refs, index, 0.45, "the one person the paragraph names")

    # -- resolving a reference to a person ---------------------------------------

    @staticmethod
    def subject_between(refs, start, end):
        """The person nearest before a verb: "my taxi driver, Sasha, says" gives Sasha."""
        return refs.last_unpossessed(start, end)

    @staticmethod
    def first_ref(refs, start, end):
        return refs.first(start, end)

    def resolve(self, ref, refs, index):
        """(the NameRef of a person or a description, confidence penalty) for `ref`."""
        if ref.descriptor:
            named = self.described.get(ref.descriptor)
            if named and index - named[1] <= 3:
                return named[0], 0.15
            return ref, 0.0
        if not ref.pronoun:
            return ref, 0.0
        gender = lexicon.PRONOUN_GENDER.get(ref.pronoun)
        subject, person = refs.antecedent(ref.start)
        if subject is not None and self.agrees(subject, gender):
            return self.resolve(subject, refs, index)[0], 0.1
        if person is not None and self.agrees(person, gender):
            return person, 0.2
        for memory in (self.last_speaker, self.last_subject):
            if memory and index - memory[1] <= 2 and self.agrees(memory[0], gender):
                return memory[0], 0.25
        if gender is not None:  # "she": the last named person whose name is a woman's
            for named, at in reversed(self.recent):
                if index - at <= 2 and lexicon.name_gender(named.label) == gender:
                    return named, 0.3
        return None, 0.0

    @staticmethod
    def agrees(ref, gender):
        """Can `ref` be what a pronoun of `gender` stands for? Only names whose ending shows
        a gender (Volkova, Белов) can disagree."""
        if gender is None or ref.descriptor or ref.pronoun:
            return True
        shown = lexicon.name_gender(ref.person.name if ref.person else ref.name)
        return shown is None or shown == gender

    def assign(self, quote, ref, refs, index, confidence, how):
        resolved, penalty = self.resolve(ref, refs, index)
        if resolved is None:
            quote.attribution = 0.3
            quote.how = f"{how}: “{ref.text}”, nobody named before it"
            return True
        if resolved.descriptor:
            return self.describe(quote, resolved.text, confidence, how)
        quote.speaker = resolved.person
        quote.speaker_name = "" if resolved.person else resolved.name
        quote.speaker_note = ""
        quote.attribution = round(confidence - penalty - (0 if resolved.person else 0.1), 2)
        quote.how = how if resolved is ref else f"{how}: “{ref.text}” → {resolved.label}"
        return True

    @staticmethod
    def describe(quote, words, confidence, how):
        """Nobody named: keep the text's description of the speaker, if it gives one."""
        words = " ".join(_words(words)[:8]) if words else ""
        first = words.split()[0] if words else ""
        if not words or first in PLURAL_PRONOUNS or first.lower() in ("i", "we", "they", "it"):
            quote.attribution, quote.how = 0.5, f"{how}: nobody named"
            return True
        quote.speaker_note = words
        quote.attribution, quote.how = round(confidence - 0.1, 2), f"{how}: {words}"
        return True


# -- speech or scare quotes ------------------------------------------------------


def detection_score(quote, text):
    words = len(NAME_TOKEN.findall(quote.text))
    stripped = quote.text.rstrip()
    punctuated = stripped[-1:] in ",.?!…"
    upper = bool(re.match(r"^\W*[A-ZÀ-ÖØ-ÞА-Я0-9]", quote.text))
    before = text[max(0, quote.start - 26):quote.start - 1]
    after = text[quote.end + 1:quote.end + 3]
    term_context = bool(TERM_MARKERS.search(before)) and _last_visible(
        text, quote.start - 1) not in (",", ":")
    runs_on = bool(re.match(r"^\s?[a-z]", after)) and not punctuated
    attributed = quote.how.startswith("“") and "in the sentence" not in quote.how or (
        quote.how.startswith("continues") and words >= 3)
    if attributed and quote.attribution >= 0.5:
        score = 0.95
    elif words >= 6:
        score = 0.85 if upper or punctuated else 0.7
    elif "in the sentence" in quote.how and words >= 3:
        score = 0.7 if punctuated else 0.6
    elif "in the sentence" in quote.how:
        score = 0.5
    elif words >= 4 and upper and punctuated:
        score = 0.6
    else:
        score = 0.25
    if (term_context or runs_on) and not attributed:
        score *= 0.5
    return round(score, 2)


def _last_visible(text, end):
    """The last character before `end` that is not white space ("" if none)."""
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return text[k - 1] if k > 0 else ""


# -- the entry points ------------------------------------------------------------


def extract_quotes(article, paragraphs=None, matcher=None):
    """Every quoted span in the article with its speaker guess and scores (none dropped)."""
    paragraphs = list(paragraphs if paragraphs is not None else article.paragraphs.all())
    attributor = Attributor(Names(article, matcher, paragraphs))
    results = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind not in QUOTED_KINDS:
            continue
        found = [FoundQuote(paragraph, start, end, paragraph.text[start:end], opener)
                 for start, end, opener in quote_spans(paragraph.text)]
        attributor.read(index, paragraph, found)
        for quote in found:
            quote.detection = detection_score(quote, paragraph.text)
        results.extend(found)
    return results


def find_candidates(article, matcher=None, paragraphs=None):
    """Capitalised names in the article that match no known entity, most frequent first."""
    paragraphs = list(paragraphs if paragraphs is not None else article.paragraphs.all())
    names = Names(article, matcher, paragraphs)
    covered = {}
    for mention in Mention.objects.filter(article=article).values("paragraph_id", "start", "end"):
        covered.setdefault(mention["paragraph_id"], []).append((mention["start"], mention["end"]))
    found = {}
    for paragraph in paragraphs:
        if paragraph.kind not in ("body", "caption", "heading", "credit"):
            continue
        text = paragraph.text
        taken = Covered(len(text))
        for s, e in covered.get(paragraph.pk, []):
            taken.add(s, e)
        for s, e, _w, _ents in names.known(text):
            taken.add(s, e)
        for start, end, name in capitalised_runs(text, names.lower_words):
            if taken.overlaps(start, end) or not names.worth_listing(name):
                continue
            candidate = found.get(name)
            if candidate is None:
                candidate = found[name] = Candidate(
                    name=name, guess=names.guess(name), context=_context(text, start, end))
            candidate.count += 1
            if candidate.positions[-1:] != [paragraph.position]:  # paragraphs come in order
                candidate.positions.append(paragraph.position)
    return sorted(found.values(), key=lambda c: (-c.count, c.name))


def _context(text, start, end, width=50):
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return ("…" if start > width else "") + left + "[" + text[start:end] + "]" + right + (
        "…" if end + width < len(text) else "")


@dataclass
class QuoteReport:
    created: int = 0
    removed: int = 0
    kept_reviewed: int = 0
    dropped: int = 0  # spans judged not to be speech


def suggest_quotes(article, matcher=None, threshold=DEFAULT_THRESHOLD):
    """Save the extractor's quotes as unreviewed suggestions.

    Quotes a curator reviewed (confirmed or rejected) stay as they are, and no
    suggestion overlapping them is made; earlier unreviewed suggestions are replaced.
    """
    report = QuoteReport()
    with transaction.atomic():
        existing = list(article.quotes.all())
        reviewed = [q for q in existing if q.status != Status.SUGGESTED]
        report.kept_reviewed = len(reviewed)
        stale = [q for q in existing if q.status == Status.SUGGESTED]
        for quote in stale:
            quote.delete()
        report.removed = len(stale)
        for found in extract_quotes(article, matcher=matcher):
            if found.detection < threshold:
                report.dropped += 1
                continue
            if any(q.paragraph_id == found.paragraph.pk and q.start < found.end
                   and found.start < q.end for q in reviewed):
                continue
            note = found.speaker_name or found.speaker_note
            Quote.objects.create(
                article=article, paragraph=found.paragraph, start=found.start, end=found.end,
                text=found.text, speaker=found.speaker,
                speaker_note="" if found.speaker else note[:300],
                status=Status.SUGGESTED, confidence=found.confidence,
            )
            report.created += 1
    return report

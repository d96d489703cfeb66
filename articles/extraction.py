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
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from articles.models import Mention, Paragraph, Quote, Status
from people.models import Person

QUOTED_KINDS = ("body", "caption")
DEFAULT_THRESHOLD = 0.5

SPEECH_VERBS = set("""
said says say saying told tells tell telling explains explained explaining adds added adding
recalls recalled recalling asks asked asking replies replied replying answered answers laughs
laughed laughing jokes joked joking boasts boasted continues continued argues argued believes
thinks notes noted insists insisted admits admitted quipped quips remarked remarks asserted
asserts writes wrote declared declares claims claimed warned warns stressed recounted recounts
sighs sighed shouted shouts yells yelled whispered whispers exclaimed exclaims agrees agreed
confides confided concedes conceded acknowledged acknowledges suggested suggests observed
observes describes described intoned intones sang sings reads posted tweeted chanted muses
mused states stated comments commented complained complains confesses confessed urged urges
predicted predicts countered counters disagrees disagreed responded responds gloating
called calls recalling promised promises wondered wonders mocked announced announces
""".split())
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
               "Oblast", "Republic", "City", "Town", "Valley", "Sea", "Boulevard", "Prudy"}


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


def _find_close(text, i, opener):
    n = len(text)
    if opener in "“„«":
        closers = {"“": "”\"", "„": "“”\"", "«": "»"}[opener]
        for j in range(i + 1, n):
            ch = text[j]
            if ch in ("“" if opener == "“" else "«"):
                return None  # a new quote opens before this one closed
            if ch in closers and (ch != '"' or j + 1 == n or not _letter(text[j + 1])):
                return j
        return None
    if opener == '"':
        for j in range(i + 1, n):
            if text[j] == '"' and not text[j - 1].isspace() and (j + 1 == n or not _letter(text[j + 1])):
                return j
        return None
    closer = "’" if opener == "‘" else "'"
    candidates = []
    for j in range(i + 1, n):
        ch = text[j]
        if ch in "“‘" or (ch == opener and j > i + 1 and text[j - 1].isspace()):
            break
        if ch == closer and not text[j - 1].isspace() and (j + 1 == n or not _letter(text[j + 1])):
            candidates.append(j)
    for number, j in enumerate(candidates):
        # "the Balkans’ way": a plural possessive, when a later mark can close the quote
        possessive = text[j - 1] == "s" and re.match(r" [a-z]", text[j + 1:j + 3])
        if not possessive or number == len(candidates) - 1:
            return j
    return None


def quote_spans(text):
    """(start, end, opener) of every quoted span, marks excluded; inner quotes are skipped."""
    spans, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "“„«" or (ch in "\"‘'" and _opens(text, i)):
            if ch == "'" and not (i + 1 < n and _letter(text[i + 1])):
                i += 1
                continue
            close = _find_close(text, i, ch)
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


def sentence_bounds(text, position):
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            return start, match.start() + 1
    return start, len(text)


# -- names in a paragraph --------------------------------------------------------


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
        refs, taken = [], []
        for start, end, written, entities in self.known(blanked):
            taken.append((start, end))
            people = [e for e in entities if isinstance(e, Person)]
            if len(people) != len(entities):
                continue  # a place or an organization
            person = people[0] if len(people) == 1 else self.curated.get(
                (paragraph.pk, start, end))
            refs.append(self._shape(NameRef(start, end, written, person=person,
                                            name="" if person else written), text))
        for start, end, name in capitalised_runs(blanked, self.lower_words):
            if any(start < e and s < end for s, e in taken) or not self.name_like(name):
                continue
            refs.append(self._shape(NameRef(start, end, name, name=name), text))
        for match in re.finditer(r"\b(he|she|He|She)\b", blanked):
            refs.append(self._shape(NameRef(match.start(), match.end(), match.group(),
                                            pronoun=match.group().lower()), text))
        for pattern in (DESCRIPTOR, GROUP_SUBJECT):
            for match in pattern.finditer(blanked):
                if any(match.start() < r.end and r.start < match.end() for r in refs):
                    continue
                refs.append(self._shape(NameRef(match.start(), match.end(), match.group(),
                                                descriptor=match["noun"].lower()), text))
        return sorted(refs, key=lambda r: r.start)

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
        for ref in named:
            match = re.match(r",\s+(?:a|an|the|my|our)\s+([^,.;:“”]{2,70})", text[ref.end:])
            if match:
                for noun in PERSON_NOUNS.findall(match.group(1)):
                    found[noun.lower()] = ref
        for ref in refs:
            if ref.descriptor:
                following = next((r for r in named if r.start > ref.end), None)
                if following and re.fullmatch(r",\s+|\s+(?:called|named)\s+",
                                              text[ref.end:following.start]):
                    found[ref.descriptor] = following
        return found


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
    if word in COMMON_CAPITALISED or word in TITLES:
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


def _sentence_initial(text, start):
    before = text[:start].rstrip(" “‘”’\"'([)\\]—–-")
    return not before or before[-1] in ".!?…:"


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
    r"^[\s,—–-]*(?:[A-Z]|(?:he|she|they|says?|said|my|the|a|an|one|his|her|their|our)\b"
    r"|\w+(?:s|ed)\b)")
OBJECT_AS = re.compile(r"\s+((?:his|her|their|my|a|an|the)\s+[\w’' -]{1,30}?)\s+as\s+\w+ing\b")


def runs_on(quote, after):
    """The sentence goes on in lower case after an unpunctuated quote (“bubble” preferring …):
    no attribution follows it."""
    return (quote.text.rstrip()[-1:] not in ",.?!…—-" and bool(re.match(r"^\s?[a-z]", after))
            and not re.match(r"^\s(?:he|she|they)\b", after))


def _speech_verbs(text):
    return [m for m in re.finditer(r"[A-Za-z]+", text) if m.group() in SPEECH_VERBS]


class Attributor:
    """Gives each quote of an article, in reading order, a speaker and a confidence."""

    def __init__(self, names):
        self.names = names
        self.last_speaker = None  # (NameRef, paragraph index)
        self.last_subject = None  # (NameRef, paragraph index)
        self.described = {}  # noun -> (NameRef, paragraph index)

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
            if object_as:  # "Kazaryan recalled his mother as gloating"
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
        verbs = [v for v in _speech_verbs(before) if len(_words(before[v.end():])) <= 5]
        if not verbs:
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
        match = re.search(r"\b(?:[Aa]ccording to|quote from|words of)\s+",
                          blanked[sent_start:quote.start])
        if not match:
            return False
        at = sent_start + match.end()
        subject = self.first_ref(refs, at, at + 40)
        if subject is None:
            return False
        return self.assign(quote, subject, refs, index, 0.75, f"“{match.group().strip()}”")

    def continuation(self, quote, text, blanked, refs, previous, following, index):
        """The second half of a broken quote: “…,” he said, “…”."""
        if previous is None or not (previous.how.startswith(("“", "continues"))
                                    and previous.attribution >= 0.5):
            return False
        if len(_words(previous.text)) < 3 and previous.text.rstrip()[-1:] not in ",.?!":
            return False
        between = blanked[previous.end + 1:quote.start - 1]
        others = [r for r in refs if previous.end < r.start < quote.start and not r.pronoun
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
        near = [r for r in refs if prev_start <= r.start and r.end <= quote.start
                and (r.person or r.name) and not r.possessive and not r.after_preposition]
        if len({r.label for r in near}) != 1:
            return False
        ref = near[0]
        return self.assign(quote, ref, refs, index, 0.45, "the one person the paragraph names")

    # -- resolving a reference to a person ---------------------------------------

    @staticmethod
    def subject_between(refs, start, end):
        """The person nearest before a verb: "my taxi driver, Sasha, says" gives Sasha."""
        inside = [r for r in refs if start <= r.start and r.end <= end and not r.possessive]
        return inside[-1] if inside else None

    @staticmethod
    def first_ref(refs, start, end):
        return next((r for r in refs if start <= r.start < end), None)

    def resolve(self, ref, refs, index):
        """(the NameRef of a person or a description, confidence penalty) for `ref`."""
        if ref.descriptor:
            named = self.described.get(ref.descriptor)
            if named and index - named[1] <= 3:
                return named[0], 0.15
            return ref, 0.0
        if not ref.pronoun:
            return ref, 0.0
        earlier = [r for r in refs if r.end <= ref.start and not r.pronoun and not r.plural]
        subjects = [r for r in earlier if not r.possessive and not r.after_preposition]
        named = [r for r in subjects if not r.descriptor]
        if named or subjects:
            return self.resolve((named or subjects)[-1], refs, index)[0], 0.1
        people = [r for r in earlier if r.person or r.name]
        if people:
            return people[-1], 0.2
        for memory in (self.last_speaker, self.last_subject):
            if memory and index - memory[1] <= 2:
                return memory[0], 0.25
        return None, 0.0

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
    before = text[:quote.start - 1]
    after = text[quote.end + 1:quote.end + 3]
    term_context = bool(TERM_MARKERS.search(before[-25:])) and not before.rstrip().endswith(
        (",", ":"))
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
        taken = list(covered.get(paragraph.pk, []))
        taken.extend((s, e) for s, e, _w, _ents in names.known(text))
        for start, end, name in capitalised_runs(text, names.lower_words):
            if any(start < e and s < end for s, e in taken) or not names.worth_listing(name):
                continue
            candidate = found.get(name)
            if candidate is None:
                candidate = found[name] = Candidate(
                    name=name, guess=names.guess(name), context=_context(text, start, end))
            candidate.count += 1
            if paragraph.position not in candidate.positions:
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

"""Who said each quote, and the quotes of an article as suggestions for curators.

Speakers: from the words next to the quote (“…,” says Radina Vučetić / Vuksanović adds / she
explains / A friend, Danjela, said: ‘…’), from the sentence around it (According to X, …; X
argues … “…”), from a quote just before it in the paragraph (a broken quote), and for a pronoun
from the last person named before it whose gender matches, where the language marks it. A
speaker is a known Person (a name or alias, as the mention finder knows them); a name the
archive does not know yet is kept as written, for a curator to turn into a person. Each quote
gets a confidence: how sure the extractor is that it is speech, times how sure it is of the
speaker. `suggest_quotes` saves them unreviewed; a curator confirms or corrects.
"""

import re
from dataclasses import dataclass

from django.db import transaction

from articles.ingest import lexicon, store
from articles.ingest.according import according_to_in, according_to_pronoun
from articles.ingest.names import NameRef, Names, slavic
from articles.ingest.quotes import (
    DEFAULT_THRESHOLD,
    MANNER,
    QUOTED_KINDS,
    SPEECH_VERBS,
    FoundQuote,
    detection_score,
    last_visible,
    outside_quotes,
    quote_spans,
    sentence_bounds,
    shaped_verb,
    speech_verbs_in,
    verb_before_colon,
)
from articles.ingest.speakers import Speakers, dropped_subject
from articles.models import Quote, Status

_words = re.compile(r"[\w’'-]+").findall
ATTRIBUTION_START = re.compile(
    r"^[\s,—–-]*(?:[A-ZÀ-ÖØ-ÞА-ЯЁЂЈЉЊЋЏŠČŽĐĆ]|(?:he|she|they|says?|said|my|the|a|an|one|his|her"
    r"|their|our|он|она)\b|\w+(?:s|ed)\b|(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b)"
)
OBJECT_AS = re.compile(r"\s+((?:his|her|their|my|a|an|the)\s+[\w’' -]{1,30}?)\s+as\s+\w+ing\b")
# After the verb, what a sentence that leaves its subject out can end with: "rekla je.",
# "dodao je kroz smeh.", "kaže uz osmeh.", "rekao je kratko."
DROPPED_TAIL = re.compile(
    r"^(?:\s+(?:je|је))?(?:\s+[a-zčćšžđа-яёђјљњћџ]+[oо](?=[\s.!?…]))?(?:\s+(?:kroz|uz|sa|s|pa|кроз|уз|са|с|со|сквозь|через)"
    r"(?:\s+[a-zčćšžđа-яёђјљњћџ]+){1,2})?\s*(?:[.!?…]|$)"
)
# A conjunction going on with the sentence after a quote: "„…“, a odmah …", "«…», и …".
CONJUNCTION = re.compile(r"(?:a|i|ali|pa|te|no|а|и|али|па|те|но)\s", re.IGNORECASE)
# A plural verb ("kažu", "говорят"): its left-out subject is no one person.
PLURAL_VERB = re.compile(r"(?:u|ju|у|ју|ют|ят|ут|ат|ли|лись)$")
# The name of an appositive after a described subject: "— сказал один из организаторов,
# программист Роман Ильин", "said one of the organisers, Roman Ilyin".
APPOSITIVE_LEAD = re.compile(r"^[^.!?;:]{0,80},\s+(?:[a-zа-яёčćšžđђјљњћџ][\w-]*\s+){0,2}$")


def runs_on(quote, after):
    """The sentence goes on in lower case after an unpunctuated quote (“bubble” preferring …,
    «Точка» живёт …): no attribution follows it, unless the next word is a speech verb or a
    pronoun ("“Nobody” said Ivan")."""
    first = re.match(r"^\s?([^\W\d_]+)", after)
    return (
        quote.text.rstrip()[-1:] not in ",.?!…—-"
        and bool(first and first.group(1)[:1].islower())
        and first.group(1) not in SPEECH_VERBS
        and first.group(1).lower() not in ("he", "she", "they", "он", "она", "они", "on", "ona")
    )


NEW_SENTENCE_AFTER = re.compile(r"\s+[A-ZÀ-ÖØ-ÞА-ЯЁЂЈЉЊЋЏŠČŽĐĆ]")


def sentence_of_its_own(quote, text):
    """A quote a colon opens and its own full stop, "?" or "!" ends, before a new sentence
    (asked him: ‘Are you a tourist?’ He answered …; кричит: «Это нечестно!» Зал смеётся): the
    words before the colon say who spoke, not the next sentence."""
    return (
        last_visible(text, quote.start - 1) == ":"
        and quote.text.rstrip()[-1:] in ".!?…"
        and bool(NEW_SENTENCE_AFTER.match(text, quote.end + 1))
    )


class Attributor(Speakers):
    """Gives each quote of an article, in reading order, a speaker and a confidence."""

    def __init__(self, names):
        self.names = names
        self.last_speaker = None  # (NameRef, paragraph index)
        self.last_subject = None  # (NameRef, paragraph index)
        self.described = {}  # noun -> (NameRef, paragraph index)
        self.recent = []  # the last named subjects, (NameRef, paragraph index), oldest first
        self.everyone = {}  # label -> NameRef of every named subject so far
        self.slavic = slavic(names.article.language)

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
                ref = NameRef(
                    0, 0, quote.speaker_label, person=quote.speaker, name=quote.speaker_name
                )
                self.last_speaker = (ref, index)
            previous = quote
        subjects = [
            r for r in refs if (r.person or r.name) and not r.possessive and not r.after_preposition
        ]
        if subjects and paragraph.kind == "body":
            self.last_subject = (subjects[-1], index)
            self.recent = (self.recent + [(r, index) for r in subjects])[-20:]
            self.everyone.update((r.label, r) for r in subjects)
        unnamed = refs.last_unnamed(len(text))
        if (
            unnamed
            and paragraph.kind == "body"
            and (not subjects or unnamed.start > subjects[-1].start)
        ):
            self.last_subject = (unnamed, index)  # described last: the next "она" is that person

    # -- the patterns, strongest first -----------------------------------------

    def attribute(self, quote, text, blanked, refs, previous, following, index):
        first, second = self.after_quote, self.before_quote
        if sentence_of_its_own(quote, text):
            first, second = second, first
        for step in (
            first,
            second,
            self.according_to,
            self.continuation,
            self.in_sentence,
            self.paragraph_subject,
        ):
            if step(quote, text, blanked, refs, previous, following, index):
                return
        quote.attribution, quote.how = 0.2, "no attribution found"

    def after_quote(self, quote, text, blanked, refs, previous, following, index):
        """“…,” says X / “…,” X says / “…,” my taxi driver, Sasha, says / “…” he adds."""
        close = quote.end + 1
        _start, sent_end = sentence_bounds(blanked, close)
        limit = following.start - 1 if following else len(text)
        after = blanked[close : min(limit, max(sent_end, close + 1), close + 160)]
        came = re.match(r"^[\s,—–-]*came (the (?:response|reply|answer))\b", after)
        if came:
            return self.describe(quote, came.group(1), 0.7, "“came the response”")
        lead_at = re.match(r"^[\s,—–-]*" + MANNER + "?", after).end()  # "— кроз смех каже"
        if self.slavic and CONJUNCTION.match(after, lead_at):
            return False  # „…“, a odmah za njim …: the sentence goes on, no attribution
        shaped = shaped_verb(after, lead_at) if self.slavic else None
        started = ATTRIBUTION_START.match(after) or ATTRIBUTION_START.match(after[lead_at:])
        if not (started or shaped) or runs_on(quote, after):
            return False
        verb = shaped or next((v for v in speech_verbs_in(after) if v.start() >= lead_at), None)
        if verb is None:
            return False
        lead = after[lead_at : verb.start()]
        first = self.first_ref(refs, close + lead_at, close + lead_at + 2)
        if len(_words(lead)) > (18 if first else 5) or re.search(r"[.;]", lead):
            return False
        rest = after[verb.end() :]
        if (
            following
            and re.fullmatch(r"[\s\w’'-]{0,30}[,:]\s*", rest)
            and not re.search(r"[,—–-]\s*$", quote.text + text[close : close + 1])
        ):
            return False  # "Vladimir told them, “Nobody”": the verb introduces the next quote
        subject = self.subject_between(refs, close + lead_at, close + verb.start())
        how = f"“{verb.group()}” after the quote"
        if subject is None and not lead.strip(" ,"):
            subject = self.first_ref(refs, close + verb.end(), close + verb.end() + 50)
            subject = self.appositive_after(refs, blanked, close + verb.end(), subject)
        if subject is None and self.slavic and not lead.strip() and DROPPED_TAIL.match(rest):
            # "„…“, objasnila je.": the verb's gender stands for the subject the text leaves
            # out; "kaže kroz smeh.": a verb of no gender, for the person the text is about
            gender = lexicon.verb_gender(verb.group(), shaped=True)
            if gender or not PLURAL_VERB.search(verb.group()):
                subject = dropped_subject(
                    verb.group(), close + verb.start(), close + verb.end(), gender
                )
        if subject is not None:
            object_as = OBJECT_AS.match(rest)
            if object_as:  # "Ana recalled her father as laughing"
                return self.describe(quote, object_as.group(1), 0.6, how)
            return self.assign(quote, subject, refs, index, 0.9, how)
        words = lead.strip(" ,")
        if not words and not (self.slavic and DROPPED_TAIL.match(rest)):  # not "kroz smeh"
            words = re.split(r"[,.;:]", rest, maxsplit=1)[0]
        return self.describe(quote, words, 0.6, how)

    @staticmethod
    def appositive_after(refs, blanked, start, first):
        """`first`, the first ref after a verb, unless it is a description that a name
        follows as its appositive ("один из организаторов забега, программист Роман Ильин"):
        then that name."""
        if first is not None and not first.descriptor:
            return first
        for ref in refs.between(start - 1, start + 120):
            if ref.pronoun or ref.descriptor or not (ref.person or ref.name):
                continue
            return ref if APPOSITIVE_LEAD.match(blanked[start : ref.start]) else first
        return first

    def before_quote(self, quote, text, blanked, refs, previous, following, index):
        """X said: “…” / he clasps his hands together and says, “…” / those who kept asking, “…”."""
        sent_start, _end = sentence_bounds(blanked, quote.start)
        start = max(sent_start, previous.end + 1 if previous else 0)
        before = blanked[start : quote.start - 1]
        if not re.search(r"[,:]\s*$|\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\s*$", before):
            return False
        colon = verb_before_colon(before) if self.slavic else None  # "кто-то кричит: «…»"
        verbs = speech_verbs_in(before) + ([colon] if colon else [])
        # Fewer words follow a later verb, so only the last one can be five words or fewer
        # from the quote.
        if not verbs or len(_words(before[verbs[-1].end() :])) > 5:
            return False
        verb = verbs[-1]
        how = f"“{verb.group()}” before the quote"
        relative = list(re.finditer(r"\b(?:who|which|whom)\b", before[: verb.start()]))
        if relative:
            head = before[: relative[-1].start()].rstrip(" ,")
            return self.describe(quote, " ".join(_words(head)[-3:]), 0.6, how)
        subject = self.subject_between(refs, start, start + verb.start())
        if subject is None:
            subject = self.first_ref(refs, start + verb.end(), quote.start)
        if subject is None:
            if verb is colon:  # someone the text does not name: "в зале кто-то кричит: «…»"
                return self.describe(quote, before[: verb.start()], 0.6, how)
            return False
        return self.assign(quote, subject, refs, index, 0.85, how)

    def according_to(self, quote, text, blanked, refs, previous, following, index):
        sent_start, _end = sentence_bounds(blanked, quote.start)
        pronoun = according_to_pronoun(blanked, sent_start, quote.start)
        if pronoun:  # "По её словам, … «…»": the person "её" stands for
            start, end, personal = pronoun
            ref = NameRef(start, end, blanked[start:end], pronoun=personal)
            return self.assign(quote, ref, refs, index, 0.9, f"“{ref.text}”")
        found = according_to_in(blanked, sent_start, quote.start)
        if not found:
            return False
        at = found[1]
        clause = re.match(r"[^,.;:!?]{0,100}", blanked[at : at + 100]).end()  # to its comma
        subject = self.first_ref(refs, at, at + max(40, clause))
        if subject is None:
            # "по словам волонтёров, «…»", "according to officials": people the text does not
            # name, in lower case
            group = re.match(r"(?:[a-zа-яёčćšžđђјљњћџ][\w-]*\s*){1,3}", blanked[at : at + 40])
            if group:
                words = blanked[found[0] : at + group.end()].strip()
                return self.describe(quote, words, 0.75, f"“{words}”")
            return False
        words = blanked[found[0] : found[1]].strip()
        return self.assign(quote, subject, refs, index, 0.75, f"“{words}”")

    def continuation(self, quote, text, blanked, refs, previous, following, index):
        """The second half of a broken quote: “…,” he said, “…”."""
        if previous is None or not (
            previous.how.startswith(("“", "continues")) and previous.attribution >= 0.5
        ):
            return False
        short = len(_words(previous.text)) < 3 and previous.text.rstrip()[-1:] not in ",.?!"
        if short and previous.opener != "—":  # dash speech is speech however short
            return False
        between = blanked[previous.end + 1 : quote.start - 1]
        others = [
            r
            for r in refs.between(previous.end, quote.start)
            if not r.pronoun and (r.person or r.name) and r.label != previous.speaker_label
        ]
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
        before = blanked[start : quote.start - 1]
        verbs = speech_verbs_in(before)
        if not verbs:
            return False
        verb = verbs[-1]
        if re.search(r"\b(?:who|which|whom)\b", before[: verb.start()]):
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


# -- the entry points ------------------------------------------------------------


def extract_quotes(article, paragraphs=None, matcher=None):
    """Every quoted span in the article with its speaker guess and scores (none dropped)."""
    paragraphs = list(paragraphs if paragraphs is not None else article.paragraphs.all())
    attributor = Attributor(Names(article, matcher, paragraphs))
    results = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind not in QUOTED_KINDS:
            continue
        found = [
            FoundQuote(paragraph, start, end, paragraph.text[start:end], opener)
            for start, end, opener in quote_spans(paragraph.text)
        ]
        attributor.read(index, paragraph, found)
        for quote in found:
            quote.detection = detection_score(quote, paragraph.text)
        results.extend(found)
    return results


@dataclass
class QuoteReport:
    created: int = 0
    removed: int = 0
    kept_reviewed: int = 0
    dropped: int = 0  # spans judged not to be speech


@dataclass
class QuotePlan:
    """What suggesting an article's quotes would write: `store.save_quotes` writes it."""

    report: QuoteReport
    stale: list  # earlier unreviewed suggestions, replaced
    new: list  # Quotes, unsaved


def plan_quotes(article, matcher=None, threshold=DEFAULT_THRESHOLD):
    """The suggestions to replace and to add; reads the database, writes nothing."""
    report = QuoteReport()
    existing = list(article.quotes.all())
    reviewed = [q for q in existing if q.status != Status.SUGGESTED]
    report.kept_reviewed = len(reviewed)
    stale = [q for q in existing if q.status == Status.SUGGESTED]
    report.removed = len(stale)
    new = []
    for found in extract_quotes(article, matcher=matcher):
        if found.detection < threshold:
            report.dropped += 1
            continue
        if any(
            q.paragraph_id == found.paragraph.pk and q.start < found.end and found.start < q.end
            for q in reviewed
        ):
            continue
        note = found.speaker_name or found.speaker_note
        new.append(
            Quote(
                article=article,
                paragraph=found.paragraph,
                start=found.start,
                end=found.end,
                text=found.text,
                speaker=found.speaker,
                speaker_note="" if found.speaker else note[:300],
                status=Status.SUGGESTED,
                confidence=found.confidence,
            )
        )
        report.created += 1
    return QuotePlan(report, stale, new)


def suggest_quotes(article, matcher=None, threshold=DEFAULT_THRESHOLD):
    """Save the extractor's quotes as unreviewed suggestions.

    Quotes a curator reviewed (confirmed or rejected) stay as they are, and no
    suggestion overlapping them is made; earlier unreviewed suggestions are replaced.
    """
    with transaction.atomic():
        return store.save_quotes(plan_quotes(article, matcher, threshold))

"""Who a reference stands for: the person a name, pronoun or description in the words around a
quote names, and how a quote is given that speaker or a description of them.

A pronoun goes to the last person named before it whose gender matches, where the language
marks it (he/she, on/ona, он/она, and the verb's ending when the subject is left out: "rekla
je", "сказал"); a person's gender is what the text shows beside the name (a gendered verb, a
role noun: "предприниматель Небойша Тодорович") before what the name's ending suggests. A
description points back to the person it was given to ("Vladimir Zeremsky, a landlord … the
landlord said"); "the 38-year-old" to the person the text is about.
"""

import re

from articles.ingest import lexicon
from articles.ingest.names import PLURAL_PRONOUNS, NameRef

_words = re.compile(r"[\w’'-]+").findall

# A pronoun for the subject a Slavic sentence leaves out: of the verb's gender ("rekla je.",
# "сказал."), or of none when the verb does not mark it ("kaže kroz smeh.").
DROPPED = {lexicon.MASCULINE: "on", lexicon.FEMININE: "ona", None: "(dropped)"}
# A description that always points back: "said the 38-year-old".
ANAPHORIC_DESCRIPTOR = re.compile(r"^\d+-year-old$")


def dropped_subject(verb, start, end, gender):
    """The NameRef of the subject a verb's sentence leaves out."""
    return NameRef(start, end, verb, pronoun=DROPPED[gender])


class Speakers:
    """The resolution half of attribution.Attributor: `names`, `described`, `last_speaker`,
    `last_subject`, `recent` and `everyone` are the Attributor's memory of the article so
    far."""

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
            if not ANAPHORIC_DESCRIPTOR.match(ref.descriptor):
                return ref, 0.0
            for named, at in reversed(self.recent):  # a person named in full, not a place
                if index - at <= 2 and (named.person or len(named.label.split()) >= 2):
                    return named, 0.25
        elif not ref.pronoun:
            return ref, 0.0
        gender = lexicon.PRONOUN_GENDER.get(ref.pronoun)
        subject, person = refs.antecedent(ref.start)
        unnamed = refs.last_unnamed(ref.start)
        if (
            unnamed is not None
            and unnamed.gender in (None, gender, lexicon.MASCULINE)  # a masculine noun names women
            and (
                subject is None
                or subject is ref
                or subject.start <= unnamed.start
                or not self.agrees(subject, gender)
            )
        ):  # "Jedna stanodavka … kaže …, rekla je ona": the woman described, not named
            return unnamed, 0.1
        if subject is not None and subject is not ref and self.agrees(subject, gender):
            return self.resolve(subject, refs, index)[0], 0.1
        if person is not None and self.agrees(person, gender):
            return person, 0.2
        memories = filter(None, (self.last_speaker, self.last_subject))
        for memory in sorted(memories, key=lambda m: -m[1]):  # the later one first
            if memory and index - memory[1] <= 2 and self.agrees(memory[0], gender):
                return memory[0], 0.25
        if gender is not None:  # "she": the last named person whose name is a woman's
            for named, at in reversed(self.recent):
                if index - at <= 4 and self.names.gender_of(named.label) == gender:
                    return named, 0.3
            # further back: the one person of that gender the article has named ("по её
            # словам" in an article about one woman)
            alike = [r for r in self.everyone.values() if self.names.gender_of(r.label) == gender]
            if len(alike) == 1:
                return alike[0], 0.3
        return None, 0.0

    def agrees(self, ref, gender):
        """Can `ref` be what a pronoun of `gender` stands for? Only names whose gender shows
        (in the text, or by the ending: Volkova, Белов) can disagree."""
        if gender is None or ref.descriptor or ref.pronoun:
            return True
        shown = self.names.gender_of(ref.person.name if ref.person else ref.name)
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

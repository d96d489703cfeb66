"""Direct quotes: the quoted spans of a paragraph, and whether each is speech.

Quotes are words between “double”, ‘single’, „Serbian“, «Russian» or straight quotation
marks in body paragraphs and captions, exactly as printed (marks excluded), and Serbian or
Russian speech introduced by a dash. A quote broken by its attribution (“…,” he said, “…”)
is two quotes with one speaker. Scare quotes and names in quotation marks (a “bubble”, the
“Z” symbol) are told apart from speech by length, form and context: speech is long, or ends
in punctuation, or sits next to a speech verb (says, told, explains, adds …). Who said each
quote is attribution.py's job.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from articles.ingest import lexicon
from articles.models import Paragraph
from people.models import Person

QUOTED_KINDS = ("body", "caption")
DEFAULT_THRESHOLD = 0.5
SPEECH_VERBS = lexicon.ALL_SPEECH_VERBS
TERM_MARKERS = re.compile(
    r"(?:\b(?:a|an|the|so-called|called|dubbed|named|termed|term|word|words|as|titled|labell?ed"
    r"|designated|known as|referred to as|its|their|his|her|our|this|that|of|phrase|expression"
    r"|slogan|motto|nickname|sign|label|фраз[ауы]|выражени[ея]|fraz[aeu]|izraz|фраз[аеу]"
    r"|израз)\s*)$",
    re.IGNORECASE,
)
NAME_TOKEN = re.compile(r"[^\W\d_][\w’'\-]*")
SENTENCE_BREAK = re.compile(r"[.!?…][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-ZÀ-ÖØ-ÞА-Я])")


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
            closes = [
                j for j in self.at[closer] if j and not text[j - 1].isspace() and self.ends_word(j)
            ]
            # "the Balkans’ way": a plural possessive, when a later mark can close the quote
            plain = [
                j
                for j in closes
                if not (
                    text[j - 1] == "s"
                    and text[j + 1 : j + 2] == " "
                    and "a" <= text[j + 2 : j + 3] <= "z"
                )
            ]
            stops = sorted(
                self.at["“"]
                + self.at["‘"]
                + (
                    [j for j in self.at["'"] if j and text[j - 1].isspace()]
                    if opener == "'"
                    else []
                )
            )
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
        at = i
        while True:
            stop = self.after(stops, at)
            stop = self.n if stop is None else stop
            j = self.after(plain, at)
            if j is not None and j < stop:
                return j
            # ‘He called him “the émigrés’ barber”. …’: a double quote nested in the single
            # one is read past, apostrophes and all
            inner = self.close(stop, "“") if stop < self.n and self.text[stop] == "“" else None
            if inner is None:
                break
            at = inner
        k = bisect_left(closes, stop) - 1  # the last mark before the stop, possessive or not
        return closes[k] if k >= 0 and closes[k] > i else None


DASH_OPEN = re.compile(r"\s*[—–]\s+(?=\S)")
# How the words were said, before the verb: "— кроз смех каже", "— с улыбкой говорит",
# "— uz osmeh dodaje" (a preposition of manner and its noun).
MANNER = r"(?:(?i:kroz|uz|sa|s|кроз|уз|са|с|со|сквозь)\s+[^\W\d_]+\s+)"
DASH_CLOSE = re.compile(r",?\s+[—–]\s+" + MANNER + r"?([^\W\d_]+)")
DASH_RESUME = re.compile(r"[.,:]\s+[—–]\s+(?=\S)")


AUXILIARY_AFTER = re.compile(r"\s+(?:je|је|su|су)\b")


def closes_speech(text, close):
    """Does the dash at `close` (a DASH_CLOSE match) start an attribution? A listed speech verb
    follows it, or a word ending as a verb does where the speech ends in a comma, "!" or "?"
    ("— Быстрее, — усмехнулся он") or a Serbian participle does ("— Idemo — dobacio je")."""
    word = close.group(1)
    if word in SPEECH_VERBS:
        return True
    if not lexicon.verb_shaped(word):
        return False
    ended = text[: close.start() + 1].rstrip(" —–")[-1:] in ",!?…"
    return ended or bool(AUXILIARY_AFTER.match(text, close.end()))


WORD = re.compile(r"[^\W\d_]+")


def shaped_verb(text, at):
    """The word at `at` if it ends as a Russian or Serbian verb ("вздыхает", "dobacio"): next
    to the marks that close or open a quote, such a word is the verb of the speech."""
    match = WORD.match(text, at)
    return match if match and lexicon.verb_shaped(match.group()) else None


def speech_verbs_in(text):
    """The listed speech verbs of `text`, as matches."""
    return [m for m in WORD.finditer(text) if m.group() in SPEECH_VERBS]


def verb_before_colon(text):
    """The word ending as a verb right before the colon that ends `text` ("кричит: «…»")."""
    match = re.search(r"([^\W\d_]+)\s*:\s*$", text)
    return shaped_verb(text, match.start(1)) if match else None


def dash_speech(text):
    """(start, end) of the direct speech a dash opens a paragraph with, closed by a dash and a
    speech verb: "— Doći ćemo opet — rekla je." / "— Придём, — сказал он."; and of the speech
    that resumes after the attribution: "— Придём, — сказал он. — Ждите." Else []."""
    opening = DASH_OPEN.match(text)
    if not opening:
        return []
    for close in DASH_CLOSE.finditer(text, opening.end()):
        if not closes_speech(text, close):
            continue
        spans = [(opening.end(), close.start())]
        resume = DASH_RESUME.search(text, close.end())
        if resume:
            again = next(
                (c for c in DASH_CLOSE.finditer(text, resume.end()) if closes_speech(text, c)),
                None,
            )
            end = again.start() if again else len(text.rstrip())
            if text[resume.end() : end].strip():
                spans.append((resume.end(), end))
        return spans
    return []


def quote_spans(text):
    """(start, end, opener) of every quoted span, marks excluded; inner quotes are skipped.
    Direct speech opened by a dash counts as a span, its opener "—", and so does each piece of a
    quote its attribution parts between dashes («…, — говорит она. — …»)."""
    spans, i, n = [], 0, len(text)
    for start, end in dash_speech(text):
        spans.append((start, end, "—"))
        i = end + 1
    marks = QuoteMarks(text)
    while i < n:
        ch = text[i]
        if ch in "“„«‚" or (ch in "\"‘'" and _opens(text, i)):
            if ch == "'" and not (i + 1 < n and _letter(text[i + 1])):
                i += 1
                continue
            close = marks.close(i, ch)
            if close is not None and close > i + 1 and text[i + 1 : close].strip():
                pieces = interrupted(text, i + 1, close)
                # the pieces of a quote parted by its attribution are speech however short,
                # as dash speech is: their opener says so
                opener = ch if len(pieces) == 1 else "—"
                spans.extend((start, end, opener) for start, end in pieces)
                i = close + 1
                continue
        i += 1
    return spans


# An attribution set inside the marks between dashes, as Russian writes it: «Сначала было
# трудно, — говорит она. — Теперь привыкли», «…, — вздыхает он, разливая чай, — …».
INNER_ATTRIBUTION = re.compile(
    r"[,.!?…]?\s+[—–]\s+" + MANNER + r"?([^\W\d_]+)(?:,?\s+[^\W\d_]+){0,5}?\s*[.,:]\s+[—–]\s+(?=\S)"
)


def interrupted(text, start, end):
    """The pieces of the quoted text[start:end] around attributions set inside its marks: one
    piece, (start, end), when it has none."""
    pieces, offset = [], start
    for match in INNER_ATTRIBUTION.finditer(text[start:end]):  # the quote's text only
        verb = match.group(1)
        if verb in SPEECH_VERBS or lexicon.verb_shaped(verb):
            pieces.append((start, offset + match.start()))
            start = offset + match.end()
    return [*pieces, (start, end)]


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


class Covered:
    """Which characters of a text some span already covers: an overlap test that costs the
    new span's length, not the number of spans seen so far."""

    def __init__(self, length):
        self.marks = bytearray(length + 1)

    def add(self, start, end):
        self.marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start, end):
        return self.marks.find(1, start, end) != -1


# -- speech or scare quotes ------------------------------------------------------


def detection_score(quote, text):
    words = len(NAME_TOKEN.findall(quote.text))
    stripped = quote.text.rstrip()
    punctuated = stripped[-1:] in ",.?!…"
    upper = bool(re.match(r"^\W*[A-ZÀ-ÖØ-ÞА-Я0-9]", quote.text))
    before = text[max(0, quote.start - 26) : quote.start - 1]
    after = text[quote.end + 1 : quote.end + 3]
    term_context = bool(TERM_MARKERS.search(before)) and last_visible(
        text, quote.start - 1
    ) not in (",", ":")
    runs_on = bool(re.match(r"^\s?[^\W\d_]", after)) and after.strip()[:1].islower()
    runs_on = runs_on and not punctuated
    attributed = (
        quote.how.startswith("“")
        and "in the sentence" not in quote.how
        or quote.how.startswith("continues")
        and (words >= 3 or quote.opener == "—" or words == 2 and upper and punctuated)
    )  # speech a dash opens is found only beside its verb, so a short resumption is speech too;
    # so is a sentence of two words resuming a quote (“…,” he said. “Everybody loses.”)
    if attributed and quote.attribution >= 0.5 or quote.opener == "—" and quote.how[:1] == "“":
        score = 0.95  # dash speech is found only beside its verb: speech, whoever said it
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
    # a fragment of four words or more a named speaker's verb reports ("said she first came
    # “to watch for ten minutes” and stayed") is speech though the sentence runs on
    named = bool(quote.speaker or quote.speaker_name)
    reported = "in the sentence" in quote.how and words >= 4 and named
    if (term_context or runs_on and not reported) and not attributed:
        score *= 0.5
    # A short capitalised name right after a word, no colon or comma between, no sentence's
    # end in it: a title ("priručnik „Srpski za 30 dana“", "фильм «Брат»"), unless a verb
    # right beside the quote attributes it
    after_word = last_visible(text, quote.start - 1).isalpha()
    titled = upper and not punctuated and words <= 5 and after_word
    if titled and not (quote.how.startswith("“") and "in the sentence" not in quote.how):
        score = min(score, 0.25)
    return round(score, 2)


def last_visible(text, end):
    """The last character before `end` that is not white space ("" if none): reads back over
    the white space only, never the whole text."""
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return text[k - 1] if k > 0 else ""

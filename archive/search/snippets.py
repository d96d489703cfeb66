"""Keyword-in-context snippets: which words of a text a search matched, marked safely.

The text is split and folded with the same functions the index uses, so a
Cyrillic query marks the Latin spelling, "Vucic" marks "Vučić", and a stem
marks every inflection. The snippet is built from escaped pieces with only
<mark> added: nothing from the article or the query reaches the page unescaped.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.search.analysis import stem
from archive.text import fold, words

CONTEXT_WORDS = 14


@dataclass
class Highlighter:
    """What to mark: folded words, stems, prefixes and word sequences (phrases, names)."""

    exact: set = field(default_factory=set)
    stems: set = field(default_factory=set)
    prefixes: set = field(default_factory=set)
    sequences: set = field(default_factory=set)  # tuples of folded words, length >= 2

    def add_word(self, folded):
        self.exact.add(folded)
        self.stems.add(stem(folded))

    def add_sequence(self, folded_words):
        folded_words = tuple(folded_words)
        if len(folded_words) == 1:
            self.exact.add(folded_words[0])
        elif folded_words:
            self.sequences.add(folded_words)

    def words(self):
        """Every word to mark, for carrying a search into an article (?hl=)."""
        found = set(self.exact) | {w for seq in self.sequences for w in seq} | self.prefixes
        return sorted(found)

    def __bool__(self):
        return bool(self.exact or self.stems or self.prefixes or self.sequences)

    def matches(self, text):
        """[(start, end, folded words)] of every matched span in `text`, longest first."""
        tokens = [(start, end, fold(surface)) for start, end, surface in words(text)]
        tokens = [t for t in tokens if t[2]]
        keys = [t[2] for t in tokens]
        by_first_word = self._sequences_by_first_word()
        spans = []
        i = 0
        while i < len(tokens):
            folded = keys[i]
            for sequence in by_first_word.get(folded, ()):
                n = len(sequence)
                if tuple(keys[i : i + n]) == sequence:
                    spans.append((tokens[i][0], tokens[i + n - 1][1], sequence))
                    i += n
                    break
            else:
                if (
                    folded in self.exact
                    or stem(folded) in self.stems
                    or (self.prefixes and any(folded.startswith(p) for p in self.prefixes))
                ):
                    spans.append((tokens[i][0], tokens[i][1], (folded,)))
                i += 1
        return spans

    def _sequences_by_first_word(self):
        cached = getattr(self, "_by_first_word", None)
        if cached is None or cached[0] != len(self.sequences):
            table = {}
            for sequence in sorted(self.sequences, key=len, reverse=True):
                table.setdefault(sequence[0], []).append(sequence)
            cached = self._by_first_word = (len(self.sequences), table)
        return cached[1]


def score_spans(spans):
    """Distinct things matched first, then phrase length, then how many."""
    distinct = {s[2] for s in spans}
    return (len(distinct), max((len(s[2]) for s in spans), default=0), len(spans))


def render(text, spans, context_words=CONTEXT_WORDS, whole=False):
    """Escaped HTML: a window of `text` around the densest matches, matches in <mark>."""
    if whole or not spans:
        start, end = 0, len(text)
    else:
        token_bounds = words(text)
        first = spans[0][0]
        index = next((i for i, t in enumerate(token_bounds) if t[0] >= first), 0)
        lo = max(0, index - context_words // 2)
        hi = min(len(token_bounds) - 1, index + context_words + context_words // 2)
        start = token_bounds[lo][0] if token_bounds else 0
        end = token_bounds[hi][1] if token_bounds else len(text)
        if lo <= 2:
            start = 0
        if hi >= len(token_bounds) - 3:
            end = len(text)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end, _ in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces).strip())  # noqa: S308 - every piece is escaped above


def best_passage(passages, highlighter):
    """The passage (key, text) with the best matches, and its spans."""
    best = None
    for key, text in passages:
        spans = highlighter.matches(text) if highlighter else []
        score = score_spans(spans)
        if best is None or score > best[0]:
            best = (score, key, text, spans)
    if best is None:
        return None, "", []
    return best[1], best[2], best[3]

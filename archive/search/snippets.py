"""Snippets: which words of a text a search matched, and the passage that shows them best.

The text is split and folded with the same functions the index uses, so a
Cyrillic query marks the Latin spelling, "Vucic" marks "Vučić", and a stem
marks every inflection. The snippet itself, the matches marked in a window of
words, is drawn by the archive's one keyword-in-context renderer
(`archive.kwic.in_context`), which escapes everything from the text.
"""

from dataclasses import dataclass, field

from archive.search.analysis import stem
from archive.text import WORD, fold, words


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

    def could_match(self, text):
        """False when no word of `text` can start a match: a quick pass over the words alone
        (no offsets), so an article's paragraphs without a match are skipped cheaply."""
        firsts = self._sequences_by_first_word()
        return any(
            folded in firsts or self.marks_word(folded) for folded in map(fold, WORD.findall(text))
        )

    def marks_word(self, folded):
        """Whether one folded word is marked on its own: itself, its stem or a prefix."""
        return (
            folded in self.exact
            or stem(folded) in self.stems
            or bool(self.prefixes and any(folded.startswith(p) for p in self.prefixes))
        )

    def matches(self, text):
        """[(start, end, folded words)] of every matched span in `text`, longest first."""
        if not self.could_match(text):
            return []
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
                if self.marks_word(folded):
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

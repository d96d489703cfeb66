"""Keyword in context: spans of a text marked, in a window of words around them.

The one renderer for every place the archive shows words in their context: search snippets
(what a query matched), the lines of an entity's mentions, the admin and the review screens
(a quote or a mention in its paragraph), and the review screen's unknown names. Each place
says how many words to show either side; a quote shown whole says None.

The words are those search indexes (`archive.text.words`), in any script, so the window is
cut between words, never inside one, with "…" where the text goes on. A cut that would hide
fewer than HIDDEN_AT_LEAST words shows them instead. The HTML is built from escaped pieces
with only <mark> added: nothing from the text reaches the page unescaped.
"""

from bisect import bisect_left, bisect_right

from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.text import words

HIDDEN_AT_LEAST = 3  # "… two words" hides less than it costs to read


def window(text, spans, before=None, after=None):
    """(start, end) of the part of `text` to show: `before` words before the first span and
    `after` words after its end, at word boundaries. None, or no span: to that end of the
    text."""
    if not spans or (before is None and after is None):
        return 0, len(text)
    span_start, span_end = spans[0][0], spans[0][1]
    tokens = words(text)
    start, end = 0, len(text)
    if before is not None:
        first = bisect_right([t[1] for t in tokens], span_start)  # the span's first word
        if first - before >= HIDDEN_AT_LEAST:
            start = tokens[first - before][0]
    if after is not None:
        last = bisect_left([t[0] for t in tokens], span_end) - 1  # the span's last word
        if last + after < len(tokens) - HIDDEN_AT_LEAST:
            end = tokens[last + after][1]
    return start, end


def in_context(text, spans, before=None, after=None):
    """Safe HTML: the window of `text` around the first of `spans` ((start, end, …) each),
    every span inside it in <mark>."""
    spans = sorted((span[0], span[1]) for span in spans)
    start, end = window(text, spans, before, after)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue  # overlaps a span already marked, or outside the window
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces).strip())  # noqa: S308 - every piece is escaped above

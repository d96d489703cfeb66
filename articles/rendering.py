"""A paragraph as HTML: mentions linked to their entities, quotes marked, searched words lit.

Spans nest in a fixed order: a quote outside, a mention's link inside it, a search
mark innermost. So a mark never splits a link (a marked name stays one link), and
only a mark that crosses a link's or a quote's edge is cut in two. The text is walked
once over the sorted span boundaries: the work grows with the text and the number
of spans, never with their product. Every piece of text is escaped.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

QUOTE, MENTION, MARK = range(3)


def disjoint(spans):
    """(start, end, span) sorted, dropping any that overlaps an earlier, longer one.

    A link cannot hold another link, nor a quote another quote: of two that overlap,
    the one that starts first (the longer, at the same start) is kept.
    """
    kept, reach = [], -1
    for start, end, span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= reach and start < end:
            kept.append((start, end, span))
            reach = end
    return kept


def open_tag(level, span, mark_id, made):
    """The opening tag of a span; a link's or a quote's is built once per paragraph."""
    if level == MARK:
        # An int id needs no escaping.
        return "<mark>" if mark_id is None else f'<mark id="m{int(mark_id)}" tabindex="-1">'
    tag = made.get(id(span))
    if tag is None:
        if level == QUOTE:
            tag = format_html('<span class="quote" data-quote="{}">', span.get_absolute_url())
        else:
            entity = span.entity
            tag = format_html(
                '<a class="mention mention-{}" href="{}" title="{}">',
                entity.link_field,
                entity.get_absolute_url(),
                entity.name,
            )
        made[id(span)] = tag
    return tag


CLOSE = {QUOTE: "</span>", MENTION: "</a>", MARK: "</mark>"}


def render_paragraph(paragraph, mentions=(), quotes=(), marks=(), first_mark=None):
    """The paragraph's HTML. With `first_mark`, the marks get ids m<first_mark>, m<…+1>, …"""
    text = paragraph.text
    size = len(text)
    layers = [
        disjoint((q.start, q.end, q) for q in quotes),
        disjoint((m.start, m.end, m) for m in mentions),
        [
            (s, e, number)
            for number, (s, e, _) in enumerate(disjoint((s, e, None) for s, e, _ in marks))
        ],
    ]
    layers = [
        [(max(0, s), min(size, e), span) for s, e, span in layer if s < size] for layer in layers
    ]
    cuts = sorted({0, size, *(c for layer in layers for s, e, _ in layer for c in (s, e))})
    cursors = [0, 0, 0]
    open_spans = [None, None, None]  # what each level has open now
    made = {}
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        wanted = []
        for level, layer in enumerate(layers):
            i = cursors[level]
            while i < len(layer) and layer[i][1] <= start:
                i += 1
            cursors[level] = i
            inside = i < len(layer) and layer[i][0] <= start
            wanted.append(layer[i] if inside else None)
        # Close from the innermost out down to the first level that changes, then reopen.
        changed = next((lv for lv in range(3) if wanted[lv] is not open_spans[lv]), None)
        if changed is not None:
            for level in (MARK, MENTION, QUOTE):
                if level >= changed and open_spans[level] is not None:
                    pieces.append(CLOSE[level])
                    open_spans[level] = None
            for level in range(changed, 3):
                if wanted[level] is not None:
                    span_start, _, span = wanted[level]
                    # Only a mark's first piece carries the id that next/previous jumps to.
                    first_piece = level == MARK and first_mark is not None and span_start == start
                    pieces.append(
                        open_tag(level, span, first_mark + span if first_piece else None, made)
                    )
                    open_spans[level] = wanted[level]
        pieces.append(escape(text[start:end]))
    for level in (MARK, MENTION, QUOTE):
        if open_spans[level] is not None:
            pieces.append(CLOSE[level])
    return mark_safe("".join(pieces))  # noqa: S308 - built from escaped pieces


def render_paragraphs(paragraphs, mentions, quotes, highlighter):
    """Render each paragraph (sets `.html` and `.marks`), numbering marks in the order given.

    `mentions` and `quotes` map a paragraph id to its spans. Returns [(mark number,
    paragraph)], one per mark, for the page's list of marks.
    """
    numbered = []
    for paragraph in paragraphs:
        marks = highlighter.matches(paragraph.text) if highlighter else []
        first = len(numbered) + 1
        paragraph.html = render_paragraph(
            paragraph,
            mentions.get(paragraph.pk, ()),
            quotes.get(paragraph.pk, ()),
            marks,
            first_mark=first,
        )
        paragraph.marks = len(marks)
        numbered.extend((first + i, paragraph) for i in range(len(marks)))
    return numbered

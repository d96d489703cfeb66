"""A paragraph as HTML: mentions linked to their entities, quotes marked, searched words lit.

Spans may nest or cross (a mention inside a quote, a searched word across a
mention's edge), so the text is cut at every span boundary and each piece is
wrapped in the tags of the spans that cover it. Every piece of text is escaped.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def render_paragraph(paragraph, mentions=(), quotes=(), marks=()):
    text = paragraph.text
    cuts = {0, len(text)}
    for span in [*mentions, *quotes]:
        cuts.update((span.start, span.end))
    for start, end, _ in marks:
        cuts.update((start, end))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start == end:
            continue
        piece = escape(text[start:end])
        if any(s <= start and end <= e for s, e, _ in marks):
            piece = f"<mark>{piece}</mark>"
        mention = next((m for m in mentions if m.start <= start and end <= m.end), None)
        if mention is not None:
            entity = mention.entity
            piece = format_html('<a class="mention mention-{}" href="{}" title="{}">{}</a>',
                                entity.link_field, entity.get_absolute_url(), entity.name,
                                mark_safe(piece))  # noqa: S308 - escaped above
        quote = next((q for q in quotes if q.start <= start and end <= q.end), None)
        if quote is not None:
            piece = format_html('<span class="quote" data-quote="{}">{}</span>',
                                quote.get_absolute_url(), mark_safe(piece))  # noqa: S308
        pieces.append(str(piece))
    return mark_safe("".join(pieces))  # noqa: S308 - built from escaped pieces

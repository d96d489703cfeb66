"""A quote or a mention in its paragraph, the span marked: what the admin and the review
screens show. The window is counted in characters either side of the span; the HTML is the
template `includes/in_context.html`, so everything from the text is escaped there.

Search snippets (`archive.search.snippets`) mark what a query matched, windowed in words;
this marks one known span.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Window:
    lead: str  # "…" where the text is cut before
    before: str
    span: str
    after: str
    trail: str  # "…" where the text is cut after


def window(text, start, end, width=None):
    """`text[start:end]` with `width` characters either side (the whole text if None)."""
    if width is None:
        return Window("", text[:start], text[start:end], text[end:], "")
    left, right = max(0, start - width), min(len(text), end + width)
    return Window(
        "…" if left else "",
        text[left:start],
        text[start:end],
        text[end:right],
        "…" if right < len(text) else "",
    )


def in_context(text, start, end, width=None):
    """The window as safe HTML, the span in <mark>."""
    return render_to_string("includes/in_context.html", {"window": window(text, start, end, width)})

"""A paragraph as HTML: links, quotes and search marks nested without splitting a link."""

import re
import sys
from pathlib import Path

from archive.search.snippets import Highlighter
from archive.text import fold
from articles import rendering
from articles.models import Article, Mention, Paragraph, Quote
from articles.rendering import render_paragraph, render_paragraphs
from people.models import Person, Place
from tests.helpers import HOSTILE


def paragraph_of(text, position=1):
    article = Article(slug="invented", title="Invented")
    return Paragraph(article=article, position=position, text=text)


def mention(paragraph, written, entity, start=None):
    start = paragraph.text.index(written) if start is None else start
    found = Mention(paragraph=paragraph, start=start, end=start + len(written), text=written)
    found.entity = entity
    return found


def quote(paragraph, words):
    start = paragraph.text.index(words)
    return Quote(
        article=paragraph.article,
        paragraph=paragraph,
        start=start,
        end=start + len(words),
        text=words,
    )


def highlighter(*words, sequences=()):
    marking = Highlighter()
    for word in words:
        marking.add_word(fold(word))
    for sequence in sequences:
        marking.add_sequence([fold(w) for w in sequence.split()])
    return marking


NIKITIN = Person(slug="pyotr-nikitin", name="Pyotr Nikitin")
BELGRADE = Place(slug="belgrade", name="Belgrade")


def test_a_marked_name_stays_one_link_with_the_marks_inside():
    paragraph = paragraph_of("Yesterday Pyotr Nikitin spoke in Belgrade.")
    marks = highlighter("pyotr", "nikitin").matches(paragraph.text)
    html = render_paragraph(
        paragraph, [mention(paragraph, "Pyotr Nikitin", NIKITIN)], (), marks, first_mark=1
    )
    assert html.count("<a ") == 1
    assert (
        '<a class="mention mention-person" href="/people/pyotr-nikitin/" '
        'title="Pyotr Nikitin"><mark id="m1" tabindex="-1">Pyotr</mark> '
        '<mark id="m2" tabindex="-1">Nikitin</mark></a>'
    ) in html
    assert "> </a>" not in html  # no link around a bare space


def test_a_mark_across_a_links_edge_is_cut_and_only_its_first_piece_has_the_id():
    paragraph = paragraph_of("They met in Belgrade yesterday.")
    marks = highlighter(sequences=["in Belgrade yesterday"]).matches(paragraph.text)
    html = render_paragraph(
        paragraph, [mention(paragraph, "Belgrade", BELGRADE)], (), marks, first_mark=4
    )
    assert html == (
        'They met <mark id="m4" tabindex="-1">in </mark>'
        '<a class="mention mention-place" href="/places/belgrade/" title="Belgrade">'
        "<mark>Belgrade</mark></a><mark> yesterday</mark>."
    )


def test_quotes_hold_links_and_marks_and_everything_is_escaped():
    text = f"He said “{HOSTILE} in Belgrade” & left."
    paragraph = paragraph_of(text)
    said = quote(paragraph, f"{HOSTILE} in Belgrade")
    marks = highlighter("belgrade").matches(text)
    html = render_paragraph(paragraph, [mention(paragraph, "Belgrade", BELGRADE)], [said], marks)
    assert HOSTILE not in html and "&lt;script&gt;" in html and "&amp; left." in html
    assert re.search(
        r'<span class="quote" data-quote="[^"]+">&lt;script&gt;.*'
        r'<a class="mention mention-place"[^>]*><mark>Belgrade</mark></a></span>”',
        html,
    )


def test_overlapping_mentions_keep_the_first_longest_one_as_the_only_link():
    paragraph = paragraph_of("Pyotr Nikitin came.")
    nested = mention(paragraph, "Nikitin", NIKITIN)
    html = render_paragraph(paragraph, [nested, mention(paragraph, "Pyotr Nikitin", NIKITIN)])
    assert html.count("<a ") == 1 and ">Pyotr Nikitin</a>" in html


def test_marks_are_numbered_across_paragraphs_in_the_order_given():
    first, second = paragraph_of("Belgrade, then Belgrade.", 1), paragraph_of("Belgrade.", 2)
    first.pk, second.pk = 1, 2
    numbered = render_paragraphs([second, first], {}, {}, highlighter("belgrade"))
    assert [(n, p.position) for n, p in numbered] == [(1, 2), (2, 1), (3, 1)]
    assert 'id="m1"' in second.html and 'id="m2"' in first.html and 'id="m3"' in first.html
    assert (first.marks, second.marks) == (2, 1)


# -- linear time (issue 15: an 81 KB paragraph with a 17-word hl took 16 s) ------------------

WATCHED = {str(Path(rendering.__file__)), str(Path(sys.modules[Highlighter.__module__].__file__))}


def lines_executed(function):
    """How many lines of the rendering and marking code a call runs: work, not time."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename in WATCHED else None

    sys.settrace(calls)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


SEARCHED = (
    "we deserve it Nikitin Belgrade Serbia Russians war cafe moved city "
    "people life new home years friends"
).split()


def render_long_paragraph(repeats):
    sentence = (
        "Pyotr Nikitin said we deserve it, and the Russians who moved to Belgrade "
        "found a new home in Serbia after the war, with friends in a cafe. "
    )
    paragraph = paragraph_of(sentence * repeats)
    paragraph.pk = 1
    mentions = [
        mention(paragraph, "Pyotr Nikitin", NIKITIN, found.start())
        for found in re.finditer("Pyotr Nikitin", paragraph.text)
    ]
    assert len(mentions) == repeats
    quotes = [quote(paragraph, "we deserve it")]
    marking = highlighter(*SEARCHED)
    assert len(marking.exact) == 17
    return lambda: render_paragraphs([paragraph], {1: mentions}, {1: quotes}, marking)


def test_marking_a_long_paragraph_takes_work_in_proportion_to_its_length():
    small = lines_executed(render_long_paragraph(100))  # ~15 KB, 1,400 marks, 100 links
    large = lines_executed(render_long_paragraph(400))  # 4 times as long
    assert small > 10_000  # the counter sees the work
    assert large < 4.5 * small  # quadratic work would be ~16 times

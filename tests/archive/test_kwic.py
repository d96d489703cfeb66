"""The one keyword-in-context renderer (archive/kwic.py): search snippets, an entity's mention
lines, the admin's and the review screens' context columns."""

from django.template import Context, Template

from archive.kwic import in_context
from tests.helpers import HOSTILE

NUMBERED = " ".join(f"w{n}" for n in range(1, 21))  # w1 w2 … w20


def span(text, written, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = text.index(written, start + 1)
    return (start, start + len(written))


def test_the_window_is_whole_words_either_side_with_ellipses_where_the_text_goes_on():
    assert in_context(NUMBERED, [span(NUMBERED, "w10")], 3, 3) == (
        "…w7 w8 w9 <mark>w10</mark> w11 w12 w13…"
    )


def test_at_the_start_of_the_text_there_is_nothing_to_cut():
    assert in_context(NUMBERED, [span(NUMBERED, "w1")], 3, 3) == ("<mark>w1</mark> w2 w3 w4…")
    assert in_context(NUMBERED, [span(NUMBERED, "w3")], 3, 3) == ("w1 w2 <mark>w3</mark> w4 w5 w6…")


def test_at_the_end_of_the_text_there_is_nothing_to_cut():
    assert in_context(NUMBERED, [span(NUMBERED, "w18")], 3, 3) == (
        "…w15 w16 w17 <mark>w18</mark> w19 w20"
    )
    assert in_context(NUMBERED, [span(NUMBERED, "w20")], 3, 3) == ("…w17 w18 w19 <mark>w20</mark>")


def test_fewer_than_three_words_are_shown_rather_than_cut_off():
    # Two words would hide behind the "…" at the start, and two at the end: both are shown.
    assert in_context(NUMBERED, [span(NUMBERED, "w6")], 3, 12) == (
        "w1 w2 w3 w4 w5 <mark>w6</mark> w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20"
    )
    # Three are worth cutting.
    assert in_context(NUMBERED, [span(NUMBERED, "w7")], 3, 10) == (
        "…w4 w5 w6 <mark>w7</mark> w8 w9 w10 w11 w12 w13 w14 w15 w16 w17…"
    )


def test_no_window_shows_the_whole_text():
    assert in_context(NUMBERED, [span(NUMBERED, "w10")]) == NUMBERED.replace(
        "w10", "<mark>w10</mark>"
    )
    # None on one side only: the whole text on that side.
    assert in_context(NUMBERED, [span(NUMBERED, "w10")], None, 2) == (
        "w1 w2 w3 w4 w5 w6 w7 w8 w9 <mark>w10</mark> w11 w12…"
    )
    assert in_context(NUMBERED, [span(NUMBERED, "w10")], 2, None) == (
        "…w8 w9 <mark>w10</mark> w11 w12 w13 w14 w15 w16 w17 w18 w19 w20"
    )
    assert in_context(NUMBERED, []) == NUMBERED  # nothing matched: the text as it is


def test_a_long_span_is_marked_whole_and_the_window_counts_from_its_end():
    quoted = "w5 w6 w7 w8 w9 w10 w11"
    assert in_context(NUMBERED, [span(NUMBERED, quoted)], 3, 3) == (
        f"w1 w2 w3 w4 <mark>{quoted}</mark> w12 w13 w14…"
    )


def test_every_span_in_the_window_is_marked_in_any_order_and_form():
    text = " ".join(f"w{n}" for n in range(1, 31))
    spans = [
        (*span(text, "w29"), ("w29",)),  # search's spans carry the words they matched
        (*span(text, "w8"), ("w8",)),
        (*span(text, "w5"), ("w5",)),
        span(text, "w8 w9"),  # overlaps a span already marked: left unmarked
    ]
    assert in_context(text, spans, 2, 5) == (
        "w1 w2 w3 w4 <mark>w5</mark> w6 w7 <mark>w8</mark> w9 w10…"
    )  # the window is around the first span; w29 lies outside it


def test_what_the_text_holds_is_escaped_and_only_mark_is_added():
    text = f"Before {HOSTILE} & <b>bold</b> after, O'Brien said “{HOSTILE}” too."
    html = in_context(text, [span(text, HOSTILE, 2), span(text, "bold")], 30, 30)

    assert html == (
        "Before &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "&lt;b&gt;<mark>bold</mark>&lt;/b&gt; after, O&#x27;Brien said "
        "“<mark>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</mark>” too."
    )
    # Safe HTML: a template shows it as it is, not escaped twice.
    assert Template("{{ html }}").render(Context({"html": html})) == html
    cut = in_context(text, [span(text, "bold")], 1, 1)
    assert cut == "…b&gt;<mark>bold</mark>&lt;/b…"  # one word either side: the tag's b


def test_cyrillic_words_are_words_and_the_cut_falls_between_them():
    text = (
        "У старом граду има много малих улица, а на тргу стоји велика зграда од црвене цигле "
        "поред старе реке."
    )
    assert in_context(text, [span(text, "зграда")], 3, 2) == (
        "…тргу стоји велика <mark>зграда</mark> од црвене…"
    )
    mixed = "Тада смо дуго шетали кроз Шабац (Šabac) и гледали реку, а затим смо отишли кући."
    assert in_context(mixed, [span(mixed, "Šabac"), span(mixed, "Шабац")], 1, 3) == (
        "…кроз <mark>Шабац</mark> (<mark>Šabac</mark>) и гледали…"
    )

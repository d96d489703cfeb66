"""The pictures' lines of a capture and the lines a page prints twice: a caption printed twice,
a caption above or under its photo credit, the title of an embedded video, a pull quote that
repeats the article's words. segmenting.py runs these passes first, after the line-by-line
classification (lines.py).
"""

from articles.ingest import lexicon
from articles.ingest.lines import has_terminal, sentences, word_count
from articles.ingest.pieces import by_line, whole


def mark_duplicates(pieces):
    lines = by_line(pieces)
    for previous, current in zip(lines, lines[1:], strict=False):
        if len(previous) == 1 and len(current) == 1 and previous[0].text == current[0].text:
            current[0].kind, current[0].reason = "duplicate", "repeats the line before"
            if previous[0].kind in ("prose", "caption?", "short", "caption", "name", "bio?"):
                previous[0].kind, previous[0].reason = "caption", "printed twice, as captions are"


PULL_QUOTE = "a pull quote: words the article prints"


def quoted_whole(text, kind):
    """A line that is one quotation of one or more sentences: “….”, „…!“, «…?», "…." (a
    quoted phrase with no full stop is a section's heading, unless it reads as a caption)."""
    text = text.rstrip()
    return (
        text[:1] in "“‘\"'„«‚"
        and text[-1:] in "”’\"'“»‘"
        and (text[-2:-1] in ".!?…" or kind == "caption?")
    )


def mark_pull_quotes(pieces):
    """A line in quotation marks whose every sentence the article prints elsewhere, another
    line's words, is a pull quote: the page's display type, said once already."""
    lines = by_line(pieces)
    article = "\n".join(line[0].text for line in lines).lower()
    for line in lines:
        text = line[0].text
        if not (whole(line, "prose", "caption?") and quoted_whole(text, line[0].kind)):
            continue
        if word_count(text) > 60:
            continue
        inner = text.strip("“”‘’\"'„«» ")
        parts = [inner[a:b].strip().rstrip(".,!?…:;") for a, b in sentences(inner)]
        # each sentence printed twice: in the pull quote and in the article's own line
        # (a pull quote may start a sentence the article starts lower-case)
        if parts and all(len(part) >= 12 and article.count(part.lower()) >= 2 for part in parts):
            line[0].kind, line[0].reason = "furniture", PULL_QUOTE


def mark_player_titles(pieces):
    lines = by_line(pieces)
    for previous, current in zip(lines, lines[1:], strict=False):
        if (
            whole(current, "furniture")
            and current[0].reason == "media player residue"
            and whole(previous, "short", "caption?", "name")
        ):
            previous[0].kind, previous[0].reason = "furniture", "title of an embedded video"


def mark_captions_before_credits(pieces):
    lines = by_line(pieces)
    for index, current in enumerate(lines):
        if not whole(current, "credit") or index == 0:
            continue
        before = lines[index - 1]
        if index + 1 < len(lines) and whole(lines[index + 1], "caption"):
            continue  # the photo's caption is printed under its credit
        if whole(before, "duplicate") and index >= 2:
            before = lines[index - 2]
        # a credit that closes the article (only the site's lines after it) is often the
        # lead photo's: a sentence with a full stop above it is the article's last paragraph
        closing = not any(p.kind == "prose" for line in lines[index + 1 :] for p in line)
        if (
            whole(before, "caption?", "short")
            # a name alone above a closing credit is the author's, above the photographer's
            or whole(before, "name")
            and not closing
            or whole(before, "prose")
            and not closing
            and (
                word_count(before[0].text) <= 60
                and not any(c in before[0].text for c in '“”‘"„«»')
                and not before[0].text.startswith(("—", "–", "-"))  # dash-introduced speech
                # a caption is one phrase; two sentences with a full stop are the article's
                and (len(sentences(before[0].text)) == 1 or not has_terminal(before[0].text))
                # and so are two clauses joined as a narrative joins them ("…, a u njoj stoji …")
                and not lexicon.CLAUSE_JOINER.search(before[0].text)
            )
        ):
            before[0].kind, before[0].reason = "caption", "printed above a photo credit"


def mark_captions_below_credits(pieces):
    """A phrase printed under a photo credit ("Photo: X" / "Фото: X") is the photo's caption
    when no caption stands above the credit: inside the article, a phrase between the credit
    and the next paragraph; in the head, a phrase between the credit and the byline or date,
    below the headline, or between the byline or date and the first paragraph."""
    lines = by_line(pieces)
    for index in range(1, len(lines) - 1):
        above, current, below = lines[index - 1], lines[index], lines[index + 1]
        if not (
            whole(current, "credit")
            and whole(below, "short", "caption?")
            and word_count(below[0].text) <= 20
        ):
            continue
        after = lines[index + 2] if index + 2 < len(lines) else []
        in_head = not any(p.kind == "prose" for line in lines[:index] for p in line)
        if in_head:
            metadata = any(
                p.kind in ("byline", "dateline") and p.reason != "dateline" for p in after
            )
            fits = (
                whole(above, "short", "caption?")
                and metadata
                # or the lead photo's, between the byline or date and the first paragraph
                or whole(above, "byline", "dateline", "note")
                and any(p.kind == "prose" for p in after)
            )
        else:
            fits = not whole(above, "short", "caption?", "caption") and (
                not after or any(p.kind == "prose" for p in after)
            )
        if fits:
            below[0].kind, below[0].reason = "caption", "printed under a photo credit"

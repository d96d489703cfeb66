"""The head of a capture: the headline, the summary under it, the site's name above it, and
the furniture that stands above the headline. segmenting.py runs these passes after the
line-by-line classification; what stands above the headline is the site's furniture.
"""

import re

from archive.text import fold_phrase
from articles.ingest.lines import (
    KICKER,
    SOURCE_LINE,
    author_like,
    has_terminal,
    is_quoted_line,
    name_list,
    sentences,
    without_closers,
    word_count,
    written_as_name,
)
from articles.ingest.metadata import author_role, copyright_owner, masthead_name
from articles.ingest.pieces import Piece


def site_names(pieces):
    """The names the site gives itself in its copyright and source lines, folded."""
    names = set()
    for piece in pieces:
        match = SOURCE_LINE.match(piece.text) if piece.kind == "note" else None
        owner = copyright_owner(piece.text) if piece.reason == "copyright line" else ""
        for name in (match["name"] if match else "", owner):
            if name.strip():
                names.add(fold_phrase(name))
    return names


HEAD_SKIPPED = ("furniture", "duplicate", "note", "credit", "byline", "dateline", "caption")


def head_candidates(pieces):
    """Indices of the pieces above the body that could be the headline: the lines before the
    first paragraph of prose (or a "BELGRADE —" dateline), past the furniture and metadata."""
    found = []
    for index, piece in enumerate(pieces):
        if piece.kind == "dateline" and piece.reason == "dateline":
            break
        if piece.kind in HEAD_SKIPPED:
            continue
        words = word_count(piece.text)
        question = without_closers(piece.text)[-1:] in "?!"
        if piece.kind == "prose" and not question and words <= 20 and above_metadata(pieces, index):
            found.append(index)  # a headline printed with a full stop, above the byline
            break
        if piece.kind in ("bio?", "body") or piece.kind == "prose" and (words > 25 or not question):
            break
        found.append(index)
    return found


def above_metadata(pieces, index):
    """One sentence directly above the byline or the date."""
    below = next((p for p in pieces[index + 1 :] if p.kind not in ("furniture", "duplicate")), None)
    return (
        below is not None
        and below.kind in ("byline", "dateline")
        and below.reason != "dateline"
        and len(sentences(pieces[index].text)) == 1
    )


def is_summary(piece):
    """One or two sentences with a full stop, as a summary under the headline is."""
    return (
        piece.kind in ("prose", "caption?")
        and has_terminal(piece.text)
        and word_count(piece.text) <= 45
        and len(sentences(piece.text)) <= 2
    )


def summary_above_metadata(pieces, index):
    """A summary as sites print it under the headline, directly above the byline, the date or
    an author's name on its own line."""
    below = next((p for p in pieces[index + 1 :] if p.kind not in ("furniture", "duplicate")), None)
    return (
        is_summary(pieces[index])
        and below is not None
        and (
            below.kind in ("byline", "dateline")
            and below.reason != "dateline"
            or below.kind == "name"
        )
    )


def headline_score(pieces, index):
    """How much a line reads like the headline: a phrase of five words or more with no full
    stop, directly above the byline, the date or a summary. Buttons, labels and menu words
    above a headline are short, end in a colon or stand above nothing of the article."""
    piece = pieces[index]
    words = word_count(piece.text)
    if words < 3 or words > 30:
        return None
    score = 2 if words >= 5 else 1
    below = next((p for p in pieces[index + 1 :] if p.kind not in ("furniture", "duplicate")), None)
    if names_over_date(pieces, index):
        return None  # names over the date: the authors, printed before the headline
    if piece.kind == "name" or name_list(piece.text):
        score -= 3  # capitalised words only: people's names more often than a headline
    if is_quoted_line(piece.text):
        score -= 2  # a pull quote
    label = re.match(r"^([^\W\d_]+):\s", piece.text)
    if label and not KICKER.match(piece.text):
        score -= 2  # "Trending: …", a one-word label before links
    if below is not None:
        if below.kind in ("byline", "dateline"):
            score += 3
        elif summary_above_metadata(pieces, pieces.index(below)) and not has_terminal(piece.text):
            score += 3  # a phrase over a summary sentence over the byline or the date
        elif below.kind == "name" or name_list(below.text):
            score += 2
        elif below.kind in ("caption?", "note"):
            score += 1
    if above_menu(pieces, index):
        score -= 2  # the site's header (a slogan, a banner) stands above its menu
    return score


def spelled_elsewhere(pieces, capitals):
    """The spelling of a name printed in capitals that another line of the text uses."""
    pattern = re.compile(r"(?<!\w)" + re.escape(capitals) + r"(?!\w)", re.IGNORECASE)
    for piece in pieces:
        match = pattern.search(piece.text)
        if match and not match[0].isupper():
            return match[0]
    return ""


def names_over_date(pieces, index):
    """People's names on a line of their own directly above the publication date."""
    piece = pieces[index]
    below = next((p for p in pieces[index + 1 :] if p.kind not in ("furniture", "duplicate")), None)
    return (
        (piece.kind == "name" or bool(name_list(piece.text)))
        and below is not None
        and below.kind == "dateline"
        and below.reason != "dateline"
    )


def above_menu(pieces, index):
    """A navigation bar or a breadcrumb trail below the line, before the article's prose."""
    for piece in pieces[index + 1 :]:
        if piece.kind in ("prose", "body"):
            return False
        if piece.kind == "furniture" and piece.reason in MENU_REASONS:
            return True
    return False


def find_title(result):
    """The headline: the head line that reads most like one (the first of equals); what stands
    above it in the head is the site's furniture."""
    pieces = result.pieces
    masthead = site_names(pieces)
    candidates = head_candidates(pieces)
    scored = [
        (headline_score(pieces, i), i)
        for i in candidates
        if fold_phrase(pieces[i].text) not in masthead
    ]
    scored = [(score, i) for score, i in scored if score is not None and score >= 1]
    title_at = (
        max(scored, key=lambda pair: (pair[0], -pair[1]))[1]
        if scored
        else headline_over_credit(pieces)
    )
    first_line = pieces[0].line if pieces else 0
    for index in candidates:
        piece = pieces[index]
        if fold_phrase(piece.text) in masthead:
            # the site's name at the top of the page, as its copyright or source line gives it
            piece.kind, piece.reason = "furniture", "the site's name (masthead)"
            result.masthead = result.masthead or piece.text
        elif title_at is not None and index < title_at and names_over_date(pieces, index):
            piece.kind, piece.reason = "byline", "names over the date, printed before the headline"
        elif title_at is not None and index < title_at:
            top = (
                piece.line == first_line
                or index == candidates[0]
                and menu_between(pieces, index, title_at)
            )
            if top and masthead_name(piece.text):
                result.masthead = masthead_name(piece.text)
            elif top and piece.text.isupper() and masthead_name(piece.text.title()):
                # "THE LOWLAND REVIEW": the name in capitals, spelled as the text spells it
                result.masthead = spelled_elsewhere(pieces, piece.text) or piece.text.title()
            piece.kind, piece.reason = "furniture", "site furniture above the headline"
        elif title_at is None and piece.kind in ("short", "name") and word_count(piece.text) <= 2:
            piece.kind, piece.reason = "furniture", "short line above the body"
    if title_at is None:
        return
    piece = pieces[title_at]
    match = KICKER.match(piece.text)
    if match and word_count(piece.text[match.end() :]) >= 3:
        pieces[title_at : title_at + 1] = [
            Piece(
                piece.line,
                "furniture",
                match["kicker"] or match["label"],
                "section label above the headline",
            ),
            Piece(piece.line, "title", piece.text[match.end() :].strip(), "headline"),
        ]
        title_at += 1
    else:
        piece.kind, piece.reason = "title", "headline: the head line that reads most like one"
    result.title = pieces[title_at].text
    rest = [p for p in pieces[title_at + 1 :] if p.kind != "furniture"]
    if (
        len(rest) > 2
        and rest[0].reason == "printed above a photo credit"
        and rest[1].kind == "credit"
        and rest[2].kind in ("byline", "dateline")
        and rest[2].reason != "dateline"
    ):
        # between the headline and the byline a sentence is the summary; the credit is the
        # lead photo's
        rest[0].kind, rest[0].reason = "prose", "summary under the headline"
    while (
        len(rest) > 1
        and rest[1].kind in ("name", "short", "caption?")
        and (is_summary(rest[0]) or rest[0].kind == "dateline" and rest[0].reason != "dateline")
    ):
        rest = rest[1:]  # the byline under the summary or the date under the headline
    below = rest[0] if rest else None
    if below is not None and below.kind == "name":
        below.kind, below.reason = "byline", "a name on its own line under the headline"
    elif below is not None and below.kind in ("short", "caption?") and name_list(below.text):
        below.kind, below.reason = "byline", "names on their own line under the headline"
    elif below is not None and below.kind == "short" and author_like(written_as_name(below.text)):
        below.kind, below.reason = "byline", "a name in capitals on its own line under the headline"
    if below is not None and below.kind == "byline" and len(rest) > 1:
        role = rest[1]
        if role.kind in ("short", "caption?") and author_role(role.text):
            role.kind, role.reason = "furniture", "the author's role under the byline"


def headline_over_credit(pieces):
    """A phrase with no full stop above the lead photo's credit, before any prose: the headline,
    when no other line reads like one (it was taken for a caption)."""
    for index, piece in enumerate(pieces):
        if piece.kind in ("prose", "body", "bio?"):
            return None
        if (
            piece.kind == "caption"
            and piece.reason == "printed above a photo credit"
            and not has_terminal(piece.text)
            and word_count(piece.text) >= 3
        ):
            return index
    return None


MENU_REASONS = ("a navigation bar", "breadcrumb trail")


def menu_between(pieces, start, end):
    """The site's menu or a breadcrumb trail between two pieces: the line above it is the
    site's name, as a masthead stands over its menu, under a "Skip to content" link."""
    return any(p.kind == "furniture" and p.reason in MENU_REASONS for p in pieces[start + 1 : end])


def devise_title(result, lines):
    """ "[The opening words …]", as archivists title an untitled text."""
    pieces = result.pieces
    first = next((p for p in pieces if p.kind in ("prose", "caption?", "short")), None)
    if first is None:
        return
    line = lines[first.line]
    opening = next(
        p
        for p in pieces
        if p.line == first.line and p.kind in ("dateline", "prose", "caption?", "short")
    )
    text = line[line.index(opening.text) :]
    clause = re.split(r"[,;:.!?]", text, maxsplit=1)[0]
    result.title = "[" + " ".join(clause.split()[:11]) + " …]"
    result.title_supplied = True


def find_standfirst(result):
    pieces = result.pieces
    after_title = False
    start = 0
    if any(p.kind == "title" for p in pieces):
        start = next(i for i, p in enumerate(pieces) if p.kind == "title") + 1
        after_title = True
    for index in range(start, len(pieces)):
        piece = pieces[index]
        if piece.kind in ("byline", "dateline") and piece.reason != "dateline":
            continue
        if (
            after_title
            and piece.kind == "caption?"
            and any(p.kind == "prose" for p in pieces[index + 1 : index + 4])
        ):
            piece.kind, piece.reason = "standfirst", "summary line under the headline"
            result.standfirst = piece.text
            return
        break
    candidates = []
    for index in range(start, len(pieces)):
        piece = pieces[index]
        if piece.kind in (
            "furniture",
            "duplicate",
            "note",
            "dateline",
            "byline",
            "caption",
            "credit",
        ):
            if piece.kind == "dateline" and piece.reason == "dateline":
                break  # "BELGRADE —": the body starts here
            continue
        if piece.kind != "prose":
            break
        candidates.append(index)
        break
    if not candidates:
        return
    index = candidates[0]
    piece = pieces[index]
    following = pieces[index + 1 : index + 6]
    # a provenance note right under it ("This story first appeared in …")
    notes_follow = any(p.kind == "note" for p in following[:1]) and any(
        p.kind == "prose" for p in following
    )
    dateline_follows = any(p.kind == "dateline" and p.reason == "dateline" for p in following[:2])
    words = word_count(piece.text)
    has_quotes = any(c in piece.text for c in '“”"')
    short_lede = (
        not after_title
        and words <= 40
        and not has_quotes
        and len(sentences(piece.text)) <= 2
        and any(p.kind == "prose" and word_count(p.text) > words for p in following[:2])
    )
    if notes_follow or (dateline_follows and words <= 60) or short_lede:
        piece.kind = "standfirst"
        piece.reason = (
            "summary between the headline and a note"
            if notes_follow
            else "summary above the dateline"
            if dateline_follows
            else "short summary above a longer opening paragraph"
        )
        result.standfirst = piece.text

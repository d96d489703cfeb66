"""Split a raw capture into the article's fields and its paragraphs.

A capture is a news page as somebody saved it: the article, and around it
site furniture (navigation, newsletter and donation appeals, a media player's
residue), photo captions (often printed twice), photo credits
("Marko Djurica / Reuters / Scanpix / LETA"), the author's bio. Every
non-empty raw line becomes one or more pieces, each an exact substring of
its line, with a kind:

- article fields: ``title``, ``standfirst``, ``byline``, ``dateline``;
- paragraphs: ``body``, ``heading``, ``caption``, ``credit``, ``note``, ``bio``;
- dropped: ``furniture``, ``duplicate`` (a caption repeated).

Nothing is invented. The title is the line above the body that scores most
like a headline (a phrase of five words or more, above the byline, the date
or a summary), and what stands above it is the site's furniture; when there
is none the archive devises one in [square brackets] from the opening words
and says so. A date is taken only from a date printed on a line of its own
(or beside the byline, or labelled "Published …"/"Опубликовано …") before
the body, never from a photo caption, and an "Updated" date never beats the
publication date. An outlet is proposed only when the text names itself: a
"Source:"/"Izvor:"/"Источник:" line, a copyright line, a known media
organization where a publisher names itself (a provenance note, the site's
own furniture, the author's bio, "told X"), or, last, the site's name printed
at the top of the page. Each piece carries the reason it was classified so,
for a curator to check.

Over 400 lines on purpose: the passes here (duplicates, tail furniture, title,
standfirst, fields, outlet) each read what the previous ones decided about the
same pieces, so they are one step; what a single line is lives in lines.py.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from archive.text import fold_phrase
from articles.ingest import lexicon
from articles.ingest.lines import (
    ANY_DATE,
    KICKER,
    MONTHS,
    PARAGRAPH_KINDS,
    SOURCE_LINE,
    WELCOME_LINE,
    analyse_line,
    author_like,
    byline,
    has_terminal,
    is_quoted_line,
    looks_like_name,
    name_list,
    parse_date,
    role_line,
    sentences,
    split_names,
    without_closers,
    word_count,
    written_as_name,
)
from articles.ingest.metadata import author_role, copyright_owner, masthead_name


@dataclass
class Piece:
    line: int  # 1-based number of the raw line
    kind: str
    text: str  # an exact substring of the raw line
    reason: str = ""


@dataclass
class Segmentation:
    pieces: list
    title: str = ""
    title_supplied: bool = False
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    published: datetime.date | None = None
    date_precision: str = "unknown"
    date_note: str = ""
    author_names: list = field(default_factory=list)
    editor_names: list = field(default_factory=list)
    outlet_name: str = ""
    outlet_evidence: str = ""
    masthead: str = ""  # the site's name above the headline, when it prints one

    @property
    def paragraphs(self):
        """(kind, text) of every paragraph, in reading order."""
        return [(p.kind, p.text) for p in self.pieces if p.kind in PARAGRAPH_KINDS]

    @property
    def body_count(self):
        return sum(1 for p in self.pieces if p.kind == "body")

    def evidence(self):
        """[(field, what was proposed, the line it was read from)] for a curator to check."""
        date = self.published.isoformat() if self.published else ""
        return [
            (
                "title",
                self.title,
                "devised: the text prints no headline" if self.title_supplied else self.title,
            ),
            ("byline", ", ".join(self.author_names), self.byline),
            ("date", date, self.dateline or self.date_note),
            ("outlet", self.outlet_name, self.outlet_evidence),
        ]

    def slug(self, max_length=60):
        base = slugify(self.title.strip("[]… ")) or "article"
        if len(base) > max_length:
            base = base[:max_length].rsplit("-", 1)[0]
        return base


# -- the whole capture ----------------------------------------------------------


def raw_lines(raw):
    """(number, stripped text) of every non-empty raw line."""
    return [(n, line.strip()) for n, line in enumerate(raw.split("\n"), 1) if line.strip()]


def segment(raw, media_names=None):
    """Split `raw`; `media_names` maps each spelling of a known media outlet to its name."""
    pieces, lines = [], dict(raw_lines(raw))
    for number, text in lines.items():
        for kind, piece_text, reason in analyse_line(text):
            pieces.append(Piece(number, kind, piece_text, reason))

    mark_duplicates(pieces)
    mark_player_titles(pieces)
    mark_captions_before_credits(pieces)
    mark_appeal_boxes(pieces)
    mark_tail(pieces)
    result = Segmentation(pieces=pieces)
    find_title(result)
    find_standfirst(result)
    if not result.title:
        devise_title(result, lines)
    settle(pieces)
    fill_fields(result, media_names or {})
    return result


def by_line(pieces):
    lines = {}
    for piece in pieces:
        lines.setdefault(piece.line, []).append(piece)
    return [lines[n] for n in sorted(lines)]


def whole(line_pieces, *kinds):
    return len(line_pieces) == 1 and line_pieces[0].kind in kinds


def mark_duplicates(pieces):
    lines = by_line(pieces)
    for previous, current in zip(lines, lines[1:], strict=False):
        if len(previous) == 1 and len(current) == 1 and previous[0].text == current[0].text:
            current[0].kind, current[0].reason = "duplicate", "repeats the line before"
            if previous[0].kind in ("prose", "caption?", "short", "caption", "name", "bio?"):
                previous[0].kind, previous[0].reason = "caption", "printed twice, as captions are"


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
        if whole(before, "duplicate") and index >= 2:
            before = lines[index - 2]
        # a credit that closes the article (only the site's lines after it) is often the
        # lead photo's: a sentence with a full stop above it is the article's last paragraph
        closing = not any(p.kind == "prose" for line in lines[index + 1 :] for p in line)
        if (
            whole(before, "caption?", "short", "name")
            or whole(before, "prose")
            and not closing
            and (
                word_count(before[0].text) <= 60
                and not any(c in before[0].text for c in '“”‘"„«»')
                and not before[0].text.startswith(("—", "–", "-"))  # dash-introduced speech
                # a caption is one phrase; two sentences with a full stop are the article's
                and (len(sentences(before[0].text)) == 1 or not has_terminal(before[0].text))
            )
        ):
            before[0].kind, before[0].reason = "caption", "printed above a photo credit"


APPEAL_REASONS = ("the site's own promotion", "newsletter appeal", "newsletter or donation appeal")


def mark_appeal_boxes(pieces):
    """The line under a newsletter or donation appeal that says what the letter brings ("The
    week's news, every Friday."), or under an "Advertisement" label the advertisement's
    text: one short sentence in the box."""
    lines = by_line(pieces)
    for index, (above, current) in enumerate(zip(lines, lines[1:], strict=False)):
        if whole(above, "furniture") and lexicon.AD_LABEL.match(above[0].text):
            inside = any(p.kind == "prose" for line in lines[:index] for p in line)
            if inside and whole(current, "short", "caption?") and word_count(current[0].text) <= 12:
                current[0].kind, current[0].reason = "furniture", "the advertisement's text"
            continue
        if (
            whole(above, "furniture")
            and above[0].reason in APPEAL_REASONS
            and whole(current, "prose", "short", "caption?")
            and word_count(current[0].text) <= 12
            and len(sentences(current[0].text)) == 1
            and not any(c in current[0].text for c in '“”„«»"')
        ):
            current[0].kind, current[0].reason = "furniture", "what the appeal above offers"


def mark_tail(pieces):
    """The site's furniture after the article: appeals, promos, the byline and bio."""
    lines = by_line(pieces)
    furniture_like = (
        "furniture",
        "byline",
        "bio?",
        "credit",
        "note",
        "name",
        "duplicate",
        "caption",
    )
    index = len(lines) - 1
    while index >= 0:
        current = lines[index]
        kinds = {p.kind for p in current}
        if kinds == {"dateline"} and not any(p.reason == "dateline" for p in current):
            index -= 1  # a related link's date ("Kultura | 12.03.2024."), left as it is
            continue
        listed = numbered_links(lines, index)
        if listed:
            for line in listed:
                line[0].kind, line[0].reason = (
                    "furniture",
                    "a numbered list of links after the article",
                )
            index -= len(listed)
            continue
        if kinds <= set(furniture_like):
            for piece in current:
                if piece.kind == "name":
                    piece.kind, piece.reason = "byline", "author's name after the article"
                elif piece.kind == "bio?":
                    piece.kind, piece.reason = "bio", "about the author, after the article"
            index -= 1
            continue
        if whole(current, "short") and WELCOME_LINE.match(current[0].text):
            current[0].kind, current[0].reason = "furniture", "the site's own promotion"
            index -= 1
            continue
        if (
            whole(current, "prose")
            and lexicon.COMMENT_WORDS.search(current[0].text)
            and (word_count(current[0].text) <= 25 and len(sentences(current[0].text)) <= 2)
        ):
            current[0].kind, current[0].reason = "furniture", "the comment section's rules"
            index -= 1
            continue
        if whole(current, "short", "caption?") and word_count(current[0].text) <= 12:
            # a link or a footer word after the article: no sentence, below its furniture
            current[0].kind, current[0].reason = "furniture", "a link after the article"
            index -= 1
            continue
        neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
        if (
            whole(current, "prose")
            and len(neighbours) == 2
            and index + 1 < len(lines)
            and all(
                whole(n, "furniture") or (whole(n, "short") and WELCOME_LINE.match(n[0].text))
                for n in neighbours
            )
            # the site's own text stands next to its appeals, not between share buttons
            and any(
                n[0].reason in APPEAL_REASONS or WELCOME_LINE.match(n[0].text) for n in neighbours
            )
        ):
            current[0].kind, current[0].reason = (
                "furniture",
                "the site's own text, among its furniture",
            )
            index -= 1
            continue
        break
    # A name line just above a bio that starts with that name is the byline.
    for above, below in zip(lines, lines[1:], strict=False):
        if (
            whole(above, "name", "byline")
            and whole(below, "bio?", "bio", "prose")
            and (below[0].text.startswith(above[0].text))
        ):
            above[0].kind, above[0].reason = "byline", "the author's name above the bio"
            below[0].kind, below[0].reason = "bio", "about the author"


NUMBERED = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")


def numbered_links(lines, index):
    """The lines of a numbered list ending at `index` ("1. How to get a residence permit"),
    when a line of the site's furniture ("Most read") stands right above it: the site's
    links after the article, each a headline of 16 words or fewer with no full stop."""
    start = index
    while (
        start >= 0
        and len(lines[start]) == 1
        and NUMBERED.match(lines[start][0].text)
        and word_count(lines[start][0].text) <= 16
        and len(sentences(NUMBERED.sub("", lines[start][0].text))) == 1
        and not lines[start][0].text.endswith(".")  # a headline, not a step of instructions
    ):
        start -= 1
    if start == index or start < 0 or not whole(lines[start], "furniture"):
        return []
    return lines[start + 1 : index + 1]


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
    if piece.kind == "name" or name_list(piece.text):
        score -= 3  # capitalised words only: people's names more often than a headline
    if is_quoted_line(piece.text):
        score -= 2  # a pull quote
    label = re.match(r"^([^\W\d_]+):\s", piece.text)
    if label and not KICKER.match(piece.text):
        score -= 2  # "Trending: …", a one-word label before links
    below = next((p for p in pieces[index + 1 :] if p.kind not in ("furniture", "duplicate")), None)
    if below is not None:
        if below.kind in ("byline", "dateline"):
            score += 3
        elif summary_above_metadata(pieces, pieces.index(below)) and not has_terminal(piece.text):
            score += 3  # a phrase over a summary sentence over the byline or the date
        elif below.kind == "name" or name_list(below.text):
            score += 2
        elif below.kind in ("caption?", "note"):
            score += 1
    return score


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
    title_at = max(scored, key=lambda pair: (pair[0], -pair[1]))[1] if scored else None
    first_line = pieces[0].line if pieces else 0
    for index in candidates:
        piece = pieces[index]
        if fold_phrase(piece.text) in masthead:
            # the site's name at the top of the page, as its copyright or source line gives it
            piece.kind, piece.reason = "furniture", "the site's name (masthead)"
            result.masthead = result.masthead or piece.text
        elif title_at is not None and index < title_at:
            top = (
                piece.line == first_line
                or index == candidates[0]
                and menu_between(pieces, index, title_at)
            )
            if top and masthead_name(piece.text):
                result.masthead = masthead_name(piece.text)
            piece.kind, piece.reason = "furniture", "site furniture above the headline"
        elif title_at is None and piece.kind in ("short", "name") and word_count(piece.text) <= 2:
            piece.kind, piece.reason = "furniture", "short line above the body"
    if title_at is None:
        return
    piece = pieces[title_at]
    match = KICKER.match(piece.text)
    if match and word_count(piece.text[match.end() :]) >= 3:
        pieces[title_at : title_at + 1] = [
            Piece(piece.line, "furniture", match["kicker"], "section label above the headline"),
            Piece(piece.line, "title", piece.text[match.end() :].strip(), "headline"),
        ]
        title_at += 1
    else:
        piece.kind, piece.reason = "title", "headline: the head line that reads most like one"
    result.title = pieces[title_at].text
    rest = [p for p in pieces[title_at + 1 :] if p.kind != "furniture"]
    if len(rest) > 1 and is_summary(rest[0]) and rest[1].kind in ("name", "short", "caption?"):
        rest = rest[1:]  # the byline under the summary under the headline
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


def settle(pieces):
    for piece in pieces:
        if piece.kind == "prose":
            piece.kind, piece.reason = "body", piece.reason or "prose"
        elif piece.kind == "short":
            piece.kind, piece.reason = "heading", "short line without a full stop"
        elif piece.kind == "caption?":
            piece.kind, piece.reason = "caption", "describes a picture: one phrase, no full stop"
        elif piece.kind == "name":
            piece.kind, piece.reason = "heading", "a name on a line of its own"
        elif piece.kind == "bio?":
            piece.kind, piece.reason = "body", "prose"


def fill_fields(result, media_names):
    pieces = result.pieces
    bylines = [p.text for p in pieces if p.kind == "byline"]
    result.byline = "; ".join(bylines)
    for text in bylines:
        role = role_line(text)
        if role:
            if role["role"].lower().startswith("edit"):
                result.editor_names.extend(split_names(role["names"]))
            continue
        match = byline(text)
        names = (
            split_names(match["names"])
            if match
            else [written_as_name(text)]
            if looks_like_name(written_as_name(text))
            else name_list(text)
        )
        result.author_names.extend(n for n in names if n not in result.author_names)

    dates = [p for p in pieces if p.kind == "dateline" and parse_date(p.text)]
    places = [p for p in pieces if p.kind == "dateline" and not parse_date(p.text)]
    result.dateline = " ".join(p.text for p in (places or dates)[:1])
    first_body = body_start(pieces)
    printed = [
        p for i, p in enumerate(pieces) if p in dates and (i < first_body or parse_date(p.text)[2])
    ]
    # an "Updated …" line is a revision: the publication date counts, wherever it stands
    printed.sort(key=lambda p: bool(lexicon.UPDATE_LABELS.match(parse_date(p.text)[2] or "")))
    if printed:
        date, precision, _label = parse_date(printed[0].text)
        result.published, result.date_precision = date, precision
        result.date_note = f"Printed in the text: “{printed[0].text}”."
    else:
        result.date_note = "No publication date printed in the text."
        photo_dates = []
        for piece in pieces:
            if piece.kind != "caption":
                continue
            for match in ANY_DATE.finditer(piece.text):
                photo_dates.append(match.group())
        if photo_dates:
            latest = max(photo_dates, key=lambda d: caption_date_key(d))
            result.date_note += (
                f" Photo captions carry dates (the photos’, not the article’s); "
                f"the latest is {latest}."
            )

    find_outlet(result, media_names)


def body_start(pieces):
    """Index of the first body paragraph below the head. A summary printed between the
    headline and the byline or the date is the article's, but the head goes on below it."""
    shown = [(i, p) for i, p in enumerate(pieces) if p.kind not in ("furniture", "duplicate")]
    for n, (index, piece) in enumerate(shown):
        if piece.kind != "body":
            continue
        after_title = n > 0 and shown[n - 1][1].kind == "title"
        below = shown[n + 1][1] if n + 1 < len(shown) else None
        if not (after_title and below and below.kind in ("byline", "dateline")):
            return index
        if below.reason == "dateline":
            return index
    return len(pieces)


def caption_date_key(text):
    match = ANY_DATE.search(text)
    month = match["m1"] or match["m2"]
    return (int(match["y1"] or match["y2"]), MONTHS.index(month), int(match["d1"] or match["d2"]))


def find_outlet(result, media_names):
    """The outlet the text names as its publisher: "Source: X", or a known outlet named where a
    publisher names itself."""
    for piece in result.pieces:
        match = SOURCE_LINE.match(piece.text) if piece.kind == "note" else None
        if match:
            name = match["name"].strip().strip('«»“”„"')
            result.outlet_name = media_names.get(name, name)
            result.outlet_evidence = piece.text
            return
    for piece in result.pieces:
        owner = copyright_owner(piece.text) if piece.reason == "copyright line" else None
        if owner:
            result.outlet_name = media_names.get(owner, owner)
            result.outlet_evidence = piece.text
            return
    if not media_names:
        masthead_outlet(result)
        return
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(n) for n in sorted(media_names, key=len, reverse=True))
        + r")(?!\w)"
    )
    votes, evidence = {}, {}
    for piece in result.pieces:
        self_naming = piece.kind in ("note", "furniture", "bio", "byline")
        for match in pattern.finditer(piece.text):
            told = re.search(
                r"\b(?:told|tells|said to|speaking to)\s+(?:the\s+)?$", piece.text[: match.start()]
            )
            if self_naming or told:
                name = media_names[match.group()]
                votes[name] = votes.get(name, 0) + 1
                if self_naming or name not in evidence:
                    evidence[name] = (
                        piece.text if len(piece.text) <= 160 else piece.text[:157] + "…"
                    )
    if votes:
        name = max(votes, key=lambda n: (votes[n], -list(votes).index(n)))
        result.outlet_name = name
        result.outlet_evidence = evidence[name]
    else:
        masthead_outlet(result)


def masthead_outlet(result):
    """The site's name printed as the first line above the headline, when nothing else names
    the outlet."""
    if result.masthead:
        result.outlet_name = result.masthead
        result.outlet_evidence = f"{result.masthead} (the site's name above the headline)"

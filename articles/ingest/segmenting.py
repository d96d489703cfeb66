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

The passes run in order, each reading what the previous ones decided about the
same pieces: here the furniture passes (duplicates, captions above credits,
appeal and advertisement boxes, the tail after the article); head.py the
headline, the summary and the site's name; fields.py the byline, date and
outlet. What a single line is lives in lines.py (dates in dates.py).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from articles.ingest import boilerplate, lexicon
from articles.ingest.captions import (
    PULL_QUOTE,
    mark_captions_before_credits,
    mark_captions_below_credits,
    mark_duplicates,
    mark_player_titles,
    mark_pull_quotes,
)
from articles.ingest.fields import fill_fields
from articles.ingest.head import devise_title, find_standfirst, find_title
from articles.ingest.lines import (
    PARAGRAPH_KINDS,
    WELCOME_LINE,
    analyse_line,
    byline,
    role_line,
    sentences,
    word_count,
)
from articles.ingest.metadata import copyright_owner  # noqa: F401 (read from here by tests)
from articles.ingest.pieces import Piece, by_line, whole


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
    mark_pull_quotes(pieces)
    mark_player_titles(pieces)
    mark_captions_below_credits(pieces)
    mark_captions_before_credits(pieces)
    mark_appeal_boxes(pieces)
    mark_related_links(pieces)
    mark_tail(pieces)
    result = Segmentation(pieces=pieces)
    find_title(result)
    find_standfirst(result)
    if not result.title:
        devise_title(result, lines)
    settle(pieces)
    fill_fields(result, media_names or {})
    return result


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
            # a line over the byline or the date is the headline, below the site's menu
            and not (
                index + 2 < len(lines)
                and any(p.kind in ("byline", "dateline") for p in lines[index + 2])
            )
        ):
            current[0].kind, current[0].reason = "furniture", "what the appeal above offers"


def mark_related_links(pieces):
    """The links under a "Read more:" / "Pročitajte još" / "Читайте также" label inside the
    article: up to three lines, each a headline of 15 words or fewer with no full stop."""
    lines = by_line(pieces)
    for index, line in enumerate(lines):
        label = line[0].text
        if not (
            whole(line, "furniture")
            and (lexicon.RELATED_LABEL.match(label) or boilerplate.MORE_LINKS.match(label))
        ):
            continue
        for below in lines[index + 1 : index + 4]:
            text = below[0].text
            if not (
                whole(below, "short", "caption?", "name", "prose")
                and word_count(text) <= 15
                # a headline ends on a year's or an ordinal's dot ("… do 2026."), never a stop
                and (not text.endswith((".", "!", "…")) or re.search(r"\d\.$", text))
                and len(sentences(text)) == 1
            ):
                break
            below[0].kind, below[0].reason = "furniture", "a related article's link"


def mark_tail(pieces):
    """The site's furniture after the article: appeals, promos, the byline and bio."""
    lines = by_line(pieces)
    after_credits(lines)
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
            and not any(c in current[0].text for c in '“”„«»"')  # and quotes nobody
            # beside a pull quote stands the article's own text
            and not any(n[0].reason == PULL_QUOTE for n in neighbours)
            # the site speaks of itself or to its reader
            and boilerplate.SITE_VOICE.search(current[0].text)
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


def closing_credits(text):
    """ "Reporting by X; Editing by Y", "Edited by Y": the credits a wire story ends with."""
    match = byline(text)
    lead = (match["lead"] or "").lower() if match else ""
    return bool(role_line(text)) or lead in ("reporting", "report")


def after_credits(lines):
    """The short lines below the article's closing credits ("Reporting by X; Editing by Y"),
    which end the article: the site's own lines, whatever their shape."""
    credits = [
        i
        for i, line in enumerate(lines)
        if whole(line, "byline")
        and closing_credits(line[0].text)
        and any(p.kind == "prose" for above in lines[:i] for p in above)
    ]
    if not credits:
        return
    below = lines[credits[-1] + 1 :]
    if all(len(line) == 1 and word_count(line[0].text) <= 15 for line in below):
        for line in below:
            if line[0].kind in ("prose", "short", "caption?", "name"):
                line[0].kind, line[0].reason = "furniture", "the site's line below the credits"


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

"""The article's fields read from the classified pieces: the authors and editors of the byline
lines, the publication date (printed before the body, or labelled; an "Updated" date never beats
it; never a photo caption's), and the outlet the text names as its publisher.
"""

import re

from articles.ingest import lexicon
from articles.ingest.lines import (
    ANY_DATE,
    MONTHS,
    SOURCE_LINE,
    byline,
    looks_like_name,
    name_list,
    parse_date,
    role_line,
    split_names,
    written_as_name,
)
from articles.ingest.metadata import copyright_owner


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


def source_line_name(piece):
    """ "Source: X", "Izvor: X", "Источник: X"."""
    match = SOURCE_LINE.match(piece.text) if piece.kind == "note" else None
    return match["name"].strip().strip('«»“”„"') if match else None


def copyright_name(piece):
    owner = copyright_owner(piece.text) if piece.reason == "copyright line" else None
    return owner or None


def reprint_name(piece):
    """The outlet reprint terms ask a link to ("ссылка на «X» обязательна")."""
    match = lexicon.REPRINT_OUTLET.search(piece.text) if piece.kind == "furniture" else None
    return match["name"].strip() if match else None


def special_to_name(piece):
    """ "By X, special to The Ledger", "Аутор: X, специјално за Y": written for the outlet."""
    match = lexicon.SPECIAL_TO.search(piece.text) if piece.kind == "byline" else None
    return match["name"].strip().strip('«»“”„"') if match else None


# Where a page names its publisher, surest first: each is tried on every piece before the next.
OUTLET_READERS = (source_line_name, copyright_name, reprint_name, special_to_name)


def find_outlet(result, media_names):
    """The outlet the text names as its publisher: "Source: X", or a known outlet named where a
    publisher names itself."""
    for read in OUTLET_READERS:
        for piece in result.pieces:
            name = read(piece)
            if name is not None:
                result.outlet_name = media_names.get(name, name)
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

"""The metadata a capture prints about itself, line by line: a line that sets a byline, a date,
a place, a photo credit or the author's role side by side ("Jovana Ilić, Niš, 14.03.2024.",
"By X / March 14, 2024", "Mar 14, 2024 · 6 min read", "Пётр Лаптев, корреспондент"), the
author's bio, and the name a copyright line gives. lines.py classifies a line with these;
segmenting.py decides from the whole capture which of them are the article's.
"""

import re

from articles.ingest import (  # lines imports this module: names read at call time
    boilerplate,
    lexicon,
    lines,
)

# Between the parts of a metadata line: a slash, bar or dot with spaces, a dash, a comma.
# A full stop between parts ("Текст: X. Фото: Y") too: a line is metadata only when every part
# is, and a date holding a full stop ("14. mart 2024.") is read as the longest stretch.
PART_SEPARATOR = re.compile(r"\s+[/|·•]\s+|\s+[—–-]\s+|\s*[·•|]\s*|,\s+|\.\s+(?![—–|·•/-])")
# The copyright mark and the word, in any order ("Copyright ©", "(c)", "© Copyright").
COPYRIGHT = re.compile(
    r"(?:\bcopyright\s*)?(?:©|\(c\))(?:\s*copyright\b)?|\bcopyright\b", re.IGNORECASE
)
YEARS = re.compile(r"\b\d{4}(?:\s*[-–]\s*\d{4})?\b")
NAME_ABBREVIATION = re.compile(r"[A-ZА-ЯЁЂЈЉЊЋЏ][a-zа-яёђјљњћџ]{0,2}")
MAX_META_WORDS = 24


def author_role(text):
    """ "Transport correspondent", "специальный корреспондент", "urednica kulture": a short
    phrase naming what an author does, nothing else."""

    return (
        1 <= lines.word_count(text) <= 5
        and not re.search(r"[\d,;|/]", text)
        and not lines.has_terminal(text)
        and bool(lexicon.AUTHOR_JOBS.search(text))
    )


def part_kind(text):
    """(kind, reason) of one part of a metadata line, or None when it is no metadata."""

    if lines.parse_date(text):
        return "date", "date"
    if lines.RELATIVE_TIME.match(text):
        return "furniture", "a time relative to the reading beside the date"
    if lines.byline_names(text):
        return "byline", "byline"
    if lines.CREDIT_START.search(text):
        return "credit", "photo credit beside the byline"
    if lines.word_count(text) <= 6 and lexicon.FURNITURE_LINE.match(text):
        return "furniture", "reading time or counter beside the date"
    # "X and Y" (a list joined by commas alone may be a name and a place)
    joined = re.search(r"\s(?:and|i|и)\s|&", text)
    if lines.author_like(text) or joined and lines.name_list(text):
        return "name", "name"
    if outlet_like(text):
        return "outlet", "the outlet beside the author's name"
    if lines.place_like(text):
        return "place", "place"
    if author_role(text):
        return "role", "the author's role"
    return None


QUOTED_NAME = re.compile(r"^[«„“\"][^«»„“”\"]{2,50}[»“”\"]$")


def outlet_like(text):
    """ "«Дунайский вестник»", "Pannonian Newswire": a publication's name in quotation marks,
    or a few capitalised words one of which names a kind of medium."""
    words = text.split()
    return (
        bool(QUOTED_NAME.match(text))
        and len(words) <= 5
        or (
            1 <= len(words) <= 4
            and text[:1].isupper()
            and bool(boilerplate.MEDIA_WORDS.search(text))
            and not re.search(r"[,;|/«»„“”\"]", text)
            and not lines.has_terminal(text)
        )
    )


def parts(text):
    """(start, end) of the parts of a line between its separators."""
    return lines.spans_between(PART_SEPARATOR, text)


# "By X on March 14, 2024", "Posted on March 14, 2024 by X": a byline and a date in one
# sentence, joined by a word instead of a separator.
BY_THEN_DATE = re.compile(r"^(?P<first>.*?\bby\s+.+?)\s+(?:on\s+)(?P<second>\S.*)$", re.I)
DATE_THEN_BY = re.compile(r"^(?P<first>.+?)\s+(?P<second>by\s+\S.*)$", re.IGNORECASE)


def byline_with_date(text):
    """The (kind, text, reason) pieces of a byline and a date joined by "on" or "by", or None."""
    for pattern, kinds in ((BY_THEN_DATE, ("byline", "date")), (DATE_THEN_BY, ("date", "byline"))):
        match = pattern.match(text)
        if not match:
            continue
        parts = {kinds[0]: match["first"], kinds[1]: match["second"]}
        if lines.byline_names(parts["byline"]) and lines.parse_date(parts["date"]):
            return [
                ("byline", parts["byline"], "byline beside the date or place")
                if kind == "byline"
                else ("dateline", parts["date"], "date")
                for kind in kinds
            ]
    return None


def metadata_pieces(text):
    """The (kind, text, reason) pieces of a line that is only metadata side by side, each an
    exact substring of the line, in the line's order; else None.

    Each run of parts is read as the longest stretch that is one thing ("March 14, 2024" holds
    a comma). A line with a date may set beside it a byline, a name, a place, a credit or a
    reading time; a line without one is a byline only when a name comes first and a place or
    role follows it after a comma ("Mira Oakes, Subotica"), as a photo credit does not.
    """

    if len(text) > lines.BYLINE_MAX_CHARS or lines.word_count(text) > MAX_META_WORDS:
        return None
    joined = byline_with_date(text)
    if joined:
        return joined
    spans = parts(text)
    if len(spans) < 2:
        return None
    found, i = [], 0
    while i < len(spans):
        for j in range(len(spans), i, -1):
            chunk = text[spans[i][0] : spans[j - 1][1]]
            kind = part_kind(chunk)
            if kind:
                found.append((kind, chunk))
                i = j
                break
        else:
            return None
    if len(found) < 2:
        return None
    kinds = [k for (k, _), _ in found]
    if "date" not in kinds:
        separators = {m.group().strip() for m in PART_SEPARATOR.finditer(text)}
        # "Words by X · Photos by Y", "Autor: X | Foto: Y", "By X · 5 min read": a labelled
        # byline beside a credit or a reading time; "X | Belgrade correspondent": a name
        # beside the author's role
        labelled = kinds[0] == "byline" and set(kinds[1:]) <= {"credit", "furniture", "role"}
        labelled = labelled or kinds[0] in ("byline", "name") and set(kinds[1:]) == {"role"}
        # "X | Reuters": a name and the outlet or city after a bar, as a photo credit is not
        outlet = kinds[0] == "name" and kinds[1:] == ["place"] and separators <= {"|", "·", "•"}
        labelled = labelled or outlet
        # "X, «Outlet»", "X | Danube Newswire": the author and the outlet they write for
        # (a slash joins a photographer and an agency: a photo credit)
        labelled = labelled or (
            kinds[0] in ("byline", "name")
            and kinds[1:] == ["outlet"]
            and separators <= {",", "|", "·", "•"}
        )
        if not labelled and (
            kinds[0] not in ("byline", "name")
            or separators != {","}
            or not set(kinds[1:]) <= {"place", "role", "credit"}
            or kinds.count("place") > 1
        ):
            return None
    elif not set(kinds) & {"byline", "name", "place", "furniture"} and kinds.count("date") < 2:
        return None
    pieces = []
    for (kind, reason), chunk in found:
        if kind in ("byline", "name"):
            pieces.append(("byline", chunk, "byline beside the date or place"))
        elif kind in ("date", "place"):
            pieces.append(("dateline", chunk, "date" if kind == "date" else "place beside it"))
        elif kind in ("role", "outlet"):
            pieces.append(("furniture", chunk, reason))
        else:
            pieces.append((kind, chunk, reason))
    return pieces


def is_bio(text):
    """ "About the author: …", "Ivana Lukić je novinarka …", "Кира Левина — журналист …": a note
    about the author, as sites print it after the article."""

    if not 6 <= lines.word_count(text) <= 70:
        return False
    if lexicon.BIO_LABEL.match(text):
        return True
    beat = re.match(rf"^(.+?)\s+(?:{lexicon.BIO_BEAT_VERBS})\s", text)
    if beat and lines.looks_like_name(beat[1]):
        return True
    match = re.match(rf"^(.+?)\s+(?:{lexicon.BIO_VERBS})\s+(.*)$", text)
    if not match or not lines.looks_like_name(match[1]):
        return False
    return bool(lexicon.AUTHOR_JOBS.search(" ".join(match[2].split()[:6])))


def _clean_owner(text):
    text = lexicon.LEGAL_FORM.sub(" ", YEARS.sub(" ", text))
    text = re.sub(r"[«»“”„\"]", " ", text)
    return " ".join(text.split()).strip(" .,;:|-–—")


def _sentences(text):
    """The sentences of a copyright line; a full stop after a short capitalised word (St.,
    Sv., Dr.) abbreviates inside a name."""
    pieces = []
    for piece in re.split(r"\.\s|\s+\|\s+", text):
        previous = pieces[-1].split() if pieces else []
        if previous and NAME_ABBREVIATION.fullmatch(previous[-1]):
            pieces[-1] += ". " + piece
        else:
            pieces.append(piece)
    return [p for p in pieces if p.strip(" .")]


def _name_like(text):
    words = text.split()
    return 1 <= len(words) <= 6 and text[:1].isupper()


def copyright_owner(text):
    """The name a copyright line gives ("© 2024 Harbor Ledger. All rights reserved.",
    "Sva prava zadržana. © 2024 Dunavski glas d.o.o.", "All material © 2024 Ledger"), without
    the company's legal form, or "". The name stands next to the mark, after it or before it;
    other sentences of the line (rights, reprint terms, an age rating) are not read."""
    sentences = _sentences(lexicon.RIGHTS.sub(" . ", text))
    marked = [s for s in sentences if COPYRIGHT.search(s)]
    if marked:
        sentence = marked[0]
        mark = COPYRIGHT.search(sentence)
        quoted = re.search(r"[«„“\"]([^»“”\"]{2,60})[»“”\"]", sentence[mark.end() :])
        after = _clean_owner(sentence[mark.end() :])
        before = _clean_owner(sentence[: mark.start()])
        # "© 2024 Сетевое издание «Сербия сегодня»": the name is the quoted one
        name = quoted[1].strip() if quoted else after if _name_like(after) else before
    else:
        names = [n for n in (_clean_owner(s) for s in sentences) if n]
        name = names[0] if len(names) == 1 else ""
    return name if _name_like(name) else ""


def masthead_like(text):
    """ "Northgate Review", "Северный курьер", "Vesti.rs": a site's name as a masthead prints
    it: two to four words, the first capitalised, or a domain; no digits, no sentence."""

    if re.fullmatch(r"[\w-]+\.(?:rs|ru|com|org|net|info|me|ba|media|news)", text, re.IGNORECASE):
        return True
    words = text.split()
    return (
        2 <= len(words) <= 4
        and text[:1].isupper()
        and not text.isupper()
        and not re.search(r"\d|[,:;!?()/|]", text)
        and not lines.has_terminal(text)
    )


# "Šumadijske novosti – portal za Kragujevac", "Harbor Ledger | News from the coast": a
# masthead with its tagline after a dash or a bar.
TAGLINE_SEPARATOR = re.compile(r"\s+[—–|-]\s+")


def masthead_name(text):
    """The site's name a masthead line prints, alone or before its tagline, or ""."""
    if masthead_like(text):
        return text
    parts = TAGLINE_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2 and masthead_like(parts[0]) and 1 <= lines.word_count(parts[1]) <= 10:
        return parts[0]
    return ""

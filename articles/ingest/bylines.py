"""Who wrote it: a byline line ("By X and Y", "Autor: X", "Записала X", "Edited by X"), the
authors' names in it as a curator writes them, a line that is only names, and whether a name
beside a date is an author's or a place's. lines.py classifies a line with these; metadata.py
reads them part by part; fields.py gives the names.
"""

import re

from articles.ingest import boilerplate, lexicon
from articles.ingest.lexicon import SENTENCE_STARTERS

# BYLINE, ROLE_LINE and split_names() backtrack over runs of spaces ("by a" + 40,000 spaces
# + "b" took minutes), so they see a line with its white space collapsed, and only a line
# no longer than the byline field: a longer one is prose, whatever it starts with.
BYLINE_MAX_CHARS = 300
BYLINE = re.compile(
    r"^(?:(?P<lead>story|text|words|reporting|report|written|article|interview)\s+)?by\s+"
    r"(?P<names>[^\W\d_][^\n]*?)(?:\s+(?:for|in|at)\s+(?P<org>[A-Z][^\n]*?))?\.?$",
    re.IGNORECASE,
)
ROLE_LINE = re.compile(
    r"^(?P<role>edited|translated|translation|additional reporting|produced|fact-checked|copy[- ]edited)"
    r"\s+by\s+(?P<names>[^\W\d_][^\n]*?)\.?$",
    re.IGNORECASE,
)


def looks_like_name(text, max_words=4):
    """Two to four capitalised words and nothing else: "Reid Standish"."""
    words = text.split()
    if not 2 <= len(words) <= max_words or any(c in text for c in ',;:!?()/|“”"'):
        return False
    return (
        all(w[:1].isupper() and w[1:2].islower() for w in words)
        and words[0] not in SENTENCE_STARTERS
    )


def written_as_name(text):
    """ "JELENA MARKOVIĆ" as a name is written: "Jelena Marković" (a byline in capitals)."""
    return " ".join(w.capitalize() for w in text.split()) if text.isupper() else text


def looks_like_byline_name(text, max_words=5):
    """A name in a byline, also printed in capitals."""
    return looks_like_name(written_as_name(text), max_words=max_words)


BYLINE_LABEL = re.compile(
    rf"^(?P<lead>{lexicon.BYLINE_LABELS}|{lexicon.MORE_BYLINE_LABELS})\s*(?::|\s[—–-])\s*"
    r"(?P<names>[^\W\d_][^\n]*?)\.?$",
    re.IGNORECASE,
)

# "Pripremila Ana Ilić", "Записала Анна Смирнова": a verb of who wrote it, then the names.
VERB_BYLINE = re.compile(
    rf"^(?P<lead>{lexicon.BYLINE_VERBS})\s+(?P<names>[^\W\d_][^\n]*?)\.?$", re.IGNORECASE
)


def byline(text):
    """ "By X", "Story by X", "Autor: X", "Автор: X": a match with the names, or None."""
    if len(text) > BYLINE_MAX_CHARS:
        return None
    text = " ".join(text.split())
    return BYLINE.match(text) or BYLINE_LABEL.match(text) or VERB_BYLINE.match(text)


def byline_names(text):
    """The names of a byline whose every part is a name ("By X and Y", "Autori: X i Y"),
    else []."""
    match = byline(text)
    if not match:
        return []
    names = re.sub(r"\s+(?:for|in|at)\s+[A-Z].*$", "", match["names"].split(";")[0].strip())
    parts = [p.strip(" .") for p in NAME_JOINER.split(names)]
    if len(parts) > 1 and author_role(parts[-1]):
        parts = parts[:-1]  # "By X, Staff Writer"
    return parts if parts and all(looks_like_byline_name(p) for p in parts) else []


def role_line(text):
    return ROLE_LINE.match(" ".join(text.split())) if len(text) <= BYLINE_MAX_CHARS else None


NAME_JOINER = re.compile(r"\s*,\s*(?:(?:and|i|и)\s+)?|\s+(?:and|i|и)\s+|\s*&\s*")


def name_list(text):
    """The names of a line that is only names: "Ruth Ellery and Tomás Vidal", else []."""
    parts = NAME_JOINER.split(text.strip())
    return parts if len(parts) >= 2 and all(looks_like_name(p) for p in parts) else []


def first_credit(names):
    """The names of a byline before another credit or the outlet: "X; Editing by Y",
    "X / «Outlet»", "X | Outlet", "X (Beta)"."""
    names = re.split(r";|\s+[/|]\s+", names, maxsplit=1)[0].strip()
    return re.sub(r"\s*\([^()]{1,40}\)$", "", names)


def split_names(text):
    """The authors' names of a byline's names part, as a curator writes them: "X, Staff
    Writer" drops the role, "JELENA MARKOVIĆ" is written "Jelena Marković"."""
    text = re.sub(r"\s+(?:for|in|at)\s+[A-Z].*$", "", first_credit(text))
    parts = [p.strip(" .") for p in NAME_JOINER.split(text)]
    names = [
        p
        for index, p in enumerate(parts)
        if (looks_like_byline_name(p) or (len(p.split()) == 1 and p[:1].isupper()))
        and not author_role(p)  # "By X, Staff Writer", "By Staff Reporter"
        and not lexicon.STAFF_BYLINE.fullmatch(p)  # "Autor: Redakcija"
        # "By X, Pannonian Newswire": the outlet after the author's name
        and not (index and boilerplate.MEDIA_WORDS.search(p))
    ]
    return [written_as_name(n) for n in names]


def author_like(text):
    """A name that can be an author's beside a date: not a place ("Novi Sad | 14.03.2024.")."""
    return looks_like_name(text) and not lexicon.PLACE_PREFIX.match(text)


def place_like(text):
    """ "Beograd", "Novi Sad": one capitalised word, or a place's name of two or three."""
    words = text.split()
    return all(w[:1].isupper() and w.isalpha() for w in words) and (
        len(words) == 1 or len(words) <= 3 and bool(lexicon.PLACE_PREFIX.match(text))
    )


def author_role(text):
    """metadata.author_role, read at call time (metadata reads this module's names too)."""
    from articles.ingest.metadata import author_role as role

    return role(text)

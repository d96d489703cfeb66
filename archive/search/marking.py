"""A search carried into the reader: the `?hl=` a hit's link carries, and what it marks.

The link carries the query text itself (its positive clauses), not a list of loose
words, so the reader parses it with the search's own parser and expands it with the
search's own alias lookup: a phrase marks only its words side by side, a word marks
its inflections, a name marks its other spellings and scripts, exactly as the
search matched them. The carried text is bounded; anything else in `hl` (filters,
negations, control characters, markup) is dropped by the parser or escaped by the
template, so a hostile `hl` marks nothing harmful.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from archive.search.core import get_engine
from archive.search.names import EntityNames, find_expansions
from archive.search.query import parse
from archive.search.results import make_highlighter
from archive.search.snippets import Highlighter

MAX_HL_LENGTH = 200


def clause_text(clause):
    if clause.kind == "phrase":
        return f'"{clause.text}"'
    if clause.kind == "prefix":
        return f"{clause.text}*"
    return clause.text


def carried_query(query_text):
    """The positive clauses of a search as query text, whole clauses, at most MAX_HL_LENGTH.

    Alternatives keep their OR (so "Yandex OR Wargaming" is not read back as a name);
    negations and filters are left out: they select documents, they mark nothing.
    """
    parts = []
    length = 0
    for group in parse(query_text).groups:
        alternatives = [clause_text(c) for c in group if not c.negated]
        if not alternatives:
            continue
        part = " OR ".join(alternatives)
        if length + len(part) + bool(parts) > MAX_HL_LENGTH:
            if not parts:
                # One clause longer than the limit: its first words still mark (a phrase
                # left unclosed is read back as a phrase to the end).
                parts.append(part[:MAX_HL_LENGTH].rsplit(" ", 1)[0])
            break
        parts.append(part)
        length += len(part) + (len(parts) > 1)
    return " ".join(parts)


def hl_parameter(query_text):
    """`hl=…`, URL-encoded, for a hit's link into the article."""
    return urlencode({"hl": carried_query(query_text)})


@dataclass
class Marking:
    """What the reader marks for an `hl` value, and how to tell the researcher."""

    highlighter: Highlighter = field(default_factory=Highlighter)
    described: list = field(default_factory=list)  # "the phrase “we deserve it”", …

    def __bool__(self):
        return bool(self.highlighter)


def describe(query, expansions):
    described = []
    for clause in query.words():
        if clause.kind == "phrase":
            described.append(f"the phrase “{clause.text}”")
        elif clause.kind == "prefix":
            described.append(f"words starting with “{clause.text}”")
        else:
            described.append(f"“{clause.text}” in any form")
    named = []
    for expansion in expansions:
        if expansion.entity.name not in named:
            named.append(expansion.entity.name)
    if named:
        described.append("every spelling of " + ", ".join(named))
    return described


def marking_for(hl):
    """The Marking for a `?hl=` value: built as the search builds its own highlighter."""
    query = parse((hl or "")[:MAX_HL_LENGTH])
    if not query.words():
        return Marking()
    expansions = find_expansions(query, EntityNames.for_engine(get_engine()))
    return Marking(make_highlighter(query, expansions), describe(query, expansions))

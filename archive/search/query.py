"""The search query language: parsing what a researcher types.

    plain words          all must match (in any inflection)
    "exact phrase"       the words side by side, in order: the way to find a quote
    a OR b               either
    -word, -"phrase"     exclude
    prefix*              words that start with it
    field:value          type: outlet: person: place: organization: year:
                         (value a slug, a name or alias, or "a quoted name")

Parsing never raises on odd input: unbalanced quotes, lone operators, a bare
`*` or control characters become notices, and the rest is searched. Only what
cannot be searched at all (too long, an unknown type or facet value) is a
QueryError, which the views turn into a message and a 400.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from archive.text import normalize_typography, strip_control

MAX_QUERY_LENGTH = 500
MIN_PREFIX_LENGTH = 2

TYPES = ("article", "quote", "person", "organization", "place")
TYPE_SYNONYMS = {
    "article": "article",
    "articles": "article",
    "quote": "quote",
    "quotes": "quote",
    "quotation": "quote",
    "quotations": "quote",
    "person": "person",
    "people": "person",
    "persons": "person",
    "organization": "organization",
    "organizations": "organization",
    "organisation": "organization",
    "organisations": "organization",
    "org": "organization",
    "place": "place",
    "places": "place",
}
FILTER_FIELDS = {
    "type": "type",
    "outlet": "outlet",
    "person": "people",
    "people": "people",
    "speaker": "people",
    "organization": "organizations",
    "organisation": "organizations",
    "org": "organizations",
    "place": "places",
    "year": "year",
}

TOKEN = re.compile(
    r"""
    (?P<neg>-)?
    (?:
        (?P<field>[A-Za-z]+):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>[^\s"]+))
      | "(?P<phrase>[^"]*)(?P<closed>"?)
      | (?P<word>[^\s"]+)
    )
    """,
    re.VERBOSE,
)


class QueryError(ValueError):
    """A search that cannot be run; the message is for the researcher."""


@dataclass
class Clause:
    kind: str  # "word", "phrase" or "prefix"
    text: str
    negated: bool = False


@dataclass
class Filter:
    field: str  # index field: type, outlet, people, organizations, places, year
    value: str  # as typed; resolved to an exact index value by the engine
    negated: bool = False
    label: str = ""  # the operator as typed, for messages


@dataclass
class ParsedQuery:
    text: str
    groups: list = field(default_factory=list)  # list of lists of Clause: AND of ORs
    filters: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    def words(self):
        return [c for g in self.groups for c in g if not c.negated]


def clean_query_text(text):
    text = strip_control(text or "")
    text = normalize_typography(text)
    return " ".join(text.split())


def parse(raw):
    typed = len(unicodedata.normalize("NFC", raw or ""))  # as typed (and seen), before cleaning
    if typed > MAX_QUERY_LENGTH:
        raise QueryError(
            f"Your search is {typed:,} characters long; the limit is {MAX_QUERY_LENGTH}. "
            "Search for a distinctive phrase from the passage instead."
        )
    text = clean_query_text(raw)
    query = ParsedQuery(text=text)
    items = []  # Clause | Filter | "OR"
    for match in TOKEN.finditer(text):
        negated = bool(match.group("neg"))
        if match.group("field") is not None:
            name = match.group("field").lower()
            value = (
                match.group("fquoted")
                if match.group("fquoted") is not None
                else match.group("fvalue")
            )
            if name in FILTER_FIELDS:
                value = (value or "").strip()
                if not value:
                    query.notices.append(f"“{name}:” needs a value; it was ignored.")
                    continue
                items.append(Filter(FILTER_FIELDS[name], value, negated, label=name))
                continue
            # Not a filter (e.g. a time "10:30" or a word with a colon): search it as words.
            items.append(Clause("phrase", match.group(0).lstrip("-").replace('"', ""), negated))
            continue
        if match.group("phrase") is not None:
            phrase = match.group("phrase").strip()
            if not match.group("closed"):
                query.notices.append(
                    "A quotation mark was not closed; the rest of the search "
                    "was taken as the phrase."
                )
            if phrase:
                items.append(Clause("phrase", phrase, negated))
            continue
        word = match.group("word")
        if word == "OR" and not negated:
            items.append("OR")
            continue
        if word.endswith("*"):
            stem = word.rstrip("*")
            if len(re.sub(r"\W", "", stem)) < MIN_PREFIX_LENGTH:
                query.notices.append(
                    f"“{word}” was ignored: a wildcard needs at least {MIN_PREFIX_LENGTH} letters "
                    "before the *."
                )
                continue
            items.append(Clause("prefix", stem, negated))
            continue
        if not re.search(r"\w", word):
            if word not in {"-", "+", "&", "|"}:
                query.notices.append(f"“{word}” has no letters or digits; it was ignored.")
            else:
                query.notices.append(f"The operator “{word}” needs a search term; it was ignored.")
            continue
        items.append(Clause("word", word, negated))

    group = []
    pending_or = False
    for item in items:
        if item == "OR":
            if not group or pending_or:
                query.notices.append("OR needs a search term on each side; it was ignored.")
                continue
            pending_or = True
            continue
        if isinstance(item, Filter):
            if pending_or:
                query.notices.append("OR cannot join a filter; it was ignored.")
                pending_or = False
            query.filters.append(item)
            continue
        if pending_or:
            group.append(item)
            pending_or = False
        else:
            if group:
                query.groups.append(group)
            group = [item]
    if pending_or:
        query.notices.append("OR needs a search term on each side; it was ignored.")
    if group:
        query.groups.append(group)
    return query


def normalize_type(value):
    kind = TYPE_SYNONYMS.get(value.strip().lower())
    if kind is None:
        raise QueryError(f"There is no result type “{value}”. Choose one of: {', '.join(TYPES)}.")
    return kind

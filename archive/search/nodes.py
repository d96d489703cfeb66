"""The compiled query: a small tree every engine knows how to run.

The query language (query.py), alias expansion (names.py) and the compiler
(compiler.py) produce these nodes; an engine (engines/) translates them into
its own query (Whoosh query objects, a PostgreSQL tsquery). Tokens are already
analysed: folded, transliterated words as archive.search.analysis makes them.

Matching, the same on every engine:
- Word: the folded word, or any word with the same English stem, in the text
  or the title (the title ranks higher).
- Phrase: the words side by side, in order, in the text or the title.
- Prefix: a word starting with the token.
- Entity: a document linked to the entity (its slug in people, organizations
  or places), whatever the text says.
- Loose: documents holding at least `minimum` of the words, ranked by how many
  match and how close together they stand ("closest matches"); documents of the
  type `prefer` first among equals (a quote before the article that prints it).
"""

from dataclasses import dataclass


class Node:
    __slots__ = ()


@dataclass(frozen=True)
class Word(Node):
    token: str


@dataclass(frozen=True)
class Phrase(Node):
    tokens: tuple


@dataclass(frozen=True)
class Prefix(Node):
    token: str


@dataclass(frozen=True)
class Entity(Node):
    field: str  # "people", "organizations" or "places"
    slug: str


@dataclass(frozen=True)
class All(Node):
    children: tuple


@dataclass(frozen=True)
class Any(Node):
    children: tuple


@dataclass(frozen=True)
class Boost(Node):
    """Documents matching `required`; those also matching `optional` rank higher."""

    required: Node
    optional: Node


@dataclass(frozen=True)
class Exclude(Node):
    """Documents matching `included` and not `excluded`."""

    included: Node
    excluded: Node


@dataclass(frozen=True)
class Everything(Node):
    """Every document (a search that is only filters or exclusions)."""


@dataclass(frozen=True)
class Loose(Node):
    tokens: tuple
    minimum: int
    prefer: str = ""  # a result type ("quote") to rank first among equals


def all_of(children):
    children = tuple(children)
    return children[0] if len(children) == 1 else All(children)


def any_of(children):
    children = tuple(children)
    return children[0] if len(children) == 1 else Any(children)


def size(node):
    """How many leaf terms a tree holds: the work an engine does grows with it."""
    if isinstance(node, (All, Any)):
        return sum(size(child) for child in node.children)
    if isinstance(node, Boost):
        return size(node.required) + size(node.optional)
    if isinstance(node, Exclude):
        return size(node.included) + size(node.excluded)
    if isinstance(node, (Phrase, Loose)):
        return len(node.tokens)
    return 1

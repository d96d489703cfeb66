"""The PostgreSQL engine: full-text search in the archive's own database.

Documents live in `archive_search_document` (archive/models.py), one row per
haystack document, with the facet values as columns and arrays, and one
tsvector holding the title (weight A) and the text (weight D).

Same analysis as Whoosh, by construction: the tsvector is not made by a
PostgreSQL dictionary but written as a tsvector literal from the project's own
analyser (archive.search.analysis): each folded word at its position, and its
"~stem" at the same position, e.g. `'fleeing':3 '~flee':3`. Queries are
tsquery literals of the same analysed tokens (`::tsquery` takes lexemes as
written: no dictionary, no stop words), passed as parameters, never spliced
into SQL:

    Word      ('w' | '~stem' | 'stem' | '~sr~stem' | '~ru~stem')   the word in any inflection
    Phrase    'a' <-> 'b' <-> 'c'                 adjacent, in order, stop words kept
    Prefix    'pre':*                             folded words only ("~" marks stems)
    Entity    people @> ARRAY['slug']             a constant score
    Loose     at least `minimum` of the words, ranked by how many match, then by
              cover density (ts_rank_cd: how close together they stand)

PostgreSQL's limits on positions, and what they mean here:
- A position is at most 16,383. The title takes positions 1…, a gap of one, then
  the text. Words past position 16,381 are all given position 16,383 (16,382 stays
  empty): they still match as words, prefixes and filters, but a phrase only
  matches inside the first 16,381 positions (about 16,000 words of one document).
- A lexeme keeps at most 256 positions (PostgreSQL drops the rest): a phrase
  through the 257th and later occurrences of one word in one document is not
  found. News articles stay far below both limits.
- A lexeme is at most 2,047 bytes: longer "words" are left out of the vector (they
  can never be typed as a search either; such a query term matches nothing).

Every search runs with `SET LOCAL statement_timeout` from the request's budget.
When the full count and facets do not fit in it, the search is answered from the
first matches found (count, facets and ranking over those, `complete=False`); when
even that does not fit, QueryError says the search is too broad.
"""

import io
import json
import re
import time
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice, product
from math import prod

from django.conf import settings
from django.db import DatabaseError, ProgrammingError, connections, router, transaction
from haystack.backends import BaseEngine, BaseSearchBackend, BaseSearchQuery
from haystack.utils import get_identifier, get_model_ct

from archive.models import SearchDocument
from archive.search import nodes
from archive.search.analysis import (
    STEM_MARK,
    index_tokens,
    split_language,
    tag_language,
    word_variants,
)
from archive.search.engines.base import (
    FACET_FIELDS,
    LIST_FIELDS,
    EngineHit,
    EngineResult,
    SearchEngineMixin,
    SearchRequest,
    SearchUnavailable,
    order_facets,
)
from archive.search.engines.postgres_rebuild import DocumentPreparer, ShadowTable
from archive.search.query import QueryError
from archive.text import WORD

DOCUMENTS = "archive_search_document"
WORDS = "archive_search_word"
STATE = "archive_search_state"
MAX_POSITION = 16383
LAST_PHRASE_POSITION = MAX_POSITION - 2
MAX_LEXEME_BYTES = 2046
# The cheap first ranking of a long text reads its title and its first this many words
# (`lead`, small enough to stay in the table's row), not its whole vector (stored apart,
# ~20 kB compressed for a news article: reading 5,000 of them took 130 ms at 10,000
# articles). News puts its subject in the headline and the first paragraph.
LEAD_WORDS = 100
# ts_rank_cd weights for {D, C, B, A}: the title (A) counts twice the text (D).
RANK_WEIGHTS = "{0.5, 0, 0, 1.0}"
# 1: divide by 1 + log(document length), so a long article does not win on length alone.
RANK_NORMALIZATION = 1
# An entity match is worth about one good word match (Whoosh: a constant score of 1.0).
ENTITY_SCORE = 0.1
# A search that runs out of time is answered from at most this many matches.
PARTIAL_MATCHES = 2000
# Word frequencies (spelling suggestions, the rarer words of a long query) are counted up to
# this: past it a word is simply common, and counting "nikitin" in all its 177,863 documents
# of a 100,000-article index took 2.8 s, against 0.17 s for the first 10,000.
FREQUENCY_CAP = 10_000
# A search the planner expects to match more documents than this is answered from its first
# PARTIAL_MATCHES at once: ranking, counting and faceting them all would not fit in the
# budget, and trying first spent 70% of the budget on a statement that was then cancelled.
# The planner overestimates alternatives (at 10,000 articles `Belgrade` with its place and
# type:quote was estimated at 60,129 for 15,215 matches, answered whole in 0.4 s), so the
# limit sits above that; `Serbia` at 100,000 articles is estimated at 292,536.
FULL_ANSWER_ESTIMATE = 100_000
WRITE_BATCH = 500
SEARCH_WORK_MEM = "64MB"
COLUMNS = (
    "id",
    "model",
    "object_id",
    "type",
    "outlet",
    "year",
    "people",
    "organizations",
    "places",
    "date",
    "source_name",
    "vector",
    "lead",
)
SCALAR_FACETS = tuple(f for f in FACET_FIELDS if f not in LIST_FIELDS)


# -- analysis: documents to tsvector literals ---------------------------------------


def quote_lexeme(token):
    """A lexeme as tsvector/tsquery input writes it: in quotes, quotes and backslashes doubled."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


@lru_cache(maxsize=500_000)
def lexemes(surface, language=""):
    """One word as a text in `language` has it → (folded word, its lexeme, *its stem
    lexemes), written as tsvector input; None when it folds to nothing or is too long.
    These are archive_analyzer()'s index tokens (tested token for token), without the cost
    of its token objects, and cached: a corpus says the same words again and again."""
    found = index_tokens(surface, language)
    if found is None or len(found[0]) > MAX_LEXEME_BYTES:  # folded words are ASCII
        return None
    return found[0], *map(quote_lexeme, found)


# Position numbers as tsvector input writes them, made once: str() per token was a large
# part of a rebuild's time.
POSITION_TEXT = [str(p) for p in range(MAX_POSITION + 1)]
MAX_LEXEME_POSITIONS = 256  # PostgreSQL keeps a lexeme's first 256 positions


def document_vector(title, text):
    """The tsvector literal of a document and the folded words of its text (no stems). The
    title is searched without language stems, as in Whoosh.

    Positions are gathered per distinct word (one dictionary step per token) and written
    once per word; each of the word's lexemes takes that text, unless two words share a
    lexeme (a stem), whose positions are then merged in order."""
    title_spots = {}  # lexeme → its title positions, weight A
    offset = 0
    for position, surface in enumerate(WORD.findall(title or ""), 1):
        found = lexemes(surface)
        if found is None:
            continue
        offset = position
        for lexeme in found[1:]:
            title_spots.setdefault(lexeme, []).append(f"{position}A")
    groups = {}  # a word's lexemes → its positions in the text
    language, text = split_language(text)  # a tagged language adds its stems (analysis.py)
    for position, surface in enumerate(WORD.findall(text or ""), offset + 2):
        # offset + 2: a gap after the title, so no phrase spans it
        found = lexemes(surface, language)
        if found is None:
            continue
        at = groups.get(found)
        if at is None:
            groups[found] = [position]
        else:
            at.append(position)
    spots = {}  # lexeme → its positions as text
    owners = {}  # lexeme → the positions of the word that gave it
    for found, at in groups.items():
        if at[-1] > LAST_PHRASE_POSITION:  # past the limit: one shared last position
            at = [p for p in at if p <= LAST_PHRASE_POSITION] + [MAX_POSITION]
        written = ",".join(map(POSITION_TEXT.__getitem__, at[:MAX_LEXEME_POSITIONS]))
        for lexeme in found[1:]:
            earlier = owners.get(lexeme)
            if earlier is None:
                owners[lexeme] = at
                spots[lexeme] = written
            else:  # a lexeme two words share: their positions merged
                owners[lexeme] = merged = sorted(set(earlier).union(at))
                spots[lexeme] = ",".join(
                    map(POSITION_TEXT.__getitem__, merged[:MAX_LEXEME_POSITIONS])
                )
    for lexeme, at in title_spots.items():
        body = owners.get(lexeme)
        if body is None:
            spots[lexeme] = ",".join(at[:MAX_LEXEME_POSITIONS])
        else:
            room = MAX_LEXEME_POSITIONS - len(at)
            spots[lexeme] = ",".join(at + [POSITION_TEXT[p] for p in body[: max(room, 0)]])
    vector = " ".join([f"{lexeme}:{written}" for lexeme, written in spots.items()])
    return vector, {found[0] for found in groups}


def lead_vector(title, text):
    """The vector of the title and the text's first LEAD_WORDS words, for the cheap first
    ranking; None when the text is no longer than that (its whole vector is as small)."""
    language, body = split_language(text)
    ends = [found.end() for found in islice(WORD.finditer(body or ""), LEAD_WORDS + 1)]
    if len(ends) <= LEAD_WORDS:
        return None
    return document_vector(title, tag_language(language, body[: ends[LEAD_WORDS - 1]]))[0]


# -- compiling the query tree -----------------------------------------------------------


def word_tsquery(token):
    return "(" + " | ".join(quote_lexeme(v) for v in word_variants(token)) + ")"


def searchable(token):
    return bool(token) and len(token.encode()) <= MAX_LEXEME_BYTES


class Compiled:
    """A node as SQL: `where` (with params) selects, `rank` (with params) scores.

    `tsquery` is set while the node is pure text, so text children of All/Any merge
    into one tsquery (one GIN lookup) instead of one `@@` each.

    `texts` (the tsqueries that score) and `bonus` (the SQL of every other score, with
    `bonus_params`) make the cheap first ranking (`first_rank`); `exact` is set when only
    the full rank will do (closest matches rank by how many words match).
    """

    def __init__(
        self,
        where,
        params=(),
        rank="0",
        rank_params=(),
        tsquery=None,
        texts=(),
        bonus="0",
        bonus_params=(),
        exact=False,
        alternatives=None,
    ):
        self.where, self.params = where, list(params)
        self.alternatives = alternatives  # a disjunction's parts, for distribute()
        self.rank, self.rank_params = rank, list(rank_params)
        self.tsquery = tsquery
        self.texts, self.bonus, self.bonus_params = list(texts), bonus, list(bonus_params)
        self.exact = exact

    @classmethod
    def text(cls, tsquery):
        return cls(
            "d.vector @@ %s::tsquery",
            [tsquery],
            f"ts_rank_cd('{RANK_WEIGHTS}', d.vector, %s::tsquery, {RANK_NORMALIZATION})",
            [tsquery],
            tsquery,
            texts=[tsquery],
        )

    def first_rank(self):
        """(SQL, params) of a cheap score that orders the matches nearly as `rank` does:
        one ts_rank (term frequency, no proximity) over every scoring word at once, in the
        title and the first LEAD_WORDS words of a long text, plus the other scores.
        ts_rank_cd collects every position of every query word, once per part of the
        query: at 10,000 articles it cost 160 ms per part over the 15,000 matches of
        `Belgrade`, ts_rank 20 ms for all parts together."""
        if self.exact:
            return self.rank, self.rank_params
        if not self.texts:
            return self.bonus, self.bonus_params
        # Every lexeme, OR-ed: ts_rank of an AND or a phrase compares every pair of its
        # words (a 9-word quote took 2 s over 2,482 matches), of an OR each word once.
        lexemes = dict.fromkeys(m for t in self.texts for m in TSQUERY_LEXEME.findall(t))
        return (
            f"ts_rank('{RANK_WEIGHTS}', coalesce(d.lead, d.vector), %s::tsquery, "
            f"{RANK_NORMALIZATION}) + {self.bonus}",
            [" | ".join(lexemes), *self.bonus_params],
        )


# At most this many clauses when a conjunction of disjunctions is distributed (distribute()).
DISTRIBUTED_TERMS = 8
# A lexeme in a tsquery literal: quoted (quotes doubled inside), perhaps a prefix.
TSQUERY_LEXEME = re.compile(r"'(?:[^']|'')*'(?::\*)?")
NOTHING = Compiled("FALSE")
EVERYTHING = Compiled("TRUE")


def compile_node(node):
    if isinstance(node, nodes.Word):
        return Compiled.text(word_tsquery(node.token)) if searchable(node.token) else NOTHING
    if isinstance(node, nodes.Phrase):
        tokens = list(node.tokens)
        if not tokens or not all(searchable(t) for t in tokens):
            return NOTHING
        return Compiled.text(" <-> ".join(quote_lexeme(t) for t in tokens))
    if isinstance(node, nodes.Prefix):
        if not searchable(node.token) or node.token.startswith(STEM_MARK):
            return NOTHING  # prefixes reach words, never the marked stems
        return Compiled.text(quote_lexeme(node.token) + ":*")
    if isinstance(node, nodes.Entity):
        if node.field not in LIST_FIELDS:
            raise ValueError(f"Not an entity field: {node.field!r}")
        score = f"(CASE WHEN d.{node.field} @> ARRAY[%s]::varchar[] THEN {ENTITY_SCORE} ELSE 0 END)"
        return Compiled(
            f"d.{node.field} @> ARRAY[%s]::varchar[]",
            [node.slug],
            score,
            [node.slug],
            bonus=score,
            bonus_params=[node.slug],
        )
    if isinstance(node, nodes.Everything):
        return EVERYTHING
    if isinstance(node, (nodes.All, nodes.Any)):
        return combine([compile_node(c) for c in node.children], isinstance(node, nodes.All))
    if isinstance(node, nodes.Boost):
        required, optional = compile_node(node.required), compile_node(node.optional)
        return Compiled(
            required.where,
            required.params,
            f"{required.rank} + {optional.rank}",
            required.rank_params + optional.rank_params,
            texts=required.texts + optional.texts,
            bonus=f"{required.bonus} + {optional.bonus}",
            bonus_params=required.bonus_params + optional.bonus_params,
            exact=required.exact or optional.exact,
        )
    if isinstance(node, nodes.Exclude):
        included, excluded = compile_node(node.included), compile_node(node.excluded)
        if included.tsquery and excluded.tsquery:
            merged = Compiled.text(f"({included.tsquery}) & !({excluded.tsquery})")
            return Compiled(
                merged.where,
                merged.params,
                included.rank,
                included.rank_params,
                merged.tsquery,
                included.texts,
            )
        return Compiled(
            f"({included.where}) AND NOT ({excluded.where})",
            included.params + excluded.params,
            included.rank,
            included.rank_params,
            texts=included.texts,
            bonus=included.bonus,
            bonus_params=included.bonus_params,
            exact=included.exact,
        )
    if isinstance(node, nodes.Loose):
        return compile_loose(node)
    raise ValueError(f"Unknown query node: {node!r}")


def combine(children, conjunction):
    if conjunction:
        if any(c is NOTHING for c in children):
            return NOTHING
        children = [c for c in children if c is not EVERYTHING]
        if not children:
            return EVERYTHING
    else:
        if any(c is EVERYTHING for c in children):
            return EVERYTHING
        children = [c for c in children if c is not NOTHING]
        if not children:
            return NOTHING
    texts = [c for c in children if c.tsquery]
    parts = [c for c in children if not c.tsquery]
    if len(texts) > 1:
        operator = " & " if conjunction else " | "
        merged = Compiled.text(operator.join(f"({c.tsquery})" for c in texts))
        merged.texts = [t for c in texts for t in c.texts]  # what scores: never an excluded word
        texts = [merged]
    distributed = distribute(texts, parts) if conjunction else None
    parts = texts + parts
    if len(parts) == 1:
        return parts[0]
    where, params = distributed or (
        (" AND " if conjunction else " OR ").join(f"({p.where})" for p in parts),
        [x for p in parts for x in p.params],
    )
    return Compiled(
        where,
        params,
        " + ".join(p.rank for p in parts),
        [x for p in parts for x in p.rank_params],
        texts=[t for p in parts for t in p.texts],
        bonus=" + ".join(p.bonus for p in parts),
        bonus_params=[x for p in parts for x in p.bonus_params],
        exact=any(p.exact for p in parts),
        alternatives=None if conjunction else parts,
    )


def distribute(texts, parts):
    """A conjunction holding disjunctions, as a disjunction of conjunctions, each with its
    words in one tsquery: `A AND (B OR place)` as `A & B OR (A AND place)`. Each clause's
    words are then one index lookup; as written, the planner tested `B OR place` on each
    of A's matches, reading every match's whole vector (at 10,000 articles, 430 ms against
    110 for "Russian emigres Belgrade"). None when no part is a disjunction, or when the
    terms would be more than DISTRIBUTED_TERMS."""
    choices = [part.alternatives or [part] for part in parts]
    if not any(part.alternatives for part in parts) or prod(map(len, choices)) > DISTRIBUTED_TERMS:
        return None
    terms, params = [], []
    for combination in product(*choices):
        words = [t.tsquery for t in texts] + [c.tsquery for c in combination if c.tsquery]
        clauses = ["d.vector @@ %s::tsquery"] if words else []
        params += [" & ".join(f"({w})" for w in words)] if words else []
        for clause in combination:
            if not clause.tsquery:
                clauses.append(f"({clause.where})")
                params += clause.params
        terms.append("(" + " AND ".join(clauses) + ")")
    return " OR ".join(terms), params


def compile_loose(node):
    tokens = [t for t in node.tokens if searchable(t)]
    if not tokens or len(tokens) < node.minimum:
        return NOTHING
    words = [word_tsquery(t) for t in tokens]
    any_word = " | ".join(words)
    matched = " + ".join("(d.vector @@ %s::tsquery)::int" for _ in words)
    where, params = "d.vector @@ %s::tsquery", [any_word]
    if node.minimum > 1:
        where += f" AND ({matched}) >= %s"
        params += [*words, node.minimum]
    # How many words match first; among equals the preferred type (a quote before the
    # article that prints it), then how close together they stand (cover density, scaled
    # below 0.5 by normalization 32: rank / (rank + 1)).
    rank = (
        f"({matched}) + (CASE WHEN d.type = %s THEN 0.5 ELSE 0 END) + 0.49 * "
        f"ts_rank_cd('{RANK_WEIGHTS}', d.vector, %s::tsquery, {RANK_NORMALIZATION} | 32)"
    )
    return Compiled(where, params, rank, [*words, node.prefer, any_word], exact=True)


def filter_sql(required, excluded):
    clauses, params = [], []
    for pairs, negate in ((required, False), (excluded, True)):
        for field_name, value in pairs:
            if field_name in LIST_FIELDS:
                clause = f"d.{field_name} @> ARRAY[%s]::varchar[]"
            elif field_name in SCALAR_FACETS or field_name == "source_name":
                clause = f"d.{field_name} = %s"
            else:
                raise ValueError(f"Not a filter field: {field_name!r}")
            clauses.append(f"NOT ({clause})" if negate else clause)
            params.append(str(value))
    return " AND ".join(clauses) or "TRUE", params


# One statement: the matching rows once, then the page, the count and every facet value:
# one pass over the matches for the single-valued facets and one for the lists (grouping
# sets; three passes each would read the matches six times).
def facet_counts(fields, source, alias):
    which = " ".join(f"WHEN GROUPING({alias}.{f}) = 0 THEN '{f}'" for f in fields[:-1])
    value = f"coalesce({', '.join(f'{alias}.{f}' for f in fields)})"
    return (
        f"SELECT 'facet', CASE {which} ELSE '{fields[-1]}' END, count(*), NULL, "
        f"{value}::text FROM {source} "
        f"GROUP BY GROUPING SETS ({', '.join(f'({alias}.{f})' for f in fields)}) "
        f"HAVING {value} <> ''"
    )


FACET_COUNTS = "\nUNION ALL\n".join(
    [
        facet_counts(SCALAR_FACETS, "m", "m"),
        facet_counts(
            LIST_FIELDS,
            f"sample, unnest({', '.join(f'sample.{f}' for f in LIST_FIELDS)}) "
            f"AS v({', '.join(LIST_FIELDS)})",
            "v",
        ),
    ]
)

# The matches once (m) with a cheap first score; the best of them by that score (best) get
# the full score (ranked), which orders them; a page past them ranks every other match
# too, after them (so every page is cut from one order: none repeats or skips). The count and the type, outlet and year
# facets are over all of m, the people, places and organizations over its best
# FACET_MATCHES (sample).
SEARCH_SQL = """
WITH m AS MATERIALIZED (
    SELECT d.id, d.model, d.object_id, d.date, d.type, d.outlet, d.year, d.people,
           d.organizations, d.places, {first_rank} AS first
    FROM archive_search_document d
    WHERE ({where}) AND {filters}
    {limit}
), best AS MATERIALIZED (
    SELECT id FROM m ORDER BY {first_order} LIMIT %s
), sample AS MATERIALIZED (
    SELECT people, organizations, places FROM m ORDER BY first DESC, id LIMIT %s
), ranked AS (
    SELECT d.id, d.model, d.object_id, d.date, {rank} AS score, b.id IS NOT NULL AS top
    FROM {ranked} r JOIN archive_search_document d USING (id) LEFT JOIN best b USING (id)
)
(SELECT 'hit', model, object_id, score, NULL FROM ranked
 ORDER BY top DESC, {order} LIMIT %s OFFSET %s)
UNION ALL
SELECT 'count', NULL, count(*), NULL, NULL FROM m
UNION ALL
{facets}
"""
ORDERS = {"relevance": "score DESC, id", "date": "date DESC, score DESC, id"}
# How many matches, best first by the cheap score, get the full score: the first pages are
# cut from them. A search with no more matches than this is ranked exactly; past it, a
# match the cheap score puts below this many (its words only late in a long text, or
# rarely) comes after them, however it scores. A page past them ranks every match.
RERANKED = 500
# The people, places and organizations of at most this many matches (the best by the cheap
# score) are counted: each match lists every entity it mentions, and counting them all cost
# more than the rest of the search (at 10,000 articles, 230,000 entity mentions in the
# 27,586 matches of `Serbia`, 200 ms). The page says when the counts are of a part.
FACET_MATCHES = 2000


@contextmanager
def reading(alias, atomic=False):
    """A cursor for a read. Missing search tables (migrations not run) are an unavailable
    index (a 503), not a 500; inside a transaction a failed read rolls back to a
    savepoint instead of breaking the transaction."""
    connection = connections[alias]
    try:
        if atomic or connection.in_atomic_block:
            with transaction.atomic(using=alias), connection.cursor() as cursor:
                yield cursor
        else:
            with connection.cursor() as cursor:
                yield cursor
    except ProgrammingError as error:
        if getattr(error.__cause__, "pgcode", None) == "42P01":  # undefined_table
            raise SearchUnavailable(
                "The search tables are missing: run manage.py migrate, "
                "then manage.py rebuild_index."
            ) from error
        raise


@contextmanager
def local_settings(cursor, restore, **values):
    """PostgreSQL settings for the rest of this transaction (set_config(..., true)). With
    `restore`, inside an enclosing transaction (a savepoint), where they would outlive the
    block, the earlier values are put back after it; a block that fails leaves that to the
    savepoint's rollback. The names are the code's own (keyword arguments), the values
    parameters."""
    names = list(values)
    cursor.execute(
        "SELECT "
        + ", ".join(
            [f"current_setting('{name}')" for name in names]
            + [f"set_config('{name}', %s, true)" for name in names]
        ),
        list(values.values()),
    )
    previous = cursor.fetchone()[: len(names)]
    yield
    if restore:
        cursor.execute(
            "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in names),
            list(previous),
        )


def is_timeout(error):
    cause = error.__cause__
    return getattr(cause, "pgcode", None) == "57014"  # query_canceled: statement_timeout


# -- the haystack backend ----------------------------------------------------------------


class PostgresSearchBackend(BaseSearchBackend, SearchEngineMixin):
    """Writes and reads the search tables through Django's database connections.

    Reads go where the database router sends reads of SearchDocument (a replica, when
    there is one), writes where it sends writes (the primary)."""

    def __init__(self, connection_alias, **connection_options):
        connection_options.setdefault("SILENTLY_FAIL", False)
        super().__init__(connection_alias, **connection_options)
        self.silently_fail = False

    @property
    def write_alias(self):
        return router.db_for_write(SearchDocument)

    @property
    def read_alias(self):
        return router.db_for_read(SearchDocument)

    # -- writing ----------------------------------------------------------------
    def row(self, doc):
        vector, words = document_vector(doc.get("title"), doc.get("text"))
        lead = lead_vector(doc.get("title"), doc.get("text"))
        lists = {name: list(doc.get(name) or []) for name in LIST_FIELDS}
        row = (
            doc["id"],
            doc["django_ct"],
            int(doc["django_id"]),
            doc.get("type") or "",
            str(doc.get("outlet") or ""),
            str(doc.get("year") or ""),
            lists["people"],
            lists["organizations"],
            lists["places"],
            int(doc.get("date") or 0),
            str(doc.get("source_name") or ""),
            vector,
            lead,
        )
        return row, words

    def prepare(self, documents):
        rows, words = [], set()
        for doc in documents:
            row, doc_words = self.row(doc)
            rows.append(row)
            words |= doc_words
        return rows, words

    def begin_write(self, cursor):
        """Raise the generation; its row lock also queues concurrent writers (no deadlocks)."""
        cursor.execute(f"UPDATE {STATE} SET generation = generation + 1 WHERE id = 1")

    def update(self, index, iterable, commit=True):
        rows, words = self.prepare(index.prepare_many(iterable))
        self.write_rows(rows, words)

    def write_rows(self, rows, words):
        if not rows:
            return
        rows = sorted(rows)  # one lock order for every writer
        placeholders = (
            "(" + ", ".join(["%s"] * (len(COLUMNS) - 2)) + ", %s::tsvector, %s::tsvector)"
        )
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
        with (
            transaction.atomic(using=self.write_alias),
            connections[self.write_alias].cursor() as cursor,
        ):
            self.begin_write(cursor)
            self.insert_words(cursor, words)
            for start in range(0, len(rows), WRITE_BATCH):
                batch = rows[start : start + WRITE_BATCH]
                cursor.execute(
                    f"INSERT INTO {DOCUMENTS} ({', '.join(COLUMNS)}) VALUES "
                    + ", ".join([placeholders] * len(batch))
                    + f" ON CONFLICT (id) DO UPDATE SET {updates}",
                    [value for row in batch for value in row],
                )

    def insert_words(self, cursor, words):
        words = sorted(words)
        for start in range(0, len(words), 5000):
            cursor.execute(
                f"INSERT INTO {WORDS} (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                [words[start : start + 5000]],
            )

    def remove(self, obj_or_string, commit=True):
        self.remove_many([get_identifier(obj_or_string)])

    def remove_many(self, identifiers):
        identifiers = sorted(set(identifiers))
        if not identifiers:
            return
        with (
            transaction.atomic(using=self.write_alias),
            connections[self.write_alias].cursor() as cursor,
        ):
            self.begin_write(cursor)
            cursor.execute(f"DELETE FROM {DOCUMENTS} WHERE id = ANY(%s)", [identifiers])

    def clear(self, models=None, commit=True):
        with (
            transaction.atomic(using=self.write_alias),
            connections[self.write_alias].cursor() as cursor,
        ):
            self.begin_write(cursor)
            if models is None:
                # DELETE, not TRUNCATE: searches keep reading the old rows until commit.
                cursor.execute(f"DELETE FROM {DOCUMENTS}")
                cursor.execute(f"DELETE FROM {WORDS}")
            else:
                labels = [get_model_ct(model) for model in models]
                cursor.execute(f"DELETE FROM {DOCUMENTS} WHERE model = ANY(%s)", [labels])

    def rebuild(self, indexes, progress=None):
        """Every document anew, into a table of its own that replaces the live one in one
        step at commit: searches answer from the old table until then.

        The new table is filled without indexes and indexed once it is full: keeping six
        indexes current row by row made a build slow down as it grew (at 100,000 articles,
        82 documents a second against 285 at 10,000). Documents are prepared by
        `workers` processes when there are many (`ARCHIVE_INDEX_WORKERS`)."""
        connection = connections[self.write_alias]
        # Workers read the records through connections of their own: only committed rows,
        # so not inside a caller's transaction (a test's), where they would see none.
        parallel = not connection.in_atomic_block
        total = 0
        with transaction.atomic(using=self.write_alias), connection.cursor() as cursor:
            self.begin_write(cursor)
            # Memory for building the indexes once the table is full (local to this transaction).
            cursor.execute(
                "SELECT set_config('maintenance_work_mem', %s, true)",
                [settings.ARCHIVE_INDEX_BUILD_MEMORY],
            )
            build = ShadowTable(cursor, DOCUMENTS)
            build.create()
            cursor.execute(f"DELETE FROM {WORDS}")
            vocabulary = set()
            with DocumentPreparer(self, parallel=parallel) as preparer:
                for index in indexes:
                    label = get_model_ct(index.get_model())
                    batches = index.record_batches(using=self.write_alias)
                    records = sum(len(pks) for pks in batches)
                    done = 0
                    for text, count, words in preparer.batches(index, batches):
                        if count:
                            cursor.cursor.copy_expert(  # psycopg2's COPY: the bulk path
                                f"COPY {build.name} ({', '.join(COLUMNS)}) FROM STDIN",
                                io.StringIO(text),
                            )
                        vocabulary |= words
                        done += count
                        if progress:
                            progress(label, done, records)
                    total += done
            self.insert_words(cursor, vocabulary)
            build.index()
            build.replace()
            cursor.execute(f"ANALYZE {DOCUMENTS}")
        if not connection.in_atomic_block:
            # A new table's rows are not yet marked visible to all: until a vacuum marks
            # them, the first searches to read each page write it back.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {DOCUMENTS}")
        return total

    def copy_text(self, documents):
        """Documents as COPY input: (text, how many, their folded words)."""
        rows, words = self.prepare(documents)
        return "".join(copy_line(row) for row in rows), len(rows), words

    # -- reading ------------------------------------------------------------------
    def search(self, query_string, **kwargs):
        raise NotImplementedError(
            "Search through archive.search (the search core), not haystack's SearchQuerySet."
        )

    def run(self, request: SearchRequest) -> EngineResult:
        compiled = compile_node(request.node)
        filters, filter_params = filter_sql(request.required, request.excluded)
        order = ORDERS.get(request.sort)
        if order is None:
            raise ValueError(f"Unknown sort: {request.sort!r}")
        page_start = (request.page - 1) * request.page_size
        deadline = time.monotonic() + request.budget

        first_rank, first_params = compiled.first_rank()
        deep = page_start + request.page_size > RERANKED  # past the best: rank them all

        def statement(limit):
            sql = SEARCH_SQL.format(
                first_rank=first_rank,
                rank=compiled.rank,
                where=compiled.where,
                filters=filters,
                limit="LIMIT %s" if limit else "",
                first_order=order.replace("score", "first"),
                ranked="m" if deep else "best",
                order=order,
                facets=FACET_COUNTS,
            )
            params = [
                *first_params,
                *compiled.params,
                *filter_params,
                *([limit] if limit else []),
                RERANKED,
                FACET_MATCHES,
                *compiled.rank_params,
                request.page_size,
                page_start,
            ]
            return sql, params

        rows = None
        if self.estimated_matches(compiled, filters, filter_params) <= FULL_ANSWER_ESTIMATE:
            try:
                rows = self.query(*statement(None), budget=request.budget * 0.7)
            except DatabaseError as error:
                if not is_timeout(error):
                    raise
        complete = rows is not None
        if not complete:
            remaining = deadline - time.monotonic()
            try:
                rows = self.query(*statement(PARTIAL_MATCHES), budget=max(remaining, 0.2))
            except DatabaseError as second:
                if not is_timeout(second):
                    raise
                raise QueryError(
                    "This search is too broad to answer in time: add words, "
                    "make a prefix longer, or filter by type or year."
                ) from second
        hits, count, counts = [], 0, {}
        for kind, name, number, score, value in rows:
            if kind == "hit":
                hits.append(EngineHit(model=name, pk=int(number), score=float(score or 0.0)))
            elif kind == "count":
                count = int(number)
            else:
                counts[(name, value)] = int(number)
        return EngineResult(
            hits=hits,
            count=count,
            facets=order_facets(counts, request.facet_limit),
            complete=complete,
            facets_counted=FACET_MATCHES if count > FACET_MATCHES else None,
        )

    def estimated_matches(self, compiled, filters, filter_params):
        """How many documents the planner expects to match (from its statistics: no row
        is read)."""
        with reading(self.read_alias) as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {DOCUMENTS} d "
                f"WHERE ({compiled.where}) AND {filters}",
                [*compiled.params, *filter_params],
            )
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return plan[0]["Plan"]["Plan Rows"]

    def query(self, sql, params, budget):
        nested = connections[self.read_alias].in_atomic_block
        with reading(self.read_alias, atomic=True) as cursor:
            # work_mem: the matches are materialized once and read by the page, the count
            # and the facets; at 4 MB (the default) a broad search spills them to disk.
            # jit off: on a large index the planner's costs pass jit_above_cost, and
            # compiling the statement (100-200 ms) costs more than it saves on a search.
            with local_settings(
                cursor,
                nested,
                statement_timeout=f"{max(int(budget * 1000), 1)}ms",
                work_mem=SEARCH_WORK_MEM,
                jit="off",
            ):
                cursor.execute(sql, params)
                return cursor.fetchall()

    def suggest(self, token, max_distance):
        if not searchable(token):
            return []
        with reading(self.read_alias) as cursor:
            # Sharing the first letter (a range on the word's primary key), within the length
            # an edit distance allows, then the exact edit distance.
            cursor.execute(
                f"SELECT word FROM {WORDS} WHERE word >= %s AND word < %s "
                "AND length(word) BETWEEN %s AND %s AND word <> %s "
                "AND levenshtein_less_equal(word, %s, %s) <= %s",
                [
                    token[0],
                    chr(ord(token[0]) + 1),
                    len(token) - max_distance,
                    len(token) + max_distance,
                    token,
                    token,
                    max_distance,
                    max_distance,
                ],
            )
            candidates = [w for (w,) in cursor.fetchall()]
        found = self.doc_frequencies(candidates)
        return [(word, found[word]) for word in candidates if found[word]]

    def doc_frequencies(self, tokens):
        """One statement for every word, each counted up to FREQUENCY_CAP documents; a word
        too long to be a lexeme occurs nowhere."""
        frequencies = dict.fromkeys(tokens, 0)
        asked = sorted(t for t in frequencies if searchable(t))
        if asked:
            with reading(self.read_alias) as cursor:
                cursor.execute(
                    f"SELECT w.token, (SELECT count(*) FROM (SELECT 1 FROM {DOCUMENTS} d "
                    "WHERE d.vector @@ w.lexeme::tsquery LIMIT %s) AS found) "
                    "FROM unnest(%s::text[], %s::text[]) AS w(token, lexeme)",
                    [FREQUENCY_CAP, asked, [quote_lexeme(t) for t in asked]],
                )
                frequencies.update(cursor.fetchall())
        return frequencies

    def indexed(self, tokens):
        """Two statements for all the words: a folded word is known at once when the
        vocabulary table holds it (a B-tree probe); the words it lacks, and "~stems", are
        asked of the documents, each stopping at the first that holds it. The GIN index
        answers EXISTS by building the whole match list first: for "the" at 10,000 articles
        that took 100 ms, the vocabulary answers in one. The vocabulary holds the text's
        words since the last full build, so a word whose last document was removed since
        stays known until then."""
        asked = sorted({t for t in tokens if searchable(t)})
        if not asked:
            return set()
        nested = connections[self.read_alias].in_atomic_block
        with reading(self.read_alias, atomic=True) as cursor:
            cursor.execute(f"SELECT word FROM {WORDS} WHERE word = ANY(%s::text[])", [asked])
            known = {word for (word,) in cursor.fetchall()}
            missing = [t for t in asked if t not in known]
            if missing:
                # Through the GIN index only: the planner would rather scan the table until
                # a first match, which for a word in no document reads every vector (1 s
                # at 10,000 articles). The words asked here are rare or absent.
                with local_settings(cursor, nested, enable_seqscan="off"):
                    cursor.execute(
                        f"SELECT w.token FROM unnest(%s::text[], %s::text[]) AS w(token, lexeme) "
                        f"WHERE EXISTS (SELECT 1 FROM {DOCUMENTS} d "
                        "WHERE d.vector @@ w.lexeme::tsquery)",
                        [missing, [quote_lexeme(t) for t in missing]],
                    )
                    known |= {token for (token,) in cursor.fetchall()}
            return known

    def doc_frequency(self, token):
        if not searchable(token):
            return 0
        with reading(self.read_alias) as cursor:
            # Text or title: a title's words are in its document's text too, and without a
            # weight the GIN index answers alone (a weight would re-read every vector).
            cursor.execute(
                f"SELECT count(*) FROM {DOCUMENTS} d WHERE d.vector @@ %s::tsquery",
                [quote_lexeme(token)],
            )
            return cursor.fetchone()[0]

    def generation(self):
        with reading(self.read_alias) as cursor:
            cursor.execute(f"SELECT generation FROM {STATE} WHERE id = 1")
            return cursor.fetchone()[0]

    def document_count(self):
        with connections[self.read_alias].cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {DOCUMENTS}")
            return cursor.fetchone()[0]


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_value(value):
    if value is None:
        return "\\N"  # COPY's NULL
    if isinstance(value, list):
        value = (
            "{"
            + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value)
            + "}"
        )
    return str(value).translate(COPY_ESCAPES)


def copy_line(row):
    """One row in COPY's text format."""
    return "\t".join(copy_value(v) for v in row) + "\n"


class PostgresSearchEngine(BaseEngine):
    backend = PostgresSearchBackend
    query = BaseSearchQuery

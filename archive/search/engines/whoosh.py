"""The embedded engine: haystack's Whoosh backend with the archive's analysis chain,
safe writes, and the search interface of engines/base.py.

What it changes in haystack's backend, and why:
- every text field uses archive.search.analysis (folding, transliteration,
  no stop words, stems beside words); exact fields (types, slugs, years) are
  Whoosh ID/KEYWORD fields, so facet values come back as stored;
- every write (update, remove, clear) holds an exclusive file lock and waits
  for Whoosh's own lock instead of failing with LockError, so concurrent
  processes queue up rather than lose an update; errors are never swallowed;
- clearing the whole index writes an empty generation in place instead of
  deleting the directory under running searches;
- writes are batched: one searcher finds the documents a batch replaces
  (Whoosh's update_document opens one per document), then add_document;
- a rebuild writes every document with add_document into a new generation
  that replaces the old one at commit, so searches answer from the old index
  until the new one is complete;
- a search scores each segment in bulk (whoosh_bulk.py) instead of through
  Whoosh's collectors, then filters, counts facets and ranks in one pass over
  the matches, reading each match's facet values from one packed column.
"""

import fcntl
import heapq
import logging
import math
import os
import struct
import threading
import time
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain

from django.conf import settings
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_identifier, get_model_ct
from whoosh import sorting
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    ConstantScoreQuery,
    Every,
    Or,
    Phrase,
    Prefix,
    Term,
)
from whoosh.writing import CLEAR

from archive.search import nodes
from archive.search.analysis import (
    STEM_MARK,
    archive_analyzer,
    index_tokens,
    split_language,
    word_variants,
)
from archive.search.engines.base import (
    FACET_FIELDS,
    LIST_FIELDS,
    EngineHit,
    EngineResult,
    SearchEngineMixin,
    SearchUnavailable,
    order_facets,
)
from archive.search.engines.whoosh_bulk import AtLeast, SegmentScorer
from archive.text import WORD

log = logging.getLogger("archive.search")

EMPTY_LIST_VALUE = "_none"
# Every facet value of a document, packed into one per-document column, so counting
# facets over tens of thousands of hits reads one value per hit (Whoosh's own
# overlapping facets read a term vector per hit per field: seconds at 10,000 articles).
FACET_COLUMN = "facet_values"
FIELD_SEPARATOR = "\x1e"
TITLE_BOOST = 2.0
WRITER_TIMEOUT = float(os.environ.get("ARCHIVE_INDEX_WRITE_TIMEOUT", "120"))
OPEN_ATTEMPTS = 5
# Matches filtered, counted and ranked this many at a time, the clock read between.
TALLY_BLOCK = 20_000


def pack_facets(doc):
    return FIELD_SEPARATOR.join(str(doc.get(name) or "") for name in FACET_FIELDS).encode()


@lru_cache(maxsize=100_000)
def unpack_facets(packed):
    """((facet, value), …) of one document; cached, since the same documents come back in
    search after search."""
    pairs = []
    for name, values in zip(FACET_FIELDS, packed.decode().split(FIELD_SEPARATOR), strict=False):
        if name in LIST_FIELDS:
            pairs.extend((name, v) for v in values.split(",") if v and v != EMPTY_LIST_VALUE)
        elif values:  # an exact value (an outlet) may hold a comma
            pairs.append((name, values))
    return tuple(pairs)


class ArchiveText(TEXT):
    """A TEXT field indexing with the archive analyser's tokens, made the fast way.

    Whoosh's own path builds a token object per word and runs it through the filters;
    here each surface word's folded word and stem come from one cached lookup
    (analysis.index_tokens), and the postings are grouped and encoded as Whoosh's
    Positions format does (tested: the same postings as TEXT with archive_analyzer()).
    Queries still go through the analyser."""

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        spots = {}
        language, value = split_language(value)  # a tagged language adds its stems
        for position, surface in enumerate(WORD.findall(value)):
            found = index_tokens(surface, language)
            if found is None:
                continue
            for token in found:  # the folded word and its stems
                at = spots.get(token)
                if at is None:
                    spots[token] = [position]
                else:
                    at.append(position)
        encode, boost = self.format.encode, self.format.field_boost
        for token, at in spots.items():
            yield token.encode(), len(at), len(at) * boost, encode(at)


# -- compiled query → Whoosh query ------------------------------------------------


def word_query(token):
    """A word in any inflection: the word itself, words sharing its stem, and the stem as a word."""
    variants = word_variants(token)
    parts = [Term("text", v) for v in variants]
    parts += [Term("title", v, boost=TITLE_BOOST) for v in variants]
    return Or(parts)


def translate(node):
    """The Whoosh query for a compiled query tree (archive.search.nodes)."""
    if isinstance(node, nodes.Word):
        return word_query(node.token)
    if isinstance(node, nodes.Phrase):
        if len(node.tokens) == 1:
            return Or(
                [Term("text", node.tokens[0]), Term("title", node.tokens[0], boost=TITLE_BOOST)]
            )
        return Or(
            [
                Phrase("text", list(node.tokens)),
                Phrase("title", list(node.tokens), boost=TITLE_BOOST),
            ]
        )
    if isinstance(node, nodes.Prefix):
        return Or([Prefix("text", node.token), Prefix("title", node.token, boost=TITLE_BOOST)])
    if isinstance(node, nodes.Entity):
        return ConstantScoreQuery(Term(node.field, node.slug), score=1.0)
    if isinstance(node, nodes.All):
        return And([translate(child) for child in node.children])
    if isinstance(node, nodes.Any):
        return Or([translate(child) for child in node.children])
    if isinstance(node, nodes.Boost):
        return AndMaybe(translate(node.required), translate(node.optional))
    if isinstance(node, nodes.Exclude):
        return AndNot(translate(node.included), translate(node.excluded))
    if isinstance(node, nodes.Everything):
        return Every()
    if isinstance(node, nodes.Loose):
        return loose_query(node)
    raise TypeError(f"Not a query node: {node!r}")


def loose_query(node):
    """At least `minimum` of the words, more words ranking higher; the preferred type first
    among equals. How close together the words stand is judged by the core, which
    re-ranks the best candidates by their tightest window (closeness.py): Whoosh's span
    matching over common words would cost seconds here."""
    main = AtLeast([word_query(token) for token in node.tokens], minmatch=node.minimum)
    if not node.prefer:
        return main
    return AndMaybe(main, Term("type", node.prefer, boost=3.0))


# -- collecting ------------------------------------------------------------------


def segments(searcher):
    """(atomic sub-searcher, offset of its first document) of each segment of the index."""
    return searcher.subsearchers if not searcher.is_atomic() else [(searcher, 0)]


def facet_values(reader, docnums):
    """{docnum: ((facet, value), …)} of the documents, from the packed per-document
    column: one read a document, where Whoosh's facets read a term vector per field."""
    if reader.has_column(FACET_COLUMN):
        packed = map(reader.column_reader(FACET_COLUMN).__getitem__, docnums)
    else:  # a segment written before the column: the stored values, slowly
        packed = (pack_facets(reader.stored_fields(d)) for d in docnums)
    return dict(zip(docnums, map(unpack_facets, packed), strict=True))


class Ranking:
    """The best `limit` hits so far over the segments, by score, or by date then score."""

    def __init__(self, searcher, limit, sort):
        self.limit = limit
        self.best = []  # (sort key, global docnum, score), best first
        self.date = None
        if sort == "date":
            self.date = sorting.FieldFacet("date", reverse=True).categorizer(searcher)

    def add(self, subsearcher, offset, scores):
        if self.date is not None:
            self.date.set_searcher(subsearcher, offset)
            key_for = self.date.key_for
            # Whoosh's date sort: newest first, then the better score, then index order.
            keyed = (((key_for(None, d), -s), offset + d, s) for d, s in scores.items())
        else:
            # Whoosh's ranking: the better score first, then index order.
            keyed = ((-s, offset + d, s) for d, s in scores.items())
        self.best = heapq.nsmallest(self.limit, [*self.best, *keyed])

    def hits(self):
        """(global docnum, score) of the ranked hits, best first."""
        return [(docnum, score) for _, docnum, score in self.best]


class ArchiveWhooshSearchBackend(SearchEngineMixin, WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        connection_options.setdefault("SILENTLY_FAIL", False)
        super().__init__(connection_alias, **connection_options)
        self.silently_fail = False
        self._local = threading.local()

    # -- schema -----------------------------------------------------------
    def build_schema(self, fields):
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        for field in fields.values():
            name = field.index_fieldname
            if field.field_type == "exact":
                schema_fields[name] = WHOOSH_ID(stored=True)
            elif field.field_type == "exact_list":
                schema_fields[name] = KEYWORD(
                    stored=True, commas=True, lowercase=False, scorable=False, vector=True
                )
            elif field.field_type in ("sort_number", "integer"):
                schema_fields[name] = NUMERIC(stored=True, numtype=int, bits=64, sortable=True)
            else:
                schema_fields[name] = ArchiveText(
                    stored=field.stored,
                    analyzer=archive_analyzer(),
                    phrase=True,
                    field_boost=field.boost,
                    spelling=bool(field.document),
                )
            if field.document:
                content_field_name = name
        self.list_fields = [n for n, f in schema_fields.items() if isinstance(f, KEYWORD)]
        schema_fields[FACET_COLUMN] = COLUMN(VarBytesColumn())
        return content_field_name, Schema(**schema_fields)

    def setup(self):
        # Another process's commit deletes the table of contents of the generation this one
        # was about to open (Whoosh keeps only the newest): open the newest one again.
        for attempt in range(OPEN_ATTEMPTS):
            try:
                return super().setup()
            except FileNotFoundError:
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.02 * (attempt + 1))

    def open_latest(self):
        """The newest committed index (see setup() for why it may take another try)."""
        for attempt in range(OPEN_ATTEMPTS):
            try:
                return self.storage.open_index(schema=self.schema)
            except FileNotFoundError:
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.02 * (attempt + 1))

    # -- serialized writes --------------------------------------------------
    @property
    def lock_path(self):
        return os.path.abspath(self.path).rstrip(os.sep) + ".write-lock"

    @contextmanager
    def write_lock(self):
        """One writer at a time, across threads and processes on this machine."""
        os.makedirs(os.path.dirname(self.lock_path), exist_ok=True)
        with open(self.lock_path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _writer(self, **options):
        self.index = self.index.refresh()
        return self.index.writer(timeout=WRITER_TIMEOUT, **options)

    def prepare_documents(self, index, iterable):
        return self.whoosh_documents(index.prepare_many(iterable))

    def whoosh_documents(self, prepared):
        """Whoosh's field values of prepared documents (index.documents())."""
        documents = []
        for doc in prepared:
            doc.pop("boost", None)
            doc = {key: self._from_python(value) for key, value in doc.items()}
            for name in self.list_fields:
                # Whoosh cannot facet a document with no term vector: give empty lists a value.
                if not doc.get(name):
                    doc[name] = EMPTY_LIST_VALUE
            doc[FACET_COLUMN] = pack_facets(doc)
            documents.append(doc)
        return documents

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        self.write_documents(self.prepare_documents(index, iterable))

    def write_documents(self, documents):
        """Add or replace prepared documents, waiting for any other writer to finish.

        One searcher finds every document the batch replaces; Whoosh's update_document
        would open readers on every segment once per document.
        """
        if not self.setup_complete:
            self.setup()
        if not documents:
            return
        with self.write_lock():
            writer = self._writer()
            try:
                with writer.searcher() as searcher:
                    for doc in documents:
                        writer.delete_by_term(ID, doc[ID], searcher=searcher)
                for doc in documents:
                    writer.add_document(**doc)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def remove(self, obj_or_string, commit=True):
        self.remove_many([get_identifier(obj_or_string)])

    def remove_many(self, identifiers):
        if not self.setup_complete:
            self.setup()
        identifiers = list(identifiers)
        if not identifiers:
            return
        with self.write_lock():
            writer = self._writer()
            try:
                with writer.searcher() as searcher:
                    for identifier in identifiers:
                        writer.delete_by_term(ID, identifier, searcher=searcher)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            if models is None and self.schema_changed():
                # The fields changed: only a new index can take the new schema.
                self.index = self.storage.create_index(self.schema)
                return
            writer = self._writer()
            if models is None:
                # An empty generation committed like any other write: searches holding
                # the old one keep answering, and nothing is deleted under them.
                writer.commit(mergetype=CLEAR)
                return
            writer.delete_by_query(Or([Term(DJANGO_CT, get_model_ct(model)) for model in models]))
            writer.commit()

    def delete_index(self):
        self.clear()

    def schema_changed(self):
        names = set(self.schema.names())
        return set(self.index.schema.names()) != names or any(
            type(self.index.schema[n]) is not type(self.schema[n]) for n in names
        )

    def rebuild(self, indexes, progress=None):
        """Every record of `indexes`, added to a new generation that replaces the old one.

        Documents are added (no per-document delete) and committed as one segment with
        CLEAR, so the old generation serves searches until the commit swaps it out.
        """
        self.setup()  # recreates a missing index directory
        total = 0
        with self.write_lock():
            if self.schema_changed():
                self.index = self.storage.create_index(self.schema)
            writer = self._writer(limitmb=settings.ARCHIVE_INDEX_REBUILD_MB)
            try:
                for index in indexes:
                    label = get_model_ct(index.get_model())
                    count = index.index_queryset(using=self.connection_alias).count()
                    done = 0
                    for prepared in index.all_documents(using=self.connection_alias):
                        for doc in self.whoosh_documents(prepared):
                            writer.add_document(**doc)
                            done += 1
                        if progress:
                            progress(label, done, count)
                    total += done
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=CLEAR)
        self.reset_searcher()
        return total

    # -- reading --------------------------------------------------------------
    def searcher(self):
        """A searcher on the latest committed index, reused while it is current.

        Reading never creates an index: a missing or unreadable one is reported
        (SearchUnavailable → a 503) instead of answering every search with nothing.
        """
        if self.use_file_storage and not os.path.isdir(self.path):
            self.reset_searcher()
            raise SearchUnavailable(f"The search index at {self.path} is missing.")
        if not self.setup_complete:
            self.setup()
        searcher = getattr(self._local, "searcher", None)
        try:
            if searcher is None:
                searcher = self.open_latest().searcher()
            else:
                searcher = searcher.refresh()
        except Exception as error:
            self.reset_searcher()
            raise SearchUnavailable(
                f"The search index at {self.path} cannot be read: {error}"
            ) from error
        self._local.searcher = searcher
        return searcher

    def reset_searcher(self):
        searcher = getattr(self._local, "searcher", None)
        self._local.searcher = None
        if searcher is not None:
            try:
                searcher.close()
            except Exception:  # an unreadable index may fail to close too
                log.warning("Could not close a searcher on %s", self.path)

    def document_count(self):
        return self.searcher().doc_count()

    def generation(self):
        return (self.path, self.searcher().reader().generation())

    def doc_frequency(self, token):
        return self.searcher().reader().doc_frequency("text", token)

    def suggest(self, token, max_distance):
        reader = self.searcher().reader()
        return [
            (word, reader.doc_frequency("text", word))
            for word in reader.terms_within("text", token, max_distance, prefix=1)
            if not word.startswith(STEM_MARK) and word != token
        ]

    def documents(self, model_label):
        """(identifier, pk) of every document of a model, for finding stale ones."""
        for fields in self.searcher().documents(**{DJANGO_CT: model_label}):
            yield fields[ID], fields[DJANGO_ID]

    def run(self, request):
        searcher = self.searcher()
        try:
            return self._run(searcher, request)
        except (OSError, EOFError, struct.error, KeyError, IndexError) as error:
            # Damaged index files surface as low-level read errors.
            self.reset_searcher()
            raise SearchUnavailable(f"The search index cannot be read: {error!r}") from error

    def _run(self, searcher, request):
        """Each segment scored in bulk (whoosh_bulk.py); the filters, the facet counts and
        the ranking over what passes them. Past the time budget, the answer covers what
        was read in time (complete=False)."""
        query = translate(request.node)
        context = searcher.context()
        deadline = time.monotonic() + request.budget
        required, excluded = request.required, request.excluded
        ranking = Ranking(searcher, request.page * request.page_size, request.sort)
        counts = Counter()
        count = 0
        complete = True
        for subsearcher, offset in segments(searcher):
            scorer = SegmentScorer(subsearcher, context, deadline)
            found = scorer.covered(scorer.scores(query))
            docnums = sorted(found)
            # In order and a block at a time, so that past the budget the answer still
            # covers every document up to where it stopped.
            for at in range(0, len(docnums), TALLY_BLOCK):
                block = docnums[at : at + TALLY_BLOCK]
                # The filters are exact facet values: read from the column the counts need.
                values = facet_values(subsearcher.reader(), block)
                kept = {
                    d: found[d]
                    for d in block
                    if all(pair in values[d] for pair in required)
                    and not any(pair in values[d] for pair in excluded)
                }
                count += len(kept)
                counts.update(chain.from_iterable(values[d] for d in kept))
                ranking.add(subsearcher, offset, kept)
                if at + TALLY_BLOCK < len(docnums) and time.monotonic() > deadline:
                    complete = False
                    break
            if scorer.bound is not None:
                complete = False
            if not complete:
                break
        start = (request.page - 1) * request.page_size
        hits = []
        for docnum, score in ranking.hits()[start : start + request.page_size]:
            fields = searcher.stored_fields(docnum)
            hits.append(
                EngineHit(
                    model=fields[DJANGO_CT],
                    pk=int(fields[DJANGO_ID]),
                    score=score if math.isfinite(score) else 0.0,
                )
            )
        return EngineResult(
            hits=hits,
            count=count,
            facets=order_facets(counts, request.facet_limit),
            complete=complete,
        )


class ArchiveWhooshEngine(WhooshEngine):
    backend = ArchiveWhooshSearchBackend


__all__ = ["ArchiveWhooshEngine", "ArchiveWhooshSearchBackend", "SearchUnavailable"]

"""haystack's Whoosh backend with the archive's analysis chain and safe writes.

What it changes, and why:
- every text field uses archive.search.analysis (folding, transliteration,
  no stop words, stems beside words); exact fields (types, slugs, years) are
  Whoosh ID/KEYWORD fields, so facet values come back as stored;
- every write (update, remove, clear) holds an exclusive file lock and waits
  for Whoosh's own lock instead of failing with LockError, so concurrent
  processes queue up rather than lose an update; errors are never swallowed;
- clearing the whole index writes an empty generation in place instead of
  deleting the directory under running searches.
"""

import fcntl
import logging
import os
import threading
from contextlib import contextmanager

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier, get_model_ct
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.query import Or, Term
from whoosh.writing import CLEAR

from archive.search.analysis import archive_analyzer

log = logging.getLogger("archive.search")


class SearchUnavailable(Exception):
    """The index is missing or unreadable; an operator must rebuild it."""

EMPTY_LIST_VALUE = "_none"
# Every facet value of a document, packed into one per-document column, so counting
# facets over tens of thousands of hits reads one value per hit (Whoosh's own
# overlapping facets read a term vector per hit per field: seconds at 10,000 articles).
FACET_FIELDS = ("type", "outlet", "year", "people", "places", "organizations")
FACET_COLUMN = "facet_values"
FIELD_SEPARATOR = "\x1e"


def pack_facets(doc):
    return FIELD_SEPARATOR.join(str(doc.get(name) or "") for name in FACET_FIELDS).encode()


def unpack_facets(packed):
    """[(facet, value), …] of one document."""
    pairs = []
    for name, values in zip(FACET_FIELDS, packed.decode().split(FIELD_SEPARATOR), strict=False):
        pairs.extend((name, v) for v in values.split(",") if v and v != EMPTY_LIST_VALUE)
    return pairs
WRITER_TIMEOUT = float(os.environ.get("ARCHIVE_INDEX_WRITE_TIMEOUT", "120"))


class ArchiveWhooshSearchBackend(WhooshSearchBackend):
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
                schema_fields[name] = KEYWORD(stored=True, commas=True, lowercase=False,
                                              scorable=False, vector=True)
            elif field.field_type in ("sort_number", "integer"):
                schema_fields[name] = NUMERIC(stored=True, numtype=int, bits=64, sortable=True)
            else:
                schema_fields[name] = TEXT(stored=field.stored, analyzer=archive_analyzer(),
                                           phrase=True, field_boost=field.boost,
                                           spelling=bool(field.document))
            if field.document:
                content_field_name = name
        self.list_fields = [n for n, f in schema_fields.items() if isinstance(f, KEYWORD)]
        schema_fields[FACET_COLUMN] = COLUMN(VarBytesColumn())
        return content_field_name, Schema(**schema_fields)

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

    def _writer(self):
        self.index = self.index.refresh()
        return self.index.writer(timeout=WRITER_TIMEOUT)

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        documents = []
        for obj in iterable:
            try:
                doc = index.full_prepare(obj)
            except SkipDocument:
                continue
            doc.pop("boost", None)
            doc = {key: self._from_python(value) for key, value in doc.items()}
            for name in self.list_fields:
                # Whoosh cannot facet a document with no term vector: give empty lists a value.
                if not doc.get(name):
                    doc[name] = EMPTY_LIST_VALUE
            doc[FACET_COLUMN] = pack_facets(doc)
            documents.append(doc)
        self.write_documents(documents)

    def write_documents(self, documents):
        """Add or replace prepared documents, waiting for any other writer to finish."""
        if not self.setup_complete:
            self.setup()
        if not documents:
            return
        with self.write_lock():
            writer = self._writer()
            try:
                for doc in documents:
                    writer.update_document(**doc)
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
            for identifier in identifiers:
                writer.delete_by_term(ID, identifier)
            writer.commit()

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            if models is None and set(self.index.schema.names()) != set(self.schema.names()):
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
                searcher = self.storage.open_index(schema=self.schema).searcher()
            else:
                searcher = searcher.refresh()
        except Exception as error:
            self.reset_searcher()
            raise SearchUnavailable(f"The search index at {self.path} cannot be read: "
                                    f"{error}") from error
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


class ArchiveWhooshEngine(WhooshEngine):
    backend = ArchiveWhooshSearchBackend


__all__ = ["ArchiveWhooshEngine", "ArchiveWhooshSearchBackend", "DJANGO_CT", "DJANGO_ID", "ID"]

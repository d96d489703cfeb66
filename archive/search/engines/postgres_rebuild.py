"""How the PostgreSQL engine rebuilds its index fast without stopping searches.

- `ShadowTable`: the documents go into a new table with the live table's columns and no
  indexes; once it is full, it gets the live table's indexes and constraints (built in
  one pass each, far faster than keeping them current row by row) and takes the live
  table's place in the same transaction. Searches read the old table until the commit;
  the swap itself holds them only for the moment of the rename.
- `DocumentPreparer`: a rebuild's Python work (reading the records, analysing the text,
  writing COPY lines) is most of its time, so with many documents it runs in worker
  processes while this one feeds COPY.

Workers are spawned, not forked: a forked child would share the parent's open database
connection, and closing it there would end the parent's session.
"""

import multiprocessing
import re

from django.conf import settings
from django.db import connections

INDEX_DEFINITION = re.compile(r"^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ (USING .*)$", re.S)
MAX_IDENTIFIER = 63


class ShadowTable:
    """A table built beside `table` and put in its place. Index-backed constraints (the
    primary key, unique) and other indexes are rebuilt from the live table's own
    definitions, CHECK constraints are copied with the columns; the table has no foreign
    keys (nothing to carry over)."""

    def __init__(self, cursor, table):
        self.cursor = cursor
        self.table = table
        self.name = f"{table}_next"
        self.definitions = []

    @staticmethod
    def temporary(name):
        temporary = f"{name}_next"
        if len(temporary) > MAX_IDENTIFIER:
            raise ValueError(f"Index name too long for a rebuild's temporary name: {name}")
        return temporary

    def create(self):
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
        # LIKE copies the columns' storage, not the table's options (its toast_tuple_target).
        self.cursor.execute(
            "SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [self.table]
        )
        (options,) = self.cursor.fetchone()
        self.cursor.execute(
            f"CREATE TABLE {self.name} (LIKE {self.table} "
            "INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)"
            + (f" WITH ({', '.join(options)})" if options else "")
        )
        self.cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid), c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = x.indrelid "
            "WHERE x.indrelid = %s::regclass ORDER BY i.relname",
            [self.table],
        )
        self.definitions = self.cursor.fetchall()

    def index(self):
        """The live table's indexes and constraints, on the full new table."""
        for index_name, definition, constraint, constraint_definition in self.definitions:
            temporary = self.temporary(constraint or index_name)
            if constraint:
                self.cursor.execute(
                    f'ALTER TABLE {self.name} ADD CONSTRAINT "{temporary}" {constraint_definition}'
                )
                continue
            match = INDEX_DEFINITION.match(definition)
            if match is None:
                raise ValueError(f"Unexpected index definition: {definition}")
            unique, method = match.groups()
            self.cursor.execute(f'CREATE {unique or ""}INDEX "{temporary}" ON {self.name} {method}')

    def replace(self):
        """The new table takes the live one's name, and its indexes their names."""
        self.cursor.execute(f"LOCK TABLE {self.table} IN ACCESS EXCLUSIVE MODE")
        self.cursor.execute(f"DROP TABLE {self.table}")
        self.cursor.execute(f"ALTER TABLE {self.name} RENAME TO {self.table}")
        for index_name, _, constraint, _ in self.definitions:
            if constraint:  # renames its index too
                self.cursor.execute(
                    f'ALTER TABLE {self.table} RENAME CONSTRAINT "{self.temporary(constraint)}" '
                    f'TO "{constraint}"'
                )
            else:
                self.cursor.execute(
                    f'ALTER INDEX "{self.temporary(index_name)}" RENAME TO "{index_name}"'
                )


class DocumentPreparer:
    """An index's documents as COPY text, batch by batch, in order: here, or in
    `ARCHIVE_INDEX_WORKERS` processes when an index has at least `parallel_from` records
    and the records can be read from other connections (`parallel`: they are committed)."""

    parallel_from = 2_000

    def __init__(self, backend, parallel=True):
        self.backend = backend
        self.workers = settings.ARCHIVE_INDEX_WORKERS if parallel else 1
        self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, error_type, error, traceback):
        if self.pool is not None:
            if error_type is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()

    def batches(self, index, record_batches):
        """(COPY text, documents, folded words) per batch of records (index.record_batches())."""
        if self.workers > 1 and sum(map(len, record_batches)) >= self.parallel_from:
            label = index.get_model()._meta.label_lower
            jobs = [(self.backend.connection_alias, label, pks) for pks in record_batches]
            yield from self.start().imap(prepare_in_worker, jobs)
            return
        for pks in record_batches:
            yield self.backend.copy_text(index.documents(pks))

    def start(self):
        if self.pool is None:
            # The databases by the names this process uses (a test run's test databases).
            names = {alias: connections[alias].settings_dict["NAME"] for alias in connections}
            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(self.workers, initializer=start_worker, initargs=(names,))
        return self.pool


def start_worker(database_names):
    import django

    django.setup()
    for alias, name in database_names.items():
        settings.DATABASES[alias]["NAME"] = name


def prepare_in_worker(job):
    from django.apps import apps
    from haystack import connections as search_connections

    search_alias, label, pks = job
    connection = search_connections[search_alias]
    index = connection.get_unified_index().get_index(apps.get_model(label))
    return connection.get_backend().copy_text(index.documents(pks))

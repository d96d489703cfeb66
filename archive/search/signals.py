"""Keep the search index in step with the database, after each commit.

haystack's RealtimeSignalProcessor indexes on save (before the transaction
commits, so a rolled-back edit can reach the index) and ignores
many-to-many changes and related records. This processor queues what changed
during a transaction, asks every registered search index which of its
documents the change makes stale (`watched` and `stale()` in each app's
search_indexes.py), and writes the index once, on commit. Nothing is written
for a rolled-back transaction. It names no model.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import signals
from haystack import connections
from haystack.signals import BaseSignalProcessor
from haystack.utils import get_identifier, get_model_ct

log = logging.getLogger("archive.search")
_state = threading.local()


@contextmanager
def index_updates_suspended():
    """For bulk loads that rebuild the index once at the end."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def updates_suspended():
    return getattr(_state, "suspended", False)


def search_indexes(using="default"):
    """{model label: search index} of every registered index."""
    unified = connections[using].get_unified_index()
    return {get_model_ct(model): index for model, index in unified.get_indexes().items()}


def watched_labels():
    labels = set()
    for label, index in search_indexes().items():
        labels.add(label)
        labels.update(index.watched)
    return labels


def stale_documents(instance):
    """{(model label, pk)} of every document whose text or facets include `instance`."""
    label = instance._meta.label_lower
    found = set()
    for index_label, index in search_indexes().items():
        if label == index_label or label in index.watched:
            found.update((index_label, pk) for pk in index.stale(instance) if pk is not None)
    return found


class PendingChanges:
    """What one transaction changed: (model label, pk) to refresh, identifiers to remove."""

    def __init__(self):
        self.refresh = set()
        self.remove = set()
        self.flushed = False
        self.hooks = None  # the connection's list of on-commit hooks it was registered in

    def __bool__(self):
        return bool(self.refresh or self.remove)

    def flush(self):
        """Write the changes; if the index cannot take them, keep them in the backlog.

        This runs after the commit: the records are saved whatever happens here, so a
        failure must not reach the curator as an error page. They are told instead.
        """
        self.flushed = True
        refresh, remove = self.refresh, self.remove
        self.refresh, self.remove = set(), set()
        try:
            refresh, remove = with_backlog(refresh, remove)
            write_changes(refresh, remove)
        except Exception as error:
            log.exception(
                "Search index write failed; %d change(s) queued for retry",
                len(refresh) + len(remove),
            )
            _state.deferred = True
            try:
                queue_backlog(refresh, remove, error)
            except Exception:  # the database is gone too: nothing more can be kept
                log.exception("Could not queue the failed index write")
        else:
            clear_backlog(refresh, remove)


def with_backlog(refresh, remove):
    """These changes plus every change an earlier failed write left behind."""
    from archive.models import IndexBacklog

    refresh, remove = set(refresh), set(remove)
    for entry in IndexBacklog.objects.all():
        if entry.action == IndexBacklog.Action.REFRESH:
            refresh.add((entry.model, int(entry.key)))
        else:
            remove.add(entry.key)
    return refresh, remove


def queue_backlog(refresh, remove, error):
    from archive.models import IndexBacklog

    entries = [
        IndexBacklog(action="refresh", model=label, key=str(pk), error=repr(error))
        for label, pk in refresh
    ]
    entries += [
        IndexBacklog(
            action="remove", model=identifier.rsplit(".", 1)[0], key=identifier, error=repr(error)
        )
        for identifier in remove
    ]
    IndexBacklog.objects.bulk_create(entries, ignore_conflicts=True)


def clear_backlog(refresh, remove):
    from archive.models import IndexBacklog

    for label, pk in refresh:
        IndexBacklog.objects.filter(action="refresh", model=label, key=str(pk)).delete()
    if remove:
        IndexBacklog.objects.filter(action="remove", key__in=list(remove)).delete()


def retry_backlog():
    """Write every queued change now; returns how many were written."""
    refresh, remove = with_backlog(set(), set())
    if refresh or remove:
        write_changes(refresh, remove)
        clear_backlog(refresh, remove)
    return len(refresh) + len(remove)


@contextmanager
def deferred_writes_reported():
    """True inside the block's result when an index write of this thread was deferred."""
    _state.deferred = False
    report = {"deferred": False}
    try:
        yield report
    finally:
        report["deferred"] = getattr(_state, "deferred", False)
        _state.deferred = False


class OnCommitSignalProcessor(BaseSignalProcessor):
    def models(self):
        from django.apps import apps

        return [apps.get_model(label) for label in sorted(watched_labels())]

    def setup(self):
        for model in self.models():
            signals.post_save.connect(self.handle_save, sender=model)
            signals.pre_delete.connect(self.handle_pre_delete, sender=model)
            signals.post_delete.connect(self.handle_delete, sender=model)
        signals.m2m_changed.connect(self.handle_m2m)

    def teardown(self):
        for model in self.models():
            signals.post_save.disconnect(self.handle_save, sender=model)
            signals.pre_delete.disconnect(self.handle_pre_delete, sender=model)
            signals.post_delete.disconnect(self.handle_delete, sender=model)
        signals.m2m_changed.disconnect(self.handle_m2m)

    # -- collecting --------------------------------------------------------
    def pending(self):
        """This transaction's queue, its flush registered once to run on commit.

        Django replaces its list of on-commit hooks at each commit or rollback, so a batch
        registered in the current list is this transaction's (checked in constant time: a
        scan of the list on every save would make a transaction of n saves cost n²).
        """
        batch = getattr(_state, "batch", None)
        hooks = connection.run_on_commit
        if batch is None or batch.flushed or batch.hooks is not hooks:
            batch = _state.batch = PendingChanges()
            transaction.on_commit(batch.flush)
            batch.hooks = connection.run_on_commit
        return batch

    def _queue(self, refresh=(), remove=()):
        if updates_suspended() or not (refresh or remove):
            return
        if not connection.in_atomic_block:
            batch = PendingChanges()
            batch.refresh.update(refresh)
            batch.remove.update(remove)
            batch.flush()
            return
        batch = self.pending()
        batch.refresh.update(refresh)
        batch.remove.update(remove)

    # -- signal handlers ------------------------------------------------------
    def handle_save(self, sender, instance, raw=False, **kwargs):
        if raw:  # loaddata: the loader rebuilds the index once at the end
            return
        self._queue(refresh=stale_documents(instance))

    def handle_pre_delete(self, sender, instance, **kwargs):
        # Related records (mentions, quotes) are still there to be found.
        instance._index_stale = stale_documents(instance)

    def handle_delete(self, sender, instance, **kwargs):
        label = instance._meta.label_lower
        refresh = getattr(instance, "_index_stale", set())
        refresh = {item for item in refresh if item != (label, instance.pk)}
        remove = {get_identifier(instance)} if label in search_indexes() else set()
        self._queue(refresh=refresh, remove=remove)

    def handle_m2m(self, sender, instance, action, reverse, model, pk_set, **kwargs):
        if not action.startswith("post_"):
            return
        indexes = search_indexes()
        label = instance._meta.label_lower
        if label not in watched_labels():
            return
        refresh = stale_documents(instance)
        other = model._meta.label_lower
        if pk_set and other in indexes:
            refresh.update((other, pk) for pk in pk_set)
        self._queue(refresh=refresh)


def write_changes(refresh, remove):
    """Write the committed state of these records to every search connection."""
    by_model = {}
    for label, pk in refresh:
        if pk is not None:
            by_model.setdefault(label, set()).add(pk)
    for alias in connections.connections_info:
        backend = connections[alias].get_backend()
        indexes = search_indexes(alias)
        gone = set(remove)
        for label, pks in by_model.items():
            index = indexes.get(label)
            if index is None:
                continue
            objects = list(index.index_queryset(using=alias).filter(pk__in=pks))
            found = {obj.pk for obj in objects}
            gone.update(f"{label}.{pk}" for pk in pks - found)
            backend.update(index, objects)
        if gone:
            backend.remove_many(sorted(gone))

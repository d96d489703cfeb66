"""Keep the search index in step with the database, after each commit.

haystack's RealtimeSignalProcessor indexes on save (before the transaction
commits, so a rolled-back edit can reach the index) and ignores
many-to-many changes and related records. This processor queues what changed
during a transaction, expands it to every indexed record whose text depends
on it (an alias changes the articles that mention its entity), and writes
the index once, on commit. Nothing is written for a rolled-back transaction.
"""

import logging
import threading
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, transaction
from django.db.models import signals
from haystack import connections
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor
from haystack.utils import get_identifier

log = logging.getLogger("archive.search")
_state = threading.local()

WATCHED = [
    "articles.Article", "articles.Paragraph", "articles.Quote", "articles.Mention",
    "people.Person", "people.Organization", "people.Place", "people.Alias", "people.Affiliation",
]


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


class PendingChanges:
    """What one transaction changed: (model label, pk) to refresh, identifiers to remove."""

    def __init__(self):
        self.refresh = set()
        self.remove = set()

    def __bool__(self):
        return bool(self.refresh or self.remove)


def dependents(label, pk, obj=None):
    """Indexed records whose documents include this record's text."""
    Article = apps.get_model("articles", "Article")
    Quote = apps.get_model("articles", "Quote")
    found = set()
    if label == "articles.article":
        found.add(("articles.article", pk))
        found.update(("articles.quote", q) for q in Quote.objects.filter(article_id=pk)
                     .values_list("pk", flat=True))
    elif label in ("articles.paragraph", "articles.mention"):
        if obj is not None:
            found.add(("articles.article", obj.article_id))
            if label == "articles.mention":
                found.add((f"people.{obj.entity.link_field}", obj.entity.pk))
    elif label == "articles.quote":
        found.add(("articles.quote", pk))
        if obj is not None:
            found.add(("articles.article", obj.article_id))
            if obj.speaker_id:
                found.add(("people.person", obj.speaker_id))
    elif label in ("people.person", "people.organization", "people.place"):
        found.add((label, pk))
        field = label.split(".")[1]
        article_ids = set(
            apps.get_model("articles", "Mention").objects.filter(**{f"{field}_id": pk})
            .values_list("article_id", flat=True)
        )
        if field == "person":
            article_ids.update(Article.objects.filter(authors=pk).values_list("pk", flat=True))
            article_ids.update(Article.objects.filter(editors=pk).values_list("pk", flat=True))
            found.update(("articles.quote", q) for q in
                         Quote.objects.filter(speaker_id=pk).values_list("pk", flat=True))
        elif field == "organization":
            article_ids.update(Article.objects.filter(outlet=pk).values_list("pk", flat=True))
        elif field == "place":
            found.update(("people.place", c) for c in apps.get_model("people", "Place")
                         .objects.filter(parent_id=pk).values_list("pk", flat=True))
        found.update(("articles.article", a) for a in article_ids)
    elif label == "people.alias" and obj is not None:
        entity = obj.entity
        if entity is not None:
            found.update(dependents(f"people.{entity.link_field}", entity.pk))
    elif label == "people.affiliation" and obj is not None:
        found.add(("people.person", obj.person_id))
        found.add(("people.organization", obj.organization_id))
    return found


class OnCommitSignalProcessor(BaseSignalProcessor):
    def setup(self):
        for label in WATCHED:
            model = apps.get_model(label)
            signals.post_save.connect(self.handle_save, sender=model)
            signals.pre_delete.connect(self.handle_pre_delete, sender=model)
            signals.post_delete.connect(self.handle_delete, sender=model)
        signals.m2m_changed.connect(self.handle_m2m)

    def teardown(self):
        for label in WATCHED:
            model = apps.get_model(label)
            signals.post_save.disconnect(self.handle_save, sender=model)
            signals.pre_delete.disconnect(self.handle_pre_delete, sender=model)
            signals.post_delete.disconnect(self.handle_delete, sender=model)
        signals.m2m_changed.disconnect(self.handle_m2m)

    # -- collecting --------------------------------------------------------
    def pending(self):
        """This transaction's queue, with its flush registered to run on commit."""
        batch = getattr(_state, "batch", None)
        registered = batch is not None and any(
            getattr(entry[1], "__self__", None) is batch for entry in connection.run_on_commit
        )
        if batch is None or not registered or not connection.in_atomic_block:
            batch = PendingChanges()
            _state.batch = batch
            flush = _Flush(self, batch)
            batch.flush = flush.__call__
            transaction.on_commit(batch.flush) if connection.in_atomic_block else None
        return batch

    def _queue(self, refresh=(), remove=()):
        if updates_suspended():
            return
        if not connection.in_atomic_block:
            batch = PendingChanges()
            batch.refresh.update(refresh)
            batch.remove.update(remove)
            _Flush(self, batch)()
            return
        batch = self.pending()
        batch.refresh.update(refresh)
        batch.remove.update(remove)

    def handle_save(self, sender, instance, raw=False, **kwargs):
        if raw:  # loaddata: the loader rebuilds the index once at the end
            return
        self._queue(refresh=dependents(instance._meta.label_lower, instance.pk, instance))

    def handle_pre_delete(self, sender, instance, **kwargs):
        # Related records (mentions, quotes) are still there to be found.
        instance._index_dependents = dependents(instance._meta.label_lower, instance.pk, instance)

    def handle_delete(self, sender, instance, **kwargs):
        label = instance._meta.label_lower
        refresh = getattr(instance, "_index_dependents", set())
        refresh = {item for item in refresh if item != (label, instance.pk)}
        remove = set()
        if label in INDEXED:
            remove.add(get_identifier(instance))
        self._queue(refresh=refresh, remove=remove)

    def handle_m2m(self, sender, instance, action, reverse, model, pk_set, **kwargs):
        if not action.startswith("post_"):
            return
        label = instance._meta.label_lower
        if label not in [w.lower() for w in WATCHED]:
            return
        refresh = dependents(label, instance.pk, instance)
        if pk_set and model._meta.label_lower in INDEXED:
            refresh.update((model._meta.label_lower, pk) for pk in pk_set)
        self._queue(refresh=refresh)


INDEXED = {"articles.article", "articles.quote", "people.person", "people.organization",
           "people.place"}


class _Flush:
    def __init__(self, processor, batch):
        self.processor = processor
        self.batch = batch
        batch.flush = self

    def __call__(self):
        write_changes(self.batch.refresh, self.batch.remove)
        self.batch.refresh, self.batch.remove = set(), set()


def write_changes(refresh, remove):
    """Write the committed state of these records to every search connection."""
    by_model = {}
    for label, pk in refresh:
        if label in INDEXED and pk is not None:
            by_model.setdefault(label, set()).add(pk)
    for alias in connections.connections_info:
        backend = connections[alias].get_backend()
        unified = connections[alias].get_unified_index()
        gone = set(remove)
        for label, pks in by_model.items():
            model = apps.get_model(label)
            try:
                index = unified.get_index(model)
            except NotHandled:
                continue
            objects = list(index.index_queryset(using=alias).filter(pk__in=pks))
            found = {obj.pk for obj in objects}
            gone.update(f"{label}.{pk}" for pk in pks - found)
            backend.update(index, objects)
        if gone:
            backend.remove_many(sorted(gone))

"""Read replicas (DATABASE_REPLICA_URL): public page reads and searches go to a replica,
everything else to the primary.

Reads go to a replica only inside `replica_reads()`, which ReplicaReadsMiddleware opens
for GET and HEAD requests outside the admin. Everything else reads the primary:
curators' admin pages (they must see what they just saved), form posts, management
commands, and the index updates written after a commit (they must index the committed
records, not a replica's view that may lag behind). Sessions and accounts are always
read on the primary, so a login is never lost to replication lag.
"""

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_replica_reads = ContextVar("replica_reads", default=False)
PRIMARY_APPS = {"sessions", "auth", "admin", "contenttypes", "axes"}
PRIMARY = "default"


@contextmanager
def replica_reads():
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = getattr(settings, "ARCHIVE_READ_REPLICAS", [])
        if not replicas or not _replica_reads.get() or model._meta.app_label in PRIMARY_APPS:
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and instance._state.db == PRIMARY:
            return PRIMARY  # related records of a record read on the primary
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the primary's data: every alias is the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path.startswith("/admin/"):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)

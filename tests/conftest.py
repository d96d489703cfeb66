"""Shared test fixtures.

Every test starts with an empty search index, on whichever engine the settings
select (`search_index`); `archive` gives the real fixtures; `archive_index`
also indexes them. How, per engine:
- Whoosh: an index directory per test under tmp_path (haystack reads its
  settings once, so the connection is pointed at the new directory and
  reloaded), copied from a once-per-session build for `archive_index`.
- PostgreSQL: the search tables live in the test database. The archive is
  indexed once at session setup, with the fixtures; a test that does not ask
  for `archive_index` empties the tables inside its own transaction, and every
  change rolls back with it.
Tests about one engine's machinery carry `@pytest.mark.engine("whoosh")` (or
"postgres") and are deselected, not skipped, on the other.
"""

import shutil

import pytest
from django.core.management import call_command
from haystack import connections

from archive.search.signals import index_updates_suspended


def point_index_at(path):
    connections.connections_info["default"]["PATH"] = str(path)
    connections.reload("default")
    backend = connections["default"].get_backend()
    backend.setup()
    return backend


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """admin_client logs a new superuser in for every test: PBKDF2 makes that 0.5 s each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def configured_engine():
    """The engine HAYSTACK_CONNECTIONS selects: "whoosh" or "postgres"."""
    from django.conf import settings

    engine = settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"]
    return "postgres" if engine.endswith("PostgresSearchEngine") else "whoosh"


def pytest_collection_modifyitems(config, items):
    engine = configured_engine()
    selected, deselected = [], []
    for item in items:
        marker = item.get_closest_marker("engine")
        (deselected if marker and engine not in marker.args else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(autouse=True)
def search_index(request):
    """An empty search index for this test, on the configured engine."""
    if configured_engine() == "postgres":
        return request.getfixturevalue("postgres_search_tables")
    return request.getfixturevalue("search_index_dir")


@pytest.fixture
def search_index_dir(tmp_path, settings):
    path = tmp_path / "whoosh_index"
    original = connections.connections_info["default"]["PATH"]
    settings.SEARCH_INDEX_PATH = path
    point_index_at(path)
    yield path
    connections["default"].get_backend().reset_searcher()
    connections.connections_info["default"]["PATH"] = original
    connections.reload("default")


def load_archive_fixtures():
    with index_updates_suspended():
        call_command("loaddata", "archive", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real archive once (and on PostgreSQL index it in the search tables);
    each test's transaction rolls back what it changes."""
    with django_db_blocker.unblock():
        load_archive_fixtures()
        if configured_engine() == "postgres":
            postgres_index_archive()


@pytest.fixture
def archive(db):
    """The real archive (five articles and everything in them), in this test's transaction."""
    from articles.models import Article

    if not Article.objects.exists():  # a transactional test before this one flushed it
        load_archive_fixtures()
    return Article.objects.all()


@pytest.fixture
def empty_archive(db):
    """No archive records and an empty index, for tests that build their own world (rolled
    back after). The index is cleared at once rather than through on-commit updates, which
    would wait for a commit the test's transaction never makes."""
    from archive.backup import delete_archive_records

    with index_updates_suspended():
        delete_archive_records()
    connections["default"].get_backend().clear()


@pytest.fixture(scope="session")
def indexed_archive_template(tmp_path_factory, django_db_setup, django_db_blocker):
    """The real archive indexed once per session; tests copy it."""
    path = tmp_path_factory.mktemp("index-template") / "whoosh_index"
    original = connections.connections_info["default"]["PATH"]
    with django_db_blocker.unblock():
        from django.db import transaction

        from articles.models import Article

        with transaction.atomic():
            loaded_here = not Article.objects.exists()
            if loaded_here:
                load_archive_fixtures()
            point_index_at(path)
            call_command("update_index", verbosity=0)
            connections["default"].get_backend().reset_searcher()
            fingerprint = indexed_records()
            transaction.set_rollback(loaded_here)
    connections.connections_info["default"]["PATH"] = original
    connections.reload("default")
    return path, fingerprint


def indexed_records():
    """Which records (by primary key) an index of the archive holds."""
    from articles.models import Article, Quote
    from people.models import Organization, Person, Place

    return tuple(
        tuple(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Article, Quote, Person, Organization, Place)
    )


@pytest.fixture
def archive_index(request, archive):
    """The real archive, with a search index of its own for this test."""
    if configured_engine() == "postgres":
        return request.getfixturevalue("postgres_archive_index")
    return request.getfixturevalue("whoosh_archive_index")


@pytest.fixture
def whoosh_archive_index(archive, indexed_archive_template, search_index_dir):
    template, fingerprint = indexed_archive_template
    connections["default"].get_backend().reset_searcher()
    shutil.rmtree(search_index_dir, ignore_errors=True)
    if indexed_records() == fingerprint:
        shutil.copytree(template, search_index_dir)
        point_index_at(search_index_dir)
    else:  # a transactional test reloaded the archive under new primary keys
        point_index_at(search_index_dir)
        call_command("update_index", verbosity=0)
    return search_index_dir


# -- PostgreSQL: the search tables in the test database ---------------------------------

DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "archive",
    "empty_archive",
    "admin_client",
    "admin_user",
    "django_user_model",
}
_postgres_indexed = {}


def postgres_rebuild():
    from haystack import connections as search_connections

    unified = search_connections["default"].get_unified_index()
    backend = search_connections["default"].get_backend()
    backend.rebuild([unified.get_index(model) for model in unified.get_indexed_models()])
    return backend


def postgres_index_archive():
    """Index the archive as the session loaded it; remembered to tell when a test changed it."""
    backend = postgres_rebuild()
    _postgres_indexed.update(records=indexed_records(), generation=backend.generation())


@pytest.fixture
def postgres_search_tables(request):
    """Empty search tables for a database test (inside its transaction)."""
    from haystack import connections as search_connections

    uses_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    if not uses_db or "archive_index" in request.fixturenames:
        return None
    request.getfixturevalue("db")
    backend = search_connections["default"].get_backend()
    backend.clear()
    return backend


@pytest.fixture
def postgres_archive_index(archive):
    """The archive's documents: the session's, unless a committed (transactional) test
    changed the records or the index, then indexed again in this test's transaction."""
    from haystack import connections as search_connections

    backend = search_connections["default"].get_backend()
    if indexed_records() != _postgres_indexed.get(
        "records"
    ) or backend.generation() != _postgres_indexed.get("generation"):
        postgres_rebuild()
    return backend

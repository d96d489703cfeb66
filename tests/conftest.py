"""Shared test fixtures.

Every test gets its own empty search index under tmp_path (haystack reads its
settings once, so the connection is pointed at the new directory and
reloaded). `archive` gives the real fixtures; `archive_index` also indexes
them, copying a once-per-session build so each test still owns its index.
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


@pytest.fixture(autouse=True)
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
    """Load the real archive once; each test's transaction rolls back what it changes."""
    with django_db_blocker.unblock():
        load_archive_fixtures()


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

    return tuple(tuple(model.objects.order_by("pk").values_list("pk", flat=True))
                 for model in (Article, Quote, Person, Organization, Place))


@pytest.fixture
def archive_index(archive, indexed_archive_template, search_index_dir):
    """The real archive, with a search index of its own for this test."""
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

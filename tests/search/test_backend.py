"""The Whoosh backend: schema, serialized writes across processes, and safe clearing."""

import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from django.conf import settings
from haystack import connections
from whoosh.fields import ID, KEYWORD, TEXT
from whoosh.query import Every, Term

pytestmark = [pytest.mark.django_db, pytest.mark.engine("whoosh")]

WRITER = textwrap.dedent("""
    import os, sys
    import django
    django.setup()
    from haystack import connections
    backend = connections["default"].get_backend()
    name, count = sys.argv[1], int(sys.argv[2])
    for n in range(count):
        doc_id = f"people.person.{name}{n}"
        backend.write_documents([{
            "id": doc_id, "django_ct": "people.person", "django_id": f"{n}",
            "text": f"concurrent {name} number{n}", "title": name, "type": "person",
            "people": "_none", "places": "_none", "organizations": "_none",
        }])
        if n % 3 == 0:
            backend.remove_many([doc_id])  # deletes wait for the lock too
    print("done", name)
""")


def run_writers(index_path, names, count):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "DJANGO_DEBUG": "1",
        "ARCHIVE_SEARCH_PATH": str(index_path),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, str(count)],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    return [(p, *p.communicate(timeout=300)) for p in processes]


def test_facet_fields_are_exact_and_text_fields_use_the_archive_analyzer():
    schema = connections["default"].get_backend().schema
    assert isinstance(schema["type"], ID) and isinstance(schema["outlet"], ID)
    assert isinstance(schema["people"], KEYWORD)
    assert isinstance(schema["text"], TEXT)
    tokens = [t.text for t in schema["text"].analyzer("Russians’ Вучић", mode="index")]
    assert tokens == ["russians", "~russian", "vucic"]


def test_concurrent_processes_lose_no_write_and_never_fail(search_index_dir):
    names, count = ["alpha", "bravo", "charlie", "delta"], 30
    results = run_writers(search_index_dir, names, count)
    for process, _out, err in results:
        assert process.returncode == 0, err
        assert "LockError" not in err
    backend = connections["default"].get_backend()
    backend.reset_searcher()
    searcher = backend.searcher()
    for name in names:
        for n in range(count):
            present = searcher.document(id=f"people.person.{name}{n}") is not None
            assert present == (n % 3 != 0), f"{name}{n}"


def test_a_generation_deleted_while_it_is_opened_is_opened_again(search_index_dir, monkeypatch):
    """Another process's commit removes the table of contents a process was about to read
    (the concurrent-writers test above met it now and then): the write still succeeds."""
    backend = connections["default"].get_backend()
    backend.write_documents(
        [{"id": "people.person.1", "django_ct": "people.person", "django_id": "1", "text": "a"}]
    )
    storage_class = type(backend.storage)
    open_index = storage_class.open_index
    missed = []

    def open_after_a_commit_elsewhere(self, *args, **kwargs):
        if not missed:
            missed.append(True)
            raise FileNotFoundError("_MAIN_5.toc")
        return open_index(self, *args, **kwargs)

    monkeypatch.setattr(storage_class, "open_index", open_after_a_commit_elsewhere)
    backend.setup_complete = False
    backend.reset_searcher()
    backend.write_documents(
        [{"id": "people.person.2", "django_ct": "people.person", "django_id": "2", "text": "b"}]
    )
    assert missed == [True]
    searcher = backend.searcher()
    assert searcher.document(id="people.person.2") is not None


def test_a_delete_waits_for_a_running_writer_instead_of_failing(search_index_dir):
    backend = connections["default"].get_backend()
    backend.write_documents(
        [
            {
                "id": "people.person.1",
                "django_ct": "people.person",
                "django_id": "1",
                "text": "doomed record",
            }
        ]
    )
    other_writer = backend.index.refresh().writer()  # another curator's write in progress

    def finish_later():
        time.sleep(0.5)
        other_writer.commit()

    thread = threading.Thread(target=finish_later)
    thread.start()
    backend.remove_many(["people.person.1"])  # haystack's own remove would raise LockError here
    thread.join()
    backend.reset_searcher()
    assert backend.searcher().document(id="people.person.1") is None


def test_clearing_keeps_the_directory_and_running_searches_answer(search_index_dir):
    backend = connections["default"].get_backend()
    backend.write_documents(
        [
            {
                "id": f"people.person.{n}",
                "django_ct": "people.person",
                "django_id": str(n),
                "text": "kept while rebuilding",
            }
            for n in range(5)
        ]
    )
    backend.reset_searcher()
    before = backend.searcher()
    assert before.search(Every()).scored_length() == 5
    backend.clear()
    assert search_index_dir.is_dir()
    assert len(before.search(Term("text", "rebuilding"), limit=None)) == 5
    assert backend.searcher().doc_count() == 0


def test_rebuild_index_leaves_search_answering_with_complete_results(archive_index):
    from django.core.management import call_command

    from archive.search.core import search

    expected = search("Nikitin").count
    counts, errors, done = [], [], threading.Event()

    def keep_searching():
        from haystack import connections as thread_connections

        thread_connections.connections_info["default"]["PATH"] = str(archive_index)
        while not done.is_set():
            try:
                counts.append(search("Nikitin").count)
            except Exception as error:  # any failure is the test's finding
                errors.append(error)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        call_command("rebuild_index", verbosity=0)
    finally:
        done.set()
        searcher.join()
    assert not errors
    assert counts and set(counts) == {expected}

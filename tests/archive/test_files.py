"""The data folder and the SQLite database are private to the service's user."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from archive.files import private_directory, private_file, write_private

ROOT = Path(__file__).resolve().parents[2]


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def start_archive(data_dir):
    """What every process of the archive does first: load the settings, open the database."""
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data_dir),
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }
    env.pop("DATABASE_URL", None)
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('create table t (x int)')"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        preexec_fn=lambda: os.umask(0o022),
    )


def test_a_new_archive_creates_its_data_folder_and_database_private(tmp_path):
    data = tmp_path / "data"
    start_archive(data)
    assert mode(data) == 0o700
    assert mode(data / "archive.sqlite3") == 0o600
    assert (data / "archive.sqlite3").stat().st_size > 0  # a working database


def test_an_older_archive_left_readable_is_tightened_at_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    database = data / "archive.sqlite3"
    database.touch(mode=0o644)
    os.chmod(data, 0o755)
    os.chmod(database, 0o644)
    start_archive(data)
    assert mode(data) == 0o700
    assert mode(database) == 0o600


def test_the_helpers_never_widen_and_write_private_from_the_start(tmp_path):
    previous = os.umask(0)
    try:
        private_directory(tmp_path / "a" / "b")
        assert mode(tmp_path / "a" / "b") == 0o700
        narrow = tmp_path / "narrow"
        narrow.touch(mode=0o400)
        private_file(narrow)
        assert mode(narrow) == 0o400
        written = tmp_path / "secret.txt"
        write_private(written, "s3cret\n")
        assert mode(written) == 0o600 and written.read_text() == "s3cret\n"
    finally:
        os.umask(previous)

"""ensure_admin: a first admin login, its password file private from the start."""

import os
import pathlib
import stat

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings, monkeypatch):
    settings.DATA_DIR = tmp_path / "data"
    monkeypatch.delenv("ARCHIVE_ADMIN_PASSWORD", raising=False)
    return settings.DATA_DIR


@pytest.fixture
def open_umask():
    """Nothing masked: a file is only private if it was asked for so when it was made."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def run():
    from io import StringIO

    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_a_generated_password_is_printed_and_saved_in_a_file_private_from_the_start(
    data_dir, open_umask, monkeypatch
):
    def no_chmod(*args, **kwargs):
        raise AssertionError("chmod after creation: the file was readable in between")

    monkeypatch.setattr(os, "chmod", no_chmod)
    monkeypatch.setattr(pathlib.Path, "chmod", no_chmod)

    output = run()

    password_file = data_dir / "admin-password.txt"
    username, password = password_file.read_text().split()
    assert username == "admin"
    assert f"password “{password}”" in output
    assert mode(password_file) == 0o600
    assert mode(data_dir) == 0o700
    assert User.objects.get(username="admin").check_password(password)


def test_an_old_password_file_is_replaced_not_reused_with_its_mode(data_dir, open_umask):
    data_dir.mkdir(mode=0o755)
    old = data_dir / "admin-password.txt"
    old.write_text("someone\nold\n")
    old.chmod(0o644)
    run()
    assert mode(old) == 0o600 and "old" not in old.read_text()
    assert mode(data_dir) == 0o700


def test_a_chosen_password_is_never_printed_nor_saved(data_dir, monkeypatch):
    monkeypatch.setenv("ARCHIVE_ADMIN_PASSWORD", "correct horse battery staple 7")
    output = run()
    assert "correct horse" not in output
    assert "with the password from ARCHIVE_ADMIN_PASSWORD" in output
    assert not (data_dir / "admin-password.txt").exists()
    assert User.objects.get(username="admin").check_password("correct horse battery staple 7")


@pytest.mark.parametrize(
    "weak, reason",
    [
        ("admin", "This password is too short"),
        ("password1234", "This password is too common"),
        ("20250101998877", "This password is entirely numeric"),
    ],
)
def test_a_weak_chosen_password_is_refused_with_the_validators_reasons(
    data_dir, monkeypatch, weak, reason
):
    monkeypatch.setenv("ARCHIVE_ADMIN_PASSWORD", weak)
    with pytest.raises(CommandError) as refused:
        run()
    assert str(refused.value).startswith("ARCHIVE_ADMIN_PASSWORD is refused: ")
    assert reason in str(refused.value)
    assert refused.value.returncode == 1  # manage.py exits non-zero
    assert not User.objects.filter(is_superuser=True).exists()


def test_nothing_changes_once_an_admin_exists(data_dir, monkeypatch):
    User.objects.create_superuser("curator", "", "a-right-Password-42")
    monkeypatch.setenv("ARCHIVE_ADMIN_PASSWORD", "admin")
    assert run().startswith("Admin login exists")
    assert User.objects.count() == 1

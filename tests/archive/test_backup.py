import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.backup import ARCHIVE_MODELS, CURATOR_MODELS, delete_archive_records, serialize_records
from articles.models import Mention, Status
from people.models import Person

pytestmark = pytest.mark.django_db


def test_backup_and_restore_round_trip_the_whole_archive(
    archive, tmp_path, django_user_model, capsys
):
    # Curators' work that a backup must keep: an edit, a new alias, a rejected mention, a login.
    nikitin = Person.objects.get(slug="pyotr-nikitin")
    nikitin.description += " Edited by a curator."
    nikitin.save()
    nikitin.aliases.create(name="P. Nikitin")
    mention = Mention.objects.filter(status=Status.SUGGESTED).first()
    mention.status = Status.REJECTED
    mention.save()
    rejected_key = mention.natural_key()
    django_user_model.objects.create_user("curator", password="s3cret-pass-phrase")
    before = serialize_records(ARCHIVE_MODELS + CURATOR_MODELS)

    backup = tmp_path / "backup.json"
    call_command("backup_archive", str(backup))
    assert "Backup written" in capsys.readouterr().out
    assert backup.stat().st_mode & 0o777 == 0o600  # password hashes inside: this user's only

    delete_archive_records()
    django_user_model.objects.all().delete()
    call_command("restore_archive", str(backup))
    assert serialize_records(ARCHIVE_MODELS + CURATOR_MODELS) == before
    assert django_user_model.objects.get(username="curator").check_password("s3cret-pass-phrase")
    assert Mention.objects.get_by_natural_key(*rejected_key).status == Status.REJECTED
    from archive.search.core import search

    assert any(h.title == "Pyotr Nikitin" for h in search('"P. Nikitin"').hits)


def test_restore_refuses_a_database_that_is_not_empty(archive, tmp_path):
    backup = tmp_path / "backup.json"
    call_command("backup_archive", str(backup))
    with pytest.raises(CommandError, match="restore into an empty database"):
        call_command("restore_archive", str(backup))


def test_backup_does_not_overwrite_without_force(archive, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text("precious")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_archive", str(backup))
    assert backup.read_text() == "precious"


@pytest.mark.django_db
def test_the_time_a_record_entered_the_archive_is_kept_to_the_millisecond_a_backup_keeps():
    import datetime

    from tests.factories import ArticleFactory

    entered = datetime.datetime(2026, 11, 29, 15, 17, 34, 400, tzinfo=datetime.UTC)
    article = ArticleFactory(created=entered)
    article.refresh_from_db()
    assert article.created == entered.replace(microsecond=0)

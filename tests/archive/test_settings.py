import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x7!k2-production-like-secret-key-with-enough-entropy-9q#p4z",
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    "DJANGO_SETTINGS_MODULE": "archive.settings",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_without_a_secret_key_production_refuses_to_start():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def search_engine_setting(**env):
    env.setdefault("DATABASE_URL", "sqlite:///" + str(settings.DATA_DIR / "settings-test.sqlite3"))
    env.setdefault("ARCHIVE_SEARCH_URL", "")
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.HAYSTACK_CONNECTIONS['default']['ENGINE'])",
        **PRODUCTION_ENV,
        **env,
    )
    return result.stdout.strip() or result.stderr


def test_a_postgresql_database_gets_the_postgresql_search_engine_unless_told_otherwise():
    # Which engine actually answers is what the whole suite exercises (CI runs it on both).
    database = "postgres://archive@db.internal:5432/archive"
    assert search_engine_setting(DATABASE_URL=database).endswith("PostgresSearchEngine")
    assert search_engine_setting(DATABASE_URL=database, ARCHIVE_SEARCH_URL="postgresql:").endswith(
        "PostgresSearchEngine"
    )
    assert search_engine_setting(
        DATABASE_URL=database, ARCHIVE_SEARCH_URL="whoosh:///srv/idx"
    ).endswith("ArchiveWhooshEngine")
    assert search_engine_setting().endswith("ArchiveWhooshEngine")


def test_a_search_setting_that_cannot_work_stops_the_start_with_a_reason():
    sqlite = "sqlite:///" + str(settings.DATA_DIR / "settings-test.sqlite3")
    for url, reason in [
        ("postgresql:", "must be a PostgreSQL database"),
        ("elasticsearch7://search.internal:9200/archive", "unsupported scheme 'elasticsearch7'"),
    ]:
        result = manage("check", DATABASE_URL=sqlite, ARCHIVE_SEARCH_URL=url, **PRODUCTION_ENV)
        assert result.returncode != 0 and reason in result.stderr

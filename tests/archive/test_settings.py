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
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR,
                          env={**clean, **env}, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deployment_checks_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_without_a_secret_key_production_refuses_to_start():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_the_search_backend_is_chosen_by_environment():
    result = manage("shell", "-c", "from django.conf import settings; "
                    "print(settings.HAYSTACK_CONNECTIONS['default'])",
                    ARCHIVE_SEARCH_URL="elasticsearch7://search.internal:9200/archive",
                    **PRODUCTION_ENV)
    assert "Elasticsearch7SearchEngine" in result.stdout
    assert "http://search.internal:9200/" in result.stdout

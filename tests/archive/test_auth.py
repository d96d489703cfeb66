"""Failed admin logins are throttled per user name and address (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client, RequestFactory

from archive.auth import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "a-right-Password-42"
LOGIN = "/admin/login/?next=/admin/"


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def curator():
    return User.objects.create_superuser("curator", "", PASSWORD)


def test_fifty_wrong_passwords_lock_the_login_out_with_a_clear_page(client, curator):
    answers = [log_in(client, "curator", f"guess-{i}") for i in range(50)]

    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    assert [r.status_code for r in answers[: limit - 1]] == [200] * (limit - 1)
    assert "Please enter the correct username and password" in answers[0].content.decode()
    assert {r.status_code for r in answers[limit:]} == {429}
    page = answers[-1].content.decode()
    assert "Too many failed logins" in page
    assert "5 failed logins as “curator” from your address" in page
    assert "0:15:00" in page

    # While locked out, the right password is refused too: guessing teaches nothing.
    right = log_in(client, "curator", PASSWORD)
    assert right.status_code == 429 and "Too many failed logins" in right.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_the_lockout_is_per_user_name_and_address(client, curator):
    User.objects.create_superuser("other", "", PASSWORD)
    for i in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "curator", f"guess-{i}")
    assert log_in(client, "curator", PASSWORD).status_code == 429
    assert logged_in(log_in(Client(), "other", PASSWORD))
    assert logged_in(log_in(Client(), "curator", PASSWORD, REMOTE_ADDR="192.0.2.7"))


def test_after_the_cool_off_the_right_password_works_again(client, curator):
    for i in range(settings.AXES_FAILURE_LIMIT + 3):
        log_in(client, "curator", f"guess-{i}")
    assert log_in(client, "curator", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert logged_in(log_in(client, "curator", PASSWORD))


def test_a_success_before_the_limit_forgets_the_failures(client, curator):
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "curator", f"guess-{i}")
    assert logged_in(log_in(client, "curator", PASSWORD))
    client.logout()
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "curator", f"again-{i}")
    assert logged_in(log_in(client, "curator", PASSWORD))


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4"
    )
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "127.0.0.1"  # not behind a proxy: the header is anyone's
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "198.51.100.4"


def test_the_test_clients_login_still_works(client, curator):
    assert client.login(username="curator", password=PASSWORD)
    assert not client.login(username="curator", password="wrong")

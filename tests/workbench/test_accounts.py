"""Researcher accounts: created or approved by a curator, no admin, throttled sign-in."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Quote
from workbench.models import ResearcherProfile

pytestmark = pytest.mark.django_db


def test_sign_up_is_closed_unless_the_operator_opens_it(anonymous, settings):
    settings.ARCHIVE_RESEARCHER_SIGNUP = False
    assert anonymous.get(reverse("workbench:signup")).status_code == 404
    assert "ask for one" not in anonymous.get(reverse("login")).content.decode()


def test_a_self_signed_up_researcher_waits_for_approval(
    anonymous, settings, django_user_model, alice_collection
):
    settings.ARCHIVE_RESEARCHER_SIGNUP = True
    assert "ask for one" in anonymous.get(reverse("login")).content.decode()
    response = anonymous.post(
        reverse("workbench:signup"),
        {
            "username": "carol",
            "email": "carol@example.org",
            "password1": "a long pass phrase 42",
            "password2": "a long pass phrase 42",
        },
    )
    assert response.status_code == 200 and "A curator will approve" in response.content.decode()
    carol = django_user_model.objects.get(username="carol")
    assert not carol.is_staff and not carol.researcher.approved
    client = Client()
    client.force_login(carol)
    pending = client.get(reverse("workbench:collections"))
    assert pending.status_code == 403 and "not an approved researcher" in pending.content.decode()
    assert client.get(alice_collection.get_absolute_url()).status_code == 403
    ResearcherProfile.objects.filter(user=carol).update(approved=True)
    assert client.get(reverse("workbench:collections")).status_code == 200


def test_a_bad_sign_up_is_a_400_with_the_reason(anonymous, settings):
    settings.ARCHIVE_RESEARCHER_SIGNUP = True
    response = anonymous.post(
        reverse("workbench:signup"),
        {"username": "dan", "email": "not-an-email", "password1": "x", "password2": "y"},
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_researchers_have_no_admin_and_cannot_change_archive_records(alice_client, archive):
    assert alice_client.get("/admin/").status_code == 302
    quote = Quote.objects.first()
    url = f"/admin/articles/quote/{quote.pk}/change/"
    assert alice_client.post(url, {"text": "changed"}).status_code == 302
    quote.refresh_from_db()
    assert quote.text != "changed"


def test_sign_in_and_out_with_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    refused = client.post(reverse("login"), {"username": "alice", "password": "pw-long-enough"})
    assert refused.status_code == 403
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": "pw-long-enough", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and response["Location"] == reverse("workbench:collections")
    home = client.get("/").content.decode()
    assert "My collections" in home and "Sign out" in home
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', home).group(1)
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get(reverse("workbench:collections")).status_code == 302


def test_repeated_failed_sign_ins_are_locked_out(alice, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
        assert response.status_code == 200
        assert "did not match" in response.content.decode()
    locked = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert locked.status_code == 429
    # Even the right password is refused while locked out.
    again = client.post(reverse("login"), {"username": "alice", "password": "pw-long-enough"})
    assert again.status_code == 429 and "paused" in again.content.decode()


def test_a_curator_creates_an_approved_researcher_in_the_admin(admin_client, django_user_model):
    response = admin_client.post(
        reverse("admin:workbench_researcherprofile_add"),
        {
            "username": "erin",
            "email": "erin@example.org",
            "password": "a long pass phrase 42",
            "approved": "on",
        },
    )
    assert response.status_code == 302
    erin = django_user_model.objects.get(username="erin")
    assert (
        erin.researcher.approved
        and not erin.is_staff
        and erin.check_password("a long pass phrase 42")
    )


def test_a_curator_approves_pending_researchers(admin_client, django_user_model):
    user = django_user_model.objects.create_user("frank", password="x")
    profile = ResearcherProfile.objects.create(user=user)
    admin_client.post(
        reverse("admin:workbench_researcherprofile_changelist"),
        {"action": "approve", "_selected_action": [profile.pk]},
    )
    profile.refresh_from_db()
    assert profile.approved

"""Declined and respelled names: proposed on the review screen, confirmed or dismissed there."""

import pytest
from django.urls import reverse

from articles.models import Article, DismissedAlias
from people.models import Alias, Person, Place
from tests.helpers import form_data, messages_of

pytestmark = pytest.mark.django_db

SERBIAN = """Početna | Vesti
Šahovski klub otvoren na Dorćolu
Autor: Milica Janković
22. april 2024.
Novi šahovski klub počeo je da radi prošle nedelje, u podrumu stare zgrade.
Klub vodi programer koji je iz Moskve stigao u Beogradu pre dve godine. Prijatelji Nikitina kažu da se turnir igra svake subote.
„Šah je jezik koji svi razumeju“, rekao je Nikitin posle prve partije.
Izvor: Gradski list
"""


@pytest.fixture
def known():
    nikitin = Person.objects.create(name="Pyotr Nikitin", slug="pyotr-nikitin")
    nikitin.aliases.create(name="Nikitin")
    belgrade = Place.objects.create(name="Belgrade", slug="belgrade", kind=Place.Kind.CITY)
    belgrade.aliases.create(name="Beograd")
    belgrade.aliases.create(name="Београд")
    return nikitin, belgrade


def review_url(name, article):
    return reverse(f"review:{name}", args=[article.slug])


def imported(client):
    client.post(reverse("review:import"), {"text": SERBIAN, "name": "sah.txt"}, follow=True)
    return Article.objects.get()


def test_the_review_screen_shows_language_evidence_and_proposed_aliases(admin_client, known):
    article = imported(admin_client)
    page = admin_client.get(review_url("article", article)).content.decode()

    assert "<td>language</td><td>sr</td>" in page
    assert "<td>byline</td><td>Milica Janković</td><td><q>Autor: Milica Janković</q></td>" in page
    assert "<td>date</td><td>2024-04-22</td><td><q>22. april 2024.</q></td>" in page
    assert "<td>outlet</td><td>Gradski list</td><td><q>Izvor: Gradski list</q></td>" in page
    assert "<td>Nikitina</td>" in page and "Pyotr Nikitin</a> (person)" in page
    assert "<td>Beogradu</td>" in page and "Belgrade</a> (place)" in page


def confirm_form(client, article, name):
    page = client.get(review_url("article", article))
    for n in range(1, 10):
        data = form_data(page, f"confirm-alias-{n}")
        if data["name"] == [name]:
            return data
    raise AssertionError(f"no proposal for {name}")


def test_confirm_makes_the_alias_links_the_name_and_a_second_click_does_nothing(
    admin_client, known
):
    nikitin, belgrade = known
    article = imported(admin_client)
    data = confirm_form(admin_client, article, "Beogradu")

    response = admin_client.post(review_url("confirm-alias", article), data, follow=True)

    assert response.status_code == 200
    assert Alias.objects.filter(name="Beogradu", place=belgrade, article=None).count() == 1
    assert article.mentions.filter(text="Beogradu", place=belgrade).exists()
    assert (
        "“Beogradu” is now another name of Belgrade: 1 mention(s) in this article to "
        "review." in messages_of(response)
    )
    assert "<td>Beogradu</td>" not in response.content.decode()  # no longer proposed

    again = admin_client.post(review_url("confirm-alias", article), data, follow=True)

    assert again.status_code == 200
    assert "“Beogradu” is already a name of Belgrade; nothing changed." in messages_of(again)
    assert Alias.objects.filter(name="Beogradu").count() == 1
    assert Person.objects.count() == 1  # never a new person


def test_dismiss_stops_proposing_it_for_this_article(admin_client, known):
    article = imported(admin_client)
    data = confirm_form(admin_client, article, "Nikitina")

    response = admin_client.post(review_url("dismiss-alias", article), data, follow=True)

    assert response.status_code == 200
    assert "“Nikitina” is not proposed as a name of Pyotr Nikitin again here." in messages_of(
        response
    )
    assert "<td>Nikitina</td>" not in response.content.decode()
    assert not Alias.objects.filter(name="Nikitina").exists()
    again = admin_client.post(review_url("dismiss-alias", article), data, follow=True)
    assert "“Nikitina” was already dismissed; nothing changed." in messages_of(again)
    assert DismissedAlias.objects.count() == 1


@pytest.mark.parametrize(
    "data, said",
    [
        (
            {"name": "Nikitina", "entity": "person:nobody-here"},
            "Nothing changed: entity: There is no person “nobody-here” in the archive.",
        ),
        (
            {"name": "Nikitina", "entity": "planet:mars"},
            "Nothing changed: entity: No person or organization or place is called “planet:mars”: "
            "pick one from the list.",
        ),
        (
            {"name": "", "entity": "person:pyotr-nikitin"},
            "Nothing changed: name: This field is required.",
        ),
        (
            {"name": "Kazarjan", "entity": "person:pyotr-nikitin"},
            "Nothing changed: “Kazarjan” is not proposed as a name of Pyotr Nikitin in this article.",
        ),
    ],
)
def test_bad_proposals_get_a_clear_message_and_change_nothing(admin_client, known, data, said):
    article = imported(admin_client)

    response = admin_client.post(review_url("confirm-alias", article), data, follow=True)

    assert response.status_code == 200
    assert said in messages_of(response)
    assert Alias.objects.count() == 3  # the fixture's only


def test_an_unknown_article_is_a_404_not_a_500(admin_client, known):
    response = admin_client.post(
        reverse("review:confirm-alias", args=["no-such-article"]),
        {"name": "Nikitina", "entity": "person:pyotr-nikitin"},
    )
    assert response.status_code == 404


def test_a_get_is_refused(admin_client, known):
    article = imported(admin_client)
    assert admin_client.get(review_url("confirm-alias", article)).status_code == 405

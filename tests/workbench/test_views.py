"""Collections in the browser: saving, notes, order, privacy between researchers."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from workbench.models import Collection, Item, add_to

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


def save(client, target, **extra):
    return client.post(
        reverse("workbench:save"), {"kind": target._meta.model_name, "pk": target.pk, **extra}
    )


def test_first_save_creates_a_collection_and_later_saves_go_to_the_latest(
    alice, alice_client, unsigned_quote, speaker_quote
):
    response = save(alice_client, unsigned_quote, next=unsigned_quote.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == unsigned_quote.get_absolute_url()
    collection = Collection.objects.get(owner=alice)
    assert collection.name == "My collection"
    Collection.objects.create(owner=alice, name="Newer")
    save(alice_client, speaker_quote)
    newer = Collection.objects.get(owner=alice, name="Newer")
    assert [i.quote for i in newer.items.all()] == [speaker_quote]
    assert [i.quote for i in collection.items.all()] == [unsigned_quote]


def test_save_into_a_chosen_collection_and_the_open_redirect_is_refused(
    alice, alice_client, alice_collection, unsigned_quote
):
    other = Collection.objects.create(owner=alice, name="Other")
    response = save(
        alice_client, unsigned_quote, collection=alice_collection.pk, next="https://evil.example/"
    )
    assert not response["Location"].startswith("https://evil.example")
    assert alice_collection.items.count() == 1 and other.items.count() == 0


def test_saving_into_another_researchers_collection_is_a_404(
    bob_client, alice_collection, unsigned_quote
):
    response = save(bob_client, unsigned_quote, collection=alice_collection.pk)
    assert response.status_code == 404
    assert not Item.objects.exists()


def test_bad_save_requests_are_4xx_and_write_nothing(alice_client, unsigned_quote):
    assert (
        alice_client.post(reverse("workbench:save"), {"kind": "user", "pk": 1}).status_code == 400
    )
    assert (
        alice_client.post(reverse("workbench:save"), {"kind": "quote", "pk": "x"}).status_code
        == 400
    )
    assert (
        alice_client.post(reverse("workbench:save"), {"kind": "quote", "pk": 999999}).status_code
        == 404
    )
    assert alice_client.get(reverse("workbench:save")).status_code == 405
    assert not Item.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_and_see_sign_in_to_save(
    anonymous, unsigned_quote, alice_collection
):
    response = save(anonymous, unsigned_quote)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    page = anonymous.get(unsigned_quote.get_absolute_url())
    assert "Sign in to save" in page.content.decode()
    assert 'action="/workbench/save/"' not in page.content.decode()
    assert anonymous.get(alice_collection.get_absolute_url()).status_code == 302
    assert not Item.objects.exists()


def test_reading_pages_carry_the_save_form_with_a_csrf_token(
    alice_client, alice_collection, unsigned_quote
):
    for url in (unsigned_quote.get_absolute_url(), unsigned_quote.article.get_absolute_url()):
        html = alice_client.get(url).content.decode()
        form = re.search(r'<form class="save-form".*?</form>', html, re.S).group(0)
        assert 'name="csrfmiddlewaretoken"' in form
        assert f'<option value="{alice_collection.pk}">Paper on queues</option>' in form


def test_save_without_a_csrf_token_is_refused(alice, unsigned_quote):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert save(client, unsigned_quote).status_code == 403
    assert not Item.objects.exists()


def test_another_researcher_gets_404_for_every_collection_and_item_url(
    alice_collection, bob_client, anonymous, unsigned_quote
):
    item = add_to(alice_collection, unsigned_quote, BASE, note="mine")
    pk = alice_collection.pk
    gets = [
        reverse("workbench:collection", args=[pk]),
        reverse("workbench:export", args=[pk, "bibtex"]),
        reverse("workbench:export", args=[pk, "csv"]),
    ]
    posts = [
        reverse("workbench:rename", args=[pk]),
        reverse("workbench:delete", args=[pk]),
        reverse("workbench:share", args=[pk]),
        reverse("workbench:item_note", args=[item.pk]),
        reverse("workbench:item_move", args=[item.pk]),
        reverse("workbench:item_delete", args=[item.pk]),
    ]
    for url in gets:
        assert bob_client.get(url).status_code == 404, url
        assert anonymous.get(url).status_code == 302, url
    for url in posts:
        assert (
            bob_client.post(url, {"name": "stolen", "note": "x", "direction": "up"}).status_code
            == 404
        ), url
        assert anonymous.post(url, {"name": "stolen"}).status_code == 302, url
    alice_collection.refresh_from_db()
    item.refresh_from_db()
    assert alice_collection.name == "Paper on queues" and alice_collection.share_token is None
    assert item.note == "mine"


def test_notes_are_escaped_on_the_collection_page(alice_client, alice_collection, unsigned_quote):
    item = add_to(alice_collection, unsigned_quote, BASE)
    alice_client.post(
        reverse("workbench:item_note", args=[item.pk]), {"note": "<script>alert(1)</script> & more"}
    )
    html = alice_client.get(alice_collection.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_reorder_move_rename_and_delete(
    alice, alice_client, alice_collection, unsigned_quote, speaker_quote
):
    first = add_to(alice_collection, unsigned_quote, BASE)
    second = add_to(alice_collection, speaker_quote, BASE)
    alice_client.post(reverse("workbench:item_move", args=[second.pk]), {"direction": "up"})
    assert list(alice_collection.items.values_list("pk", flat=True)) == [second.pk, first.pk]

    other = Collection.objects.create(owner=alice, name="Elsewhere")
    alice_client.post(reverse("workbench:item_move", args=[second.pk]), {"collection": other.pk})
    assert list(alice_collection.items.values_list("pk", "position")) == [(first.pk, 1)]
    assert list(other.items.values_list("pk", "position")) == [(second.pk, 1)]

    alice_client.post(reverse("workbench:rename", args=[other.pk]), {"name": "  Renamed  "})
    other.refresh_from_db()
    assert other.name == "Renamed"
    response = alice_client.post(
        reverse("workbench:rename", args=[other.pk]), {"name": "Paper on queues"}, follow=True
    )
    assert "You already have a collection with this name." in response.content.decode()

    alice_client.post(reverse("workbench:delete", args=[other.pk]))
    assert not Collection.objects.filter(pk=other.pk).exists()
    assert not Item.objects.filter(pk=second.pk).exists()


def test_moving_into_another_researchers_collection_is_a_404(
    alice_client, alice_collection, bob, unsigned_quote
):
    item = add_to(alice_collection, unsigned_quote, BASE)
    bobs = Collection.objects.create(owner=bob, name="Bob's")
    response = alice_client.post(
        reverse("workbench:item_move", args=[item.pk]), {"collection": bobs.pk}
    )
    assert response.status_code == 404
    assert not bobs.items.exists()


def test_collection_list_shows_only_ones_own(alice_client, alice_collection, bob):
    Collection.objects.create(owner=bob, name="Bob's secret project")
    html = alice_client.get(reverse("workbench:collections")).content.decode()
    assert (
        "Paper on queues" in html
        and "Bob&#x27;s secret project" not in html
        and "Bob's secret project" not in html
    )


def test_search_hits_have_a_save_form(alice_client, alice_collection, archive_index):
    html = alice_client.get("/search/", {"q": '"We deserve it"', "type": "quote"}).content.decode()
    assert html.count('class="save-form"') >= 1
    response = alice_client.post(
        reverse("workbench:save"),
        {
            "kind": re.search(r'name="kind" value="(\w+)"', html).group(1),
            "pk": re.search(r'name="pk" value="(\d+)"', html).group(1),
        },
    )
    assert response.status_code == 302
    item = alice_collection.items.get()
    assert "We deserve it" in item.label


def test_a_passage_and_a_person_are_saved_from_their_pages(
    alice_client, alice_collection, speaker_quote
):
    article = speaker_quote.article
    response = alice_client.post(
        reverse("workbench:save"),
        {"kind": "article", "pk": article.pk, "position": 1, "collection": alice_collection.pk},
    )
    assert response.status_code == 302
    person = speaker_quote.speaker
    html = alice_client.get(person.get_absolute_url()).content.decode()
    assert f'name="kind" value="person"><input type="hidden" name="pk" value="{person.pk}">' in html
    save(alice_client, person, collection=alice_collection.pk)
    items = list(alice_collection.items.all())
    assert [(i.kind, i.label) for i in items] == [
        ("paragraph", "Rents rise in Novi Sad, ¶1"),
        ("person", "Ana Petrović"),
    ]
    assert items[0].paragraph == article.paragraphs.get(position=1)
    assert (
        alice_client.post(
            reverse("workbench:save"), {"kind": "article", "pk": article.pk, "position": 99}
        ).status_code
        == 404
    )


def test_a_signed_in_account_that_is_not_an_approved_researcher_gets_no_save_form(
    django_user_model, unsigned_quote
):
    from tests.workbench.conftest import make_researcher

    pending = make_researcher(django_user_model, "pending", approved=False)
    client = Client()
    client.force_login(pending)
    html = client.get(unsigned_quote.get_absolute_url()).content.decode()
    assert 'class="save-form"' not in html and "Sign in to save" not in html
    assert save(client, unsigned_quote).status_code == 403
    assert not Item.objects.exists()

"""Saving a paragraph from inside the article reader: one click, back at the paragraph."""

import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, quote_in
from workbench.models import Collection, Item

pytestmark = pytest.mark.django_db

SAVE_3 = (
    '<button type="submit" class="save-passage" form="passage-save" name="position" '
    'value="3">Save<span class="visually-hidden"> paragraph 3</span></button>'
)


def article_of(paragraphs, **fields):
    lines = "\n".join(f"Paragraph number {n} of the story." for n in range(1, paragraphs + 1))
    return ArticleFactory(raw_text=f"A headline\n{lines}\n", **fields)


@pytest.fixture
def story(db):
    return article_of(5, title="Five paragraphs", slug="five-paragraphs")


def paragraph_html(html, position):
    return re.search(rf'<p id="p{position}" class="para[^"]*">.*?</p>', html, re.S).group(0)


def passage_form(html):
    """The fields the reader's shared passage form posts, as the browser would send them."""
    form = re.search(r'<form id="passage-save".*?</form>', html, re.S).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    selected = re.search(r'<select name="collection"[^>]*><option value="(\d+)"', form)
    if selected:
        fields["collection"] = selected.group(1)
    return form, fields


def click_save(client, html, position):
    _, fields = passage_form(html)
    return client.post(reverse("workbench:save"), {**fields, "position": position})


def test_a_researcher_saves_paragraph_3_and_comes_back_to_it_with_a_confirmation(
    alice, alice_client, story
):
    html = alice_client.get(story.get_absolute_url()).content.decode()
    third = paragraph_html(html, 3)
    assert SAVE_3 in third
    assert '<a class="anchor" href="#p3" aria-label="Paragraph 3">¶3</a>' in third
    form, fields = passage_form(html)
    assert fields.pop("csrfmiddlewaretoken")
    assert fields == {
        "kind": "article",
        "pk": str(story.pk),
        "anchor": "1",
        "next": story.get_absolute_url(),
    }
    assert "saves it to a new collection, “My collection”" in form

    response = click_save(alice_client, html, 3)
    assert response.status_code == 302
    assert response["Location"] == story.get_absolute_url() + "#p3"
    item = Item.objects.get(collection__owner=alice)
    assert (item.kind, item.paragraph, item.label) == (
        "paragraph",
        story.paragraphs.get(position=3),
        "Five paragraphs, ¶3",
    )

    html = alice_client.get(response["Location"].split("#")[0]).content.decode()
    third = paragraph_html(html, 3)
    notice = (
        '<strong class="passage-notice" role="status">Paragraph 3 saved to '
        "“My collection”.</strong>"
    )
    assert notice in third
    assert (
        f'href="{item.collection.get_absolute_url()}#item-{item.pk}">Open the collection' in third
    )
    assert html.count("saved to “My collection”") == 1  # at the paragraph, not in the header too
    assert "passage-notice" not in paragraph_html(html, 2)

    html = alice_client.get(story.get_absolute_url()).content.decode()  # the notice is shown once
    assert "passage-notice" not in html
    assert (
        'Saved in “My collection”<span class="visually-hidden"> (paragraph 3)</span>'
        in paragraph_html(html, 3)
    )
    assert "Saved in" not in paragraph_html(html, 2)


def test_passages_go_to_the_collection_chosen_once_for_the_page(alice, alice_client, story):
    Collection.objects.create(owner=alice, name="Older")
    newest = Collection.objects.create(owner=alice, name="Newest")
    html = alice_client.get(story.get_absolute_url()).content.decode()
    form, _ = passage_form(html)
    assert '<label for="passage-collection">A paragraph’s Save button saves it to</label>' in form
    assert form.index("Newest") < form.index("Older")  # the most recent is preselected
    click_save(alice_client, html, 4)
    assert [i.paragraph.position for i in newest.items.all()] == [4]


def test_search_marks_and_anchors_survive_a_save(alice_client, story):
    url = story.get_absolute_url() + "?hl=number"
    html = alice_client.get(url).content.decode()
    assert '<p id="p3" class="para marked">' in html and "<mark" in paragraph_html(html, 3)
    _, fields = passage_form(html)
    assert fields["next"] == url
    response = click_save(alice_client, html, 3)
    assert response["Location"] == url + "#p3"
    html = alice_client.get(url).content.decode()
    third = paragraph_html(html, 3)
    assert '<p id="p3" class="para marked">' in third and "<mark" in third
    assert "passage-notice" in third


def test_an_anonymous_visitor_gets_no_save_form_in_the_reader(anonymous, story):
    html = anonymous.get(story.get_absolute_url()).content.decode()
    assert 'id="passage-save"' not in html and "save-passage" not in html
    assert '<a class="anchor" href="#p3" aria-label="Paragraph 3">¶3</a> Paragraph number 3' in html
    assert "Sign in to save" in html  # once, in the article's header
    response = anonymous.post(
        reverse("workbench:save"), {"kind": "article", "pk": story.pk, "position": 3, "anchor": "1"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Item.objects.exists()


def test_another_researcher_cannot_see_a_saved_passage(
    alice_client, alice_collection, bob, bob_client, story
):
    html = alice_client.get(story.get_absolute_url()).content.decode()
    click_save(alice_client, html, 3)
    item = Item.objects.get()
    html = bob_client.get(story.get_absolute_url()).content.decode()
    assert "Saved in" not in html and "passage-notice" not in html
    assert SAVE_3 in html
    assert "saves it to a new collection" in html  # Bob has none of his own
    assert item.collection == alice_collection
    assert (
        "Paper on queues" not in bob_client.get(reverse("workbench:collections")).content.decode()
    )
    assert bob_client.get(item.collection.get_absolute_url()).status_code == 404
    assert (
        bob_client.get(reverse("workbench:export", args=[item.collection.pk, "csv"])).status_code
        == 404
    )
    assert not Collection.objects.filter(owner=bob).exists()


def test_the_reader_stays_light_however_many_paragraphs(
    alice_client, alice_collection, django_assert_max_num_queries
):
    short, long = article_of(3), article_of(300)
    pages = {}
    for article in (short, long):
        alice_client.get(article.get_absolute_url())  # warm the session and caches
        with django_assert_max_num_queries(40) as queries:
            pages[article] = alice_client.get(article.get_absolute_url()).content.decode()
        pages[article, "queries"] = len(queries)
    assert pages[short, "queries"] == pages[long, "queries"]
    for article in (short, long):
        html = pages[article]
        assert html.count('name="csrfmiddlewaretoken"') == pages[short].count(
            'name="csrfmiddlewaretoken"'
        )
        assert html.count('<select name="collection"') == 2  # the article's Save, the passages'
    assert pages[long].count('class="save-passage"') == 300


def test_drafts_and_unreviewed_quotes_cannot_be_saved(alice_client, story):
    draft = article_of(3, state="draft")
    response = alice_client.post(
        reverse("workbench:save"), {"kind": "article", "pk": draft.pk, "position": 1}
    )
    assert response.status_code == 404
    for kind, pk in (("article", draft.pk), ("paragraph", draft.paragraphs.first().pk)):
        assert (
            alice_client.post(reverse("workbench:save"), {"kind": kind, "pk": pk}).status_code
            == 404
        )
    suggested = quote_in(story.paragraphs.get(position=2), "number 2", status="suggested")
    assert (
        alice_client.post(
            reverse("workbench:save"), {"kind": "quote", "pk": suggested.pk}
        ).status_code
        == 404
    )
    assert not Item.objects.exists()

"""The import form and the review screens, as a curator uses them."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.search.core import search
from articles.ingest.importing import Importer, human_size
from articles.models import Article, Mention, Quote, Status
from people.models import Alias, Organization, Person, Place
from tests.factories import ArticleFactory, PersonFactory, mention_in, quote_in
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.SEEDS_DIR)

CAPTURE = """Dispatch from Novi Sad Russian volunteers open a winter shelter for Ukrainian families

Source: Meduza

Volunteers from the Russian Democratic Society have opened a shelter in Novi Sad for Ukrainian families displaced by the war, in a former printing house near the Danube.

“We started with six beds and a kettle,” says Darya Ivanova, a volunteer who moved to Serbia from Perm in 2022. “Now we have forty beds, and the kettle still works.”

Pyotr Nikitin, who helped find the building, says the shelter is funded by donations alone. “Nobody in the government gave us a dinar,” Nikitin said. “We did not ask them to.”

Families sit down to dinner at the shelter. January 12, 2025.

Marko Djurica / Reuters

Ivanova says most families stay a few weeks before moving on. “For some of them, this is the first bed in months,” she explains.

Sign up here to get the next issue delivered directly to your inbox.
"""


def url(name, article=None):
    return reverse(f"review:{name}", args=[article.slug] if article else [])


@pytest.fixture
def imported():
    """A new capture imported into an archive that knows nobody in it."""
    return Importer().import_text(CAPTURE, "shelter.txt").article


# -- who may use the screens ---------------------------------------------------------------


def test_the_screens_need_a_staff_login(client, imported):
    for name, article in [("index", None), ("import", None), ("article", imported)]:
        response = client.get(url(name, article))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_permissions_are_refused(client, imported):
    user = User.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)

    assert client.get(url("import")).status_code == 403
    assert (
        client.post(url("quotes", imported), {"action": "accept", "everything": "on"}).status_code
        == 403
    )
    assert imported.quotes.filter(status=Status.SUGGESTED).count() == imported.quotes.count()

    user.user_permissions.add(
        Permission.objects.get(codename="view_article"),
        Permission.objects.get(codename="change_quote"),
    )
    client.force_login(User.objects.get(pk=user.pk))
    assert client.get(url("article", imported)).status_code == 200
    response = client.post(url("quotes", imported), {"action": "accept", "everything": "on"})
    assert response.status_code == 302
    assert not imported.quotes.filter(status=Status.SUGGESTED).exists()


def test_posts_need_the_csrf_token(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    response = client.post(url("import"), {"text": CAPTURE})

    assert response.status_code == 403
    assert not Article.objects.exists()
    page = client.get(url("import")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


# -- the import form ----------------------------------------------------------------------


def test_pasting_a_capture_imports_it_and_opens_its_review(admin_client):
    response = admin_client.post(
        url("import"),
        {"text": CAPTURE.replace("\n", "\r\n"), "name": "shelter-2025.txt"},
        follow=True,
    )

    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == url("article", article)
    assert article.raw_text == CAPTURE  # the browser's \r\n is the form's, not the capture's
    assert article.title == "Russian volunteers open a winter shelter for Ukrainian families"
    assert article.outlet.name == "Meduza"
    said = messages_of(response)
    assert said[0].startswith(
        "shelter-2025.txt: imported as “Russian volunteers open a winter "
        "shelter for Ukrainian families”: 7 paragraphs (4 body)"
    )
    assert "shelter-2025.txt: New media outlet “Meduza”, from “Source: Meduza”." in said


def test_pasting_the_same_text_again_changes_nothing(admin_client, imported):
    response = admin_client.post(url("import"), {"text": CAPTURE}, follow=True)

    assert messages_of(response) == [
        "pasted-" + imported.sha256[:12] + ".txt: already in the archive as “Russian volunteers "
        "open a winter shelter for Ukrainian families” (same SHA-256 checksum); nothing changed."
    ]
    assert Article.objects.count() == 1


def test_uploading_good_and_bad_files_reports_each_and_imports_the_good(admin_client):
    files = [
        SimpleUploadedFile("shelter.txt", CAPTURE.encode("utf-8"), "text/plain"),
        SimpleUploadedFile("again.txt", CAPTURE.encode("utf-8"), "text/plain"),
        SimpleUploadedFile("empty.txt", b"", "text/plain"),
        SimpleUploadedFile("photo.txt", b"GIF89a\x00\x01\x00\x00\xff" * 10, "image/gif"),
        SimpleUploadedFile("cyrillic.txt", "Москва\n\nТекст статьи.\n".encode("cp1251")),
        SimpleUploadedFile("004.txt", next(SEEDS.glob("004_*.txt")).read_bytes()),
    ]

    response = admin_client.post(url("import"), {"files": files}, follow=True)

    assert response.redirect_chain[-1][0] == url("import")
    said = messages_of(response)
    assert any(m.startswith("shelter.txt: imported as") for m in said)
    assert any(m.startswith("again.txt: already in the archive as") for m in said)
    assert "empty.txt: the file is empty." in said
    assert "photo.txt: the file is binary (it contains NUL bytes), not text." in said
    assert any(m.startswith("cyrillic.txt: the file is not UTF-8 text") for m in said)
    assert any(m.startswith("004.txt: imported as “Serbia becomes home") for m in said)
    assert sorted(Article.objects.values_list("source_name", flat=True)) == [
        "004.txt",
        "shelter.txt",
    ]


def test_a_file_over_the_limit_is_refused_without_being_read_whole(admin_client, settings):
    settings.ARCHIVE_IMPORT_MAX_BYTES = 2000
    big = SimpleUploadedFile("big.txt", CAPTURE.encode() * 3, "text/plain")

    response = admin_client.post(url("import"), {"files": [big]}, follow=True)

    assert messages_of(response) == [
        f"big.txt: the file is {human_size(big.size)}, more than the 2 KB limit for one article."
    ]
    assert human_size(big.size) == "3 KB"
    assert not Article.objects.exists()


def test_the_form_says_what_is_missing_or_too_big(admin_client, settings):
    response = admin_client.post(url("import"), {"text": "  ", "name": ""})
    assert response.status_code == 200
    assert "Paste a text or choose at least one file to import." in response.content.decode()

    settings.ARCHIVE_IMPORT_MAX_BYTES = 100
    response = admin_client.post(url("import"), {"text": CAPTURE})
    assert "more than the 100 bytes limit for one article" in response.content.decode()
    assert not Article.objects.exists()


# -- the review screen ---------------------------------------------------------------------


def test_the_review_screen_shows_suggestions_with_their_paragraphs(admin_client, imported):
    response = admin_client.get(url("article", imported))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Quotes not reviewed yet (5)" in page
    assert (
        "“<mark>We started with six beds and a kettle,</mark>” says Darya Ivanova, a volunteer"
    ) in page  # the whole paragraph, the quote marked
    assert "<em>Darya Ivanova</em> (no person in the archive)" in page
    assert (
        "%" in page
        and reverse("admin:articles_quote_change", args=[imported.quotes.first().pk]) in page
    )
    assert reverse("admin:articles_article_change", args=[imported.pk]) in page
    candidates = {c.name: c for c in response.context["candidates"]}
    assert candidates["Darya Ivanova"].guess == "person"
    assert candidates["Pyotr Nikitin"].count == 1
    assert "Dispatch" not in candidates  # the rubric is furniture, not text
    # An unknown name in its sentence, marked, eight words either side, cut between words.
    assert (
        ": “We started with six beds and a kettle,” says <mark>Darya Ivanova</mark>, "
        "a volunteer who moved to Serbia from Perm…</td>"
    ) in page


def test_the_review_screen_of_the_biggest_article_loads_in_a_few_queries(
    admin_client, archive, django_assert_max_num_queries
):
    article = Article.objects.get(slug="serbias-russian-emigres-put-down-roots")

    with django_assert_max_num_queries(25):
        response = admin_client.get(url("article", article))

    assert response.status_code == 200
    assert len(response.context["mention_rows"]) == 343
    assert response.context["candidates_total"] < 60  # the archive knows most names


def test_the_index_lists_articles_with_what_is_left_to_review(admin_client, imported):
    page = admin_client.get(url("index")).content.decode()

    assert url("article", imported) in page
    row = page[page.index(url("article", imported)) :]
    assert "<td>5</td>" in row[:400]  # quotes not reviewed


# -- bulk review -------------------------------------------------------------------------


def test_quotes_are_accepted_rejected_and_given_to_a_speaker_in_bulk(admin_client, imported):
    quotes = list(imported.quotes.order_by("paragraph__position", "start"))
    nikitin = PersonFactory(name="Pyotr Nikitin", slug="pyotr-nikitin")

    response = admin_client.post(
        url("quotes", imported),
        {"selected": [quotes[0].pk, quotes[1].pk], "action": "accept"},
        follow=True,
    )
    assert messages_of(response) == ["2 quote(s) accepted."]
    response = admin_client.post(
        url("quotes", imported),
        {
            "selected": [quotes[2].pk, quotes[3].pk],
            "action": "speaker",
            "speaker": "person:pyotr-nikitin",
        },
        follow=True,
    )
    assert messages_of(response) == ["2 quote(s) given to Pyotr Nikitin and accepted."]
    response = admin_client.post(
        url("quotes", imported),
        {"selected": [quotes[4].pk], "action": "nobody", "note": "a volunteer"},
        follow=True,
    )
    assert messages_of(response) == ["1 quote(s) accepted as spoken by a volunteer."]

    states = [
        (q.status, q.speaker, q.speaker_note)
        for q in imported.quotes.order_by("paragraph__position", "start")
    ]
    assert states[0][0] == states[1][0] == Status.CONFIRMED
    assert states[2] == states[3] == (Status.CONFIRMED, nikitin, "")
    assert states[4] == (Status.CONFIRMED, None, "a volunteer")


def test_a_quote_can_be_rejected_and_mistakes_are_explained(admin_client, imported):
    quote = imported.quotes.first()
    other = quote_in(ArticleFactory().paragraphs.first(), "first paragraph")

    response = admin_client.post(
        url("quotes", imported), {"action": "speaker", "selected": [quote.pk]}, follow=True
    )
    assert messages_of(response) == ["Nothing changed: speaker: Choose the person who spoke."]
    response = admin_client.post(url("quotes", imported), {"action": "accept"}, follow=True)
    assert "Select at least one quote" in messages_of(response)[0]
    response = admin_client.post(
        url("quotes", imported), {"action": "reject", "selected": [other.pk]}, follow=True
    )
    assert messages_of(response)[0].startswith("Nothing changed:")
    response = admin_client.post(
        url("quotes", imported),
        {"action": "speaker", "selected": [quote.pk], "speaker": "Nobody Known"},
        follow=True,
    )
    assert "No person is called “Nobody Known”" in messages_of(response)[0]

    admin_client.post(url("quotes", imported), {"action": "reject", "selected": [quote.pk]})
    quote.refresh_from_db()
    assert quote.status == Status.REJECTED
    assert other.article.quotes.get().status == Status.CONFIRMED


def test_mentions_are_accepted_rejected_and_relinked_in_bulk(admin_client):
    serbia = Place.objects.create(name="Serbia", slug="serbia", kind="country")
    sputnik = Organization.objects.create(name="Sputnik", slug="sputnik", kind="media")
    article = ArticleFactory(raw_text="Headline\nSputnik reported from Serbia and Sputnik again.\n")
    paragraph = article.paragraphs.get()
    first = mention_in(paragraph, "Sputnik", sputnik)
    country = mention_in(paragraph, "Serbia", serbia)
    wrong = mention_in(paragraph, "again", serbia)

    response = admin_client.post(
        url("mentions", article),
        {"selected": [first.pk, country.pk], "action": "accept"},
        follow=True,
    )
    assert messages_of(response) == ["2 mention(s) accepted."]
    response = admin_client.post(
        url("mentions", article), {"selected": [wrong.pk], "action": "reject"}, follow=True
    )
    assert messages_of(response) == ["1 mention(s) rejected."]
    assert article.mentions.get(pk=wrong.pk).status == Status.REJECTED
    response = admin_client.post(
        url("mentions", article),
        {"selected": [wrong.pk], "action": "entity", "entity": "Sputnik"},
        follow=True,
    )

    assert messages_of(response) == ["1 mention(s) linked to Sputnik and accepted."]
    assert [(m.text, m.entity, m.status, m.source) for m in article.mentions.all()] == [
        ("Sputnik", sputnik, "confirmed", "derived"),
        ("Serbia", serbia, "confirmed", "derived"),
        ("again", sputnik, "confirmed", "curated"),
    ]


def test_finding_names_and_quotes_again_keeps_what_was_reviewed(admin_client, imported):
    kept = imported.quotes.first()
    kept.status = Status.REJECTED
    kept.save()
    Person.objects.create(name="Darya Ivanova")

    response = admin_client.post(url("rerun", imported), follow=True)

    assert messages_of(response) == [
        "Names: 1 new mention(s), 0 removed, 0 reviewed kept. Quotes: 4 suggested, 1 reviewed kept."
    ]
    kept.refresh_from_db()
    assert kept.status == Status.REJECTED
    assert (
        imported.quotes.get(text="Now we have forty beds, and the kettle still works.").speaker.name
        == "Darya Ivanova"
    )


# -- unknown names into entities, in one step ---------------------------------------------


def test_a_candidate_becomes_a_person_its_mentions_and_its_quotes(admin_client, imported):
    response = admin_client.post(
        url("candidate", imported), {"name": "Darya Ivanova", "make": "person"}, follow=True
    )

    person = Person.objects.get(name="Darya Ivanova")
    # Her two quotes, and the one given to her surname alone (“she explains” → Ivanova).
    assert messages_of(response) == [
        "New person “Darya Ivanova”: 1 mention(s) in this article to review, 3 quote(s) now "
        "given to Darya Ivanova."
    ]
    assert imported.mentions.get(person=person).status == Status.SUGGESTED
    assert imported.quotes.filter(speaker=person).count() == 3

    response = admin_client.post(
        url("candidate", imported),
        {"name": "Ivanova", "make": "alias", "alias_of": "person:darya-ivanova"},
        follow=True,
    )

    assert messages_of(response) == [
        "“Ivanova” is now another name of Darya Ivanova: 1 mention(s) in this article to review."
    ]
    assert imported.mentions.filter(person=person).count() == 2
    assert Alias.objects.get(name="Ivanova").article is None


def test_candidates_become_organizations_places_and_scoped_aliases(admin_client, imported):
    for data in (
        {"name": "Russian Democratic Society", "make": "organization", "organization_kind": "ngo"},
        {"name": "Novi Sad", "make": "place", "place_kind": "city"},
    ):
        response = admin_client.post(url("candidate", imported), data, follow=True)
        assert messages_of(response)[0].startswith(f"New {data['make']} “{data['name']}”")
    darya = Person.objects.create(name="Darya Ivanova")
    response = admin_client.post(
        url("candidate", imported),
        {"name": "Darya", "make": "alias", "alias_of": "Darya Ivanova", "scoped": "on"},
        follow=True,
    )
    assert messages_of(response) == [
        "“Darya” is now another name of Darya Ivanova in this "
        "article: 1 mention(s) in this article to review."
    ]

    assert Organization.objects.get(name="Russian Democratic Society").kind == "ngo"
    assert Place.objects.get(name="Novi Sad").kind == "city"
    assert Alias.objects.get(name="Darya").article == imported
    assert darya.aliases.get().entity == darya
    linked = {m.entity.name for m in imported.mentions.all()}
    assert {"Russian Democratic Society", "Novi Sad", "Meduza"} <= linked

    response = admin_client.post(
        url("candidate", imported),
        {"name": "Darya Ivanova", "make": "alias", "alias_of": "person:darya-ivanova"},
        follow=True,
    )
    assert messages_of(response)[0].startswith(
        "Nothing changed: “Darya Ivanova” is already the name of Darya Ivanova"
    )


# -- done: a curator adds an article and, reviewed, it is searchable --------------------------


def test_a_curator_adds_an_article_and_after_review_and_publishing_it_is_searchable(
    admin_client, archive_index, django_capture_on_commit_callbacks
):
    nikitin = Person.objects.get(slug="pyotr-nikitin")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url("import"), {"text": CAPTURE, "name": "shelter.txt"}, follow=True
        )
    article = Article.objects.get(source_name="shelter.txt")
    assert article.outlet.slug == "meduza"  # a known outlet, named by "Source: Meduza"
    assert response.context["article"] == article
    by_text = {q.text: q for q in article.quotes.all()}
    assert by_text["Nobody in the government gave us a dinar,"].speaker == nikitin
    assert {m.entity.slug for m in article.mentions.all()} >= {
        "pyotr-nikitin",
        "russian-democratic-society",
        "novi-sad",
        "meduza",
    }

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url("candidate", article), {"name": "Darya Ivanova", "make": "person"})
        admin_client.post(
            url("candidate", article),
            {"name": "Ivanova", "make": "alias", "alias_of": "person:darya-ivanova"},
        )
        admin_client.post(url("quotes", article), {"everything": "on", "action": "accept"})
        admin_client.post(url("mentions", article), {"everything": "on", "action": "accept"})
    assert search('"first bed in months"', suggest=False).count == 0  # reviewed, but still a draft

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url("publish", article))
    assert not article.quotes.unreviewed().exists() and not article.mentions.unreviewed().exists()
    quotes = {h.title for h in search('"first bed in months"').hits if h.type == "quote"}
    assert quotes == {"Darya Ivanova: “For some of them, this is the first bed in months”"}
    quotes = {h.title for h in search('"gave us a dinar"').hits if h.type == "quote"}
    assert quotes == {"Pyotr Nikitin: “Nobody in the government gave us a dinar”"}
    found = {(h.type, h.title) for h in search('kettle person:"Darya Ivanova"').hits}
    assert ("article", article.title) in found
    found = {(h.type, h.title) for h in search('shelter person:"Peter Nikitin"').hits}
    assert ("article", article.title) in found

    rejected = article.quotes.get(text="We did not ask them to.")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url("quotes", article), {"selected": [rejected.pk], "action": "reject"})
    assert not [h for h in search('"did not ask them to"').hits if h.type == "quote"]
    assert Mention.objects.filter(article=article, status=Status.CONFIRMED).count() >= 6
    assert Quote.objects.filter(article=article, status=Status.CONFIRMED).count() == 4


def test_the_admin_home_links_to_import_and_review(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("review:import")}"' in html
    assert f'href="{reverse("review:index")}"' in html

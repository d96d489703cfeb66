"""The admin of people, organizations, places, aliases and affiliations, as a curator uses it."""

import re

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.test import Client
from django.urls import reverse

from articles.models import Article, Mention, Quote
from people.models import Affiliation, Alias, Organization, Person, Place
from tests.helpers import admin_url, form_data, form_fields, messages_of

pytestmark = pytest.mark.django_db


def result_names(response):
    return [str(obj) for obj in response.context["cl"].result_list]


# -- every page loads -------------------------------------------------------

ENTITY_MODELS = [Person, Organization, Place]
MODELS = [*ENTITY_MODELS, Alias, Affiliation]


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_shows_all_its_records_in_a_few_queries(
    admin_client, archive, model, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = admin_client.get(admin_url(model), {"all": ""})

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == model.objects.count() > 30


def spread(model, count=12):
    """About `count` records of `model`, spread over the whole table."""
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return model.objects.filter(pk__in=pks[:: max(1, len(pks) // count)])


@pytest.mark.parametrize("model", MODELS)
def test_change_pages_load(admin_client, archive, model):
    for obj in spread(model):
        response = admin_client.get(admin_url(model, "change", obj.pk))
        assert response.status_code == 200, obj
        assert response.context["original"] == obj


@pytest.mark.parametrize("model", MODELS)
def test_the_add_pages_load(admin_client, archive, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


def test_a_persons_page_shows_aliases_affiliations_and_quotes(
    admin_client, archive, django_assert_max_num_queries
):
    pyotr = Person.objects.get(slug="pyotr-nikitin")

    with django_assert_max_num_queries(20):
        response = admin_client.get(admin_url(Person, "change", pyotr.pk))

    page = response.content.decode()
    assert "Пётр Никитин" in page
    assert "Russian Democratic Society" in page
    assert [f.instance for f in inline(response, "quotes").formset.forms] == list(
        pyotr.quotes.all()
    )
    assert "17 mentions</a> (17 not reviewed yet) in 3 articles" in page


def test_a_places_page_lists_the_places_inside_it(admin_client, archive):
    belgrade = Place.objects.get(slug="belgrade")

    response = admin_client.get(admin_url(Place, "change", belgrade.pk))

    children = [f.instance.slug for f in inline(response, "children").formset.forms]
    assert "dorcol" in children
    assert len(children) == belgrade.children.count()


def inline(response, prefix):
    return next(i for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix)


# -- search -----------------------------------------------------------------


@pytest.mark.parametrize(
    "model, query, expected",
    [
        (Person, "Пётр", "Pyotr Nikitin"),  # by an alias, in Cyrillic
        (Person, "pyotr-nikitin", "Pyotr Nikitin"),  # by slug
        (Organization, "Democratic", "Russian Democratic Society"),
        (Place, "Beograd", "Belgrade"),
        (Alias, "Pyotr Nikitin", "Peter Nikitin"),  # the aliases of someone
        (Affiliation, "Nikitin", "Pyotr Nikitin — Co-founder, Russian Democratic Society"),
    ],
)
def test_changelist_search_finds_records(admin_client, archive, model, query, expected):
    response = admin_client.get(admin_url(model), {"q": query})

    assert response.status_code == 200
    assert expected in result_names(response)
    assert len(result_names(response)) < model.objects.count()


def test_a_search_that_matches_several_aliases_lists_the_person_once(admin_client, archive):
    response = admin_client.get(admin_url(Person), {"q": "Nikitin"})

    assert result_names(response) == ["Pyotr Nikitin"]


def test_the_mention_count_links_to_the_persons_mentions(admin_client, archive):
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    response = admin_client.get(admin_url(Person), {"q": "pyotr-nikitin"})
    link = f'{admin_url(Mention)}?person__id__exact={pyotr.pk}">17</a>'
    assert link in response.content.decode()

    mentions = admin_client.get(admin_url(Mention), {"person__id__exact": pyotr.pk, "all": ""})

    assert len(mentions.context["cl"].result_list) == 17


def test_filters_narrow_the_lists(admin_client, archive):
    response = admin_client.get(admin_url(Organization), {"kind__exact": "media", "all": ""})
    assert len(result_names(response)) == Organization.objects.filter(kind="media").count()

    response = admin_client.get(admin_url(Alias), {"scope": "scoped", "all": ""})
    assert len(result_names(response)) == Alias.objects.filter(article__isnull=False).count()

    response = admin_client.get(admin_url(Place), {"mentioned": "no", "all": ""})
    assert all(p.mention_count == 0 for p in response.context["cl"].result_list)


# -- validation through the forms -------------------------------------------


def test_a_place_cannot_be_put_inside_a_place_inside_it(admin_client, archive):
    belgrade = Place.objects.get(slug="belgrade")
    dorcol = Place.objects.get(slug="dorcol")
    url = admin_url(Place, "change", belgrade.pk)

    response = admin_client.post(
        url, form_data(admin_client.get(url), "place_form", parent=dorcol.pk)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "“Dorćol” lies inside “Belgrade”, so it cannot also contain it: "
        "a place cannot be its own ancestor."
    ]
    belgrade.refresh_from_db()
    assert belgrade.parent.slug == "serbia"


def test_a_place_cannot_lie_inside_itself(admin_client, archive):
    belgrade = Place.objects.get(slug="belgrade")
    url = admin_url(Place, "change", belgrade.pk)

    response = admin_client.post(
        url, form_data(admin_client.get(url), "place_form", parent=belgrade.pk)
    )

    assert response.status_code == 200
    assert "cannot be its own ancestor" in str(response.context["adminform"].form.errors)
    belgrade.refresh_from_db()
    assert belgrade.parent.slug == "serbia"


def test_a_new_person_gets_a_slug_from_the_name_then_aliases(admin_client, archive):
    society = Organization.objects.get(slug="russian-democratic-society")
    url = admin_url(Person, "add")
    data = form_data(
        admin_client.get(url),
        "person_form",
        name="Ivan Petrović",
        slug="",
        _continue="1",
        **{
            "affiliations-TOTAL_FORMS": "1",
            "affiliations-0-organization": str(society.pk),
            "affiliations-0-role": "member",
        },
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    ivan = Person.objects.get(name="Ivan Petrović")
    assert ivan.slug == "ivan-petrovic"
    assert list(ivan.affiliations.values_list("organization__slug", "role")) == [
        ("russian-democratic-society", "member")
    ]
    change = admin_client.get(response.url)
    data = form_data(
        change, "person_form", **{"aliases-TOTAL_FORMS": "1", "aliases-0-name": " Иван  Петровић "}
    )

    assert admin_client.post(response.url, data).status_code == 302
    assert list(ivan.aliases.values_list("name", "script")) == [("Иван Петровић", "Cyrl")]


def test_an_alias_the_person_has_already_is_refused_in_words(admin_client, archive):
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    url = admin_url(Person, "change", pyotr.pk)
    data = form_data(admin_client.get(url), "person_form")
    extra = int(data["aliases-TOTAL_FORMS"][0])
    data.update({"aliases-TOTAL_FORMS": str(extra + 1), f"aliases-{extra}-name": "Nikitin"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Pyotr Nikitin already has the alias “Nikitin”." in response.content.decode()
    assert pyotr.aliases.filter(name="Nikitin").count() == 1


def test_an_alias_given_twice_on_one_page_is_refused(admin_client, archive):
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    url = admin_url(Person, "change", pyotr.pk)
    data = form_data(admin_client.get(url), "person_form")
    extra = int(data["aliases-TOTAL_FORMS"][0])
    data.update(
        {
            "aliases-TOTAL_FORMS": str(extra + 2),
            f"aliases-{extra}-name": "P. Nikitin",
            f"aliases-{extra + 1}-name": "P.  Nikitin",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "This alias is given twice." in response.content.decode()
    assert not pyotr.aliases.filter(name="P. Nikitin").exists()


def test_an_alias_that_names_nobody_or_two_entities_is_refused(admin_client, archive):
    url = admin_url(Alias, "add")
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    belgrade = Place.objects.get(slug="belgrade")
    count = Alias.objects.count()

    nobody = admin_client.post(url, form_data(admin_client.get(url), "alias_form", name="Petya"))
    both = admin_client.post(
        url,
        form_data(
            admin_client.get(url), "alias_form", name="Petya", person=pyotr.pk, place=belgrade.pk
        ),
    )

    for response in (nobody, both):
        assert response.status_code == 200
        assert response.context["adminform"].form.errors == {
            "person": ["Choose exactly one person, organization or place."]
        }
        assert "Constraint" not in response.content.decode()
    assert Alias.objects.count() == count


def test_a_changed_affiliation_is_saved(admin_client, archive):
    affiliation = Affiliation.objects.get(person__slug="pyotr-nikitin", role="organizer")
    url = admin_url(Affiliation, "change", affiliation.pk)

    response = admin_client.post(
        url,
        form_data(
            admin_client.get(url), "affiliation_form", title="organizer of anti-war protests"
        ),
    )

    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.title == "organizer of anti-war protests"


def test_an_outlet_autocomplete_offers_only_media(admin_client, archive):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "outlet",
            "term": "",
        },
    )
    ids = {int(r["id"]) for r in response.json()["results"]}
    media = set(Organization.objects.filter(kind="media").values_list("pk", flat=True))
    assert ids and ids <= media

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "people",
            "model_name": "affiliation",
            "field_name": "organization",
            "term": "Democratic",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Russian Democratic Society"]


# -- the merge action -------------------------------------------------------


@pytest.fixture
def peter(archive):
    """A made-up duplicate of Pyotr Nikitin holding one of his quotes and two of his mentions."""
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    peter = Person.objects.create(name="Peter Nikitin", slug="peter-nikitin")
    for mention in pyotr.mentions.order_by("pk")[:2]:
        mention.entity = peter
        mention.save()
    quote = pyotr.quotes.order_by("pk").first()
    quote.speaker = peter
    quote.save()
    Affiliation.objects.create(
        person=peter, role="member", organization=Organization.objects.get(slug="the-beet")
    )
    Alias.objects.create(person=peter, name="Nikitin")
    Alias.objects.create(person=peter, name="P. Nikitin")
    return peter


def ask_to_merge(client, model, *records):
    return client.post(
        admin_url(model),
        {
            "action": "merge_selected",
            "_selected_action": [r.pk for r in records],
            "index": "0",
        },
    )


def test_merging_shows_a_confirmation_page_first(admin_client, peter):
    pyotr = Person.objects.get(slug="pyotr-nikitin")

    response = ask_to_merge(admin_client, Person, pyotr, peter)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Merge 2 people into one" in page
    # What would move out of each record, most linked first; that one is chosen to keep.
    rows = [(row["obj"].name, dict(row["counts"])) for row in response.context["candidates"]]
    assert rows == [
        ("Pyotr Nikitin", {"mentions": 15, "quotes": 6, "affiliations": 2, "aliases": 5}),
        ("Peter Nikitin", {"mentions": 2, "quotes": 1, "affiliations": 1, "aliases": 2}),
    ]
    assert "15 mentions, 6 quotes, 2 affiliations, 5 aliases" in page
    assert dict(form_fields(response, "merge-form"))["survivor"] == str(pyotr.pk)
    # Nothing has happened yet.
    assert Person.objects.filter(pk=peter.pk).exists()


def test_confirming_the_merge_moves_everything_and_deletes_the_duplicate(admin_client, peter):
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    page = ask_to_merge(admin_client, Person, pyotr, peter)

    response = admin_client.post(admin_url(Person), form_data(page, "merge-form"))

    assert response.status_code == 302
    assert response.url == admin_url(Person)
    assert messages_of(response) == [
        "Merged “Peter Nikitin” into “Pyotr Nikitin”: moved 2 mentions, 1 alias, "
        "1 affiliation, 1 quote; already on “Pyotr Nikitin”, so dropped: 1 alias."
    ]
    assert not Person.objects.filter(pk=peter.pk).exists()
    assert pyotr.mentions.count() == 17
    assert pyotr.quotes.count() == 7
    assert pyotr.affiliations.filter(organization__slug="the-beet").exists()
    assert sorted(pyotr.aliases.values_list("name", flat=True)) == [
        "Nikitin",
        "P. Nikitin",
        "Peter Nikitin",
        "Никитин",
        "Петр Никитин",
        "Пётр Никитин",
    ]
    logged = LogEntry.objects.order_by("pk")
    assert [(e.object_repr, e.action_flag) for e in logged] == [
        ("Peter Nikitin", DELETION),
        ("Pyotr Nikitin", CHANGE),
    ]


def test_the_curator_chooses_which_record_survives(admin_client, peter):
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    page = ask_to_merge(admin_client, Person, pyotr, peter)

    response = admin_client.post(
        admin_url(Person), form_data(page, "merge-form", survivor=str(peter.pk))
    )

    assert response.status_code == 302
    assert not Person.objects.filter(pk=pyotr.pk).exists()
    assert peter.mentions.count() == 17
    assert peter.aliases.filter(name="Pyotr Nikitin").exists()


def test_the_merge_goes_through_with_csrf_checks_on(django_user_model, peter):
    curator = django_user_model.objects.create_superuser("curator", "c@example.org", "pw")
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)  # django-axes needs a request to authenticate
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    changelist = client.get(admin_url(Person))
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', changelist.content.decode()
    ).group(1)

    assert ask_to_merge(client, Person, pyotr, peter).status_code == 403  # no token
    page = client.post(
        admin_url(Person),
        {
            "action": "merge_selected",
            "_selected_action": [pyotr.pk, peter.pk],
            "index": "0",
            "csrfmiddlewaretoken": token,
        },
    )
    data = form_data(page, "merge-form")
    forged = client.post(admin_url(Person), {**data, "csrfmiddlewaretoken": "x" * 64})
    response = client.post(admin_url(Person), data)

    assert forged.status_code == 403
    assert response.status_code == 302
    assert not Person.objects.filter(pk=peter.pk).exists()


def test_a_place_cannot_be_merged_into_a_place_inside_it(admin_client, archive):
    belgrade = Place.objects.get(slug="belgrade")
    dorcol = Place.objects.get(slug="dorcol")
    page = ask_to_merge(admin_client, Place, belgrade, dorcol)
    rows = {row["obj"].slug: row["refusal"] for row in page.context["candidates"]}
    assert rows["belgrade"] is None
    assert "lies inside “Belgrade”" in rows["dorcol"]
    assert f'value="{dorcol.pk}" disabled' in page.content.decode()

    response = admin_client.post(
        admin_url(Place), form_data(page, "merge-form", survivor=str(dorcol.pk))
    )

    assert response.status_code == 200  # the confirmation page again, with the reason
    assert messages_of(response) == [
        "“Dorćol” lies inside “Belgrade”, so “Belgrade” cannot be merged into it: a place "
        "cannot be merged into a place inside it. Keep “Belgrade” instead."
    ]
    assert dict(form_fields(response, "merge-form"))["survivor"] == str(belgrade.pk)
    assert Place.objects.filter(pk__in=[belgrade.pk, dorcol.pk]).count() == 2
    assert not LogEntry.objects.exists()


def test_merging_places_through_the_admin(admin_client, archive):
    belgrade = Place.objects.get(slug="belgrade")
    dorcol = Place.objects.get(slug="dorcol")
    mentions = belgrade.mentions.count() + dorcol.mentions.count()
    page = ask_to_merge(admin_client, Place, belgrade, dorcol)

    response = admin_client.post(admin_url(Place), form_data(page, "merge-form"))

    assert response.status_code == 302
    assert not Place.objects.filter(pk=dorcol.pk).exists()
    assert belgrade.mentions.count() == mentions
    assert belgrade.aliases.filter(name="Dorćol").exists()


def test_merging_organizations_through_the_admin(admin_client, archive):
    meduza = Organization.objects.get(slug="meduza")
    copy = Organization.objects.create(name="Meduza.io", kind="media")
    article = Article.objects.get(slug="serbias-russian-emigres-put-down-roots")
    article.outlet = copy
    article.save()
    page = ask_to_merge(admin_client, Organization, meduza, copy)

    response = admin_client.post(
        admin_url(Organization), form_data(page, "merge-form", survivor=str(meduza.pk))
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.outlet == meduza
    assert "moved 1 published article" in messages_of(response)[0]


def test_merging_needs_two_records(admin_client, archive):
    pyotr = Person.objects.get(slug="pyotr-nikitin")

    response = ask_to_merge(admin_client, Person, pyotr)

    assert response.status_code == 302
    assert messages_of(response) == ["Select two or more people to merge."]


def test_merging_without_choosing_the_survivor_asks_again(admin_client, peter):
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    data = form_data(ask_to_merge(admin_client, Person, pyotr, peter), "merge-form")
    del data["survivor"]

    response = admin_client.post(admin_url(Person), data)

    assert response.status_code == 200
    assert messages_of(response) == ["Choose the person to keep."]
    assert Person.objects.filter(pk=peter.pk).exists()


def test_a_survivor_outside_the_selection_is_not_accepted(admin_client, peter):
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    stranger = Person.objects.exclude(pk__in=[pyotr.pk, peter.pk]).first()
    data = form_data(
        ask_to_merge(admin_client, Person, pyotr, peter), "merge-form", survivor=str(stranger.pk)
    )

    response = admin_client.post(admin_url(Person), data)

    assert response.status_code == 200
    assert Person.objects.filter(pk__in=[pyotr.pk, peter.pk, stranger.pk]).count() == 3


def test_quotes_inline_changes_the_status_only(admin_client, peter):
    quote = Quote.objects.get(speaker=peter)
    url = admin_url(Person, "change", peter.pk)
    data = form_data(
        admin_client.get(url),
        "person_form",
        **{"quotes-0-status": "rejected", "quotes-0-text": "tampered"},
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    text = quote.text
    quote.refresh_from_db()
    assert (quote.status, quote.text) == ("rejected", text)

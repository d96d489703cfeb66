"""merge_duplicates: duplicates folded into the record kept, in one transaction."""

import pytest

from articles.models import Article, Mention, Quote
from people.merge import MergeError, merge_duplicates, merge_refusal, related_counts
from people.models import Affiliation, Alias, Organization, Person, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def pyotr(archive):
    return Person.objects.get(slug="pyotr-nikitin")


@pytest.fixture
def peter(pyotr):
    """A duplicate of Pyotr Nikitin, as a careless import would make one.

    It took over two of Pyotr's mentions and one of his quotes, holds one affiliation
    Pyotr has too and one he has not, two aliases (one Pyotr has), an article it
    wrote and one it edited.
    """
    peter = Person.objects.create(
        name="Peter Nikitin", slug="peter-nikitin", description="Same man, imported twice."
    )
    moved_mentions = list(pyotr.mentions.order_by("pk")[:2])
    for mention in moved_mentions:
        mention.entity = peter
        mention.save()
    quote = pyotr.quotes.order_by("pk").first()
    quote.speaker = peter
    quote.save()
    Affiliation.objects.create(
        person=peter,
        role="co-founder",
        organization=Organization.objects.get(slug="russian-democratic-society"),
    )
    Affiliation.objects.create(
        person=peter, role="member", organization=Organization.objects.get(slug="the-beet")
    )
    Alias.objects.create(person=peter, name="Nikitin")
    Alias.objects.create(person=peter, name="P. Nikitin")
    Article.objects.get(slug="serbia-becomes-home-for-russians-fleeing-war").authors.add(peter)
    Article.objects.get(slug="serbias-russian-emigres-put-down-roots").editors.add(peter)
    return peter


def test_merging_a_duplicate_person_moves_everything_to_the_survivor(pyotr, peter):
    mentions_before = Mention.objects.filter(person__in=[pyotr, peter]).count()
    quotes_before = Quote.objects.filter(speaker__in=[pyotr, peter]).count()

    summary = merge_duplicates(pyotr, [peter])

    assert not Person.objects.filter(slug="peter-nikitin").exists()
    assert pyotr.mentions.count() == mentions_before == 17
    assert pyotr.quotes.count() == quotes_before == 7
    assert set(pyotr.affiliations.values_list("organization__slug", "role")) == {
        ("russian-democratic-society", "co-founder"),
        ("russians-belarusians-ukrainians-serbs-together-against-war", "organizer"),
        ("the-beet", "member"),
    }
    assert sorted(pyotr.aliases.values_list("name", flat=True)) == [
        "Nikitin",
        "P. Nikitin",
        "Peter Nikitin",
        "Никитин",
        "Петр Никитин",
        "Пётр Никитин",
    ]
    assert list(pyotr.articles_written.values_list("slug", flat=True)) == [
        "serbia-becomes-home-for-russians-fleeing-war"
    ]
    assert list(pyotr.articles_edited.values_list("slug", flat=True)) == [
        "serbias-russian-emigres-put-down-roots"
    ]
    assert summary.moved == {
        "mentions": 2,
        "quotes": 1,
        "affiliations": 1,
        "aliases": 1,
        "articles written": 1,
        "articles edited": 1,
    }
    # "Nikitin" and the co-founder role were Pyotr's already; "Peter Nikitin" was an alias.
    assert summary.already_there == {"aliases": 1, "affiliations": 1}
    assert summary.aliases_added == []
    assert summary.merged == ["Peter Nikitin"]
    assert str(summary).startswith("Merged “Peter Nikitin” into “Pyotr Nikitin”: moved 2 mentions")


def test_the_duplicates_name_becomes_an_alias_unless_the_survivor_has_it(pyotr):
    petr = Person.objects.create(name="Petr Nikitin")
    pyotr_again = Person.objects.create(name="Pyotr  Nikitin")

    summary = merge_duplicates(pyotr, [petr, pyotr_again])

    assert summary.aliases_added == ["Petr Nikitin"]
    assert Alias.objects.filter(person=pyotr, name="Petr Nikitin", article=None).count() == 1
    assert not Alias.objects.filter(name="Pyotr Nikitin").exists()
    assert not Person.objects.filter(pk__in=[petr.pk, pyotr_again.pk]).exists()


def test_scoped_aliases_move_once_and_a_bare_first_name_stays_scoped(archive, pyotr):
    article = Article.objects.get(slug="serbias-russian-emigres-put-down-roots")
    Alias.objects.create(person=pyotr, name="Petya", article=article)
    petya = Person.objects.create(name="Petya")
    Alias.objects.create(person=petya, name="Petya", article=article)  # also Pyotr's
    other = Article.objects.get(slug="serbia-becomes-home-for-russians-fleeing-war")
    Alias.objects.create(person=petya, name="Petya", article=other)  # new to Pyotr

    summary = merge_duplicates(pyotr, [petya])

    assert sorted(
        Alias.objects.filter(person=pyotr, name="Petya").values_list("article__slug", flat=True)
    ) == sorted([article.slug, other.slug])
    # "Petya" names him only in those articles: no global alias is made of it.
    assert not Alias.objects.filter(name="Petya", article=None).exists()
    assert summary.aliases_added == []
    assert summary.moved["aliases"] == 1
    assert summary.already_there["aliases"] == 1


def test_blank_details_of_the_survivor_are_filled_from_the_duplicates(archive):
    survivor = Person.objects.create(name="Ivan Ivanov")
    duplicate = Person.objects.create(
        name="Ivan Ivanoff",
        description="A made-up man.",
        pseudonym="yes",
        pseudonym_note="The outlet says so.",
    )

    summary = merge_duplicates(survivor, [duplicate])

    survivor.refresh_from_db()
    assert (survivor.description, survivor.pseudonym, survivor.pseudonym_note) == (
        "A made-up man.",
        "yes",
        "The outlet says so.",
    )
    assert summary.filled == ["description", "name changed by the outlet", "pseudonym note"]


def test_an_outlets_published_articles_move_to_the_surviving_outlet(archive):
    meduza = Organization.objects.get(slug="meduza")
    copy = Organization.objects.create(name="Meduza (copy)", kind="media")
    article = Article.objects.get(slug="serbias-russian-emigres-put-down-roots")
    article.outlet = copy
    article.save()

    summary = merge_duplicates(meduza, [copy])

    article.refresh_from_db()
    assert article.outlet == meduza
    assert summary.moved["published articles"] == 1
    assert Alias.objects.filter(organization=meduza, name="Meduza (copy)").exists()
    assert not Organization.objects.filter(pk=copy.pk).exists()


def test_an_outlet_is_not_merged_into_an_organization_that_is_no_outlet(archive):
    meduza = Organization.objects.get(slug="meduza")
    society = Organization.objects.get(slug="russian-democratic-society")

    with pytest.raises(MergeError, match="not a media outlet"):
        merge_duplicates(society, [meduza])

    assert Organization.objects.filter(pk=meduza.pk).exists()
    assert meduza.published_articles.count() == 1


def test_merging_organizations_keeps_one_affiliation_per_person_and_role(archive):
    society = Organization.objects.get(slug="russian-democratic-society")
    twin = Organization.objects.create(name="Russian Democratic Society (Belgrade)", kind="ngo")
    pyotr = Person.objects.get(slug="pyotr-nikitin")
    anna = Person.objects.get(slug="anna-gorelik")
    Affiliation.objects.create(person=pyotr, organization=twin, role="co-founder")  # a repeat
    Affiliation.objects.create(person=anna, organization=twin, role="member")  # new

    summary = merge_duplicates(society, [twin])

    assert set(society.affiliations.values_list("person__slug", "role")) == {
        ("anna-gorelik", "volunteer"),
        ("anna-gorelik", "member"),
        ("pyotr-nikitin", "co-founder"),
    }
    assert summary.moved["affiliations"] == 1
    assert summary.already_there["affiliations"] == 1


def test_merging_places_moves_mentions_aliases_and_the_places_inside(archive):
    belgrade = Place.objects.get(slug="belgrade")
    beograd = Place.objects.create(name="Beograd (city)", kind="city")
    zemun = Place.objects.create(name="Zemun", kind="district", parent=beograd)
    mention = belgrade.mentions.order_by("pk").first()
    mention.entity = beograd
    mention.save()
    Alias.objects.create(place=beograd, name="Beograd")  # Belgrade has it already
    Alias.objects.create(place=beograd, name="Belgrad")

    summary = merge_duplicates(belgrade, [beograd])

    zemun.refresh_from_db()
    mention.refresh_from_db()
    assert zemun.parent == belgrade
    assert mention.place == belgrade
    assert set(belgrade.aliases.values_list("name", flat=True)) == {
        "Beograd",
        "Београд",
        "Belgrad",
        "Beograd (city)",
    }
    assert summary.moved == {"mentions": 1, "aliases": 1, "places inside it": 1}


def test_a_place_is_not_merged_into_a_place_inside_it(archive):
    belgrade = Place.objects.get(slug="belgrade")
    dorcol = Place.objects.get(slug="dorcol")
    children = set(belgrade.children.values_list("pk", flat=True))
    mentions = belgrade.mentions.count()

    with pytest.raises(MergeError, match="“Dorćol” lies inside “Belgrade”"):
        merge_duplicates(dorcol, [belgrade])

    assert Place.objects.filter(pk=belgrade.pk).exists()
    assert set(belgrade.children.values_list("pk", flat=True)) == children
    assert belgrade.mentions.count() == mentions


def test_a_place_is_not_merged_into_a_place_further_down_inside_it(archive):
    serbia = Place.objects.get(slug="serbia")
    dorcol = Place.objects.get(slug="dorcol")

    with pytest.raises(MergeError, match="lies inside “Serbia”"):
        merge_duplicates(dorcol, [serbia])


def test_a_place_inside_the_survivor_can_be_merged_into_it(archive):
    belgrade = Place.objects.get(slug="belgrade")
    dorcol = Place.objects.get(slug="dorcol")
    dorcol_mentions = dorcol.mentions.count()
    belgrade_mentions = belgrade.mentions.count()

    merge_duplicates(belgrade, [dorcol])

    assert not Place.objects.filter(slug="dorcol").exists()
    assert belgrade.mentions.count() == belgrade_mentions + dorcol_mentions
    assert belgrade.parent.slug == "serbia"


def test_a_survivor_without_a_parent_takes_the_duplicates_one(archive):
    serbia = Place.objects.get(slug="serbia")
    survivor = Place.objects.create(name="Kragujevac", kind="city")
    duplicate = Place.objects.create(name="Крагујевац", kind="city", parent=serbia)

    summary = merge_duplicates(survivor, [duplicate])

    survivor.refresh_from_db()
    assert survivor.parent == serbia
    assert "parent" in summary.filled


def test_duplicates_inside_one_another_are_merged_together(archive):
    serbia = Place.objects.get(slug="serbia")
    outer = Place.objects.create(name="Šumadija", kind="region", parent=serbia)
    inner = Place.objects.create(name="Sumadija", kind="region", parent=outer)
    town = Place.objects.create(name="Topola", kind="city", parent=inner)
    survivor = Place.objects.create(name="Šumadija region", kind="region")

    summary = merge_duplicates(survivor, [outer, inner])

    town.refresh_from_db()
    survivor.refresh_from_db()
    assert town.parent == survivor
    assert survivor.parent == serbia
    assert summary.moved["places inside it"] == 1
    assert not Place.objects.filter(pk__in=[outer.pk, inner.pk]).exists()


@pytest.mark.parametrize(
    "duplicates, message",
    [
        ([], "Choose at least one"),
        (["pyotr-nikitin"], "cannot be merged into itself"),
    ],
)
def test_merges_that_make_no_sense_are_refused(pyotr, duplicates, message):
    with pytest.raises(MergeError, match=message):
        merge_duplicates(pyotr, [Person.objects.get(slug=s) for s in duplicates])


def test_entities_of_different_kinds_are_not_merged(archive):
    belgrade = Place.objects.get(slug="belgrade")
    pyotr = Person.objects.get(slug="pyotr-nikitin")

    with pytest.raises(MergeError, match="only records of one kind"):
        merge_duplicates(pyotr, [belgrade])

    assert Place.objects.filter(pk=belgrade.pk).exists()


def test_a_merge_that_fails_half_way_changes_nothing(pyotr, peter, monkeypatch):
    def fail(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr("people.merge._Merger.fill_blanks", fail)

    with pytest.raises(RuntimeError):
        merge_duplicates(pyotr, [peter])

    assert Person.objects.filter(pk=peter.pk).exists()
    assert peter.mentions.count() == 2
    assert peter.quotes.count() == 1
    assert peter.aliases.count() == 2
    assert pyotr.mentions.count() == 15


def test_refusals_are_known_before_merging(archive):
    belgrade = Place.objects.get(slug="belgrade")
    dorcol = Place.objects.get(slug="dorcol")

    assert merge_refusal(belgrade, [dorcol]) is None
    assert "lies inside" in merge_refusal(dorcol, [belgrade])


def test_related_counts_list_what_would_move(pyotr, peter):
    assert dict(related_counts(peter)) == {
        "mentions": 2,
        "quotes": 1,
        "affiliations": 2,
        "aliases": 2,
        "articles written": 1,
        "articles edited": 1,
    }

import pytest

from articles.ingest.mentions import derive_mentions, inside_longer_name
from articles.models import Mention, Status
from people.models import Person
from tests.factories import ArticleFactory, PersonFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def people_named(article):
    return {(m.text, m.person.slug) for m in article.mentions.filter(person__isnull=False)}


def test_variant_spellings_point_to_one_person():
    nikitin = PersonFactory(name="Pyotr Nikitin", slug="pyotr-nikitin")
    nikitin.aliases.create(name="Peter Nikitin")
    nikitin.aliases.create(name="Nikitin")
    article = ArticleFactory(
        raw_text="T\nPeter Nikitin spoke. Later Pyotr Nikitin left; Nikitin’s group stayed.\n"
    )
    derive_mentions([article])
    assert people_named(article) == {
        ("Peter Nikitin", "pyotr-nikitin"),
        ("Pyotr Nikitin", "pyotr-nikitin"),
        ("Nikitin", "pyotr-nikitin"),
    }


def test_two_people_who_share_a_first_name_stay_apart():
    first = ArticleFactory(raw_text="T\nMaxim fled to Georgia and started a drag show.\n")
    second = ArticleFactory(raw_text="T\nAlexei and Maxim came from Moscow.\n")
    drag = PersonFactory(name="Maxim", slug="maxim-drag")
    drag.aliases.create(name="Maxim", article=first)
    friend = PersonFactory(name="Maxim", slug="maxim-friend")
    friend.aliases.create(name="Maxim", article=second)
    derive_mentions([first, second])
    assert people_named(first) == {("Maxim", "maxim-drag")}
    assert people_named(second) == {("Maxim", "maxim-friend")}


def test_a_name_ambiguous_inside_one_article_is_left_for_a_curator():
    article = ArticleFactory(raw_text="T\nTanya from Yekaterinburg met Tanya at the protest.\n")
    for slug in ("tanya-one", "tanya-two"):
        PersonFactory(name="Tanya", slug=slug).aliases.create(name="Tanya", article=article)
    report = derive_mentions([article])
    assert not article.mentions.exists()
    assert len(report.ambiguous) == 2


def test_longest_name_wins_and_words_inside_words_do_not_match():
    serbia = PlaceFactory(name="Serbia", slug="serbia", kind="country")
    belgrade = PlaceFactory(name="Belgrade", slug="belgrade", parent=serbia)
    pride = PlaceFactory(
        name="Belgrade Pride", slug="belgrade-pride-place", kind="venue", parent=belgrade
    )
    article = ArticleFactory(
        raw_text="T\nBelgrade Pride marched; Serbian police watched in Belgrade, Serbia.\n"
    )
    derive_mentions([article])
    found = {(m.text, m.place.slug) for m in article.mentions.all()}
    assert found == {("Belgrade Pride", pride.slug), ("Belgrade", "belgrade"), ("Serbia", "serbia")}


# -- a place's name inside a longer name is not the place (made-up text) ----------------


def named_inside_longer_name(text, name):
    start = text.index(name)
    return inside_longer_name(text, start, start + len(name))


@pytest.mark.parametrize(
    "text",
    [
        "Shops there are listed on a map called 'Little Mordovia' by its makers.",
        "She writes the Mordovia In Eurasia newsletter every week.",
        "They built a café they call “Greater Mordovia Lounge” near the river.",
        "The Old Mordovia quarter is gone.",
    ],
)
def test_a_place_inside_a_longer_capitalised_name_is_not_the_place(text):
    assert named_inside_longer_name(text, "Mordovia")


@pytest.mark.parametrize(
    "text",
    [
        "Mordovia is far away.",
        "In Mordovia, winters are long.",  # a capitalised word that only opens the sentence
        "“Mordovia is home,” she says.",
        "He said, “In Mordovia we were free.”",
        "Kazan’s Mordovia quarter, and Kazan's Mordovia market.",  # possessives
        "Welcome To Mordovia",  # a title-cased heading: the place itself
        "former Mordovia President Ivan Petrov",  # a title after the name
        "a mural that read “Death to Mordovia.” was painted over",  # a slogan, not a title
        "he clasps his hands and says, “Mordovia and Kazan. Forever.”",
        "prices in Mordovia T-shirts included",
        # A limit of the rule: one capitalised word after the name is too often not part of it.
        "Readers of the Mordovia Herald are few.",
    ],
)
def test_a_place_named_in_ordinary_prose_stays_a_mention(text):
    assert not named_inside_longer_name(text, "Mordovia")


def test_deriving_skips_a_place_inside_a_longer_name_but_not_a_person_or_a_venue():
    mordovia = PlaceFactory(name="Mordovia", slug="mordovia", kind="region")
    hall = PlaceFactory(name="Mordovia Hall", slug="mordovia-hall", kind="venue")
    ivan = PersonFactory(name="Ivan", slug="ivan-invented")
    article = ArticleFactory(
        raw_text="T\nA map titled 'Little Mordovia' shows Mordovia. "
        "Serbian Orthodox Mordovia Hall hosts Tsar Ivan.\n"
    )
    ivan.aliases.create(name="Ivan", article=article)
    derive_mentions([article])
    found = sorted((m.text, m.start, m.entity.slug) for m in article.mentions.all())
    paragraph = article.paragraphs.get().text
    assert found == sorted(
        [
            ("Mordovia", paragraph.index("shows Mordovia") + 6, mordovia.slug),
            ("Mordovia Hall", paragraph.index("Mordovia Hall"), hall.slug),
            ("Ivan", paragraph.index("Ivan"), ivan.slug),
        ]
    )


def test_rerunning_keeps_reviewed_mentions_and_changes_nothing_else():
    person = PersonFactory(name="Ilya Zernov", slug="ilya-zernov")
    article = ArticleFactory(raw_text="T\nIlya Zernov was assaulted. Ilya Zernov left.\n")
    derive_mentions([article])
    first, second = article.mentions.order_by("start")
    first.status = Status.REJECTED
    first.save()
    report = derive_mentions([article])
    assert report.created == 0 and report.removed == 0 and report.kept_reviewed == 1
    assert Mention.objects.get(pk=first.pk).status == Status.REJECTED
    assert article.mentions.count() == 2
    person.delete()
    assert article.mentions.count() == 0


def test_deriving_on_the_real_archive_is_idempotent(archive):
    before = sorted(
        Mention.objects.values_list(
            "paragraph_id", "start", "end", "person_id", "organization_id", "place_id", "status"
        )
    )
    report = derive_mentions()
    after = sorted(
        Mention.objects.values_list(
            "paragraph_id", "start", "end", "person_id", "organization_id", "place_id", "status"
        )
    )
    assert report.created == report.removed == report.updated == 0
    assert before == after


def test_the_real_archive_links_both_spellings_of_nikitin(archive):
    nikitin = Person.objects.get(slug="pyotr-nikitin")
    written = set(nikitin.mentions.values_list("text", flat=True))
    assert {"Pyotr Nikitin", "Peter Nikitin", "Nikitin"} <= written
    assert nikitin.mentioned_articles().count() == 3

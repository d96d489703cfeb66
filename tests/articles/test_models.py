import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, Mention, Quote, sha256_of
from people.models import Place
from tests.factories import ArticleFactory, PersonFactory, PlaceFactory, quote_in

pytestmark = pytest.mark.django_db


def test_saving_an_article_stores_the_sha256_of_its_raw_text():
    article = ArticleFactory(raw_text="Headline\nBody with ünïcode and Кириллица.\n")
    article.refresh_from_db()
    assert article.sha256 == sha256_of("Headline\nBody with ünïcode and Кириллица.\n")
    assert article.fixity_ok


def test_a_raw_text_changed_behind_the_models_back_fails_fixity():
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(raw_text=article.raw_text + "tampered")
    article.refresh_from_db()
    assert not article.fixity_ok


def test_unknown_date_precision_requires_no_date_in_the_database():
    article = ArticleFactory()
    article.published = datetime.date(2024, 1, 1)
    article.date_precision = "unknown"
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_date_precision_outside_the_choices_is_rejected_by_the_database():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(date_precision="century")


def test_clean_explains_date_mistakes_to_a_curator():
    article = ArticleFactory.build(published=datetime.date(2024, 3, 5), date_precision="year")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "1 January" in str(error.value)


def test_date_display_respects_precision():
    assert (
        ArticleFactory(published=datetime.date(2025, 2, 1), date_precision="day").date_display
        == "1 February 2025"
    )
    assert (
        ArticleFactory(published=datetime.date(2022, 1, 1), date_precision="year").date_display
        == "2022"
    )
    assert ArticleFactory().date_display == "Date unknown"


def test_a_quote_that_is_not_at_its_offsets_is_rejected_with_a_readable_message():
    article = ArticleFactory(raw_text="T\nShe said it was “never the plan” at all.\n")
    paragraph = article.paragraphs.get()
    quote = Quote(article=article, paragraph=paragraph, start=0, end=10, text="never the plan")
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "is not at 0–10 of paragraph 1" in str(error.value)


def test_a_quote_not_in_its_article_is_rejected():
    article = ArticleFactory(raw_text="T\nNothing quotable here.\n")
    paragraph = article.paragraphs.get()
    quote = Quote(article=article, paragraph=paragraph, start=0, end=5, text="Peace")
    with pytest.raises(ValidationError):
        quote.full_clean()


def test_a_quote_in_another_articles_paragraph_is_rejected():
    first, second = ArticleFactory(), ArticleFactory()
    paragraph = second.paragraphs.get()
    quote = Quote(article=first, paragraph=paragraph, start=0, end=3, text=paragraph.text[:3])
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "another article" in str(error.value)


def test_a_valid_quote_passes_validation():
    article = ArticleFactory(raw_text="T\nShe said “never the plan” twice.\n")
    quote = quote_in(article.paragraphs.get(), "never the plan", speaker=PersonFactory())
    quote.full_clean()
    assert quote.words == "never the plan"


def test_a_place_cannot_be_its_own_ancestor():
    serbia = PlaceFactory(name="Serbia", kind="country")
    belgrade = PlaceFactory(name="Belgrade", parent=serbia)
    district = PlaceFactory(name="Novi Beograd", kind="district", parent=belgrade)
    serbia.parent = district
    with pytest.raises(ValidationError) as error:
        serbia.full_clean()
    assert "own ancestor" in str(error.value)
    assert [p.name for p in district.ancestors()] == ["Belgrade", "Serbia"]


def test_a_place_cannot_be_its_own_parent_in_the_database():
    place = PlaceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.filter(pk=place.pk).update(parent=place)


def test_a_mention_must_point_at_exactly_one_entity():
    article = ArticleFactory()
    paragraph = article.paragraphs.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(article=article, paragraph=paragraph, start=0, end=3, text="The")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(
            article=article,
            paragraph=paragraph,
            start=0,
            end=3,
            text="The",
            person=PersonFactory(),
            place=PlaceFactory(),
        )


def test_a_global_alias_is_unique_per_entity_but_scoped_ones_may_repeat():
    person = PersonFactory()
    first, second = ArticleFactory(), ArticleFactory()
    person.aliases.create(name="Max")
    with pytest.raises(IntegrityError), transaction.atomic():
        person.aliases.create(name="Max")
    person.aliases.create(name="Maxie", article=first)
    person.aliases.create(name="Maxie", article=second)
    assert person.aliases.filter(name="Maxie").count() == 2


def test_an_alias_records_its_script():
    person = PersonFactory(name="Aleksandar Vučić")
    assert person.aliases.create(name="Вучић").script == "Cyrl"
    assert person.aliases.create(name="Vucic").script == "Latn"


def test_natural_keys_round_trip():
    article = ArticleFactory()
    paragraph = article.paragraphs.get()
    assert Article.objects.get_by_natural_key(*article.natural_key()) == article
    assert type(paragraph).objects.get_by_natural_key(*paragraph.natural_key()) == paragraph


def test_saving_a_changed_raw_text_keeps_the_original_checksum_and_clean_refuses_it():
    article = ArticleFactory()
    original = article.sha256
    article.raw_text += "an edit that would corrupt the archival original"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "cannot change" in str(error.value)
    article.save()
    article.refresh_from_db()
    assert article.sha256 == original and not article.fixity_ok


def test_articles_with_the_same_title_get_distinct_slugs():
    first = ArticleFactory(title="Same headline", slug="")
    second = ArticleFactory(title="Same headline", slug="")
    assert first.slug == "same-headline" and second.slug == "same-headline-2"

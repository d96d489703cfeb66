"""Factories for records a test invents (the real archive comes from the `archive` fixture)."""

import factory

from articles.models import Article, Mention, Paragraph, Quote, sha256_of
from people.models import Alias, Organization, Person, Place


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Invented Person {n}")
    slug = factory.Sequence(lambda n: f"invented-person-{n}")
    description = "Someone a test made up."


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Invented Organization {n}")
    slug = factory.Sequence(lambda n: f"invented-organization-{n}")
    kind = Organization.Kind.NGO


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Invented Place {n}")
    slug = factory.Sequence(lambda n: f"invented-place-{n}")
    kind = Place.Kind.CITY


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    name = factory.Sequence(lambda n: f"Alias {n}")
    person = factory.SubFactory(PersonFactory)


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article whose paragraphs are the non-empty lines of its raw text."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Invented article {n}")
    slug = factory.Sequence(lambda n: f"invented-article-{n}")
    source_name = factory.Sequence(lambda n: f"invented-{n}.txt")
    raw_text = factory.Sequence(
        lambda n: f"An invented headline\nThe first paragraph of invented article {n}.\n"
    )
    sha256 = factory.LazyAttribute(lambda a: sha256_of(a.raw_text))

    @factory.post_generation
    def paragraphs(self, create, extracted, **kwargs):
        if not create:
            return
        lines = [line for line in self.raw_text.split("\n")[1:] if line.strip()]
        for position, line in enumerate(lines, 1):
            Paragraph.objects.create(article=self, position=position, text=line)


def quote_in(paragraph, text, speaker=None, **fields):
    start = paragraph.text.index(text)
    return Quote.objects.create(
        article=paragraph.article,
        paragraph=paragraph,
        start=start,
        end=start + len(text),
        text=text,
        speaker=speaker,
        **fields,
    )


def mention_in(paragraph, text, entity, **fields):
    start = paragraph.text.index(text)
    mention = Mention(
        article=paragraph.article,
        paragraph=paragraph,
        start=start,
        end=start + len(text),
        text=text,
        **fields,
    )
    mention.entity = entity
    mention.save()
    return mention

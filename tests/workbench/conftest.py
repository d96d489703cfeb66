import pytest
from django.test import Client

from tests.factories import ArticleFactory, PersonFactory, quote_in
from workbench.models import Collection, ResearcherProfile


def make_researcher(django_user_model, username, approved=True):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw-long-enough"
    )
    ResearcherProfile.objects.create(user=user, approved=approved)
    return user


@pytest.fixture
def alice(db, django_user_model):
    return make_researcher(django_user_model, "alice")


@pytest.fixture
def bob(db, django_user_model):
    return make_researcher(django_user_model, "bob")


@pytest.fixture
def alice_client(alice):
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob):
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def unsigned_quote(db):
    """A quote in an article with no author and no date, in no outlet."""
    article = ArticleFactory(
        title="Queues at the police station",
        slug="queues-at-the-police-station",
        source_name="queues.txt",
        raw_text="Queues at the police station\nPeople wait. “We come back every week,” she said.\n",
    )
    paragraph = article.paragraphs.get(position=1)
    return quote_in(
        paragraph, "We come back every week", speaker=None, speaker_note="a woman in the queue"
    )


@pytest.fixture
def speaker_quote(db):
    person = PersonFactory(name="Ana Petrović", slug="ana-petrovic")
    article = ArticleFactory(
        title="Rents rise in Novi Sad",
        slug="rents-rise",
        source_name="rents.txt",
        raw_text="Rents rise in Novi Sad\n“Prices doubled,” said Ana Petrović.\n",
    )
    return quote_in(article.paragraphs.get(position=1), "Prices doubled", speaker=person)


@pytest.fixture
def alice_collection(alice):
    return Collection.objects.create(owner=alice, name="Paper on queues")

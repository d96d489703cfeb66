"""A Serbian article is found by the archive's names: "Nikitin" finds "Nikitina" (the Serbian
stemmer, indexed for Serbian texts only), and "Belgrade", "Beograd" and "Београд" find
"u Beogradu" once a curator confirms the declined form as an alias of the place."""

import pytest
from django.urls import reverse

from archive.search.analysis import (
    archive_analyzer,
    language_stem_token,
    tag_language,
    word_variants,
)
from archive.text import fold
from articles.models import Article
from people.models import Place
from tests.helpers import html_of

pytestmark = pytest.mark.django_db

SERBIAN = """Šahovski klub otvoren na Dorćolu
Autor: Milica Janković
22. april 2024.
Novi šahovski klub počeo je da radi prošle nedelje, u podrumu stare zgrade.
Klub vodi programer koji je iz Moskve stigao u Beogradu pre dve godine. Prijatelji Nikitina kažu da se turnir igra svake subote.
Izvor: Gradski list
"""
ENGLISH = """A bakery on the river
The bakery opened last week in a cellar. Its owner, a former engineer, bakes rye bread.
Friends say the queue starts at seven every morning.
"""
TITLE = "Šahovski klub otvoren na Dorćolu"


@pytest.fixture
def curated(archive, client, admin_client, django_capture_on_commit_callbacks):
    """The Serbian capture imported, its "Beogradu" confirmed as Belgrade, its mentions
    accepted and the article published, all through the admin."""
    belgrade = Place.objects.get(slug="belgrade")  # the archive's, with Beograd and Београд
    assert {"Beograd", "Београд"} <= set(belgrade.aliases.values_list("name", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        for name, text in (("sah.txt", SERBIAN), ("bakery.txt", ENGLISH)):
            admin_client.post(reverse("review:import"), {"text": text, "name": name})
    with django_capture_on_commit_callbacks(execute=True):
        for article in Article.objects.filter(source_name__in=["sah.txt", "bakery.txt"]):
            if article.language == "sr":
                admin_client.post(
                    reverse("review:confirm-alias", args=[article.slug]),
                    {"name": "Beogradu", "entity": "place:belgrade"},
                )
                admin_client.post(
                    reverse("review:mentions", args=[article.slug]),
                    {"everything": "on", "action": "accept"},
                )
            admin_client.post(reverse("review:publish", args=[article.slug]))
    assert (
        Article.objects.filter(source_name__in=["sah.txt", "bakery.txt"], state="published").count()
        == 2
    )
    assert belgrade.mentions.filter(text="Beogradu", status="confirmed").exists()
    return client


def titles(client, q):
    page = html_of(client, "/search/", q=q)
    return {title for title in (TITLE, "A bakery on the river") if title in page}


@pytest.mark.parametrize(
    "q", ["Nikitin", "Nikitinu", "Никитин", "Belgrade", "Beograd", "Београд", "Beogradom"]
)
def test_the_serbian_article_is_found_by_the_archive_s_names(curated, q):
    assert titles(curated, q) == {TITLE}


def test_an_english_article_keeps_its_english_stems_only(curated):
    assert titles(curated, "bakeries") == {"A bakery on the river"}
    assert titles(curated, "Nikitinu") == {TITLE}  # a declined form reaches Serbian texts


def index_tokens_of(text):
    return [(t.text, t.pos) for t in archive_analyzer()(text, mode="index", positions=True)]


def test_only_a_tagged_document_gets_its_language_s_stems():
    text = "Prijatelji Nikitina kažu: u Beogradu"
    english = index_tokens_of(text)
    serbian = index_tokens_of(tag_language("sr", text))
    assert not any(token.startswith("~sr~") for token, _ in english)
    assert ("~sr~nikitin", 1) in serbian and ("~sr~beograd", 4) in serbian
    assert [t for t in serbian if not t[0].startswith("~sr~")] == english
    assert tag_language("en", text) == text  # English has its Porter stems already


def test_a_russian_declined_name_and_its_base_form_share_a_stem():
    assert language_stem_token(fold("Никитиным"), "ru") == language_stem_token("nikitin", "ru")
    assert "~ru~nikitin" in word_variants("nikitin")

"""A search carried into the reader: what `hl` a hit carries and what the reader marks."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from archive.search.marking import MAX_HL_LENGTH, carried_query, marking_for
from archive.search.query import parse
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "carried"),
    [
        ("“we deserve it”", '"we deserve it"'),
        ("Nikitin interpreter", "Nikitin interpreter"),
        ("Yandex OR Wargaming", "Yandex OR Wargaming"),
        ('Belgrade -Putin -"a phrase"', "Belgrade"),
        ("Vuksan* type:quote year:2022 person:nikitin", "Vuksan*"),
        ('"Peter Nikitin" OR Vucic -war', '"Peter Nikitin" OR Vucic'),
    ],
)
def test_a_hit_carries_the_positive_clauses_as_typed(typed, carried):
    assert carried_query(parse(typed).text) == carried


def test_what_is_carried_is_bounded_to_whole_clauses():
    words = " ".join(f"word{n}" for n in range(60))  # 400 characters: a search can be 500
    carried = carried_query(words)
    assert len(carried) <= MAX_HL_LENGTH
    assert carried.split() == [f"word{n}" for n in range(len(carried.split()))]
    phrase = carried_query('"' + " ".join(["deserve"] * 50) + '"')
    assert len(phrase) <= MAX_HL_LENGTH and phrase.startswith('"deserve deserve')
    assert parse(phrase).words()[0].kind == "phrase"  # read back as a phrase


def test_the_reader_marks_a_phrase_as_a_sequence_and_a_word_in_any_form(archive):
    phrase = marking_for('"we deserve it"')
    assert phrase.highlighter.sequences == {("we", "deserve", "it")}
    assert not phrase.highlighter.exact and phrase.described == ["the phrase “we deserve it”"]
    word = marking_for("fleeing")
    assert word.highlighter.matches("They fled; fleeing, they flee.")
    assert [t for _, _, t in word.highlighter.matches("fleeing and flee")] == [
        ("fleeing",),
        ("flee",),
    ]


def test_the_reader_expands_names_and_transliterations_as_the_search_does(archive):
    cyrillic = marking_for("Вучић")
    spans = cyrillic.highlighter.matches("Vučić met Vucic and Aleksandar Vučić.")
    assert len(spans) == 3
    assert "every spelling of Aleksandar Vučić" in cyrillic.described


@pytest.mark.parametrize("hl", ["", "   ", "-war", "type:quote", "OR", "*", "\x00\x07"])
def test_nothing_to_mark_marks_nothing(archive, hl):
    assert not marking_for(hl)


def test_a_quote_search_hit_opens_the_article_marking_only_that_phrase(client, archive_index):
    response = client.get(reverse("search_api"), {"q": "“we deserve it”", "type": "article"})
    hit = response.json()["results"][0]
    url = urlsplit(hit["url"])
    assert parse_qs(url.query) == {"hl": ['"we deserve it"']}
    article = Article.objects.get(source_name__startswith="003_")
    assert url.path == article.get_absolute_url()
    html = client.get(f"{url.path}?{url.query}").content.decode()
    assert html.count("<mark") == 1
    assert '<mark id="m1" tabindex="-1">We deserve it</mark>' in html

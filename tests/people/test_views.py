"""Person, organization and place pages, the browse lists, and the entity exports."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from people.models import Affiliation, Alias, Organization, Person, Place
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
    mention_in,
    quote_in,
)
from tests.helpers import HOSTILE, html_of

pytestmark = pytest.mark.django_db


def streamed(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    if response["Content-Type"].startswith("text/csv"):
        assert text.startswith("\ufeff")  # the BOM that makes spreadsheets read UTF-8
        text = text[1:]
    return text


# -- the real archive -------------------------------------------------------------


def test_person_page(client, archive):
    html = html_of(client, reverse("people:person", args=["pyotr-nikitin"]))
    assert "<h1>Pyotr Nikitin</h1>" in html
    assert "Also written as" in html and "Cyrl" in html  # aliases with their script
    assert "Affiliations" in html and 'href="/organizations/russian-democratic-society/"' in html
    assert '<section class="quotes"><h2>Quotes</h2>' in html
    assert "Appears alongside" in html
    assert "Mentions over time" in html
    assert re.search(r'<a href="/articles/[a-z0-9-]+/#p\d+">¶\d+</a> ', html)  # KWIC lines
    assert "<mark>" in html


def test_entity_timeline_counts_undated_articles_apart(client, archive):
    html = html_of(client, reverse("people:person", args=["vladimir-putin"]))
    timeline = html.split('<section class="timeline"')[1].split("</section>")[0]
    assert '<g class="bar bar-unknown">' in timeline
    assert "<strong>Date unknown</strong>" in timeline
    assert "<strong>2022</strong>" in timeline and "<strong>2025</strong>" in timeline
    # The years between are drawn empty rather than left out.
    assert ">2023</text>" in timeline and ">2024</text>" in timeline
    assert "<strong>2023</strong>" not in timeline


def test_neighbours_are_ranked_by_shared_paragraphs(client, archive):
    html = html_of(client, reverse("people:person", args=["vladimir-putin"]))
    section = html.split('<section class="neighbours"')[1].split("</section>")[0]
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)
    assert names[0] == "Russia"
    assert "Kremlin" in names
    assert "affiliation: Russian President" in section


def test_organization_page(client, archive):
    html = html_of(client, reverse("people:organization", args=["kremlin"]))
    assert "<h1>Kremlin</h1>" in html
    assert 'href="/people/vladimir-putin/"' in html
    assert "Appears alongside" in html and "Mentions" in html


def test_place_page_shows_parent_and_children(client, archive):
    belgrade = Place.objects.get(slug="belgrade")
    html = html_of(client, belgrade.get_absolute_url())
    assert f'href="{belgrade.parent.get_absolute_url()}"' in html  # breadcrumb
    for child in belgrade.children.all():
        assert f'href="{child.get_absolute_url()}"' in html
    assert "Appears alongside" in html


@pytest.mark.parametrize("url_name", ["people:person", "people:organization", "people:place"])
def test_unknown_slug_is_a_404_page(client, archive, url_name):
    html = html_of(client, reverse(url_name, args=["nobody-at-all"]), status=404)
    assert "Not found" in html


@pytest.mark.parametrize(
    ("url_name", "slug", "most"),
    [
        ("people:person", "vladimir-putin", 16),
        ("people:organization", "kremlin", 14),
        ("people:place", "belgrade", 12),
    ],
)
def test_entity_pages_take_constant_queries(
    client, archive, django_assert_max_num_queries, url_name, slug, most
):
    with django_assert_max_num_queries(most):
        html_of(client, reverse(url_name, args=[slug]))


@pytest.mark.parametrize(
    ("url_name", "most"),
    [("people:person_list", 3), ("people:organization_list", 3), ("people:place_list", 2)],
)
def test_lists_take_constant_queries(
    client, archive, django_assert_max_num_queries, url_name, most
):
    with django_assert_max_num_queries(most):
        html = html_of(client, reverse(url_name))
    assert "Page 1 of 2" in html  # 70-odd of each, 50 a page
    html_of(client, reverse(url_name), page=2)


def test_people_are_a_to_z_and_organizations_grouped_by_kind(client, archive):
    html = html_of(client, reverse("people:person_list"))
    names = re.findall(r'<li><a href="/people/[^"]+/">([^<]+)</a>', html)
    assert len(names) == 50 and names == sorted(names)
    html = html_of(client, reverse("people:organization_list"))
    assert "<h2>Media outlet</h2>" in html


def test_places_are_nested_under_their_parent(client, archive):
    html = html_of(client, reverse("people:place_list"))
    serbia = html.index('href="/places/serbia/"')
    belgrade = html.index('href="/places/belgrade/"')
    assert serbia < belgrade
    assert re.search(r'class="depth-1"><a href="/places/belgrade/"', html)


# -- invented records -----------------------------------------------------------------


@pytest.fixture
def world(empty_archive):
    """Two articles, one dated and one not, naming Ana, Org and Town."""
    ana = PersonFactory(name="Ana Example", slug="ana")
    org = OrganizationFactory(name="Org Example", slug="org")
    town = PlaceFactory(name="Town", slug="town")
    Affiliation.objects.create(person=ana, organization=org, role="founder")
    dated = ArticleFactory(
        raw_text="H\nAna met Org in Town.\nAna again.\n",
        published="2023-05-01",
        date_precision="month",
    )
    undated = ArticleFactory(raw_text="H\nOrg spoke. Ana listened.\n")
    p1, p2 = dated.paragraphs.get(position=1), dated.paragraphs.get(position=2)
    mention_in(p1, "Ana", ana)
    mention_in(p1, "Org", org)
    mention_in(p1, "Town", town)
    mention_in(p2, "Ana", ana)
    q = undated.paragraphs.get(position=1)
    mention_in(q, "Org", org)
    mention_in(q, "Ana", ana)
    quote_in(q, "Org spoke.", speaker=ana)
    return {"ana": ana, "org": org, "town": town, "dated": dated, "undated": undated}


def test_invented_person_page(client, world):
    html = html_of(client, world["ana"].get_absolute_url())
    assert "3 mentions in 2 articles" in html
    assert "<strong>2023</strong>: 2 mentions" in html
    assert "<strong>Date unknown</strong>: 1 mention" in html
    section = html.split('<section class="neighbours"')[1].split("</section>")[0]
    assert "2 paragraphs together, 2 articles · affiliation: Founder" in section
    assert "1 paragraph together, 1 article" in section  # Town


def test_hostile_names_are_escaped_on_entity_pages(client, world):
    Person.objects.filter(pk=world["ana"].pk).update(name=HOSTILE, description=HOSTILE)
    Alias.objects.create(person=world["ana"], name=f"Ana {HOSTILE}")
    for entity in (world["ana"], world["org"], world["town"]):
        html = html_of(client, entity.get_absolute_url())
        assert HOSTILE not in html
    html = html_of(client, reverse("people:person_list"))
    assert HOSTILE not in html and "&lt;script&gt;" in html


# -- exports ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["people", "organizations", "places"])
def test_entity_csv_export(client, archive, kind):
    response = client.get(reverse(f"people:{kind}_export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{kind}.csv"'
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
    model = {"people": Person, "organizations": Organization, "places": Place}[kind]
    assert len(rows) == model.objects.count()
    assert all(row["url"].startswith("http://testserver/") for row in rows)


def test_people_csv_has_aliases_and_counts(client, archive):
    rows = list(csv.DictReader(io.StringIO(streamed(client.get("/people/export.csv")))))
    putin = next(row for row in rows if row["slug"] == "vladimir-putin")
    assert "Владимир Путин (Cyrl)" in putin["aliases"].split(" | ")
    assert int(putin["mentions"]) > 20 and int(putin["articles"]) == 5
    assert "Russian President, Kremlin" in putin["affiliations"]


def test_places_json_export(client, archive):
    response = client.get("/places/export.json")
    assert response["Content-Disposition"] == 'attachment; filename="places.json"'
    data = json.loads(streamed(response))
    assert data["count"] == len(data["places"]) == Place.objects.count()
    belgrade = next(p for p in data["places"] if p["slug"] == "belgrade")
    assert belgrade["parent_slug"] == "serbia"
    assert isinstance(belgrade["aliases"], list)


def test_csv_export_defuses_formulas(client, empty_archive):
    PersonFactory(name='=HYPERLINK("http://evil.example","click")', description="+1 -2")
    PersonFactory(name="@SUM(A1)", description=HOSTILE)
    text = streamed(client.get("/people/export.csv"))
    rows = list(csv.DictReader(io.StringIO(text)))
    names = {row["name"] for row in rows}
    assert names == {'\'=HYPERLINK("http://evil.example","click")', "'@SUM(A1)"}
    assert {row["description"] for row in rows} == {"'+1 -2", HOSTILE}
    data = json.loads(streamed(client.get("/people/export.json")))
    assert {p["name"] for p in data["people"]} == {
        '=HYPERLINK("http://evil.example","click")',
        "@SUM(A1)",
    }  # JSON carries it as data


def test_exports_take_constant_queries(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        streamed(client.get("/people/export.csv"))


def test_undated_only_timeline_and_no_timeline_without_mentions(client, world):
    org_html = html_of(client, world["org"].get_absolute_url())
    assert "<strong>2023</strong>: 1 mention" in org_html
    town_html = html_of(client, world["town"].get_absolute_url())
    assert "<strong>2023</strong>: 1 mention" in town_html and "Date unknown" not in town_html
    loner = PersonFactory(name="Nobody Mentioned")
    html = html_of(client, loner.get_absolute_url())
    assert "Mentions over time" not in html and "Appears alongside" not in html
    assert "No mentions in the articles yet." in html
    undated_only = PersonFactory(name="Only Undated")
    mention_in(world["undated"].paragraphs.get(position=1), "listened", undated_only)
    html = html_of(client, undated_only.get_absolute_url())
    timeline = html.split('<section class="timeline"')[1].split("</section>")[0]
    assert timeline.count('<g class="bar') == 1 and "bar-unknown" in timeline


def test_people_export_counts_each_in_its_own_subquery(
    client, empty_archive, django_assert_max_num_queries
):
    """Mentions and quotes of a person are counted apart: one query joining both multiplied
    the rows (mentions x quotes) and took 11 s at 1,000 articles. Rejected ones do not count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Status

    person = PersonFactory(name="Darya Ivanova")
    for n in range(3):
        article = ArticleFactory(
            raw_text=f"Headline\nDarya Ivanova said “we stay {n}”. "
            f"Ivanova again said “and {n} more”.\n"
        )
        paragraph = article.paragraphs.get()
        mention_in(paragraph, "Darya Ivanova", person)
        mention_in(
            paragraph, "Ivanova", person, status=Status.REJECTED if n == 2 else Status.CONFIRMED
        )
        quote_in(paragraph, f"we stay {n}", speaker=person)
        quote_in(
            paragraph,
            f"and {n} more",
            speaker=person,
            status=Status.REJECTED if n else Status.CONFIRMED,
        )

    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(5):
        rows = list(csv.DictReader(io.StringIO(streamed(client.get("/people/export.csv")))))

    assert [(r["name"], r["mentions"], r["articles"], r["quotes"]) for r in rows] == [
        ("Darya Ivanova", "5", "3", "4")
    ]
    people = next(
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].rsplit(' FROM "people_person"', 1)[0] != q["sql"]
    )
    outer = people.rsplit(' FROM "people_person"', 1)[1]
    assert 'JOIN "articles_mention"' not in outer and 'JOIN "articles_quote"' not in outer


def crowded_place(mentions, articles=4, years=4):
    """A town named `mentions` times, spread over `articles` articles and `years` years."""
    from articles.models import Mention, Status

    town = PlaceFactory(name="Crowdtown", slug="crowdtown")
    per_article = mentions // articles
    rows = []
    for n in range(articles):
        article = ArticleFactory(
            raw_text=f"H{n}\n" + "Crowdtown is busy. " * per_article + "\n",
            published=f"{2020 + n % years}-01-{1 + n // years:02d}",
            date_precision="day",
        )
        paragraph = article.paragraphs.get()
        rows += [
            Mention(
                article=article,
                paragraph=paragraph,
                start=i * 19,
                end=i * 19 + 9,
                text="Crowdtown",
                place=town,
                status=Status.CONFIRMED,
            )
            for i in range(per_article)
        ]
    Mention.objects.bulk_create(rows)
    return town


@pytest.mark.parametrize("mentions", [400, 1600])
def test_a_big_place_page_is_paginated_with_bounded_size_and_queries(
    client, empty_archive, django_assert_max_num_queries, mentions
):
    town = crowded_place(mentions)
    with django_assert_max_num_queries(14):
        html = html_of(client, town.get_absolute_url())
    assert f"{mentions:,} mentions in 4 articles".replace(",", "") in html.replace(",", "")
    assert html.count('<ul class="kwic"><li>') >= 1
    assert html.count("<mark>") == 100  # one page of mentions, not all of them
    assert "Mentions 1–100 on this page." in html
    pages = mentions // 100
    assert '<nav class="pager" aria-label="Pages of mentions">' in html
    assert f"<span>Page 1 of {pages}</span>" in html
    assert '<a rel="next" href="?page=2">Next →</a>' in html
    # Each article's heading gives its whole count, though the page shows a part of it.
    assert f"{mentions // 4} mentions</span></h3>" in html
    assert len(html) < 60_000  # about 28 KB for 400 mentions and for 1,600

    last = html_of(client, town.get_absolute_url(), page=pages)
    assert last.count("<mark>") == 100 and '<a rel="prev"' in last
    assert f"Mentions {mentions - 99}–{mentions} on this page." in last
    assert html_of(client, town.get_absolute_url(), page="nonsense").count("<mark>") == 100


def test_a_persons_quotes_are_paginated(client, empty_archive):
    from articles.models import Quote

    person = PersonFactory(name="Talkative", slug="talkative")
    article = ArticleFactory(raw_text="H\n" + "“Yes.” " * 120 + "\n")
    paragraph = article.paragraphs.get()
    Quote.objects.bulk_create(
        [
            Quote(
                article=article,
                paragraph=paragraph,
                start=i * 7 + 1,
                end=i * 7 + 5,
                text="Yes.",
                speaker=person,
            )
            for i in range(120)
        ]
    )
    html = html_of(client, person.get_absolute_url())
    quotes = html.split('<section class="quotes">')[1].split("</section>")[0]
    assert quotes.count("<li>") == 50
    assert "120 quotes; 1–50 on this page." in quotes
    assert '<nav class="pager" aria-label="Pages of quotes">' in quotes
    assert '<a rel="next" href="?quotes=2">Next →</a>' in quotes
    third = html_of(client, person.get_absolute_url(), quotes=3)
    quotes = third.split('<section class="quotes">')[1].split("</section>")[0]
    assert quotes.count("<li>") == 20 and '<ol start="101">' in quotes


def test_the_timeline_names_ten_articles_a_year_and_counts_the_rest(client, empty_archive):
    town = crowded_place(96, articles=24, years=2)
    html = html_of(client, town.get_absolute_url())
    timeline = html.split('<section class="timeline"')[1].split("</section>")[0]
    assert "<strong>2020</strong>: 48 mentions in" in timeline
    assert timeline.count('<span class="meta">') == 20  # ten articles for each of two years
    assert timeline.count("; and 2 more articles</li>") == 2

"""The reading pages: article list, article, raw capture, quote, and citation downloads."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    mention_in,
    quote_in,
)
from tests.helpers import HOSTILE, html_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(archive):
    return Article.objects.get(source_name__startswith="004_")


@pytest.fixture
def meduza(archive):
    return Article.objects.get(source_name__startswith="000_")


@pytest.fixture
def unsigned(archive):
    return Article.objects.get(source_name__startswith="001_")


# -- the list -----------------------------------------------------------------------


def test_article_list_by_date_with_unknown_dates_last(client, archive):
    html = html_of(client, reverse("articles:list"))
    dated = html.index("Serbia becomes home for Russians fleeing war")  # 2025
    year_only = html.index("Belgrade&#x27;s Russian Emigres")  # 2022
    undated = html.index("Nearly three years after fleeing")  # unknown
    assert dated < year_only < undated
    assert "Date unknown" in html and "1 February 2025" in html


def test_article_list_paginates_in_constant_queries(
    client, empty_archive, django_assert_max_num_queries
):
    outlet = OrganizationFactory(kind="media")
    for _ in range(30):
        article = ArticleFactory(outlet=outlet)
        article.authors.add(PersonFactory())
    with django_assert_max_num_queries(4):
        html = html_of(client, reverse("articles:list"))
    assert "Page 1 of 2" in html and 'rel="next" href="?page=2"' in html
    assert html.count('class="meta">by ') == 25
    html = html_of(client, reverse("articles:list"), page=2)
    assert html.count('class="meta">by ') == 5
    # A page past the end or not a number shows the nearest page rather than failing.
    assert "Page 2 of 2" in html_of(client, reverse("articles:list"), page=99)
    assert "Page 1 of 2" in html_of(client, reverse("articles:list"), page="x")


# -- the article --------------------------------------------------------------------


def test_article_page_shows_what_a_researcher_needs(client, signed):
    html = html_of(client, signed.get_absolute_url())
    assert "<h1>Serbia becomes home for Russians fleeing war</h1>" in html
    assert 'href="/organizations/the-european-correspondent/"' in html
    assert ">Nevena Vračar</a>" in html
    assert "1 February 2025" in html and "precision: day" in html
    for position in range(1, 5):
        assert f'id="p{position}"' in html
    assert 'class="mention mention-place" href="/places/serbia/"' in html
    assert signed.sha256 in html and signed.source_name in html
    assert reverse("articles:raw", args=[signed.slug]) in html


def test_every_paragraph_has_a_stable_anchor_and_captions_stand_apart(client, unsigned):
    html = html_of(client, unsigned.get_absolute_url())
    positions = [int(p) for p in re.findall(r'id="p(\d+)"', html)]
    assert sorted(positions) == [p.position for p in unsigned.paragraphs.all()]
    caption = unsigned.paragraphs.get(kind="caption", text__startswith="The ruins")
    captions = html.split('<section class="captions">')[1].split("</section>")[0]
    assert f'<p id="p{caption.position}" class="caption">' in captions
    body = html.split('<div class="body">')[1].split("</div>")[0]
    assert f'id="p{caption.position}"' not in body


def test_quotes_are_marked_and_linked_to_their_page(client, unsigned):
    quote = Quote.objects.filter(article=unsigned, speaker__slug="pyotr-nikitin").first()
    html = html_of(client, unsigned.get_absolute_url())
    assert f'<span class="quote" data-quote="{quote.get_absolute_url()}">' in html
    assert f'<a href="{quote.get_absolute_url()}">“{quote.words}”</a>' in html.replace(
        "&#x27;", "'"
    )


def test_unknown_author_outlet_and_date_are_said_plainly(client, unsigned):
    html = html_of(client, unsigned.get_absolute_url())
    assert html.count("Unknown (the text does not name one)") == 2
    assert "Date unknown" in html
    assert "devised by the archive" in html
    assert 'name="citation_publication_date"' not in html
    assert 'name="citation_author"' not in html


def test_highwire_tags_for_zotero(client, signed):
    html = html_of(client, signed.get_absolute_url())
    url = f"http://testserver{signed.get_absolute_url()}"
    for tag in (
        '<meta name="citation_title" content="Serbia becomes home for Russians fleeing war">',
        '<meta name="citation_author" content="Nevena Vračar">',
        '<meta name="citation_publication_date" content="2025/02/01">',
        '<meta name="citation_journal_title" content="The European Correspondent">',
        '<meta name="citation_publisher" content="The European Correspondent">',
        f'<meta name="citation_public_url" content="{url}">',
        f'<meta name="citation_fulltext_html_url" content="{url}">',
    ):
        assert tag in html


def test_year_precision_date_in_highwire_is_the_year_only(client, archive):
    article = Article.objects.get(source_name__startswith="003_")
    html = html_of(client, article.get_absolute_url())
    assert '<meta name="citation_publication_date" content="2022">' in html


# -- arriving from a search: what is marked, and next/previous ------------------------------


def marked(html):
    """The text of every mark on the page, a mark cut by a link's edge joined again."""
    body = html.split('<div class="body">', 1)[1]
    body = re.sub(r"</mark>(</a>)?(<a [^>]*>)?<mark>", r"\1\2", body)
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", body)]


@pytest.fixture
def rferl(archive):
    return Article.objects.get(source_name__startswith="003_")


def test_a_phrase_marks_only_its_words_side_by_side(client, rferl):
    html = html_of(client, rferl.get_absolute_url(), hl='"we deserve it"')
    assert marked(html) == ["We deserve it"]
    assert "Marked: the phrase “we deserve it” — 1 place." in html
    assert '<mark id="m1" tabindex="-1">We deserve it</mark>' in html
    loose = html_of(client, rferl.get_absolute_url(), hl="we deserve it")
    assert len(marked(loose)) > 10  # the same words unquoted mark every "we" and "it"


def test_a_word_marks_its_inflections_and_says_where(client, signed):
    html = html_of(client, signed.get_absolute_url(), hl="russians")
    assert '<p id="p1" class="para marked">' in html
    words = marked(html)
    assert {"Russians", "Russian"} <= set(words)  # the stem too
    assert set(words) <= {"Russians", "Russian", "russian", "russians"}
    assert f"Marked: “russians” in any form — {len(words)} places in " in html
    plain = html_of(client, signed.get_absolute_url())
    assert "<mark" not in plain and "Marked:" not in plain
    assert "marked" not in plain.split('<div class="body">')[1]


def test_a_name_marks_its_other_spellings_as_the_search_does(client, meduza):
    html = html_of(client, meduza.get_absolute_url(), hl='"Peter Nikitin"')
    assert "Pyotr Nikitin" in marked(html)  # the text's spelling of the name searched
    assert "every spelling of Pyotr Nikitin" in html


def test_marked_names_stay_one_link(client, meduza):
    html = html_of(client, meduza.get_absolute_url(), hl="Pyotr Nikitin")
    links = re.findall(
        r'<a class="mention mention-person" href="/people/pyotr-nikitin/"[^>]*>'
        r"(.*?)</a>",
        html,
    )
    assert links and all(re.sub(r"<[^>]+>", "", link).strip() for link in links)
    assert re.search(
        r'title="Pyotr Nikitin"><mark id="m\d+" tabindex="-1">Pyotr Nikitin</mark></a>', html
    )
    assert not re.search(r"<a [^>]*>\s*</a>", html)


def test_next_and_previous_are_links_to_the_marks_without_javascript(client, rferl):
    html = html_of(client, rferl.get_absolute_url(), hl="Belgrade")
    count = len(marked(html))
    assert count > 1
    assert '<a id="mark-next" href="#m1" aria-keyshortcuts="n">Next mark →</a>' in html
    assert f'<a id="mark-previous" href="#m{count}" aria-keyshortcuts="p">' in html
    for number in range(1, count + 1):
        assert f'id="m{number}"' in html and f'<a href="#m{number}">Mark {number}, ¶' in html
    assert re.search(r'<script src="/static/archive/marks(\.\w+)?\.js" defer></script>', html)
    # No inline scripts (JSON-LD is data, not script).
    assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", html)


def test_words_that_do_not_occur_are_said_so(client, signed):
    html = html_of(client, signed.get_absolute_url(), hl="zzyzx")
    assert "Marked: “zzyzx” in any form — it does not occur in this article" in html
    assert "<mark" not in html and 'id="mark-next"' not in html


@pytest.mark.parametrize(
    "hl",
    [
        HOSTILE,
        f'"{HOSTILE}"',
        "\x00\x1b[31m\u202e" * 50,
        "x" * 100_000,
        '"' * 1000,
        "person:nikitin -belgrade",
        "OR OR * -",
        "<mark id=m1>",
        "a" + " b" * 5000,
    ],
)
def test_hostile_highlight_parameter_is_harmless(client, signed, hl):
    html = html_of(client, signed.get_absolute_url(), hl=hl)
    assert HOSTILE not in html and "<mark id=m1>" not in html
    assert len(marked(html)) <= len(html_of(client, signed.get_absolute_url(), hl="a b"))
    for mark in re.findall(r"<mark[^>]*>", html):
        assert re.fullmatch(r'<mark( id="m\d+" tabindex="-1")?>', mark)


def test_the_marked_page_costs_no_more_queries_per_mark(
    client, meduza, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        html = html_of(client, meduza.get_absolute_url(), hl="Belgrade Russians Serbia")
    assert len(marked(html)) > 30


def test_cite_block_offers_every_format_without_javascript(client, signed):
    html = html_of(client, signed.get_absolute_url())
    for style in ("chicago", "apa", "mla", "bibtex", "ris", "csl-json"):
        assert f'<textarea id="cite-{style}"' in html
    assert "Vračar, Nevena. “Serbia Becomes Home for Russians Fleeing War.”" in html
    assert 'data-copy="cite-chicago" hidden' in html  # the script reveals the button
    assert re.search(r'<script src="/static/archive/cite(\.\w+)?\.js" defer></script>', html)
    # No inline scripts; a JSON-LD data block is data, never run, and CSP allows it.
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html)
    assert " style=" not in html  # a CSP forbids inline styles too
    for extension in ("bib", "ris", "json"):
        assert f'href="{signed.get_absolute_url()}cite.{extension}"' in html


@pytest.mark.parametrize(
    ("extension", "content_type", "start"),
    [
        ("bib", "application/x-bibtex", "@article{vracar2025serbia,"),
        ("ris", "application/x-research-info-systems", "TY  - NEWS"),
        ("json", "application/vnd.citationstyles.csl+json", "["),
    ],
)
def test_citation_downloads(client, signed, extension, content_type, start):
    response = client.get(reverse("articles:cite", args=[signed.slug, extension]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == (f'attachment; filename="{signed.slug}.{extension}"')
    assert response.content.decode().startswith(start)


def test_unknown_citation_format_and_unknown_article_are_404(client, signed):
    html_of(client, reverse("articles:cite", args=[signed.slug, "docx"]), status=404)
    html = html_of(client, reverse("articles:cite", args=["no-such-article", "bib"]), status=404)
    assert "Not found" in html
    assert "Not found" in html_of(client, "/articles/no-such-article/", status=404)
    html_of(client, "/articles/no-such-article/raw/", status=404)


def test_raw_page_is_verbatim_and_escaped(client, empty_archive):
    article = ArticleFactory(raw_text=f"Headline\n{HOSTILE} & more\n")
    html = html_of(client, reverse("articles:raw", args=[article.slug]))
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html


def test_hostile_article_text_is_escaped_everywhere(client, empty_archive):
    article = ArticleFactory(title=HOSTILE, raw_text=f"Headline\nSaid {HOSTILE} to Ann.\n")
    person = PersonFactory(name=f"Ann {HOSTILE}")
    article.authors.add(person)
    paragraph = article.paragraphs.get(position=1)
    mention_in(paragraph, "Ann", person)
    quote_in(paragraph, HOSTILE, speaker=person)
    html = html_of(client, article.get_absolute_url())
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html


# -- quotes -------------------------------------------------------------------------


def test_quote_page_has_permalink_context_and_citations(client, unsigned):
    quote = Quote.objects.filter(article=unsigned, speaker__slug="pyotr-nikitin").first()
    html = html_of(client, quote.get_absolute_url())
    permalink = f"http://testserver{quote.get_absolute_url()}"
    assert f'<link rel="canonical" href="{permalink}">' in html
    assert f'Permalink: <a href="{quote.get_absolute_url()}">{permalink}</a>' in html
    assert 'href="/people/pyotr-nikitin/"' in html
    assert f"#p{quote.paragraph.position}" in html
    position = quote.paragraph.position
    assert f"[BELGRADE — Its concrete and steel entrails exposed …], n.d., para. {position}" in html
    assert "(Pyotr Nikitin, n.d.)" not in html  # never the speaker as the author
    assert f'href="{quote.get_absolute_url()}cite.ris"' in html


def test_quote_citation_download(client, unsigned):
    quote = Quote.objects.filter(article=unsigned).first()
    response = client.get(
        reverse(
            "articles:quote_cite",
            args=[unsigned.slug, quote.paragraph.position, quote.start, "ris"],
        )
    )
    assert response.status_code == 200
    assert f"SP  - para. {quote.paragraph.position}" in response.content.decode()


def test_unknown_quote_is_404(client, unsigned):
    html_of(client, reverse("articles:quote", args=[unsigned.slug, 999, 0]), status=404)
    html_of(client, reverse("articles:quote", args=["nope", 1, 0]), status=404)


def test_article_and_quote_pages_take_constant_queries(
    client, meduza, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        html_of(client, meduza.get_absolute_url())
    quote = Quote.objects.filter(article=meduza).first()
    with django_assert_max_num_queries(6):
        html_of(client, quote.get_absolute_url())


# -- the home page ------------------------------------------------------------------


def test_home_page_says_what_the_archive_holds(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        html = html_of(client, reverse("home"))
    assert "The archive holds 5 articles" in html
    assert 'role="search"' in html and 'name="q"' in html
    assert "Latest articles" in html and "Serbia becomes home for Russians fleeing war" in html
    assert 'href="/people/vladimir-putin/"' in html  # most mentioned
    for url in (reverse("people:network"), reverse("search_kwic"), reverse("people:network_gexf")):
        assert f'href="{url}"' in html

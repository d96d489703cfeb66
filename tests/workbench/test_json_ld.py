"""schema.org JSON-LD on article and quote pages, safe inside <script>."""

import json
import re

import pytest

from articles.models import Article, Quote

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_pages_describe_a_news_article(client, archive):
    article = Article.objects.exclude(outlet=None).exclude(published=None).first()
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["publisher"]["name"] == article.outlet.name
    assert data["datePublished"].startswith(str(article.published.year))
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"


def test_quote_pages_describe_a_quotation_by_its_speaker(client, archive):
    quote = Quote.objects.visible().exclude(speaker=None).first()
    data = json_ld(client.get(quote.get_absolute_url()).content.decode())
    assert data["@type"] == "Quotation" and data["text"] == quote.words
    assert data["spokenByCharacter"]["name"] == quote.speaker.name
    assert data["creator"]["name"] == quote.speaker.name
    assert data["isPartOf"]["@type"] == "NewsArticle"


def test_an_unsigned_undated_article_invents_nothing_and_cannot_close_the_script(
    client, unsigned_quote
):
    article = unsigned_quote.article
    article.title = "</script><script>alert(1)</script> & co"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    data = json_ld(html)
    assert data["headline"] == "</script><script>alert(1)</script> & co"
    assert "author" not in data and "datePublished" not in data and "publisher" not in data
    quote_data = json_ld(client.get(unsigned_quote.get_absolute_url()).content.decode())
    assert "spokenByCharacter" not in quote_data and "creator" not in quote_data

"""Citing and exporting a whole collection; removed records; escaping and CSV injection."""

import csv
import io
import json

import pytest
from django.urls import reverse

from workbench.models import Item, add_to

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


def export(client, collection, fmt, **params):
    response = client.get(reverse("workbench:export", args=[collection.pk, fmt]), params)
    assert response.status_code == 200, response.content
    return response, b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode()


def test_the_bibtex_for_a_quote_with_unknown_author_and_date(
    alice_client, alice_collection, unsigned_quote
):
    add_to(alice_collection, unsigned_quote, BASE, note="Queue {every} week: 100% & more")
    response, text = export(alice_client, alice_collection, "bibtex")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert text == (
        "@misc{ndqueuesp1,\n"
        "  title = {{Queues at the police station}},\n"
        "  url = {http://testserver/articles/queues-at-the-police-station/#p1},\n"
        "  language = {en},\n"
        "  note = {Date unknown; Para. 1; Russians in Serbia: a news archive, queues.txt},\n"
        "  abstract = {“We come back every week” (a woman in the queue)},\n"
        "  annote = {Queue \\{every\\} week: 100\\% \\& more}\n"
        "}\n"
    )


def test_the_ris_and_csl_json_for_a_quote_with_unknown_author_and_date(
    alice_client, alice_collection, unsigned_quote
):
    add_to(alice_collection, unsigned_quote, BASE, note="see also p. 2")
    _, ris = export(alice_client, alice_collection, "ris")
    assert ris == (
        "TY  - NEWS\n"
        "TI  - Queues at the police station\n"
        "SP  - para. 1\n"
        "LA  - en\n"
        "UR  - http://testserver/articles/queues-at-the-police-station/#p1\n"
        "DB  - Russians in Serbia: a news archive\n"
        "AN  - queues.txt\n"
        "N1  - “We come back every week” (a woman in the queue)\n"
        "N1  - Date unknown\n"
        "N1  - see also p. 2\n"
        "ER  - \n"
    )
    _, text = export(alice_client, alice_collection, "csl-json")
    assert json.loads(text) == [
        {
            "id": "queues-at-the-police-station-p1",
            "type": "article-newspaper",
            "title": "Queues at the police station",
            "language": "en",
            "URL": "http://testserver/articles/queues-at-the-police-station/#p1",
            "archive": "Russians in Serbia: a news archive",
            "archive_location": "queues.txt",
            "note": "Quotation at paragraph 1. “We come back every week” (a woman in the queue)",
            "annote": "see also p. 2",
        }
    ]


def test_the_dossier_has_speaker_article_outlet_date_note_citation_and_permalink(
    alice_client, alice_collection, unsigned_quote, speaker_quote
):
    add_to(alice_collection, unsigned_quote, BASE, note="<b>bold</b> claim")
    add_to(alice_collection, speaker_quote, BASE)
    response, html = export(alice_client, alice_collection, "html", style="apa")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="collection-{alice_collection.pk}.html"'
    )
    assert "a woman in the queue" in html and "Ana Petrović" in html
    assert "Queues at the police station" in html and "outlet unknown" in html
    assert "n.d." in html
    assert "&lt;b&gt;bold&lt;/b&gt; claim" in html and "<b>bold</b>" not in html
    assert (
        "Queues at the police station. (n.d.). "
        "http://testserver/articles/queues-at-the-police-station/#p1"
    ) in html
    assert f"http://testserver{unsigned_quote.get_absolute_url()}" in html


def test_csv_cells_cannot_become_formulas(alice_client, alice_collection, unsigned_quote):
    add_to(alice_collection, unsigned_quote, BASE, note='=HYPERLINK("http://evil.example")')
    _, text = export(alice_client, alice_collection, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["note"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["speaker"] == "a woman in the queue"
    assert rows[0]["date"] == "n.d."


def test_an_unknown_export_format_is_a_404(alice_client, alice_collection):
    response = alice_client.get(reverse("workbench:export", args=[alice_collection.pk, "docx"]))
    assert response.status_code == 404


def test_a_deleted_record_leaves_a_visible_entry_with_its_stored_citation(
    alice_client, alice_collection, unsigned_quote, speaker_quote
):
    add_to(alice_collection, unsigned_quote, BASE, note="keep me")
    add_to(alice_collection, speaker_quote, BASE)
    unsigned_quote.article.delete()  # the quote, its paragraph and its article go

    item = Item.objects.get(kind="quote", collection=alice_collection, position=1)
    assert item.removed and item.quote_id is None
    page = alice_client.get(alice_collection.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        "Removed from the archive. As saved: “We come back every week” — a woman in the queue"
        in html
    )
    assert (
        "“Queues at the Police Station.” n.d. "
        "http://testserver/articles/queues-at-the-police-station/#p1."
    ) in html
    assert "keep me" in html and "Prices doubled" in html
    _, bib = export(alice_client, alice_collection, "bibtex")
    assert bib.count("@misc{") + bib.count("@article{") == 2
    assert "{{Queues at the police station}}" in bib
    _, text = export(alice_client, alice_collection, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["removed"] for r in rows] == ["removed from the archive", ""]
    for fmt in ("ris", "csl-json", "html"):
        export(alice_client, alice_collection, fmt)


def test_deleted_entities_and_articles_are_flagged_too(alice_collection, speaker_quote):
    from tests.factories import PlaceFactory

    place = PlaceFactory()
    add_to(alice_collection, place, BASE)
    add_to(alice_collection, speaker_quote.article, BASE)
    place.delete()
    speaker_quote.article.delete()
    assert list(alice_collection.items.values_list("kind", "removed")) == [
        ("place", True),
        ("article", True),
    ]


def test_a_passage_of_an_article_with_an_inferred_year_is_cited_as_conjectured(
    alice_client, alice_collection, archive
):
    from articles.models import Article

    article = Article.objects.get(source_name__startswith="003_")  # the text prints no date
    add_to(alice_collection, article.paragraphs.get(position=2), BASE)
    _, dossier = export(alice_client, alice_collection, "html")
    assert "<dd>2022 (inferred)</dd>" in dossier
    assert "RFE/RL, [2022?]." in dossier
    _, text = export(alice_client, alice_collection, "csv")
    [row] = csv.DictReader(io.StringIO(text))
    assert row["date"] == "2022 (inferred)" and "RFE/RL, [2022?]." in row["citation"]
    _, text = export(alice_client, alice_collection, "csl-json")
    assert json.loads(text)[0]["issued"] == {"date-parts": [[2022]], "circa": True}
    _, bib = export(alice_client, alice_collection, "bibtex")
    assert "  year = {2022},\n" in bib and "Year inferred from the text, not printed" in bib

"""The admin of articles, paragraphs, quotes and mentions, as a curator uses it."""

import html
import re

import pytest
from django.conf import settings
from django.utils.html import escape

from articles.models import Article, Mention, Paragraph, Quote, sha256_of
from people.models import Organization, Person, Place
from tests.helpers import admin_url, form_data, form_fields, messages_of

pytestmark = pytest.mark.django_db

MODELS = [Article, Paragraph, Quote, Mention]
BIGGEST = "serbias-russian-emigres-put-down-roots"  # 92 paragraphs, 79 quotes, 348 mentions


@pytest.fixture
def biggest(archive):
    return Article.objects.get(slug=BIGGEST)


# -- every page loads -------------------------------------------------------


@pytest.mark.parametrize(
    "model, params",
    [
        (Article, {}),
        (Paragraph, {"all": ""}),  # 277 rows
        (Quote, {"all": ""}),  # 185 rows
        (Mention, {}),  # 922 rows, 50 a page
        (Mention, {"status__exact": "suggested", "links_to": "person", "all": ""}),
    ],
)
def test_changelists_load_in_a_few_queries(
    admin_client, archive, model, params, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get(admin_url(model), params)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) >= 5


def test_the_article_list_shows_counts_and_fixity(admin_client, archive):
    response = admin_client.get(admin_url(Article))

    rows = {a.slug: a for a in response.context["cl"].result_list}
    assert len(rows) == 5
    biggest = rows[BIGGEST]
    assert (biggest.paragraph_count, biggest.quote_count, biggest.unreviewed_count) == (92, 79, 343)
    page = response.content.decode()
    assert page.count('alt="True"') == 5  # the fixity column: every checksum matches


def test_every_article_page_loads_in_a_few_queries(
    admin_client, archive, django_assert_max_num_queries
):
    for article in Article.objects.all():
        with django_assert_max_num_queries(20):
            response = admin_client.get(admin_url(Article, "change", article.pk))
        assert response.status_code == 200
        assert response.context["original"] == article


def spread(model, count=10):
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return model.objects.filter(pk__in=pks[:: max(1, len(pks) // count)])


@pytest.mark.parametrize("model", [Paragraph, Quote, Mention])
def test_change_pages_load_in_a_few_queries(
    admin_client, archive, model, django_assert_max_num_queries
):
    for obj in spread(model):
        with django_assert_max_num_queries(12):
            response = admin_client.get(admin_url(model, "change", obj.pk))
        assert response.status_code == 200
        assert response.context["original"] == obj


@pytest.mark.parametrize("model", MODELS)
def test_the_add_pages_load(admin_client, archive, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


# -- search -----------------------------------------------------------------


def search(admin_client, model, query):
    response = admin_client.get(admin_url(model), {"q": query, "all": ""})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_searching_articles(admin_client, archive):
    assert [a.slug for a in search(admin_client, Article, "emigres roots")] == [BIGGEST]
    assert [a.slug for a in search(admin_client, Article, "Reid Standish")] == [
        "belgrades-russian-emigres-grapple-with-new-lives-in-serbia"
    ]  # by an author


def test_searching_quotes_finds_them_by_speaker(admin_client, archive):
    pyotr = Person.objects.get(slug="pyotr-nikitin")

    found = search(admin_client, Quote, "Nikitin")

    assert set(pyotr.quotes.all()) < set(found)
    # The others do not name a speaker, but their note says who spoke.
    assert all("Nikitin" in q.speaker_note for q in found if q.speaker != pyotr)


def test_searching_mentions_finds_them_by_entity(admin_client, archive):
    found = search(admin_client, Mention, "Pyotr Nikitin")

    assert len(found) == 17
    assert {m.person.slug for m in found} == {"pyotr-nikitin"}


def test_searching_paragraphs_by_article_and_number(admin_client, archive):
    found = search(admin_client, Paragraph, f"{BIGGEST} 12")

    assert f"{BIGGEST} ¶12" in [str(p) for p in found]
    assert {p.article.slug for p in found} == {BIGGEST}


def test_the_paragraph_autocomplete_finds_a_paragraph_by_article_and_number(admin_client, archive):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "quote",
            "field_name": "paragraph",
            "term": f"{BIGGEST} 12",
        },
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [f"{BIGGEST} ¶12"]


# -- the article page -------------------------------------------------------


def test_the_capture_is_shown_but_cannot_be_changed(admin_client, biggest):
    url = admin_url(Article, "change", biggest.pk)
    page = admin_client.get(url)
    assert "raw_text" not in dict(form_fields(page, "article_form"))
    assert "OK: the raw text matches its SHA-256 checksum." in page.content.decode()
    assert biggest.sha256 in page.content.decode()
    raw, checksum = biggest.raw_text, biggest.sha256

    response = admin_client.post(
        url,
        form_data(
            page, "article_form", raw_text="Rewritten.", sha256="0" * 64, dateline="BELGRADE"
        ),
    )

    assert response.status_code == 302
    biggest.refresh_from_db()
    assert (biggest.raw_text, biggest.sha256, biggest.dateline) == (raw, checksum, "BELGRADE")
    assert biggest.fixity_ok


def test_a_broken_checksum_shows(admin_client, biggest):
    Article.objects.filter(pk=biggest.pk).update(sha256=sha256_of("something else"))

    page = admin_client.get(admin_url(Article, "change", biggest.pk)).content.decode()
    listing = admin_client.get(admin_url(Article)).content.decode()

    assert "Failed: the raw text no longer matches its SHA-256 checksum" in page
    assert listing.count('alt="False"') == 1


def test_the_biggest_article_page_saves_as_a_browser_posts_it(admin_client, biggest):
    url = admin_url(Article, "change", biggest.pk)
    page = admin_client.get(url)
    fields = form_fields(page, "article_form")
    # Every inline row posts its hidden fields: all 348 mentions would exceed the limit.
    assert len(fields) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    mentions = [f.instance for f in inline(page, "mentions").formset.forms]
    assert len(mentions) == 50
    assert {m.status for m in mentions} == {"suggested"}
    first = mentions[0]

    data = form_data(page, "article_form", **{"mentions-0-status": "confirmed"})
    response = admin_client.post(url, {**data, "_save": "Save"})

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "confirmed"
    assert biggest.mentions.filter(status="confirmed").count() == 9


def test_the_mentions_not_yet_reviewed_come_first(admin_client, archive):
    article = Article.objects.get(slug="theres-a-guy-who-comes-to-my-gym-sauna-every-week")
    article.mentions.filter(status="suggested").update(status="rejected")
    article.mentions.filter(paragraph__position=5).update(status="suggested")

    page = admin_client.get(admin_url(Article, "change", article.pk))

    statuses = [f.instance.status for f in inline(page, "mentions").formset.forms]
    unreviewed = article.mentions.filter(status="suggested").count()
    assert unreviewed > 0
    assert statuses[:unreviewed] == ["suggested"] * unreviewed
    assert "suggested" not in statuses[unreviewed:]


def test_the_review_links_lead_to_the_filtered_lists(admin_client, biggest):
    page = admin_client.get(admin_url(Article, "change", biggest.pk)).content.decode()
    link = f"{admin_url(Mention)}?article__id__exact={biggest.pk}&amp;status__exact=suggested"
    assert f'<a href="{link}">343 not reviewed yet</a>' in page

    response = admin_client.get(
        admin_url(Mention), {"article__id__exact": biggest.pk, "status__exact": "suggested"}
    )

    assert response.context["cl"].result_count == 343


def test_a_quote_made_invalid_behind_the_admins_back_is_reported_not_a_crash(admin_client, biggest):
    quote = biggest.quotes.order_by("pk").first()
    Quote.objects.filter(pk=quote.pk).update(start=quote.start + 1, end=quote.end + 1)
    url = admin_url(Article, "change", biggest.pk)

    response = admin_client.post(url, form_data(admin_client.get(url), "article_form"))

    assert response.status_code == 200
    assert f"is not at {quote.start + 1}–{quote.end + 1} of paragraph" in response.content.decode()


def test_an_outlet_that_is_no_media_outlet_is_refused(admin_client, biggest):
    url = admin_url(Article, "change", biggest.pk)
    society = Organization.objects.get(slug="russian-democratic-society")

    response = admin_client.post(
        url, form_data(admin_client.get(url), "article_form", outlet=str(society.pk))
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["outlet"] == [
        "Russian Democratic Society is not a media outlet (its kind is NGO or volunteer group)."
    ]
    biggest.refresh_from_db()
    assert biggest.outlet.slug == "meduza"


def inline(response, prefix):
    return next(i for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix)


# -- paragraphs -------------------------------------------------------------


def test_a_paragraphs_text_is_read_only_once_saved(admin_client, biggest):
    paragraph = biggest.paragraphs.get(position=12)
    url = admin_url(Paragraph, "change", paragraph.pk)
    text = paragraph.text

    response = admin_client.post(
        url, form_data(admin_client.get(url), "paragraph_form", text="Rewritten.", kind="note")
    )

    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert (paragraph.text, paragraph.kind) == (text, "note")


# -- quotes -----------------------------------------------------------------


def quote_form(admin_client, paragraph, text, start, end, **extra):
    fields = {
        "article": str(paragraph.article_id),
        "paragraph": str(paragraph.pk),
        "text": text,
        "start": str(start),
        "end": str(end),
        **extra,
    }
    return form_data(admin_client.get(admin_url(Quote, "add")), "quote_form", **fields)


def test_a_quote_at_the_wrong_offsets_is_refused_and_nothing_saved(admin_client, biggest):
    paragraph = biggest.paragraphs.get(position=12)
    words = paragraph.text[10:40]
    count = Quote.objects.count()

    response = admin_client.post(
        admin_url(Quote, "add"), quote_form(admin_client, paragraph, words, 11, 41)
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["text"] == [
        f"“{words}” is not at 11–41 of paragraph 12 (that span reads “{paragraph.text[11:41]}”)."
    ]
    assert Quote.objects.count() == count


def test_a_quote_beyond_its_paragraph_is_refused(admin_client, biggest):
    paragraph = biggest.paragraphs.get(position=12)
    length = len(paragraph.text)

    response = admin_client.post(
        admin_url(Quote, "add"), quote_form(admin_client, paragraph, "words", length, length + 5)
    )

    assert response.context["adminform"].form.errors["start"] == [
        f"Offsets {length}–{length + 5} fall outside paragraph 12 (length {length})."
    ]


def test_a_quote_in_a_paragraph_of_another_article_is_refused(admin_client, biggest):
    paragraph = biggest.paragraphs.get(position=12)
    other = Article.objects.exclude(pk=biggest.pk).first()

    response = admin_client.post(
        admin_url(Quote, "add"),
        quote_form(admin_client, paragraph, paragraph.text[:10], 0, 10, article=str(other.pk)),
    )

    assert response.context["adminform"].form.errors["paragraph"] == [
        "Paragraph 12 belongs to another article."
    ]


def test_a_quote_at_the_right_offsets_is_saved(admin_client, biggest):
    paragraph = biggest.paragraphs.get(position=12)
    words = paragraph.text[10:40]
    pyotr = Person.objects.get(slug="pyotr-nikitin")

    response = admin_client.post(
        admin_url(Quote, "add"),
        quote_form(admin_client, paragraph, words, 10, 40, speaker=str(pyotr.pk)),
    )

    assert response.status_code == 302
    assert Quote.objects.get(paragraph=paragraph, start=10).speaker == pyotr


def test_changing_a_quotes_offsets_to_wrong_ones_changes_nothing(admin_client, archive):
    quote = Quote.objects.order_by("pk").first()
    url = admin_url(Quote, "change", quote.pk)

    response = admin_client.post(
        url, form_data(admin_client.get(url), "quote_form", start=str(quote.start + 2))
    )

    assert response.status_code == 200
    assert "is not at" in str(response.context["adminform"].form.errors["text"])
    start = quote.start
    quote.refresh_from_db()
    assert quote.start == start


# -- in context -------------------------------------------------------------


@pytest.mark.parametrize("model", [Quote, Mention])
def test_a_quote_or_mention_is_shown_marked_in_its_paragraph_cut_between_words(
    admin_client, archive, model
):
    for span in spread(model):
        page = admin_client.get(admin_url(model, "change", span.pk)).content.decode()
        shown = re.search(r'In context:</label>\s*<div class="readonly">(.*?)</div>', page)[1]

        assert f"<mark>{escape(span.text)}</mark>" in shown
        plain = html.unescape(re.sub("</?mark>", "", shown))
        text = span.paragraph.text
        start = text.index(plain.strip("…"))
        end = start + len(plain.strip("…"))
        assert plain.startswith("…") == (start > 0) and plain.endswith("…") == (end < len(text))
        for cut in (start, end):
            assert not re.match(r"\w\w", text[max(0, cut - 1) : cut + 1]), (shown, cut)


# -- mentions ---------------------------------------------------------------


def mention_form(admin_client, mention, **entities):
    url = admin_url(Mention, "change", mention.pk)
    data = form_data(admin_client.get(url), "mention_form", person="", organization="", place="")
    data.update({k: str(v.pk) for k, v in entities.items()})
    return url, data


def test_a_mention_must_name_exactly_one_entity(admin_client, archive):
    mention = Mention.objects.filter(person__slug="pyotr-nikitin").order_by("pk").first()
    belgrade = Place.objects.get(slug="belgrade")
    pyotr = mention.person

    for entities in ({}, {"person": pyotr, "place": belgrade}):
        url, data = mention_form(admin_client, mention, **entities)
        response = admin_client.post(url, data)

        assert response.status_code == 200
        assert response.context["adminform"].form.errors == {
            "person": ["Choose exactly one person, organization or place."]
        }
        assert "Constraint" not in response.content.decode()
    mention.refresh_from_db()
    assert (mention.person, mention.place) == (pyotr, None)


def test_a_mention_moved_to_another_entity_is_saved(admin_client, archive):
    mention = Mention.objects.filter(person__slug="pyotr-nikitin").order_by("pk").first()
    society = Organization.objects.get(slug="russian-democratic-society")

    url, data = mention_form(admin_client, mention, organization=society)
    response = admin_client.post(url, data)

    assert response.status_code == 302
    mention.refresh_from_db()
    assert (mention.person, mention.organization) == (None, society)


# -- review actions ---------------------------------------------------------


@pytest.mark.parametrize(
    "model, status, label",
    [
        (Mention, "confirmed", "confirmed"),
        (Mention, "rejected", "rejected"),
        (Quote, "rejected", "rejected"),
        (Quote, "confirmed", "confirmed"),
    ],
)
def test_marking_selected_records_reviewed(admin_client, archive, model, status, label):
    chosen = list(model.objects.filter(article__slug=BIGGEST).order_by("pk")[:5])
    already = sum(r.status == status for r in chosen)
    untouched = model.objects.exclude(pk__in=[r.pk for r in chosen])
    before = list(untouched.values_list("pk", "status"))

    response = admin_client.post(
        admin_url(model),
        {
            "action": f"mark_{status}",
            "_selected_action": [r.pk for r in chosen],
            "index": "0",
        },
    )

    assert response.status_code == 302
    assert set(
        model.objects.filter(pk__in=[r.pk for r in chosen]).values_list("status", flat=True)
    ) == {status}
    assert list(untouched.values_list("pk", "status")) == before
    name = model._meta.verbose_name if 5 - already == 1 else model._meta.verbose_name_plural
    expected = f"Marked {5 - already} {name} as {label}."
    if already:
        expected += f" {already} already were."
    assert messages_of(response) == [expected]

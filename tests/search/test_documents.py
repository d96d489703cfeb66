"""One definition of each index document: a rebuild prepares thousands of records at once
(index.documents), an update on save prepares one (full_prepare); both must give the
same documents, and the engine must index the same thing either way."""

import pytest
from haystack import connections

from archive.search.signals import search_indexes


def records(index):
    return list(index.index_queryset().order_by("pk"))


def test_bulk_and_single_preparation_give_identical_documents_for_every_record(archive):
    compared = {}
    for label, index in search_indexes().items():
        objects = records(index)
        bulk = index.prepare_many(objects)
        single = [index.full_prepare(obj) for obj in objects]
        assert [doc["id"] for doc in bulk] == [f"{label}.{obj.pk}" for obj in objects]
        for together, alone in zip(bulk, single, strict=True):
            assert together == alone, together["id"]
        compared[label] = len(bulk)
    # Every kind of record of the real archive was compared, not an empty list.
    assert compared["articles.article"] == 5
    assert compared["articles.quote"] > 100
    assert min(compared.values()) > 0


def test_a_document_holds_what_a_reader_finds_in_the_record(archive):
    from articles.models import Article, Quote
    from people.models import Person

    index = search_indexes()["articles.article"]
    article = Article.objects.public().exclude(authors=None).first()
    doc = index.full_prepare(article)
    assert doc["text"].startswith(article.title + "\n")
    for paragraph in article.paragraphs.all():
        assert paragraph.text + "\n" in doc["text"]
    for author in article.authors.all():
        assert author.name in doc["text"]
        assert author.slug in doc["people"]
    # A person it names brings their global aliases (spellings and scripts) along.
    named = Person.objects.filter(mentions__article=article, aliases__article=None).first()
    for alias in named.aliases.filter(article=None):
        assert alias.name in doc["text"]
    assert named.slug in doc["people"]

    quote = Quote.objects.public().exclude(speaker=None).first()
    doc = search_indexes()["articles.quote"].full_prepare(quote)
    assert doc["text"].startswith(quote.text + "\n" + quote.speaker.name)
    assert doc["title"] == quote.text
    assert quote.article.title not in doc["text"]
    assert quote.speaker.slug in doc["people"]


def index_contents(backend):
    """What the configured engine holds: every document's facets and every indexed term
    with the documents holding it."""
    if hasattr(backend, "write_alias"):  # PostgreSQL: the rows themselves
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, type, outlet, year, people, organizations, places, "
                "date, source_name, vector::text FROM archive_search_document "
                "ORDER BY id"
            )
            documents = cursor.fetchall()
            cursor.execute("SELECT word FROM archive_search_word ORDER BY word")
            return documents, cursor.fetchall()
    searcher = backend.searcher()
    reader = searcher.reader()
    stored = sorted(
        (fields["id"], sorted(fields.items())) for fields in searcher.all_stored_fields()
    )
    terms = {}
    for field in ("text", "title"):
        for term in reader.lexicon(field):
            ids = sorted(
                searcher.stored_fields(n)["id"] for n in reader.postings(field, term).all_ids()
            )
            terms[(field, term)] = ids
    return stored, terms


@pytest.mark.django_db(transaction=False)
def test_a_rebuild_and_record_by_record_updates_index_the_same(archive):
    backend = connections["default"].get_backend()
    indexes = list(search_indexes().values())
    backend.rebuild(indexes)
    rebuilt = index_contents(backend)
    backend.clear()
    for index in indexes:
        for obj in records(index):
            backend.update(index, [obj])
    updated = index_contents(backend)
    assert rebuilt[0] and rebuilt[1]
    assert updated == rebuilt


@pytest.mark.engine("whoosh")
def test_whooshs_fast_text_field_indexes_exactly_what_its_analyser_gives(archive):
    from whoosh.fields import TEXT

    from archive.search.analysis import archive_analyzer, tag_language
    from archive.search.engines.whoosh import ArchiveText

    fast = ArchiveText(analyzer=archive_analyzer(), phrase=True, field_boost=2.0)
    plain = TEXT(analyzer=archive_analyzer(), phrase=True, field_boost=2.0)
    texts = [
        "Russians’ Вучић fled; đak Đoković, the fleeing Ukrainian’s café — ’’ x",
        "",
        # Serbian and Russian documents also carry their language's stems
        tag_language("sr", "Nikitina je u Beogradu rekla: „Petar Nikitin“"),
        tag_language("ru", "Никитину сказали в Белграде"),
    ]
    for index in search_indexes().values():
        texts += [
            doc[field] for doc in index.prepare_many(records(index)) for field in ("text", "title")
        ]
    for text in texts:
        assert sorted(fast.index(text)) == sorted(plain.index(text)), text[:80]

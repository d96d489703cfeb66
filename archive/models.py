"""Tables of the PostgreSQL search engine (archive/search/engines/postgres.py).

They exist only on PostgreSQL: the models are unmanaged and the migration
creates the tables, their GIN indexes and the extensions they need only when
the database is PostgreSQL, so an SQLite archive (with Whoosh) migrates
cleanly and never holds them.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One haystack document: a record's analysed text and title, and its facet values."""

    id = models.CharField(primary_key=True, max_length=255)  # haystack's "articles.article.12"
    model = models.CharField(max_length=100)  # "articles.article"
    object_id = models.BigIntegerField()
    type = models.CharField(max_length=50)
    outlet = models.CharField(max_length=255, blank=True)
    year = models.CharField(max_length=10, blank=True)
    people = ArrayField(models.CharField(max_length=255), default=list)
    organizations = ArrayField(models.CharField(max_length=255), default=list)
    places = ArrayField(models.CharField(max_length=255), default=list)
    date = models.IntegerField(default=0)  # YYYYMMDD, 0 when unknown
    source_name = models.CharField(max_length=255, blank=True)
    # The title (weight A) then the text (weight D), analysed by archive.search.analysis.
    vector = SearchVectorField()

    class Meta:
        managed = False
        db_table = "archive_search_document"

    def __str__(self):
        return self.id


class SearchWord(models.Model):
    """Every folded word ever indexed in a document's text: the vocabulary typo
    suggestions come from (a word no longer in any document has frequency 0 and is
    never suggested)."""

    word = models.CharField(primary_key=True, max_length=2047)

    class Meta:
        managed = False
        db_table = "archive_search_word"

    def __str__(self):
        return self.word


class SearchState(models.Model):
    """One row: the index generation, raised by every write (caches key on it)."""

    id = models.SmallIntegerField(primary_key=True)
    generation = models.BigIntegerField(default=0)

    class Meta:
        managed = False
        db_table = "archive_search_state"

    def __str__(self):
        return f"generation {self.generation}"

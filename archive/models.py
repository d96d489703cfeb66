"""The archive app's own tables: the search index backlog, and the PostgreSQL engine's tables.

The PostgreSQL search engine's tables (archive/search/engines/postgres.py) exist only
on PostgreSQL: those models are unmanaged and their migration creates the tables, GIN
indexes and extensions only when the database is PostgreSQL, so an SQLite archive (with
Whoosh) migrates cleanly and never holds them.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone


class EnteredArchiveField(models.DateTimeField):
    """When a record entered the archive: never a publication date. Feeds need a time for
    every entry (Atom's <updated>), and an undated article has no other. Rows older than
    the field carry the time its migration ran, the earliest the archive can vouch for."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", "entered the archive")
        kwargs.setdefault("default", timezone.now)
        kwargs.setdefault("editable", False)
        kwargs.setdefault(
            "help_text",
            "When the record entered the archive. Records older "
            "than this field carry the time the field was added.",
        )
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        # Backups (Django's JSON) keep milliseconds: stored any finer, a time such as
        # 15:17:34.000400 would come back from a restore as 15:17:34, another value.
        value = super().get_prep_value(value)
        if value is not None:
            value = value.replace(microsecond=value.microsecond // 1000 * 1000)
        return value


@receiver(pre_save)
def keep_entered_archive(sender, instance, raw, **kwargs):
    """Reloading a fixture saves every record again (raw, without this field, which the
    fixtures do not hold): the time a record entered the archive stays what it was."""
    if not raw or instance.pk is None:
        return
    names = [f.attname for f in sender._meta.concrete_fields if isinstance(f, EnteredArchiveField)]
    if names:
        stored = sender._default_manager.filter(pk=instance.pk).values(*names).first()
        for name, value in (stored or {}).items():
            setattr(instance, name, value)


class IndexBacklog(models.Model):
    """A search-index write that failed after its database commit, waiting to be retried.

    The records were saved; only their documents are out of date. Every later index write
    retries the backlog first, and `manage.py retry_index_backlog` retries it on demand.
    """

    class Action(models.TextChoices):
        REFRESH = "refresh", "Re-index the record"
        REMOVE = "remove", "Remove the document"

    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=100, help_text="The record's model label.")
    key = models.CharField(
        max_length=200, help_text="Primary key (refresh) or document id (remove)."
    )
    queued = models.DateTimeField(auto_now_add=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["queued", "pk"]
        verbose_name = "search index backlog entry"
        verbose_name_plural = "search index backlog"
        constraints = [
            models.UniqueConstraint(
                fields=["action", "model", "key"], name="index_backlog_unique_entry"
            ),
            models.CheckConstraint(
                condition=models.Q(action__in=["refresh", "remove"]),
                name="index_backlog_action_valid",
            ),
        ]

    def __str__(self):
        return f"{self.action} {self.model} {self.key}"


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
    # The title and the text's first words, for the cheap first ranking (NULL: a short text).
    lead = SearchVectorField(null=True)

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

"""Admin for articles, their paragraphs, and the quotes and mentions found in them.

Just over 400 lines: one ModelAdmin per model of articles/models.py, with the inlines and
actions each needs; the review screens have their own package (articles/review/).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.html import format_html

from archive.admin import (
    ArchiveModelAdmin,
    ArchiveTabularInline,
    FirstRowsFormSet,
    admin_link,
    changelist_url,
    related_count,
)
from archive.entities import ENTITY_LINK_FIELDS
from archive.kwic import in_context
from articles.models import Article, Mention, Paragraph, Quote, Status
from people.admin import EntityTypeFilter

UNREVIEWED_FIRST = Case(
    When(status=Status.SUGGESTED, then=Value(0)), default=Value(1), output_field=IntegerField()
)


def span_in_context(span, words=10):
    """The words around a quote or mention in its paragraph (`words` either side), the span
    itself marked."""
    return in_context(span.paragraph.text, [(span.start, span.end)], words, words)


# -- review actions ---------------------------------------------------------


def set_status(modeladmin, request, queryset, status):
    """Give every selected quote or mention `status`, saving each so the index hears of it."""
    selected = queryset.count()
    changing = list(queryset.exclude(status=status))
    with transaction.atomic():
        for record in changing:
            record.status = status
            record.save(update_fields=["status"])
    text = f"Marked {len(changing)} {model_ngettext(modeladmin.opts, len(changing))} as {status}."
    if selected > len(changing):
        text += f" {selected - len(changing)} already were."
    modeladmin.message_user(request, text, messages.SUCCESS)


@admin.action(description="Mark selected as confirmed", permissions=["change"])
def mark_confirmed(modeladmin, request, queryset):
    set_status(modeladmin, request, queryset, Status.CONFIRMED)


@admin.action(description="Mark selected as rejected", permissions=["change"])
def mark_rejected(modeladmin, request, queryset):
    set_status(modeladmin, request, queryset, Status.REJECTED)


class SpanAdmin(ArchiveModelAdmin):
    """What the admins of quotes and mentions share: a place in a paragraph, a review status."""

    actions = [mark_confirmed, mark_rejected]
    ordering = ("article__title", "paragraph__position", "start")
    readonly_fields = ("in_context",)

    @admin.display(description="in context")
    def in_context(self, span):
        if span.paragraph_id is None:
            return None
        return span_in_context(span)

    @admin.display(description="¶", ordering="paragraph__position")
    def paragraph_number(self, span):
        return span.paragraph.position


# -- inlines of the article page --------------------------------------------


class ParagraphInline(ArchiveTabularInline):
    model = Paragraph
    fields = ("position", "kind", "text")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "paragraphs (each is edited on its own page)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ArticleQuoteInline(ArchiveTabularInline):
    """Review of the quotes; the words, their place and speaker are edited on each quote's page."""

    model = Quote
    fields = ("paragraph_number", "text", "speaker_label", "status")
    readonly_fields = ("paragraph_number", "text", "speaker_label")
    can_delete = False
    verbose_name_plural = "quotes (words, place and speaker are edited on each quote's page)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("paragraph", "speaker")

    @admin.display(description="¶")
    def paragraph_number(self, quote):
        return quote.paragraph.position

    @admin.display(description="speaker")
    def speaker_label(self, quote):
        return admin_link(quote.speaker) if quote.speaker_id else quote.speaker_label


class FirstMentionsFormSet(FirstRowsFormSet):
    max_shown = 50


class ArticleMentionInline(ArchiveTabularInline):
    """Review of the mentions, not yet reviewed first; 50 at most (an article has hundreds)."""

    model = Mention
    formset = FirstMentionsFormSet
    fields = ("paragraph_number", "in_context", "entity_link", "source", "status")
    readonly_fields = ("paragraph_number", "in_context", "entity_link", "source")
    can_delete = False
    verbose_name_plural = (
        f"mentions (not yet reviewed first, {FirstMentionsFormSet.max_shown} at most: "
        "the links under “Review” list them all)"
    )

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("paragraph", "person", "organization", "place")
            .order_by(UNREVIEWED_FIRST, "paragraph__position", "start")
        )

    @admin.display(description="¶")
    def paragraph_number(self, mention):
        return mention.paragraph.position

    @admin.display(description="in context")
    def in_context(self, mention):
        return span_in_context(mention, words=7)

    @admin.display(description="names")
    def entity_link(self, mention):
        return admin_link(mention.entity)


# -- articles ---------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(ArchiveModelAdmin):
    list_display = (
        "title",
        "state",
        "language",
        "outlet",
        "date_display",
        "authors_list",
        "paragraph_count",
        "quote_count",
        "unreviewed_count",
        "fixity_ok",
    )
    list_filter = (
        "state",
        "date_precision",
        ("outlet", admin.RelatedOnlyFieldListFilter),
        "language",
        "title_supplied",
    )
    search_fields = ("title", "slug", "byline", "source_name", "authors__name")
    autocomplete_fields = ("outlet", "authors", "editors")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "published"
    ordering = (F("published").desc(nulls_last=True), "title")
    readonly_fields = ("fixity", "sha256", "review")
    # The capture is the evidence everything else is checked against: never edited.
    fixed_after_creation = ("raw_text",)
    fieldsets = (
        (None, {"fields": ("title", "title_supplied", "slug", "standfirst")}),
        ("Who", {"fields": ("outlet", "authors", "editors", "byline", "dateline")}),
        ("When", {"fields": ("published", "date_precision", "date_inferred", "date_note")}),
        ("Source", {"fields": ("language", "original_url", "source_name", "fixity", "sha256")}),
        (
            "Review",
            {
                "fields": ("state", "review"),
                "description": "A draft is seen by curators only; publish it from the "
                "review screen, or here.",
            },
        ),
        ("Capture: the text exactly as received", {"fields": ("raw_text",)}),
    )
    inlines = [ParagraphInline, ArticleQuoteInline, ArticleMentionInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .for_listing()
            .annotate(
                paragraph_count=related_count(Paragraph, "article"),
                quote_count=related_count(Quote, "article"),
                unreviewed_count=related_count(Mention, "article", status=Status.SUGGESTED),
            )
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        # Once saved, the capture is folded away: the paragraphs below show the same text.
        *rest, (title, options) = fieldsets
        return [*rest, (title, {**options, "classes": ("collapse",)})]

    def get_inlines(self, request, obj):
        # A new article has no paragraphs yet, so nothing to quote or mention.
        return self.inlines if obj is not None else []

    @admin.display(description="date", ordering="published")
    def date_display(self, article):
        return article.date_display

    @admin.display(description="authors")
    def authors_list(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description="paragraphs", ordering="paragraph_count")
    def paragraph_count(self, article):
        return article.paragraph_count

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, article):
        url = changelist_url(Quote, article__id__exact=article.pk)
        return format_html('<a href="{}">{}</a>', url, article.quote_count)

    @admin.display(description="mentions not reviewed", ordering="unreviewed_count")
    def unreviewed_count(self, article):
        url = changelist_url(Mention, article__id__exact=article.pk, status__exact=Status.SUGGESTED)
        return format_html('<a href="{}">{}</a>', url, article.unreviewed_count)

    @admin.display(description="fixity", boolean=True)
    def fixity_ok(self, article):
        return article.fixity_ok

    @admin.display(description="fixity")
    def fixity(self, article):
        if article.pk is None:
            return None
        if article.fixity_ok:
            return "OK: the raw text matches its SHA-256 checksum."
        return format_html(
            "<strong>{}</strong>",
            "Failed: the raw text no longer matches its "
            "SHA-256 checksum; it changed after it was captured.",
        )

    @admin.display(description="review")
    def review(self, article):
        if article.pk is None:
            return None
        counts = article.mentions.aggregate(
            total=Count("pk"),
            unreviewed=Count("pk", filter=Q(status=Status.SUGGESTED)),
            confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
            rejected=Count("pk", filter=Q(status=Status.REJECTED)),
        )
        mentions = changelist_url(Mention, article__id__exact=article.pk)
        unreviewed = changelist_url(
            Mention, article__id__exact=article.pk, status__exact=Status.SUGGESTED
        )
        quotes = changelist_url(Quote, article__id__exact=article.pk)
        add_quote = reverse("admin:articles_quote_add")
        return format_html(
            '<a href="{}">{} mentions</a>: <a href="{}">{} not reviewed yet</a>, {} confirmed, '
            '{} rejected. <a href="{}">{} quotes</a>; <a href="{}?article={}">add a quote</a>.',
            mentions,
            counts["total"],
            unreviewed,
            counts["unreviewed"],
            counts["confirmed"],
            counts["rejected"],
            quotes,
            article.quote_count,
            add_quote,
            article.pk,
        )


@admin.register(Paragraph)
class ParagraphAdmin(ArchiveModelAdmin):
    list_display = ("__str__", "article", "position", "kind", "excerpt")
    list_filter = ("kind", ("article", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("article",)
    search_fields = ("article__slug", "article__title", "position__exact", "text")
    autocomplete_fields = ("article",)
    ordering = ("article__title", "position")
    fields = ("article", "position", "kind", "text")
    # Quotes and mentions point into the text by offsets: changing it would break them.
    fixed_after_creation = ("article", "position", "text")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="text")
    def excerpt(self, paragraph):
        text = paragraph.text
        return text if len(text) <= 100 else text[:99].rstrip() + "…"


# -- quotes and mentions ----------------------------------------------------


class SpeakerFilter(admin.SimpleListFilter):
    title = "speaker"
    parameter_name = "speaker_named"

    def lookups(self, request, model_admin):
        return [("yes", "A person in the archive"), ("no", "Nobody named (see the note)")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(speaker__isnull=False)
        if self.value() == "no":
            return queryset.filter(speaker__isnull=True)
        return queryset


@admin.register(Quote)
class QuoteAdmin(SpanAdmin):
    list_display = (
        "__str__",
        "speaker_column",
        "article",
        "paragraph_number",
        "status",
        "confidence",
    )
    list_filter = ("status", SpeakerFilter, ("article", admin.RelatedOnlyFieldListFilter))
    link_filters = ("speaker",)  # a person's quotes, from the person's page
    list_select_related = ("article", "paragraph", "speaker")
    search_fields = ("text", "speaker__name", "speaker_note", "article__title")
    autocomplete_fields = ("article", "paragraph", "speaker")
    fieldsets = (
        ("Where", {"fields": ("article", "paragraph", ("start", "end"), "text", "in_context")}),
        ("Who", {"fields": ("speaker", "speaker_note")}),
        ("Review", {"fields": ("status", "confidence")}),
    )

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_column(self, quote):
        return admin_link(quote.speaker) if quote.speaker_id else quote.speaker_label


@admin.register(Mention)
class MentionAdmin(SpanAdmin):
    list_display = (
        "text",
        "entity_link",
        "in_context",
        "article",
        "paragraph_number",
        "status",
        "source",
    )
    list_filter = (
        "status",
        EntityTypeFilter,
        "source",
        ("article", admin.RelatedOnlyFieldListFilter),
    )
    link_filters = ENTITY_LINK_FIELDS  # an entity's mentions, from its page
    list_select_related = ("article", "paragraph", "person", "organization", "place")
    search_fields = ("text", "person__name", "organization__name", "place__name", "article__title")
    autocomplete_fields = ("article", "paragraph", "person", "organization", "place")
    fieldsets = (
        ("Where", {"fields": ("article", "paragraph", ("start", "end"), "text", "in_context")}),
        (
            "Who or what it names",
            {
                "fields": (("person", "organization", "place"),),
                "description": "Choose exactly one person, organization or place.",
            },
        ),
        ("Review", {"fields": ("status", "source")}),
    )

    @admin.display(description="names")
    def entity_link(self, mention):
        return admin_link(mention.entity)

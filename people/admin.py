"""Admin for people, organizations and places, their aliases and affiliations."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models, transaction
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.text import capfirst

from archive.admin import (
    ArchiveModelAdmin,
    ArchiveTabularInline,
    admin_link,
    change_url,
    changelist_url,
    related_count,
)
from archive.status import Status
from people.admin_forms import AliasForm, AliasFormSet, EntityAdminForm
from people.merge import MergeError, counted, merge_duplicates, merge_refusal, related_counts
from people.models import (
    ENTITY_LINK_FIELDS,
    Affiliation,
    Alias,
    Organization,
    Person,
    Place,
    related_records,
)

# The articles' quotes and mentions, reached through the relations they declare (people
# imports nothing from articles: docs/architecture.md).
Quote = related_records(Person, "quotes").model
Mention = related_records(Person, "mentions").model

# -- list filters -----------------------------------------------------------


class MentionedFilter(admin.SimpleListFilter):
    title = "mentioned in the articles"
    parameter_name = "mentioned"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No (or only in rejected mentions)")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(mention_count__gt=0)
        if self.value() == "no":
            return queryset.filter(mention_count=0)
        return queryset


class EntityTypeFilter(admin.SimpleListFilter):
    """For records that point at exactly one person, organization or place."""

    title = "links to"
    parameter_name = "links_to"

    def lookups(self, request, model_admin):
        return [("person", "A person"), ("organization", "An organization"), ("place", "A place")]

    def queryset(self, request, queryset):
        if self.value() in ENTITY_LINK_FIELDS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


class AliasScopeFilter(admin.SimpleListFilter):
    title = "valid in"
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("global", "Every article"), ("scoped", "One article only")]

    def queryset(self, request, queryset):
        if self.value() == "global":
            return queryset.filter(article__isnull=True)
        if self.value() == "scoped":
            return queryset.filter(article__isnull=False)
        return queryset


# -- inlines ----------------------------------------------------------------

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class AliasInline(ArchiveTabularInline):
    """The aliases of whichever entity the page is for (Alias has one key to each kind)."""

    model = Alias
    form = AliasForm
    formset = AliasFormSet
    fields = ("name", "article", "script")
    readonly_fields = ("script",)
    autocomplete_fields = ("article",)
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


class PersonAffiliationInline(ArchiveTabularInline):
    model = Affiliation
    fk_name = "person"
    fields = ("organization", "role", "title", "evidence", "article")
    autocomplete_fields = ("organization", "article")
    formfield_overrides = COMPACT_TEXT
    show_change_link = False


class OrganizationAffiliationInline(ArchiveTabularInline):
    model = Affiliation
    fk_name = "organization"
    fields = ("person", "role", "title", "evidence", "article")
    autocomplete_fields = ("person", "article")
    formfield_overrides = COMPACT_TEXT
    show_change_link = False


class PersonQuoteInline(ArchiveTabularInline):
    """What the person said; the words and their place are edited on the quote's own page."""

    model = Quote
    fk_name = "speaker"
    fields = ("article", "paragraph_number", "text", "status")
    readonly_fields = ("article", "paragraph_number", "text")
    can_delete = False
    verbose_name = "quote"
    verbose_name_plural = "quotes (the words and their place are edited on the quote's page)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "paragraph")

    @admin.display(description="¶")
    def paragraph_number(self, quote):
        return quote.paragraph.position


class PlaceChildInline(ArchiveTabularInline):
    model = Place
    fk_name = "parent"
    form = EntityAdminForm
    fields = ("name", "slug", "kind")
    # Deleting a place deletes its mentions: that happens on its own page, with confirmation.
    can_delete = False
    verbose_name = "place inside it"
    verbose_name_plural = "places inside it"


# -- entities ---------------------------------------------------------------


class EntityAdmin(ArchiveModelAdmin):
    """What the admins of people, organizations and places share, the merge action too."""

    form = EntityAdminForm
    list_display = ("name", "slug", "also_known_as", "mention_count")
    list_filter = (MentionedFilter, "pseudonym")
    search_fields = ("name", "slug", "aliases__name")
    ordering = ("name",)
    readonly_fields = ("in_the_archive",)
    actions = ["merge_selected"]
    inlines = [AliasInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_mention_counts(drafts=True)
            .prefetch_related("aliases")
        )

    def get_inlines(self, request, obj):
        if obj is None:
            # Alias.clean() wants the entity saved already (it checks person_id & co.), so a
            # new record gets its aliases once saved ("Save and continue editing").
            return [inline for inline in self.inlines if inline is not AliasInline]
        return self.inlines

    @admin.display(description="also known as")
    def also_known_as(self, entity):
        names = [a.name for a in entity.aliases.all() if a.article_id is None]
        shown = ", ".join(names[:6])
        return f"{shown}, …" if len(names) > 6 else shown

    @admin.display(description="mentions", ordering="mention_count")
    def mention_count(self, entity):
        url = changelist_url(Mention, **{f"{entity.link_field}__id__exact": entity.pk})
        return format_html('<a href="{}">{}</a>', url, entity.mention_count)

    @admin.display(description="in the archive")
    def in_the_archive(self, entity):
        if entity.pk is None:
            return None
        counts = entity.mentions.aggregate(
            total=Count("pk"),
            unreviewed=Count("pk", filter=Q(status=Status.SUGGESTED)),
            articles=Count("article", distinct=True),
        )
        url = changelist_url(Mention, **{f"{entity.link_field}__id__exact": entity.pk})
        return format_html(
            '<a href="{}">{} mentions</a> ({} not reviewed yet) in {} articles',
            url,
            counts["total"],
            counts["unreviewed"],
            counts["articles"],
        )

    # -- merging --------------------------------------------------------------

    @admin.action(description="Merge selected into one", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        candidates = list(queryset)
        if len(candidates) < 2:
            self.message_user(
                request,
                f"Select two or more {self.opts.verbose_name_plural} to merge.",
                messages.WARNING,
            )
            return None
        if request.POST.get("post") != "yes":
            return self.merge_confirmation(request, candidates)
        survivor = next((c for c in candidates if str(c.pk) == request.POST.get("survivor")), None)
        if survivor is None:
            self.message_user(
                request, f"Choose the {self.opts.verbose_name} to keep.", messages.ERROR
            )
            return self.merge_confirmation(request, candidates)
        duplicates = [c for c in candidates if c.pk != survivor.pk]
        try:
            with transaction.atomic():
                self.log_deletions(request, duplicates)
                summary = merge_duplicates(survivor, duplicates)
                self.log_change(request, summary.survivor, str(summary))
        except MergeError as error:
            self.message_user(request, str(error), messages.ERROR)
            return self.merge_confirmation(request, candidates, chosen=survivor.pk)
        self.message_user(request, str(summary), messages.SUCCESS)
        return None

    def merge_confirmation(self, request, candidates, chosen=None):
        rows = []
        for entity in candidates:
            others = [c for c in candidates if c.pk != entity.pk]
            counts = [(label, n) for label, n in related_counts(entity) if n]
            rows.append(
                {
                    "obj": entity,
                    "url": change_url(entity),
                    "counts": counts,
                    "moves": [counted(n, label) for label, n in counts],
                    "refusal": merge_refusal(entity, others),
                }
            )
        # The record most else points at is the likeliest one to keep.
        rows.sort(key=lambda row: (-sum(n for _, n in row["counts"]), row["obj"].name))
        keepable = [row["obj"].pk for row in rows if not row["refusal"]]
        if chosen not in keepable:
            chosen = keepable[0] if keepable else None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {len(candidates)} {self.opts.verbose_name_plural} into one",
            "opts": self.opts,
            "candidates": rows,
            "chosen": chosen,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": changelist_url(self.model),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/people/merge_confirmation.html", context)


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    list_display = (*EntityAdmin.list_display, "quote_count", "pseudonym")
    fieldsets = (
        (None, {"fields": ("name", "slug", "description")}),
        ("Name changed by the outlet", {"fields": ("pseudonym", "pseudonym_note")}),
        ("In the archive", {"fields": ("in_the_archive",)}),
    )
    inlines = [AliasInline, PersonAffiliationInline, PersonQuoteInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=related_count(Quote, "speaker"))

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, person):
        url = changelist_url(Quote, speaker__id__exact=person.pk)
        return format_html('<a href="{}">{}</a>', url, person.quote_count)


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    list_display = ("name", "kind", "slug", "also_known_as", "mention_count")
    list_filter = ("kind", MentionedFilter, "pseudonym")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "description")}),
        (
            "Name changed by the outlet",
            {"fields": ("pseudonym", "pseudonym_note"), "classes": ("collapse",)},
        ),
        ("In the archive", {"fields": ("in_the_archive",)}),
    )
    inlines = [AliasInline, OrganizationAffiliationInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if (
            match
            and match.url_name == "autocomplete"
            and request.GET.get("model_name") == "article"
            and request.GET.get("field_name") == "outlet"
        ):
            queryset = queryset.filter(kind=Organization.Kind.MEDIA)
        return queryset, may_have_duplicates


@admin.register(Place)
class PlaceAdmin(EntityAdmin):
    list_display = ("name", "kind", "parent_link", "also_known_as", "mention_count")
    list_filter = ("kind", ("parent", admin.EmptyFieldListFilter), MentionedFilter)
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "parent", "description")}),
        (
            "Name changed by the outlet",
            {"fields": ("pseudonym", "pseudonym_note"), "classes": ("collapse",)},
        ),
        ("In the archive", {"fields": ("in_the_archive",)}),
    )
    inlines = [AliasInline, PlaceChildInline]

    @admin.display(description="lies in", ordering="parent__name")
    def parent_link(self, place):
        return admin_link(place.parent)


# -- aliases and affiliations -----------------------------------------------


@admin.register(Alias)
class AliasAdmin(ArchiveModelAdmin):
    form = AliasForm
    list_display = ("name", "entity_link", "entity_type", "script", "article")
    list_filter = (EntityTypeFilter, AliasScopeFilter, "script")
    list_select_related = ("person", "organization", "place", "article")
    search_fields = ("name", "person__name", "organization__name", "place__name")
    autocomplete_fields = ("person", "organization", "place", "article")
    ordering = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "script")}),
        (
            "Whose alias",
            {
                "fields": (("person", "organization", "place"),),
                "description": "Choose exactly one person, organization or place.",
            },
        ),
        ("Where it is valid", {"fields": ("article",)}),
    )
    readonly_fields = ("script",)

    @admin.display(description="alias of")
    def entity_link(self, alias):
        return admin_link(alias.entity)

    @admin.display(description="kind")
    def entity_type(self, alias):
        return capfirst(alias.entity._meta.verbose_name) if alias.entity else None


@admin.register(Affiliation)
class AffiliationAdmin(ArchiveModelAdmin):
    list_display = ("person", "organization", "role", "title", "article")
    list_filter = ("role", "organization__kind")
    list_select_related = ("person", "organization", "article")
    search_fields = ("person__name", "organization__name", "title", "evidence")
    autocomplete_fields = ("person", "organization", "article")
    ordering = ("organization__name", "person__name")

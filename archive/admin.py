"""What every admin page of the archive shares: defaults, a form, links and counts."""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst

# What the admin's own list filters put in a query string: field__exact, field__id__exact,
# field__isnull, field__isempty, field__in, date ranges (field__gte/__lt) and the date
# hierarchy's parts.
FILTER_LOOKUPS = {
    "exact",
    "in",
    "isnull",
    "isempty",
    "gt",
    "gte",
    "lt",
    "lte",
    "year",
    "month",
    "day",
    "id",
    "pk",
}


class ArchiveAdminForm(forms.ModelForm):
    """A model form that shows every error the model's validation raises.

    A model's clean() may name a field that this form shows read-only (a quote's
    offsets on the article page). Django would fail with a ValueError; such errors
    are shown above the form instead, under the field's name. A message that the
    form's own clean() gave already is not shown twice.
    """

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            shown = self._errors_for_shown_fields(error.error_dict)
            if not shown:
                return
            error = ValidationError(shown)
        super().add_error(field, error)

    def _errors_for_shown_fields(self, error_dict):
        said = {message for errors in self._errors.values() for message in errors}
        shown = {}
        for name, errors in error_dict.items():
            if name != NON_FIELD_ERRORS and name not in self.fields:
                label = self._field_label(name)
                errors = [
                    ValidationError(f"{label}: {message}")
                    for message in ValidationError(errors).messages
                ]
                name = NON_FIELD_ERRORS
            errors = [e for e in errors if not set(ValidationError(e).messages) <= said]
            if errors:
                shown.setdefault(name, []).extend(errors)
        return shown

    def _field_label(self, name):
        try:
            return capfirst(self._meta.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return capfirst(name)


class ArchiveModelAdmin(admin.ModelAdmin):
    """Defaults for every model of the archive."""

    form = ArchiveAdminForm
    list_per_page = 50
    list_max_show_all = 500
    # The unfiltered total costs a second COUNT on every changelist page.
    show_full_result_count = False
    empty_value_display = "—"
    save_on_top = True
    #: Fields entered when a record is created and shown read-only from then on.
    fixed_after_creation = ()
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    #: Fields that other admin pages link to this list by (?speaker__id__exact=…), besides
    #: the list's own filters.
    link_filters = ()

    def lookup_allowed(self, lookup, value, request=None):
        """Only what the page's own filters, date hierarchy and links ask for, with the plain
        lookups they use. Django allows any lookup on a local field (?name__regex=… ran for 30 s
        and was killed); anything else is now a 400 (DisallowedModelAdminLookup)."""
        if not super().lookup_allowed(lookup, value, request):
            return False
        path = lookup.split(LOOKUP_SEP)
        while len(path) > 1 and path[-1] in FILTER_LOOKUPS:
            path.pop()
        return LOOKUP_SEP.join(path) in self.filterable(request)

    def filterable(self, request):
        """The field paths and filter parameters a query string of this list may use."""
        allowed = set(self.link_filters)
        for spec in self.get_list_filter(request):
            if isinstance(spec, str):
                allowed.add(spec)
            elif isinstance(spec, list | tuple):
                allowed.add(spec[0])
            elif getattr(spec, "parameter_name", None):
                allowed.add(spec.parameter_name)
        if self.date_hierarchy:
            allowed.add(self.date_hierarchy)
        for fk_lookup in self.model._meta.related_fkey_lookups:  # raw-id popups' choices
            lookups = fk_lookup() if callable(fk_lookup) else fk_lookup
            if isinstance(lookups, dict):
                allowed |= {key.split(LOOKUP_SEP)[0] for key in lookups}
        return allowed

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += tuple(f for f in self.fixed_after_creation if f not in fields)
        return fields


class ArchiveInlineFormSet(BaseInlineFormSet):
    """Gives each row its parent record, so that rows showing it (their __str__) cost no query."""

    def get_queryset(self):
        if not hasattr(self, "_rows"):
            rows = self.choose_rows(super().get_queryset())
            for record in rows:  # evaluates the queryset: the forms use these very objects
                setattr(record, self.fk.name, self.instance)
            self._rows = rows
        return self._rows

    def choose_rows(self, queryset):
        return queryset

    def add_fields(self, form, index):
        """A table row's fields have only the column heading over them: each gets a name of
        its own for screen readers ("Name, row 2"), since no <label> points at it."""
        super().add_fields(form, index)
        row = "new row" if index is None else f"row {index + 1}"
        for name, field in form.fields.items():
            label = "Delete" if name == "DELETE" else capfirst(field.label or name)
            # An autocomplete or "add another" widget is wrapped: its select needs the name.
            for widget in {field.widget, getattr(field.widget, "widget", field.widget)}:
                widget.attrs.setdefault("aria-label", f"{label}, {row}")


class FirstRowsFormSet(ArchiveInlineFormSet):
    """Shows only the first `max_shown` rows.

    For records with hundreds of related rows: a formset of all of them is a slow
    page, and a POST over Django's limit on the number of fields.
    """

    max_shown = 50

    def choose_rows(self, queryset):
        shown = list(queryset.values_list("pk", flat=True)[: self.max_shown])
        return queryset.filter(pk__in=shown)


class ArchiveTabularInline(admin.TabularInline):
    form = ArchiveAdminForm
    formset = ArchiveInlineFormSet
    extra = 0
    show_change_link = True


def related_count(model, field, **filters):
    """An annotation: how many `model` rows have `field` pointing at the outer row."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model, **filters):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def admin_link(obj, text=None):
    """A link to `obj`'s admin change page; the empty-value dash for no object."""
    if obj is None:
        return None
    return format_html('<a href="{}">{}</a>', change_url(obj), text if text is not None else obj)

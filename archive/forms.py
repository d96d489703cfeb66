from dataclasses import dataclass

from django import forms
from django.apps import apps

from archive.search.core import MAX_PAGE, SORTS
from archive.search.query import FILTER_FIELDS, Filter, QueryError, normalize_type
from archive.text import strip_control

# URL parameters that narrow a search, and the index field each filters.
FILTER_PARAMS = ("type", "outlet", "person", "organization", "place", "year")


class QueryField(forms.CharField):
    """Search text: control characters (even NUL) are dropped rather than refused."""

    def to_python(self, value):
        return super().to_python(strip_control(value or ""))


ENTITY_HELP = "Slug, name or alias."


class SearchForm(forms.Form):
    """The search parameters, defined once: the search page, the API, the exports and the
    OpenAPI schema (`query_parameters()`) all take them from here."""

    q = QueryField(
        required=False,
        strip=True,
        help_text=(
            'The query: words, "phrases", OR, -exclude, prefix*, and type: outlet: person: '
            "place: organization: year: filters."
        ),
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        help_text="From 1.",
        error_messages={
            "invalid": "The page must be a whole number.",
            "min_value": "The page must be 1 or more.",
            "max_value": f"The page must be {MAX_PAGE} or less.",
        },
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(s, s) for s in SORTS],
        help_text="relevance or date.",
        error_messages={"invalid_choice": "Sort by relevance or date."},
    )
    type = forms.CharField(
        required=False, help_text="article, quote, person, organization or place."
    )
    outlet = forms.CharField(required=False, help_text=ENTITY_HELP)
    person = forms.CharField(required=False, help_text=ENTITY_HELP)
    organization = forms.CharField(required=False, help_text=ENTITY_HELP)
    place = forms.CharField(required=False, help_text=ENTITY_HELP)
    year = forms.CharField(required=False, help_text='Four digits, or "unknown".')

    def clean_type(self):
        value = self.cleaned_data["type"].strip()
        return normalize_type(value) if value else ""

    def clean(self):
        data = super().clean()
        data["page"] = data.get("page") or 1
        data["sort"] = data.get("sort") or "relevance"
        data["filters"] = [
            Filter(FILTER_FIELDS[name], data[name].strip(), label=name)
            for name in FILTER_PARAMS
            if data.get(name, "").strip()
        ]
        return data

    def first_error(self):
        for errors in self.errors.values():
            return errors[0]
        return ""


def query_parameters(exclude=()):
    """The search form's fields as OpenAPI query parameters."""
    parameters = []
    for name, field in SearchForm.base_fields.items():
        if name in exclude:
            continue
        schema = {"type": "integer" if isinstance(field, forms.IntegerField) else "string"}
        if isinstance(field, forms.ChoiceField):
            schema["enum"] = [value for value, _ in field.choices]
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": field.required,
                "schema": schema,
                "description": str(field.help_text),
            }
        )
    return parameters


# Filters that name an entity, and the model whose name is shown for them.
ENTITY_FILTERS = {
    "outlet": "organization",
    "person": "person",
    "organization": "organization",
    "place": "place",
}


@dataclass
class ChosenFilter:
    """A filter of the search's address, shown by name, with the address without it."""

    param: str
    value: str  # as in the address: a slug, a name or an alias
    key: str  # the value as the facets give it (a slug, a normalized type)
    label: str
    remove_query: str


def filter_name(param, value):
    """(key, label): the facet value and the display name of a filter's value."""
    if param == "type":
        try:
            key = normalize_type(value)
        except QueryError:
            return value, value
        return key, key.capitalize()
    if param == "year":
        return value, "Date unknown" if value.lower() == "unknown" else value
    model = apps.get_model("people", ENTITY_FILTERS[param])
    found = (
        model.objects.filter(slug=value.lower()).first()
        or model.objects.matching_name(value).order_by("name").first()
    )
    return (found.slug, found.name) if found else (value, value)


def without(params, *names, **changes):
    """The query string of `params` (a QueryDict) without the page and `names`, with `changes`."""
    params = params.copy()
    for name in ("page", *names):
        params.pop(name, None)
    for name, value in changes.items():
        params[name] = value
    return params.urlencode()


def chosen_filters(params):
    """The filters the search's address sets, in FILTER_PARAMS order."""
    chosen = []
    for param in FILTER_PARAMS:
        value = params.get(param, "").strip()
        if value:
            key, label = filter_name(param, value)
            chosen.append(ChosenFilter(param, value, key, label, without(params, param)))
    return chosen


def facet_choices(page, params, chosen):
    """The page's facets: [(heading, param, [(label, count, href, selected)])].

    A chosen value links to the search without it, any other to the search narrowed by it."""
    selected = {(c.param, c.key) for c in chosen}
    groups = []
    for param, heading, values in page.facet_groups:
        choices = []
        for value, label, count in values:
            is_selected = (param, value) in selected
            href = without(params, param) if is_selected else without(params, **{param: value})
            choices.append((label, count, href, is_selected))
        groups.append((heading, param, choices))
    return groups

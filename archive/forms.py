from django import forms

from archive.search.core import MAX_PAGE, SORTS
from archive.search.query import FILTER_FIELDS, Filter, normalize_type
from archive.text import strip_control

# URL parameters that narrow a search, and the index field each filters.
FILTER_PARAMS = ("type", "outlet", "person", "organization", "place", "year")


class QueryField(forms.CharField):
    """Search text: control characters (even NUL) are dropped rather than refused."""

    def to_python(self, value):
        return super().to_python(strip_control(value or ""))


class SearchForm(forms.Form):
    q = QueryField(required=False, strip=True)
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE,
        error_messages={"invalid": "The page must be a whole number.",
                        "min_value": "The page must be 1 or more.",
                        "max_value": f"The page must be {MAX_PAGE} or less."},
    )
    sort = forms.ChoiceField(
        required=False, choices=[(s, s) for s in SORTS],
        error_messages={"invalid_choice": "Sort by relevance or date."},
    )
    type = forms.CharField(required=False)
    outlet = forms.CharField(required=False)
    person = forms.CharField(required=False)
    organization = forms.CharField(required=False)
    place = forms.CharField(required=False)
    year = forms.CharField(required=False)

    def clean_type(self):
        value = self.cleaned_data["type"].strip()
        return normalize_type(value) if value else ""

    def clean(self):
        data = super().clean()
        data["page"] = data.get("page") or 1
        data["sort"] = data.get("sort") or "relevance"
        data["filters"] = [
            Filter(FILTER_FIELDS[name], data[name].strip(), label=name)
            for name in FILTER_PARAMS if data.get(name, "").strip()
        ]
        return data

    def first_error(self):
        for errors in self.errors.values():
            return errors[0]
        return ""

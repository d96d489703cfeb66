"""Haystack field types the archive's Whoosh backend maps to exact (unanalysed) fields.

haystack's own `faceted=True` indexes facet values as stemmed text (so
"politics" comes back as "polit"); these are indexed verbatim instead.
"""

from haystack import indexes


class ExactField(indexes.CharField):
    """One exact value: a type, a slug, a year. Filterable and facetable."""

    field_type = "exact"


class ExactListField(indexes.MultiValueField):
    """Several exact values (entity slugs). Filterable and facetable."""

    field_type = "exact_list"


class SortDateField(indexes.IntegerField):
    """The date as YYYYMMDD (0 when unknown), for sorting by date."""

    field_type = "sort_number"

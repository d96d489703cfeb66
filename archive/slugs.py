"""Slugs made from names in any script: "Вучић" and "Vučić" both become "vucic"."""

from django.utils.text import slugify

from archive.text import fold_phrase


def unique_slug(model, text, max_length=100, exclude_pk=None):
    """A slug of `text` that no other `model` record has ("name", "name-2", …)."""
    base = slugify(" ".join(fold_phrase(text)))[:max_length].strip("-") or model._meta.model_name
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

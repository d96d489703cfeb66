"""Language tags for Serbian and Russian text in the pages (see archive.text.language_tag)."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from archive.text import CYRILLIC_RUN, language_tag

register = template.Library()
TAG = re.compile(r"(<[^>]*>)")


@register.filter
def lang_runs(html):
    """The text (escaped unless already safe HTML) with each Cyrillic run in a <span lang>.

    A run with no letter of its own takes the language the whole passage shows, if any."""
    html = str(conditional_escape(html))
    context = {"sr-Cyrl": "sr", "ru": "ru"}.get(language_tag(TAG.sub("", html)), "")

    def tagged(match):
        return format_html(
            '<span lang="{}">{}</span>',
            language_tag(match.group(0), context),
            mark_safe(match.group(0)),
        )  # already escaped above

    parts = TAG.split(html)
    return mark_safe(
        "".join(part if part.startswith("<") else CYRILLIC_RUN.sub(tagged, part) for part in parts)
    )


@register.filter
def alias_lang(alias, aliases=()):
    """An alias's language tag. Cyrillic that could be Serbian or Russian takes the language
    of the article it is confined to, else the one the entity's other Cyrillic names show."""
    context = alias.article.language[:2] if alias.article_id else ""
    if context not in ("sr", "ru"):
        shown = {language_tag(other.name) for other in aliases}
        context = "sr" if "sr-Cyrl" in shown else "ru" if "ru" in shown else ""
    return language_tag(alias.name, context)

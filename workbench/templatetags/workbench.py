"""Save buttons and schema.org JSON-LD for the reading pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from workbench.models import saved_passages

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script> element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def save_kind(obj):
    """The kind of record a Save button saves: quote, article, paragraph, person, …"""
    return getattr(getattr(obj, "_meta", None), "model_name", "")


@register.simple_tag(takes_context=True)
def passage_saving(context, article):
    """For a researcher reading an article, what the paragraphs' Save buttons need: the
    paragraphs already saved and the confirmation of a save just made, by paragraph. None
    for anyone else, who gets no buttons. One query, however long the article."""
    if article.is_draft or not context.get("workbench_researcher"):
        return None
    notices = {}
    for message in context.get("messages", ()):
        tags = message.extra_tags.split()
        if "passage" in tags:
            notices[tags[-1]] = message
    return {"saved": saved_passages(context["request"].user, article), "notices": notices}


@register.filter
def passage(mapping, key):
    """mapping[key] or None: a paragraph's entry in `passage_saving`."""
    return mapping.get(key) if mapping else None


@register.filter
def general_messages(messages):
    """The messages shown at the top of a page: a passage's is shown at its paragraph."""
    return [m for m in messages if "passage" not in m.extra_tags.split()]


@register.simple_tag
def json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def person_ld(person, request):
    return {
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }


def article_data(article, request):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": article.language,
        "isAccessibleForFree": True,
    }
    authors = [person_ld(p, request) for p in article.authors.all()]
    if authors:
        data["author"] = authors
    if article.published:
        data["datePublished"] = article.published.isoformat()[
            : {"year": 4, "month": 7}.get(article.date_precision, 10)
        ]
    if article.outlet_id:
        data["publisher"] = {
            "@type": "Organization",
            "name": article.outlet.name,
            "url": request.build_absolute_uri(article.outlet.get_absolute_url()),
        }
    return data


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    return json_ld(article_data(article, context["request"]))


@register.simple_tag(takes_context=True)
def quote_json_ld(context, quote):
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": quote.words,
        "url": request.build_absolute_uri(quote.get_absolute_url()),
        "isPartOf": {
            key: value
            for key, value in article_data(quote.article, request).items()
            if key != "@context"
        },
    }
    if quote.speaker_id:
        data["spokenByCharacter"] = person_ld(quote.speaker, request)
        data["creator"] = person_ld(quote.speaker, request)
    return json_ld(data)

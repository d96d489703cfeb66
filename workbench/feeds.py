"""Atom feeds: follow a search or a person, organization or place.

Entries are dated by their article's publication date, newest first; an
article whose date is unknown comes last and carries no invented date: Atom
requires an <updated> on every entry, and for those it is the time the
article entered the archive, while <published> is left out. Only what the
public may read is followed: published articles, reviewed quotes and mentions.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from archive.forms import SearchForm
from archive.search.core import search
from archive.search.query import QueryError
from people.models import Organization, Person, Place

FEED_ITEMS = 50
GUID = "tag:russians-in-serbia.archive,2026:"  # stable entry ids, apart from links
ENTITY_MODELS = {"person": Person, "organization": Organization, "place": Place}


@dataclass
class Entry:
    title: str
    link: str
    description: str
    published: date | None
    added: datetime  # when the article entered the archive
    guid: str = ""

    @property
    def sort_key(self):
        return (self.published is not None, self.published or date.min)


def as_datetime(day):
    return timezone.make_aware(datetime.combine(day, time())) if day else None


def newest_first(entries):
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)[:FEED_ITEMS]


class ArchiveFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.description

    def item_guid(self, entry):
        return entry.guid or None

    def item_pubdate(self, entry):
        return as_datetime(entry.published)

    def item_updateddate(self, entry):
        return as_datetime(entry.published) or entry.added


def hit_entry(hit):
    """An article or quote is dated by its article; a person, organization or place has no
    date but the time its record entered the archive."""
    article = {"article": hit.obj, "quote": getattr(hit.obj, "article", None)}.get(hit.type)
    record = article or hit.obj
    return Entry(
        f"{hit.type.capitalize()}: {hit.title}",
        hit.url,
        strip_tags(str(hit.snippet)),
        article.published if article else None,
        record.created,
    )


class SearchFeed(ArchiveFeed):
    """The newest results of a search, with the search page's parameters."""

    def get_object(self, request):
        form = SearchForm(request.GET)
        try:
            if not form.is_valid():
                raise BadRequest(form.first_error())
            data = form.cleaned_data
            page = search(
                data["q"],
                page=1,
                sort="date",
                filters=data["filters"],
                page_size=FEED_ITEMS,
                suggest=False,
            )
        except QueryError as error:
            raise BadRequest(str(error)) from error
        return {"query": request.GET.urlencode(), "q": data["q"], "page": page}

    def title(self, obj):
        return (
            f"Search “{obj['q']}”: Russians in Serbia" if obj["q"] else "Search: Russians in Serbia"
        )

    def link(self, obj):
        return f"{reverse('search')}?{obj['query']}"

    def subtitle(self, obj):
        return "New articles, quotes and records matching this search, newest first."

    def items(self, obj):
        return newest_first(hit_entry(hit) for hit in obj["page"].hits)


class EntityFeed(ArchiveFeed):
    """New articles, quotes and mentions of one person, organization or place."""

    def get_object(self, request, kind, slug):
        if kind not in ENTITY_MODELS:
            raise BadRequest("Feeds exist for a person, organization or place.")
        return get_object_or_404(ENTITY_MODELS[kind], slug=slug)

    def title(self, entity):
        return f"{entity.name}: Russians in Serbia"

    def link(self, entity):
        return entity.get_absolute_url()

    def subtitle(self, entity):
        return f"New articles, quotes and mentions of {entity.name}, newest first."

    def items(self, entity):
        entries = []
        for mention in entity.mentions.public().select_related(
            "article__outlet", "paragraph__article"
        ):
            entries.append(
                Entry(
                    f"Mentioned in {mention.article.title}",
                    mention.paragraph.get_absolute_url(),
                    mention.paragraph.text,
                    mention.article.published,
                    mention.article.created,
                    f"{GUID}mention-{mention.pk}",
                )
            )
        if isinstance(entity, Person):
            for quote in entity.quotes.public().select_related("article", "paragraph"):
                entries.append(
                    Entry(
                        f"Quote: “{quote.words}”",
                        quote.get_absolute_url(),
                        f"{entity.name} in {quote.article.title}",
                        quote.article.published,
                        quote.article.created,
                        f"{GUID}quote-{quote.pk}",
                    )
                )
            articles = [(a, "by") for a in entity.articles_written.public()]
        elif isinstance(entity, Organization):
            articles = [(a, "published by") for a in entity.published_articles.public()]
        else:
            articles = []
        for article, relation in articles:
            entries.append(
                Entry(
                    f"Article: {article.title}",
                    article.get_absolute_url(),
                    f"{relation} {entity.name}",
                    article.published,
                    article.created,
                    f"{GUID}article-{article.pk}",
                )
            )
        return newest_first(entries)

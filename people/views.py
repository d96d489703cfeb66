from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from archive import exports
from archive.kwic import in_context
from people import exports as entity_exports
from people import network
from people.models import Organization, Person, Place

PER_PAGE = 50
MENTIONS_PER_PAGE = 100  # a big place (Belgrade) was 3 MB on one page
QUOTES_PER_PAGE = 50
TIMELINE_ARTICLES = 10  # listed by name under each year; the rest are counted
KWIC_BEFORE, KWIC_AFTER = 6, 18  # words either side of a mention
NEIGHBOURS = 12


def public_mentions_of(entity):
    """The entity's mentions, oldest article first (undated last), in reading order."""
    return entity.mentions.public().order_by(
        F("article__published").asc(nulls_last=True),
        "article__title",
        "article_id",
        "paragraph__position",
        "start",
        "pk",
    )


def mention_lines(mentions, totals):
    """Each mention of one page as a keyword-in-context line, grouped by article; each article
    carries its total of mentions (`totals`), which a page may show only part of."""
    grouped = OrderedDict()
    for mention in mentions.select_related("article__outlet", "paragraph"):
        mention.paragraph.article = mention.article  # for the paragraph's URL, without a query
        mention.article.entity_mentions = totals.get(mention.article_id, 0)
        line = in_context(
            mention.paragraph.text, [(mention.start, mention.end)], KWIC_BEFORE, KWIC_AFTER
        )
        grouped.setdefault(mention.article, []).append((mention, line))
    return grouped


def mentioned_articles(entity):
    """{article: how many public mentions of the entity it has}, oldest first (undated last):
    one row per article, however many mentions."""
    totals = dict(
        entity.mentions.public().order_by().values_list("article").annotate(count=Count("pk"))
    )
    articles = (
        entity.mentions.public()
        .articles()
        .select_related("outlet")
        .order_by(F("published").asc(nulls_last=True), "title", "pk")
    )
    return OrderedDict((article, totals[article.pk]) for article in articles)


@dataclass
class TimelineBar:
    label: str
    mentions: int
    articles: list = field(default_factory=list)  # the first TIMELINE_ARTICLES of them
    more_articles: int = 0
    unknown: bool = False
    x: float = 0
    height: float = 0
    middle: float = 0
    top: float = 0
    count_y: float = 0


@dataclass
class Timeline:
    bars: list
    most: int
    width: int = 0
    height: int = 140
    baseline: int = 100
    bar_width: int = 36
    gap: int = 12

    @property
    def dated(self):
        return [b for b in self.bars if not b.unknown]


def mention_timeline(article_counts, plot_height=78):
    """Mentions per year of publication, every year between the first and the last shown
    (empty ones too), and the articles whose date is unknown in a bar of their own."""
    by_year, unknown = {}, TimelineBar("Date unknown", 0, unknown=True)
    for article, count in article_counts.items():
        if article.published:
            bar = by_year.setdefault(
                article.published.year, TimelineBar(str(article.published.year), 0)
            )
        else:
            bar = unknown
        bar.mentions += count
        if len(bar.articles) < TIMELINE_ARTICLES:
            bar.articles.append((article, count))
        else:
            bar.more_articles += 1
    bars = []
    if by_year:
        bars = [
            by_year.get(year, TimelineBar(str(year), 0))
            for year in range(min(by_year), max(by_year) + 1)
        ]
    if unknown.mentions:
        bars.append(unknown)
    if not bars:
        return None
    most = max(b.mentions for b in bars)
    timeline = Timeline(bars=bars, most=most)
    x = timeline.gap
    for bar in bars:
        if bar.unknown and len(bars) > 1:
            x += timeline.bar_width  # set apart: not a point in time
        bar.x = x
        bar.height = round(plot_height * bar.mentions / most, 1) if most else 0
        bar.top = round(timeline.baseline - bar.height, 1)
        bar.count_y = round(bar.top - 4, 1)
        bar.middle = x + timeline.bar_width / 2
        x += timeline.bar_width + timeline.gap
    timeline.width = x
    return timeline


def entity_context(request, entity):
    article_counts = mentioned_articles(entity)
    totals = {article.pk: count for article, count in article_counts.items()}
    mention_page = Paginator(public_mentions_of(entity), MENTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    neighbours = network.neighbours(entity, limit=NEIGHBOURS)
    return {
        "entity": entity,
        "aliases": entity.aliases.public().select_related("article").order_by("script", "name"),
        "mention_page": mention_page,
        "mention_groups": mention_lines(mention_page.object_list, totals),
        "mention_count": mention_page.paginator.count,
        "mentioned_article_count": len(article_counts),
        "timeline": mention_timeline(article_counts),
        "neighbours": neighbours,
        "ego": network.ego_layout([n for n in neighbours if n.kind != "place"][:10]),
    }


@require_GET
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    context = entity_context(request, person)
    quotes = person.quotes.public().select_related("article", "paragraph__article")
    context.update(
        {
            "affiliations": person.affiliations.public().select_related("organization", "article"),
            "quotes": Paginator(quotes, QUOTES_PER_PAGE).get_page(request.GET.get("quotes")),
            "written": person.articles_written.public().select_related("outlet"),
            "edited": person.articles_edited.public().select_related("outlet"),
        }
    )
    return render(request, "people/person_detail.html", context)


@require_GET
def organization_detail(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    context = entity_context(request, organization)
    context.update(
        {
            "affiliations": organization.affiliations.public().select_related("person", "article"),
            "published": organization.published_articles.public().select_related("outlet"),
        }
    )
    return render(request, "people/organization_detail.html", context)


@require_GET
def place_detail(request, slug):
    place = get_object_or_404(Place.objects.select_related("parent"), slug=slug)
    context = entity_context(request, place)
    context.update(
        {
            "ancestors": list(reversed(place.ancestors())),
            "children": place.children.order_by("name"),
        }
    )
    return render(request, "people/place_detail.html", context)


@require_GET
def person_list(request):
    people = Person.objects.with_mention_counts().order_by("name")
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/person_list.html", {"page": page})


@require_GET
def organization_list(request):
    organizations = Organization.objects.with_mention_counts().order_by("kind", "name")
    page = Paginator(organizations, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/organization_list.html",
        {"page": page, "kinds": dict(Organization.Kind.choices)},
    )


@require_GET
def place_list(request):
    places = list(Place.objects.with_mention_counts().select_related("parent").order_by("name"))
    children = {}
    for place in places:
        children.setdefault(place.parent_id, []).append(place)

    def walk(parent_id, depth):
        for place in children.get(parent_id, []):
            place.depth = depth
            yield place
            yield from walk(place.pk, depth + 1)

    tree = list(walk(None, 0))
    page = Paginator(tree, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/place_list.html", {"page": page})


ENTITY_EXPORTS = {"people": Person, "organizations": Organization, "places": Place}


@require_GET
def entity_export(request, kind, extension):
    """Every person, organization or place, as CSV or JSON (streamed)."""
    model = ENTITY_EXPORTS[kind]
    rows = entity_exports.entity_rows(model, request.build_absolute_uri("/"))
    if extension == "csv":
        return exports.csv_response(
            exports.flatten(rows), entity_exports.entity_columns(model), f"{kind}.csv"
        )
    return exports.json_response(
        {"type": model._meta.model_name, "count": model.objects.count()},
        rows,
        f"{kind}.json",
        key=kind,
    )


NETWORK_NODES = 80
NETWORK_MAX_NODES = 300
NETWORK_MAX_EDGES = 600


def network_params(request):
    """(scope, node limit, error) from ?scope=paragraph|article&nodes=N."""
    scope = request.GET.get("scope", "paragraph")
    if scope not in network.SCOPES:
        return None, None, "The scope is paragraph or article."
    raw = request.GET.get("nodes", "")
    if not raw:
        return scope, NETWORK_NODES, ""
    if not raw.isdigit() or not 2 <= int(raw) <= NETWORK_MAX_NODES:
        return None, None, f"Show between 2 and {NETWORK_MAX_NODES} nodes."
    return scope, int(raw), ""


@require_GET
def network_page(request):
    """The network of people and organizations, drawn server-side as SVG, with a table."""
    scope, limit, error = network_params(request)
    if error:
        return render(request, "people/network.html", {"error": error}, status=400)
    graph = network.layout(network.build_graph(scope, max_nodes=limit, max_edges=NETWORK_MAX_EDGES))
    labelled = network.place_labels(graph, graph.nodes[:30])
    context = {
        "graph": graph,
        "scope": scope,
        "limit": limit,
        "labelled": labelled,
        "edges": sorted(graph.edges, key=lambda e: (-e.weight, e.source.entity.name)),
        "scopes": network.SCOPES,
        "max_nodes": NETWORK_MAX_NODES,
    }
    return render(request, "people/network.html", context)


@require_GET
def network_gexf(request):
    """The whole network (no node limit) as GEXF 1.3 for Gephi."""
    scope, _, error = network_params(request)
    if error:
        return HttpResponse(error + "\n", status=400, content_type="text/plain; charset=utf-8")
    graph = network.build_graph(scope)
    xml = network.to_gexf(
        graph,
        url_for=lambda e: request.build_absolute_uri(e.get_absolute_url()),
        date=timezone.localdate(),
    )
    response = HttpResponse(xml, content_type="application/gexf+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="network-{scope}.gexf"'
    return response

from collections import OrderedDict

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from archive.search.snippets import render as render_snippet
from people.models import Organization, Person, Place

PER_PAGE = 50
KWIC_WORDS = 12


def mention_lines(entity):
    """Each mention as a keyword-in-context line, grouped by article (newest first)."""
    mentions = (entity.mentions.visible()
                .select_related("article", "paragraph")
                .order_by("article__published", "article__title", "paragraph__position", "start"))
    grouped = OrderedDict()
    for mention in mentions:
        line = render_snippet(mention.paragraph.text, [(mention.start, mention.end, ())],
                              context_words=KWIC_WORDS)
        grouped.setdefault(mention.article, []).append((mention, line))
    return grouped


def entity_context(entity):
    return {
        "entity": entity,
        "aliases": entity.aliases.select_related("article").order_by("script", "name"),
        "mention_groups": mention_lines(entity),
    }


@require_GET
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    context = entity_context(person)
    context.update({
        "affiliations": person.affiliations.select_related("organization"),
        "quotes": person.quotes.visible().select_related("article", "paragraph"),
        "written": person.articles_written.all(),
        "edited": person.articles_edited.all(),
    })
    return render(request, "people/person_detail.html", context)


@require_GET
def organization_detail(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    context = entity_context(organization)
    context.update({
        "affiliations": organization.affiliations.select_related("person"),
        "published": organization.published_articles.all(),
    })
    return render(request, "people/organization_detail.html", context)


@require_GET
def place_detail(request, slug):
    place = get_object_or_404(Place.objects.select_related("parent"), slug=slug)
    context = entity_context(place)
    context.update({"ancestors": list(reversed(place.ancestors())),
                    "children": place.children.all()})
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
    return render(request, "people/organization_list.html",
                  {"page": page, "kinds": dict(Organization.Kind.choices)})


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

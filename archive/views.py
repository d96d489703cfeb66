"""The home page, the search page and the search API."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive.forms import FILTER_PARAMS, SearchForm
from archive.search.engine import search
from archive.search.query import QueryError
from articles.models import Article, Mention, Quote
from people.models import Organization, Person, Place


@require_GET
def home(request):
    context = {
        "counts": {
            "articles": Article.objects.count(),
            "quotes": Quote.objects.visible().count(),
            "people": Person.objects.count(),
            "organizations": Organization.objects.count(),
            "places": Place.objects.count(),
            "mentions": Mention.objects.visible().count(),
        },
        "latest": Article.objects.for_listing().by_date()[:5],
        "top_people": Person.objects.most_mentioned(8),
        "top_organizations": Organization.objects.most_mentioned(8),
        "top_places": Place.objects.most_mentioned(8),
    }
    return render(request, "home.html", context)


def run_search(request):
    """(form, page or None, error message or "") for the request's search parameters."""
    form = SearchForm(request.GET)
    try:
        if not form.is_valid():
            return form, None, form.first_error()
        data = form.cleaned_data
        page = search(data["q"], page=data["page"], sort=data["sort"], filters=data["filters"])
    except QueryError as error:
        return form, None, str(error)
    if page.count and data["page"] > page.pages:
        return form, None, (f"Page {data['page']} is past the end: this search has "
                            f"{page.pages} page{'s' if page.pages != 1 else ''}.")
    return form, page, ""


@require_GET
def search_page(request):
    form, page, error = run_search(request)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form, "results": page, "error": error,
        "q": form.data.get("q", ""),
        "active_filters": [(name, request.GET[name]) for name in FILTER_PARAMS
                           if request.GET.get(name)],
        "base_query": params.urlencode(),
    }
    return render(request, "search/search.html", context, status=400 if error else 200)


@require_GET
def search_api(request):
    form, page, error = run_search(request)
    if error:
        return JsonResponse({"error": error, "query": form.data.get("q", "")}, status=400)
    return JsonResponse({
        "query": page.query.text,
        "count": page.count,
        "page": page.page,
        "pages": page.pages,
        "sort": page.sort,
        "results": [hit_json(hit) for hit in page.hits],
        "facets": page.facets,
        "facet_labels": page.facet_labels,
        "suggestion": page.suggestion,
        "corrected": page.corrected,
        "notices": page.notices,
    }, json_dumps_params={"ensure_ascii": False})


def hit_json(hit):
    data = {
        "type": hit.type,
        "title": hit.title,
        "url": hit.url,
        "snippet": str(hit.snippet),
        "matched_via": hit.matched_via or None,
        "score": round(hit.score, 4),
    }
    if hit.type == "article":
        data["source_name"] = hit.obj.source_name
        data["paragraph"] = hit.paragraph
    elif hit.type == "quote":
        quote = hit.obj
        data["source_name"] = quote.article.source_name
        data["paragraph"] = quote.paragraph.position
        data["article"] = {"title": quote.article.title, "url": quote.article.get_absolute_url()}
        data["speaker"] = ({"name": quote.speaker.name, "url": quote.speaker.get_absolute_url()}
                           if quote.speaker else None)
        data["speaker_note"] = quote.speaker_note or None
    return data


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)

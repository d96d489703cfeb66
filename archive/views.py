"""The home page, the search page and the search API."""

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive import exports
from archive.forms import (
    FILTER_PARAMS,
    SearchForm,
    chosen_filters,
    facet_choices,
    without,
)
from archive.search.core import search
from archive.search.query import QueryError
from articles.models import Article, Mention, Quote
from people.models import Organization, Person, Place


@require_GET
def home(request):
    context = {
        "counts": {
            "articles": Article.objects.public().count(),
            "quotes": Quote.objects.public().count(),
            "people": Person.objects.count(),
            "organizations": Organization.objects.count(),
            "places": Place.objects.count(),
            "mentions": Mention.objects.public().count(),
        },
        "latest": Article.objects.public().for_listing().by_date()[:5],
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
        return (
            form,
            None,
            (
                f"Page {data['page']} is past the end: this search has "
                f"{page.pages} page{'s' if page.pages != 1 else ''}."
            ),
        )
    return form, page, ""


@require_GET
def search_page(request):
    form, page, error = run_search(request)
    chosen = chosen_filters(request.GET)
    context = {
        "form": form,
        "results": page,
        "error": error,
        "q": form.data.get("q", ""),
        "chosen_filters": chosen,
        "facets": facet_choices(page, request.GET, chosen) if page else [],
        "base_query": without(request.GET),
        "unsorted_query": without(request.GET, "sort"),
        "clear_filters_query": without(request.GET, *FILTER_PARAMS),
    }
    return render(request, "search/search.html", context, status=400 if error else 200)


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
        data["speaker"] = (
            {"name": quote.speaker.name, "url": quote.speaker.get_absolute_url()}
            if quote.speaker
            else None
        )
        data["speaker_note"] = quote.speaker_note or None
    return data


def search_error(extension, error, q):
    """A refused export: JSON like the search API's errors, plain text for CSV."""
    if extension == "json":
        return JsonResponse(
            {"error": error, "query": q}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(error + "\n", status=400, content_type="text/plain; charset=utf-8")


def valid_search(form):
    """The form's error message, or "" (a bad type raises QueryError while cleaning)."""
    try:
        return "" if form.is_valid() else form.first_error()
    except QueryError as error:
        return str(error)


@require_GET
def search_export(request, extension):
    """Every result of a search (not only one page), as CSV or JSON, streamed."""
    form = SearchForm(request.GET)
    q = form.data.get("q", "")
    error = valid_search(form)
    if error:
        return search_error(extension, error, q)
    try:
        first = exports.first_page(form.cleaned_data)
    except QueryError as exc:
        return search_error(extension, str(exc), q)
    rows = exports.search_rows(form.cleaned_data, first, request.build_absolute_uri("/"))
    filename = exports.export_filename(form.cleaned_data["q"], extension)
    if extension == "csv":
        return exports.csv_response(rows, exports.SEARCH_COLUMNS, filename)
    meta = exports.search_meta(first, min(first.count, exports.MAX_SEARCH_ROWS))
    return exports.json_response(meta, rows, filename)


KWIC_PER_PAGE = 200


def kwic_for(request):
    """(form, order, articles found, lines, error) for a keyword-in-context request."""
    form = SearchForm(request.GET)
    order = request.GET.get("order", "article")
    if order not in exports.KWIC_ORDERS:
        return (
            form,
            order,
            None,
            [],
            ("Order the lines by article, left context, right context or match."),
        )
    error = valid_search(form)
    if error:
        return form, order, None, [], error
    try:
        found, highlighter = exports.kwic_search(form.cleaned_data)
    except QueryError as exc:
        return form, order, None, [], str(exc)
    return form, order, found, exports.kwic_lines(found, highlighter, order=order), ""


@require_GET
def search_kwic(request):
    """The searched words in context: one line per occurrence in the articles found."""
    form, order, found, lines, error = kwic_for(request)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("order", None)
    context = {
        "q": form.data.get("q", ""),
        "error": error,
        "order": order,
        "orders": exports.KWIC_ORDERS,
        "lines_total": len(lines),
        "page": None
        if error
        else Paginator(lines, KWIC_PER_PAGE).get_page(form.cleaned_data["page"]),
        "base_query": params.urlencode(),
        "articles_found": found.count if found else 0,
        "capped": bool(found and found.count > exports.KWIC_MAX_ARTICLES),
        "max_articles": exports.KWIC_MAX_ARTICLES,
    }
    return render(request, "search/kwic.html", context, status=400 if error else 200)


@require_GET
def search_kwic_export(request, extension):
    """The keyword-in-context lines as CSV or JSON."""
    form, order, _, lines, error = kwic_for(request)
    q = form.data.get("q", "")
    if error:
        return search_error(extension, error, q)
    rows = (line.row(request.build_absolute_uri("/")) for line in lines)
    filename = exports.export_filename(q, extension).replace("search-", "kwic-", 1)
    if extension == "csv":
        return exports.csv_response(rows, exports.KWIC_COLUMNS, filename)
    return exports.json_response(
        {"query": q, "order": order, "count": len(lines)}, rows, filename, key="lines"
    )


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)

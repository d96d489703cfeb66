from collections import defaultdict
from functools import wraps

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from archive.search.marking import marking_for
from articles import citations
from articles.models import Article, Paragraph, Quote
from articles.rendering import render_paragraph, render_paragraphs

EXTENSIONS = {extension: style for style, (extension, _) in citations.DOWNLOADS.items()}

PER_PAGE = 25


def private_for_curators(view):
    """A curator's page may show a draft: no shared cache may keep it for the public."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapped


@require_GET
def article_list(request):
    articles = Article.objects.public().for_listing().by_date()
    page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"page": page})


@require_GET
@private_for_curators
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.visible_to(request.user)
        .select_related("outlet")
        .prefetch_related("authors", "editors"),
        slug=slug,
    )
    paragraphs = list(article.paragraphs.all())
    mentions = defaultdict(list)
    for mention in article.mentions.shown().select_related("person", "organization", "place"):
        mentions[mention.paragraph_id].append(mention)
    by_id = {p.pk: p for p in paragraphs}
    quotes = defaultdict(list)
    for quote in article.quotes.shown().select_related("speaker", "article"):
        quote.paragraph = by_id[quote.paragraph_id]
        quotes[quote.paragraph_id].append(quote)
    body = [p for p in paragraphs if p.kind in Paragraph.READING_KINDS]
    captions = [p for p in paragraphs if p.kind in Paragraph.ASIDE_KINDS]
    notes = [p for p in paragraphs if p.kind in ("note", "bio")]
    marking = marking_for(request.GET.get("hl", ""))
    # Marks are numbered in the order the page shows them, for next/previous.
    marks = render_paragraphs([*body, *captions, *notes], mentions, quotes, marking.highlighter)
    context = {
        "article": article,
        "body": body,
        "captions": captions,
        "notes": notes,
        "quotes": [q for p in paragraphs for q in quotes[p.pk]],
        "marking": marking,
        "marks": marks,
        "marked_passages": len({p.pk for _, p in marks}),
        "page_url": request.build_absolute_uri(article.get_absolute_url()),
        "held_back": held_back(article, mentions, quotes) if article.is_draft else None,
        "citations": citations.cite(
            article,
            request.build_absolute_uri(article.get_absolute_url()),
            accessed=timezone.localdate(),
        ),
    }
    return render(request, "articles/article_detail.html", context)


def held_back(article, mentions, quotes):
    """For a curator reading a draft: the suggestions the public will not see until reviewed."""
    return {
        "quotes": article.quotes.visible().count() - sum(map(len, quotes.values())),
        "mentions": article.mentions.visible().count() - sum(map(len, mentions.values())),
    }


@require_GET
@private_for_curators
def article_raw(request, slug):
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    return render(request, "articles/article_raw.html", {"article": article})


@require_GET
@private_for_curators
def quote_detail(request, slug, position, start):
    quote = get_object_or_404(
        Quote.objects.visible_to(request.user)
        .select_related("article__outlet", "speaker", "paragraph")
        .prefetch_related("article__authors", "article__editors"),  # citations and JSON-LD
        article__slug=slug,
        paragraph__position=position,
        start=start,
    )
    paragraph = quote.paragraph
    permalink = request.build_absolute_uri(quote.get_absolute_url())
    context = {
        "quote": quote,
        "article": quote.article,
        "paragraph_html": render_paragraph(paragraph, (), [quote]),
        "permalink": permalink,
        "citations": citations.cite(
            quote.article, permalink, accessed=timezone.localdate(), paragraph=paragraph.position
        ),
    }
    return render(request, "articles/quote_detail.html", context)


def citation_download(article, url, extension, paragraph=None):
    style = EXTENSIONS.get(extension)
    if style is None:
        raise Http404("Citations download as .bib, .ris or .json.")
    text, extension, content_type = citations.export(
        article, url, style, timezone.localdate(), paragraph
    )
    name = f"{article.slug}{f'-p{paragraph}' if paragraph else ''}.{extension}"
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@private_for_curators
def article_cite(request, slug, extension):
    article = get_object_or_404(
        Article.objects.visible_to(request.user)
        .select_related("outlet")
        .prefetch_related("authors", "editors"),
        slug=slug,
    )
    return citation_download(
        article, request.build_absolute_uri(article.get_absolute_url()), extension
    )


@require_GET
@private_for_curators
def quote_cite(request, slug, position, start, extension):
    quote = get_object_or_404(
        Quote.objects.visible_to(request.user)
        .select_related("article__outlet", "paragraph", "article")
        .prefetch_related("article__authors", "article__editors"),
        article__slug=slug,
        paragraph__position=position,
        start=start,
    )
    return citation_download(
        quote.article, request.build_absolute_uri(quote.get_absolute_url()), extension, position
    )

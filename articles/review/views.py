"""Admin screens for bringing raw texts in and reviewing what the machine suggested.

- an import form: paste a capture or upload .txt files;
- per article, the unreviewed mentions and quotes with their paragraphs, to
  accept, reject or reassign in bulk;
- the capitalised names that match nothing known, each turned into a new
  person, organization or place, or an alias of an existing one, in one step;
- "Publish" and "Unpublish": an imported article is a draft, seen by curators
  only, until one of them publishes it here.

Every screen is behind `admin.site.admin_view` (staff only, see urls.py) and checks the
model permission its change needs.

Over 400 lines: one view per screen above, each short; the forms are in forms.py, the
URLs in urls.py, the HTML in templates/review/.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from archive.kwic import in_context
from archive.text import fold_phrase
from articles.ingest.attribution import suggest_quotes
from articles.ingest.candidates import find_candidates
from articles.ingest.importing import Importer, human_size
from articles.ingest.mentions import NameMatcher, derive_for_article
from articles.ingest.segmenting import segment
from articles.ingest.variants import proposals_for
from articles.models import Article, DismissedAlias, Mention, Status
from articles.review.forms import (
    AliasProposalForm,
    CandidateForm,
    ImportForm,
    MentionReviewForm,
    QuoteReviewForm,
    entity_key,
    entity_label,
)
from people.models import ENTITY_MODELS, Alias, Organization, Person, Place

CANDIDATES_SHOWN = 60
INDEX_PAGE_SIZE = 50
MENTION_CONTEXT = 15  # words either side of a mention


# -- helpers ---------------------------------------------------------------------------


def need(request, *perms):
    if not request.user.has_perms(perms):
        raise PermissionDenied


def admin_context(request, title, **context):
    return {**admin.site.each_context(request), "title": title, **context}


def form_errors(form):
    return "; ".join(
        (f"{form.fields[name].label or name}: " if name != "__all__" else "") + message
        for name, errors in form.errors.items()
        for message in errors
    )


def back(article):
    return redirect("review:article", slug=article.slug)


# -- the views ---------------------------------------------------------------------------


def review_index(request):
    """Articles with something left to review, most first."""
    need(request, "articles.view_article")
    articles = Article.objects.annotate(
        quotes_unreviewed=Count("quotes", filter=Q(quotes__status=Status.SUGGESTED), distinct=True),
        mentions_unreviewed=Count(
            "mentions", filter=Q(mentions__status=Status.SUGGESTED), distinct=True
        ),
    ).order_by("state", "-quotes_unreviewed", "-mentions_unreviewed", "title")  # drafts first
    page = Paginator(articles, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "review/index.html",
        admin_context(
            request,
            "Review imported articles",
            page=page,
            can_import=request.user.has_perm("articles.add_article"),
        ),
    )


def import_view(request):
    """Paste a capture or upload .txt files; a message per text; on to its review."""
    need(request, "articles.add_article")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer = Importer()
        results = []
        if form.cleaned_data["text"].strip():
            results.append(
                importer.import_text(form.cleaned_data["text"], form.cleaned_data["name"] or None)
            )
        results.extend(importer.import_upload(upload) for upload in form.cleaned_data["files"])
        for result in results:
            level = {
                "imported": messages.SUCCESS,
                "duplicate": messages.WARNING,
                "failed": messages.ERROR,
            }[result.status]
            messages.add_message(request, level, str(result))
            for note in result.notes:
                messages.info(request, f"{result.name}: {note}")
        landed = [r.article for r in results if r.status in ("imported", "duplicate")]
        if len(results) == 1 and landed:
            return back(landed[0])
        return redirect("review:import")
    return render(
        request,
        "review/import.html",
        admin_context(request, "Import raw text", form=form, limit=human_size(form.limit)),
    )


def article_review(request, slug):
    """The unreviewed mentions and quotes of one article, with their paragraphs."""
    need(request, "articles.view_article")
    article = get_object_or_404(Article.objects.select_related("outlet"), slug=slug)
    show_all = request.GET.get("show") == "all"
    quotes = article.quotes.select_related("paragraph", "speaker")
    mentions = article.mentions.select_related("paragraph", "person", "organization", "place")
    if not show_all:
        quotes, mentions = quotes.unreviewed(), mentions.unreviewed()
    quote_rows = [(q, in_context(q.paragraph.text, [(q.start, q.end)])) for q in quotes]
    mention_rows = [
        (m, in_context(m.paragraph.text, [(m.start, m.end)], MENTION_CONTEXT, MENTION_CONTEXT))
        for m in mentions
    ]
    matcher = NameMatcher()
    candidates = find_candidates(article, matcher)
    proposals = proposals_for(article, candidates, matcher)
    counts = {
        "quotes": article.quotes.aggregate(**status_counts()),
        "mentions": article.mentions.aggregate(**status_counts()),
    }
    entities = [
        (entity_key(e), entity_label(e))
        for model in ENTITY_MODELS.values()
        for e in model.objects.only("name", "slug")
    ]
    return render(
        request,
        "review/article.html",
        admin_context(
            request,
            f"Review: {article}",
            article=article,
            show_all=show_all,
            quote_rows=quote_rows,
            mention_rows=mention_rows,
            counts=counts,
            candidates=candidates[:CANDIDATES_SHOWN],
            candidates_total=len(candidates),
            quote_form=QuoteReviewForm(article),
            mention_form=MentionReviewForm(article),
            candidate_form=CandidateForm(),
            entities=entities,
            proposals=proposals,
            evidence=segment(article.raw_text).evidence() if article.raw_text else [],
            change_url=reverse("admin:articles_article_change", args=[article.pk]),
        ),
    )


def status_counts():
    return {status: Count("pk", filter=Q(status=status)) for status in Status.values}


@require_POST
def publish(request, slug, state):
    """Make a draft public, or take a published article back to draft. Saving it re-indexes
    the article and its quotes on commit: what leaves the public leaves search too."""
    need(request, "articles.change_article")
    article = get_object_or_404(Article, slug=slug)
    if article.state == state:
        messages.warning(
            request,
            f"“{article}” is already {article.get_state_display().lower()}; nothing changed.",
        )
        return back(article)
    article.state = state
    article.save(update_fields=["state"])
    if state == Article.State.PUBLISHED:
        held = (
            article.quotes.unreviewed().count(),
            article.mentions.visible().count() - article.mentions.shown().count(),
        )
        text = f"Published “{article}”: anyone can read and find it now."
        if any(held):
            text += (
                f" {held[0]} suggested quote(s) and {held[1]} suggested mention(s) stay "
                "hidden from the public until you accept them."
            )
        messages.success(request, text)
    else:
        messages.success(
            request,
            f"“{article}” is a draft again: only curators can see it, and "
            "search no longer finds it.",
        )
    return back(article)


@require_POST
def review_quotes(request, slug):
    article, form = posted_form(request, slug, "articles.change_quote", QuoteReviewForm)
    if form is None:
        return back(article)
    action, chosen = form.cleaned_data["action"], form.chosen()
    with transaction.atomic():
        for quote in chosen:
            if action == "reject":
                quote.status = Status.REJECTED
            else:
                quote.status = Status.CONFIRMED
            if action == "speaker":
                quote.speaker, quote.speaker_note = form.cleaned_data["speaker"], ""
            elif action == "nobody":
                quote.speaker, quote.speaker_note = None, form.cleaned_data["note"].strip()
            quote.save()
    done = {
        "accept": "accepted",
        "reject": "rejected",
        "speaker": f"given to {form.cleaned_data.get('speaker')} and accepted",
        "nobody": f"accepted as spoken by {form.cleaned_data.get('note', '').strip()}",
    }[action]
    messages.success(request, f"{len(chosen)} quote(s) {done}.")
    return back(article)


@require_POST
def review_mentions(request, slug):
    article, form = posted_form(request, slug, "articles.change_mention", MentionReviewForm)
    if form is None:
        return back(article)
    action, chosen = form.cleaned_data["action"], form.chosen()
    entity = form.cleaned_data.get("entity")
    with transaction.atomic():
        for mention in chosen:
            mention.status = Status.REJECTED if action == "reject" else Status.CONFIRMED
            if action == "entity":
                mention.entity = entity
                mention.source = Mention.Source.CURATED
            mention.save()
    done = {
        "accept": "accepted",
        "reject": "rejected",
        "entity": f"linked to {entity} and accepted",
    }[action]
    messages.success(request, f"{len(chosen)} mention(s) {done}.")
    return back(article)


@require_POST
def make_entity(request, slug):
    """A candidate name becomes a new entity, or an alias of one, in one step; its places in
    this article become mentions to review, and quotes given to that name get the person."""
    article = get_object_or_404(Article, slug=slug)
    form = CandidateForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing changed: {form_errors(form)}")
        return back(article)
    name = " ".join(form.cleaned_data["name"].split())
    make = form.cleaned_data["make"]
    need(request, "people.add_alias" if make == "alias" else f"people.add_{make}")
    try:
        with transaction.atomic():
            if make == "alias":
                entity = form.cleaned_data["alias_of"]
                alias = Alias(name=name, article=article if form.cleaned_data["scoped"] else None)
                alias.entity = entity
                alias.full_clean()
                alias.save()
                what = f"“{name}” is now another name of {entity}" + (
                    " in this article" if alias.article_id else ""
                )
            else:
                model = ENTITY_MODELS[make]
                entity = model(name=name)
                if make == "organization":
                    entity.kind = form.cleaned_data["organization_kind"] or Organization.Kind.OTHER
                if make == "place":
                    entity.kind = form.cleaned_data["place_kind"] or Place.Kind.CITY
                entity.full_clean(exclude=["slug"])
                entity.save()
                what = f"New {model._meta.verbose_name} “{entity}”"
            linked = link_name(article, entity, name)
    except ValidationError as error:
        messages.error(request, f"Nothing changed: {'; '.join(error.messages)}")
        return back(article)
    return report_linked(request, article, what, entity, *linked)


def link_name(article, entity, name):
    """After a new entity or alias: the article's mentions found again, and quotes given to
    that name get the person. (mentions derived, quotes given)"""
    derived = derive_for_article(article, NameMatcher())
    return derived, give_quotes(article, entity, name) if isinstance(entity, Person) else 0


def report_linked(request, article, what, entity, derived, relinked):
    text = f"{what}: {derived.created} mention(s) in this article to review"
    if relinked:
        text += f", {relinked} quote(s) now given to {entity}"
    messages.success(request, text + ".")
    return back(article)


def posted_form(request, slug, permission, form_class):
    """(article, its posted form): the form None, and a message saying why, when it is not
    valid. The permission is checked first."""
    need(request, permission)
    article = get_object_or_404(Article, slug=slug)
    form = form_class(article, request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing changed: {form_errors(form)}")
        return article, None
    return article, form


def posted_proposal(request, slug, permission):
    """(article, name, entity) of a posted alias proposal; entity None (and a message saying
    why) when the form is not valid."""
    article, form = posted_form(
        request, slug, permission, lambda _article, data: AliasProposalForm(data)
    )
    if form is None:
        return article, None, None
    return article, form.cleaned_data["name"], form.cleaned_data["entity"]


@require_POST
def confirm_alias(request, slug):
    """A proposed alias becomes a name of its entity, in one transaction: the article's
    mentions are found again with it, and quotes given to that name get the person. Search
    hears of the new alias on commit. Confirming it again changes nothing."""
    article, name, entity = posted_proposal(request, slug, "people.add_alias")
    if entity is None:
        return back(article)
    if entity.aliases.filter(name=name, article__isnull=True).exists() or entity.name == name:
        messages.warning(request, f"“{name}” is already a name of {entity}; nothing changed.")
        return back(article)
    matcher = NameMatcher()
    proposed = {
        (p.name, p.entity)
        for p in proposals_for(article, find_candidates(article, matcher), matcher)
    }
    if (name, entity) not in proposed:
        messages.error(
            request,
            f"Nothing changed: “{name}” is not proposed as a name of {entity} in this article.",
        )
        return back(article)
    try:
        with transaction.atomic():
            alias = Alias(name=name)
            alias.entity = entity
            alias.full_clean()
            alias.save()
            linked = link_name(article, entity, name)
    except ValidationError as error:
        messages.error(request, f"Nothing changed: {'; '.join(error.messages)}")
        return back(article)
    return report_linked(
        request, article, f"“{name}” is now another name of {entity}", entity, *linked
    )


@require_POST
def dismiss_alias(request, slug):
    """A proposed alias is not one: it is not proposed for this article again."""
    article, name, entity = posted_proposal(request, slug, "articles.change_article")
    if entity is None:
        return back(article)
    dismissal = DismissedAlias(article=article, name=name)
    dismissal.entity = entity
    if DismissedAlias.objects.filter(
        article=article, name=name, **{entity.link_field: entity}
    ).exists():
        messages.warning(request, f"“{name}” was already dismissed; nothing changed.")
        return back(article)
    dismissal.save()
    messages.success(request, f"“{name}” is not proposed as a name of {entity} again here.")
    return back(article)


def give_quotes(article, person, name):
    """Suggested quotes whose speaker was only a name (“Ivanova”, “Darya Ivanova”) that is
    `name`, or part of it, now go to `person`."""
    words = set(fold_phrase(name))
    count = 0
    for quote in article.quotes.filter(status=Status.SUGGESTED, speaker__isnull=True).exclude(
        speaker_note=""
    ):
        noted = set(fold_phrase(quote.speaker_note))
        if noted and noted <= words and len(quote.speaker_note.split()) <= 4:
            quote.speaker, quote.speaker_note = person, ""
            quote.save()
            count += 1
    return count


@require_POST
def rerun(request, slug):
    """Find names and quotes again (entity linking on demand); reviewed ones are kept."""
    need(request, "articles.change_mention", "articles.change_quote")
    article = get_object_or_404(Article, slug=slug)
    with transaction.atomic():
        matcher = NameMatcher()
        derived = derive_for_article(article, matcher)
        quotes = suggest_quotes(article, matcher=matcher)
    messages.success(
        request,
        (
            f"Names: {derived.created} new mention(s), {derived.removed} removed, "
            f"{derived.kept_reviewed} reviewed kept. Quotes: {quotes.created} suggested, "
            f"{quotes.kept_reviewed} reviewed kept."
        ),
    )
    return back(article)

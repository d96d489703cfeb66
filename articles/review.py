"""Admin screens for bringing raw texts in and reviewing what the machine suggested.

- an import form: paste a capture or upload .txt files;
- per article, the unreviewed mentions and quotes with their paragraphs, to
  accept, reject or reassign in bulk;
- the capitalised names that match nothing known, each turned into a new
  person, organization or place, or an alias of an existing one, in one step;
- "Publish" and "Unpublish": an imported article is a draft, seen by curators
  only, until one of them publishes it here.

Every screen is behind `admin.site.admin_view` (staff only) and checks the
model permission its change needs. The lead includes `review_urlpatterns`
under "admin/review/" with the namespace "review".
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from archive.text import fold_phrase
from articles.ingest.attribution import suggest_quotes
from articles.ingest.candidates import find_candidates
from articles.ingest.importing import Importer, human_size, max_bytes
from articles.ingest.mentions import NameMatcher, derive_for_article
from articles.ingest.segmenting import segment
from articles.ingest.variants import proposals_for
from articles.models import Article, DismissedAlias, Mention, Quote, Status
from people.models import ENTITY_MODELS, Alias, Organization, Person, Place

CANDIDATES_SHOWN = 60
INDEX_PAGE_SIZE = 50


# -- form fields --------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        """The uploaded files, as they are: an empty or unreadable one is the importer's to
        report, file by file, not a reason to refuse the others."""
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if any(not getattr(f, "name", None) for f in files):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return files


def entity_label(entity):
    return f"{entity.name} ({entity._meta.verbose_name})"


def entity_key(entity):
    return f"{entity.link_field}:{entity.slug}"


class EntityField(forms.CharField):
    """A person, organization or place: "person:slug" from the list, or a name that names
    exactly one of them."""

    def __init__(self, *args, types=tuple(ENTITY_MODELS), **kwargs):
        self.types = types
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "review-entities",
                                                           "size": 36}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        kind, _, slug = value.partition(":")
        if kind in self.types and slug:
            found = ENTITY_MODELS[kind].objects.filter(slug=slug).first()
            if found is None:
                raise ValidationError(f"There is no {kind} “{slug}” in the archive.")
            return found
        found = [e for t in self.types for e in ENTITY_MODELS[t].objects.matching_name(value)]
        if not found:
            wanted = " or ".join(ENTITY_MODELS[t]._meta.verbose_name for t in self.types)
            raise ValidationError(f"No {wanted} is called “{value}”: pick one from the list.")
        if len(found) > 1:
            raise ValidationError(f"“{value}” could be {', '.join(map(entity_label, found))}: "
                                  "pick one from the list.")
        return found[0]


# -- forms ---------------------------------------------------------------------------


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Paste the raw text", required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="Exactly as captured, furniture and all: the archive keeps it verbatim and "
                  "separates the body from captions, credits and appeals itself.")
    name = forms.CharField(
        label="File name to record", required=False, max_length=200,
        help_text="For pasted text: how the capture is known (default: pasted-<checksum>.txt).")
    files = MultipleFileField(label="…or upload .txt files", required=False,
                              help_text="UTF-8 text files; several at once if you like.")

    def __init__(self, *args, limit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit or max_bytes()
        self.fields["files"].help_text += f" At most {human_size(self.limit)} each."

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if len(text.encode("utf-8")) > self.limit:
            raise ValidationError(f"The pasted text is {human_size(len(text.encode()))}, more "
                                  f"than the {human_size(self.limit)} limit for one article.")
        return text

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("files") and not self.errors:
            raise ValidationError("Paste a text or choose at least one file to import.")
        return cleaned


class AliasProposalForm(forms.Form):
    """A name the importer proposed as another spelling of an entity (variants.py)."""

    name = forms.CharField(max_length=Alias._meta.get_field("name").max_length)
    entity = EntityField(required=True)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class SpanReviewForm(forms.Form):
    """What quotes and mention forms share: the selection and accept / reject."""

    everything = forms.BooleanField(required=False, label="every unreviewed one of this article")

    def __init__(self, article, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["selected"].queryset = self.records()

    def records(self):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("selected") and not cleaned.get("everything"):
            raise ValidationError(f"Select at least one {self.noun}, or tick “every unreviewed "
                                  "one”.")
        return cleaned

    def chosen(self):
        if self.cleaned_data.get("everything"):
            return list(self.records().unreviewed())
        return list(self.cleaned_data["selected"])


class QuoteReviewForm(SpanReviewForm):
    noun = "quote"
    selected = forms.ModelMultipleChoiceField(queryset=Quote.objects.none(), required=False)
    action = forms.ChoiceField(choices=[
        ("accept", "Accept"), ("reject", "Reject"),
        ("speaker", "Give to this speaker and accept"),
        ("nobody", "Nobody named: keep this note and accept"),
    ])
    speaker = EntityField(types=("person",), label="speaker")
    note = forms.CharField(required=False, max_length=300, label="who spoke, if nobody named",
                           widget=forms.TextInput(attrs={"size": 36}))

    def records(self):
        return self.article.quotes.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "speaker" and not cleaned.get("speaker"):
            self.add_error("speaker", "Choose the person who spoke.")
        if cleaned.get("action") == "nobody" and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Say who spoke (“a fellow gym-goer”, “a sign”).")
        return cleaned


class MentionReviewForm(SpanReviewForm):
    noun = "mention"
    selected = forms.ModelMultipleChoiceField(queryset=Mention.objects.none(), required=False)
    action = forms.ChoiceField(choices=[
        ("accept", "Accept"), ("reject", "Reject"),
        ("entity", "Link to this entity instead and accept"),
    ])
    entity = EntityField(label="entity")

    def records(self):
        return self.article.mentions.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "entity" and not cleaned.get("entity"):
            self.add_error("entity", "Choose the person, organization or place it names.")
        return cleaned


class CandidateForm(forms.Form):
    MAKE = [("person", "a new person"), ("organization", "a new organization"),
            ("place", "a new place"), ("alias", "another name of …")]
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"size": 24}))
    make = forms.ChoiceField(choices=MAKE, label="make it")
    organization_kind = forms.ChoiceField(choices=Organization.Kind.choices, required=False,
                                          initial=Organization.Kind.OTHER)
    place_kind = forms.ChoiceField(choices=Place.Kind.choices, required=False,
                                   initial=Place.Kind.CITY)
    alias_of = EntityField(label="alias of")
    scoped = forms.BooleanField(required=False, label="only in this article",
                                help_text="For a bare first name that means someone else "
                                          "elsewhere.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("make") == "alias" and not cleaned.get("alias_of"):
            self.add_error("alias_of", "Choose whose other name this is.")
        return cleaned


# -- helpers ---------------------------------------------------------------------------


def need(request, *perms):
    if not request.user.has_perms(perms):
        raise PermissionDenied


def admin_context(request, title, **context):
    return {**admin.site.each_context(request), "title": title, **context}


def marked(text, start, end):
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


def around(text, start, end, width=90):
    left, right = max(0, start - width), min(len(text), end + width)
    return format_html("{}{}<mark>{}</mark>{}{}", "…" if left else "", text[left:start],
                       text[start:end], text[end:right], "…" if right < len(text) else "")


def form_errors(form):
    return "; ".join(
        (f"{form.fields[name].label or name}: " if name != "__all__" else "") + message
        for name, errors in form.errors.items() for message in errors
    )


def back(article):
    return redirect("review:article", slug=article.slug)


# -- the views ---------------------------------------------------------------------------


def review_index(request):
    """Articles with something left to review, most first."""
    need(request, "articles.view_article")
    articles = Article.objects.annotate(
        quotes_unreviewed=Count("quotes", filter=Q(quotes__status=Status.SUGGESTED),
                                distinct=True),
        mentions_unreviewed=Count("mentions", filter=Q(mentions__status=Status.SUGGESTED),
                                  distinct=True),
    ).order_by("state", "-quotes_unreviewed", "-mentions_unreviewed", "title")  # drafts first
    page = Paginator(articles, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "review/index.html", admin_context(
        request, "Review imported articles", page=page,
        can_import=request.user.has_perm("articles.add_article")))


def import_view(request):
    """Paste a capture or upload .txt files; a message per text; on to its review."""
    need(request, "articles.add_article")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer = Importer()
        results = []
        if form.cleaned_data["text"].strip():
            results.append(importer.import_text(form.cleaned_data["text"],
                                                form.cleaned_data["name"] or None))
        results.extend(importer.import_upload(upload) for upload in form.cleaned_data["files"])
        for result in results:
            level = {"imported": messages.SUCCESS, "duplicate": messages.WARNING,
                     "failed": messages.ERROR}[result.status]
            messages.add_message(request, level, str(result))
            for note in result.notes:
                messages.info(request, f"{result.name}: {note}")
        landed = [r.article for r in results if r.status in ("imported", "duplicate")]
        if len(results) == 1 and landed:
            return back(landed[0])
        return redirect("review:import")
    return render(request, "review/import.html", admin_context(
        request, "Import raw text", form=form, limit=human_size(form.limit)))


def article_review(request, slug):
    """The unreviewed mentions and quotes of one article, with their paragraphs."""
    need(request, "articles.view_article")
    article = get_object_or_404(Article.objects.select_related("outlet"), slug=slug)
    show_all = request.GET.get("show") == "all"
    quotes = article.quotes.select_related("paragraph", "speaker")
    mentions = article.mentions.select_related("paragraph", "person", "organization", "place")
    if not show_all:
        quotes, mentions = quotes.unreviewed(), mentions.unreviewed()
    quote_rows = [(q, marked(q.paragraph.text, q.start, q.end)) for q in quotes]
    mention_rows = [(m, around(m.paragraph.text, m.start, m.end)) for m in mentions]
    matcher = NameMatcher()
    candidates = find_candidates(article, matcher)
    proposals = proposals_for(article, candidates, matcher)
    counts = {
        "quotes": article.quotes.aggregate(**status_counts()),
        "mentions": article.mentions.aggregate(**status_counts()),
    }
    entities = [(entity_key(e), entity_label(e)) for model in ENTITY_MODELS.values()
                for e in model.objects.only("name", "slug")]
    return render(request, "review/article.html", admin_context(
        request, f"Review: {article}", article=article, show_all=show_all,
        quote_rows=quote_rows, mention_rows=mention_rows, counts=counts,
        candidates=candidates[:CANDIDATES_SHOWN], candidates_total=len(candidates),
        quote_form=QuoteReviewForm(article), mention_form=MentionReviewForm(article),
        candidate_form=CandidateForm(), entities=entities, proposals=proposals,
        evidence=segment(article.raw_text).evidence() if article.raw_text else [],
        change_url=reverse("admin:articles_article_change", args=[article.pk]),
    ))


def status_counts():
    return {status: Count("pk", filter=Q(status=status)) for status in Status.values}


@require_POST
def publish(request, slug, state):
    """Make a draft public, or take a published article back to draft. Saving it re-indexes
    the article and its quotes on commit: what leaves the public leaves search too."""
    need(request, "articles.change_article")
    article = get_object_or_404(Article, slug=slug)
    if article.state == state:
        messages.warning(request, f"“{article}” is already {article.get_state_display().lower()}"
                                  "; nothing changed.")
        return back(article)
    article.state = state
    article.save(update_fields=["state"])
    if state == Article.State.PUBLISHED:
        held = (article.quotes.unreviewed().count(),
                article.mentions.visible().count() - article.mentions.shown().count())
        text = f"Published “{article}”: anyone can read and find it now."
        if any(held):
            text += (f" {held[0]} suggested quote(s) and {held[1]} suggested mention(s) stay "
                     "hidden from the public until you accept them.")
        messages.success(request, text)
    else:
        messages.success(request, f"“{article}” is a draft again: only curators can see it, and "
                                  "search no longer finds it.")
    return back(article)


@require_POST
def review_quotes(request, slug):
    need(request, "articles.change_quote")
    article = get_object_or_404(Article, slug=slug)
    form = QuoteReviewForm(article, request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing changed: {form_errors(form)}")
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
    done = {"accept": "accepted", "reject": "rejected",
            "speaker": f"given to {form.cleaned_data.get('speaker')} and accepted",
            "nobody": f"accepted as spoken by {form.cleaned_data.get('note', '').strip()}"}[action]
    messages.success(request, f"{len(chosen)} quote(s) {done}.")
    return back(article)


@require_POST
def review_mentions(request, slug):
    need(request, "articles.change_mention")
    article = get_object_or_404(Article, slug=slug)
    form = MentionReviewForm(article, request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing changed: {form_errors(form)}")
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
    done = {"accept": "accepted", "reject": "rejected",
            "entity": f"linked to {entity} and accepted"}[action]
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
                what = (f"“{name}” is now another name of {entity}"
                        + (" in this article" if alias.article_id else ""))
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


def posted_proposal(request, slug, permission):
    """(article, name, entity) of a posted alias proposal; entity None (and a message saying
    why) when the form is not valid."""
    need(request, permission)
    article = get_object_or_404(Article, slug=slug)
    form = AliasProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing changed: {form_errors(form)}")
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
    proposed = {(p.name, p.entity)
                for p in proposals_for(article, find_candidates(article, matcher), matcher)}
    if (name, entity) not in proposed:
        messages.error(request, f"Nothing changed: “{name}” is not proposed as a name of "
                                f"{entity} in this article.")
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
    return report_linked(request, article, f"“{name}” is now another name of {entity}", entity,
                         *linked)


@require_POST
def dismiss_alias(request, slug):
    """A proposed alias is not one: it is not proposed for this article again."""
    article, name, entity = posted_proposal(request, slug, "articles.change_article")
    if entity is None:
        return back(article)
    dismissal = DismissedAlias(article=article, name=name)
    dismissal.entity = entity
    if DismissedAlias.objects.filter(article=article, name=name,
                                     **{entity.link_field: entity}).exists():
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
            speaker_note=""):
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
    messages.success(request, (
        f"Names: {derived.created} new mention(s), {derived.removed} removed, "
        f"{derived.kept_reviewed} reviewed kept. Quotes: {quotes.created} suggested, "
        f"{quotes.kept_reviewed} reviewed kept."))
    return back(article)


review_urlpatterns = [
    path("", admin.site.admin_view(review_index), name="index"),
    path("import/", admin.site.admin_view(import_view), name="import"),
    path("articles/<slug:slug>/", admin.site.admin_view(article_review), name="article"),
    path("articles/<slug:slug>/quotes/", admin.site.admin_view(review_quotes), name="quotes"),
    path("articles/<slug:slug>/mentions/", admin.site.admin_view(review_mentions),
         name="mentions"),
    path("articles/<slug:slug>/names/", admin.site.admin_view(make_entity), name="candidate"),
    path("articles/<slug:slug>/aliases/confirm/", admin.site.admin_view(confirm_alias),
         name="confirm-alias"),
    path("articles/<slug:slug>/aliases/dismiss/", admin.site.admin_view(dismiss_alias),
         name="dismiss-alias"),
    path("articles/<slug:slug>/again/", admin.site.admin_view(rerun), name="rerun"),
    path("articles/<slug:slug>/publish/", admin.site.admin_view(publish),
         {"state": Article.State.PUBLISHED}, name="publish"),
    path("articles/<slug:slug>/unpublish/", admin.site.admin_view(publish),
         {"state": Article.State.DRAFT}, name="unpublish"),
]

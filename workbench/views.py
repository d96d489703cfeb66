"""The workbench: sign-up, collections and their items, sharing, exports."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.citations import STYLES
from workbench import citing
from workbench.forms import CollectionForm, MoveForm, NoteForm, SaveForm, SignUpForm
from workbench.models import (
    Collection,
    Item,
    ResearcherProfile,
    add_to,
    default_collection,
    find_passage,
    find_target,
    is_researcher,
    move,
)

EXPORT_FORMATS = [
    ("bibtex", "BibTeX"),
    ("ris", "RIS"),
    ("csl-json", "CSL-JSON"),
    ("csv", "CSV"),
    ("html", "Dossier (HTML)"),
]
PROSE = [(style, label) for style, label in STYLES if style in citing.PROSE_STYLES]


def researcher_required(view):
    """Signed in and approved; a pending account is told so (403), never shown data."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_researcher(request.user):
            return render(request, "workbench/pending.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def own_collection(request, pk):
    """Another researcher's collection is a 404, like one that does not exist."""
    return get_object_or_404(Collection.objects.owned_by(request.user), pk=pk)


def own_item(request, pk):
    return get_object_or_404(
        Item.objects.select_related("collection").filter(collection__owner=request.user), pk=pk
    )


def safe_next(request, fallback):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def base_url(request):
    return request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
def signup(request):
    if not settings.ARCHIVE_RESEARCHER_SIGNUP:
        raise Http404("Sign-up is closed: ask a curator for an account.")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            ResearcherProfile.objects.create(user=user, approved=False)
        return render(request, "workbench/signup_done.html", {"username": user.username})
    return render(
        request, "registration/signup.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@researcher_required
def collection_list(request):
    form = CollectionForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        collection = form.save()
        return redirect(collection)
    collections = Collection.objects.owned_by(request.user).prefetch_related("items")
    return render(
        request,
        "workbench/collection_list.html",
        {"collections": collections, "form": form},
        status=400 if form.errors else 200,
    )


def collection_context(request, collection, shared=False):
    """The collection's items as rows to read; a shared view leaves the private notes out."""
    style = chosen_style(request)
    items = list(
        collection.items.select_related(
            "quote__speaker",
            "quote__article__outlet",
            "quote__paragraph",
            "article__outlet",
            "paragraph__article__outlet",
            "person",
            "organization",
            "place",
        ).prefetch_related(
            "quote__article__authors", "article__authors", "paragraph__article__authors"
        )
    )
    if shared:
        for item in items:
            item.note = ""
    rows = [citing.row(item, base_url(request), style) for item in items]
    return {
        "collection": collection,
        "items": items,
        "rows": rows,
        "style": style,
        "style_label": dict(PROSE)[style],
        "styles": PROSE,
        "shared": shared,
        "export_formats": EXPORT_FORMATS,
    }


def chosen_style(request):
    style = request.GET.get("style", "chicago")
    return style if style in citing.PROSE_STYLES else "chicago"


@require_GET
@researcher_required
def collection_detail(request, pk):
    collection = own_collection(request, pk)
    context = collection_context(request, collection)
    context.update(
        {
            "others": Collection.objects.owned_by(request.user).exclude(pk=collection.pk),
            "rename_form": CollectionForm(instance=collection, owner=request.user),
            "share_url": request.build_absolute_uri(f"/workbench/shared/{collection.share_token}/")
            if collection.share_token
            else "",
        }
    )
    return render(request, "workbench/collection_detail.html", context)


@require_POST
@researcher_required
def collection_rename(request, pk):
    collection = own_collection(request, pk)
    form = CollectionForm(request.POST, instance=collection, owner=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Collection renamed.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(collection)


@require_POST
@researcher_required
def collection_delete(request, pk):
    collection = own_collection(request, pk)
    collection.delete()
    messages.success(request, f"Collection “{collection.name}” deleted.")
    return redirect("workbench:collections")


@require_POST
@researcher_required
def collection_share(request, pk):
    collection = own_collection(request, pk)
    if request.POST.get("action") == "revoke":
        collection.revoke()
        messages.success(request, "The share link no longer works.")
    else:
        collection.share()
        messages.success(request, "Anyone with the link can now read this collection.")
    return redirect(collection)


@require_GET
def shared_collection(request, token):
    collection = get_object_or_404(Collection.objects.shared(token))
    context = collection_context(request, collection, shared=True)
    return render(request, "workbench/collection_detail.html", context)


@require_POST
@researcher_required
def save(request):
    form = SaveForm(request.POST)
    fallback = request.META.get("HTTP_REFERER") or "/"
    if not form.is_valid():
        return render(
            request, "workbench/save_error.html", {"error": "That cannot be saved."}, status=400
        )
    data = form.cleaned_data
    passage = data["kind"] == "article" and data["position"]
    if passage:
        target = find_passage(data["pk"], data["position"])
    else:
        target = find_target(data["kind"], data["pk"])
    if target is None:
        return render(
            request,
            "workbench/save_error.html",
            {"error": "That record is not in the archive."},
            status=404,
        )
    if data["new_collection"].strip():
        name = " ".join(data["new_collection"].split())
        collection, _ = Collection.objects.get_or_create(owner=request.user, name=name)
    elif data["collection"]:
        if not data["collection"].isdigit():
            raise Http404
        collection = own_collection(request, int(data["collection"]))
    else:
        collection = default_collection(request.user)
    add_to(collection, target, base_url(request))
    if passage and data["anchor"]:  # from the reader: back to the paragraph, told there
        messages.success(
            request,
            f"Paragraph {target.position} saved to “{collection.name}”.",
            extra_tags=f"passage {target.anchor}",
        )
        return redirect(f"{safe_next(request, fallback)}#{target.anchor}")
    messages.success(request, f"Saved to “{collection.name}”.")
    return redirect(safe_next(request, fallback))


@require_POST
@researcher_required
def item_note(request, pk):
    item = own_item(request, pk)
    form = NoteForm(request.POST, instance=item)
    if form.is_valid():
        form.save()
        messages.success(request, "Note saved.")
    else:
        messages.error(request, "The note is too long (10,000 characters at most).")
    return redirect(item.collection)


@require_POST
@researcher_required
def item_move(request, pk):
    item = own_item(request, pk)
    form = MoveForm(request.POST, owner=request.user)
    if not form.is_valid():
        raise Http404  # another researcher's collection, or nonsense
    source = item.collection
    direction = request.POST.get("direction")
    position = form.cleaned_data["position"]
    if direction == "up":
        position = max(1, item.position - 1)
    elif direction == "down":
        position = item.position + 1
    with transaction.atomic():
        move(item, position=position, collection=form.cleaned_data["collection"])
    return redirect(source)


@require_POST
@researcher_required
def item_delete(request, pk):
    item = own_item(request, pk)
    collection = item.collection
    with transaction.atomic():
        item.delete()
        collection.renumber()
    return redirect(collection)


def export_response(request, collection, fmt, shared=False):
    context = collection_context(request, collection, shared=shared)
    slug = f"collection-{collection.pk}"
    if fmt == "csv":
        return citing.csv_export(context["items"], base_url(request), f"{slug}.csv")
    if fmt in citing.FORMATS:
        formatter, extension, content_type = citing.FORMATS[fmt]
        body = formatter(citing.entries(context["items"], base_url(request)))
    elif fmt == "html":
        extension, content_type = "html", "text/html"
        body = render(request, "workbench/dossier.html", context).content.decode()
    else:
        raise Http404("Export as bibtex, ris, csl-json, csv or html.")
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.{extension}"'
    return response


@require_GET
@researcher_required
def collection_export(request, pk, fmt):
    return export_response(request, own_collection(request, pk), fmt)


@require_GET
def shared_export(request, token, fmt):
    return export_response(
        request, get_object_or_404(Collection.objects.shared(token)), fmt, shared=True
    )


@require_http_methods(["GET", "POST"])
@researcher_required
def api_token(request):
    """A token for the collections API: made or replaced on request, shown once."""
    from rest_framework.authtoken.models import Token

    key = ""
    if request.method == "POST":
        with transaction.atomic():
            Token.objects.filter(user=request.user).delete()
            key = Token.objects.create(user=request.user).key
    has_token = bool(key) or Token.objects.filter(user=request.user).exists()
    return render(request, "workbench/api_token.html", {"key": key, "has_token": has_token})

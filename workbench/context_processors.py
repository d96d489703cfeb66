from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from workbench.models import Collection, is_researcher

ENTITY_PAGES = {
    "people:person": "person",
    "people:organization": "organization",
    "people:place": "place",
}


def feed_url(request):
    """The Atom feed that follows the page being shown, if it has one."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.view_name == "search":
        query = request.GET.urlencode()
        return reverse("workbench:search_feed") + (f"?{query}" if query else "")
    kind = ENTITY_PAGES.get(match.view_name)
    if kind:
        return reverse("workbench:entity_feed", args=[kind, match.kwargs["slug"]])
    return ""


def workbench(request):
    """What the Save buttons and the feed links need, computed once per page, lazily."""
    user = getattr(request, "user", None)

    researcher = SimpleLazyObject(lambda: is_researcher(user))

    def collections():
        if not researcher:
            return []
        return list(Collection.objects.owned_by(user).only("pk", "name"))

    return {
        "signup_open": settings.ARCHIVE_RESEARCHER_SIGNUP,
        "workbench_researcher": researcher,
        "workbench_collections": SimpleLazyObject(collections),
        "workbench_feed_url": SimpleLazyObject(lambda: feed_url(request)),
    }

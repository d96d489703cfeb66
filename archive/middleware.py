"""Security headers, and a clear 503 when the database or the search index is unavailable."""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse, QueryDict
from django.template.loader import render_to_string

from archive.search.engines.base import SearchUnavailable

log = logging.getLogger("archive")

RETRY_AFTER_SECONDS = 30


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header from settings.CONTENT_SECURITY_POLICY; on the admin's pages and the
    API docs, with CONTENT_SECURITY_POLICY_ADMIN_UPDATE (inline styles, which the admin
    sets). Also a Permissions-Policy: no camera, microphone or location."""

    ADMIN_PATHS = ("/admin/", "/api/docs")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(self.ADMIN_PATHS):
            parts.update = {**settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE, **(parts.update or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class ServiceUnavailableMiddleware:
    """Turns "the database is down" and "the index is missing" into a 503, not a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            # Raised before a view runs (sessions, auth): the database is unreachable.
            return self.unavailable(request, "database", error)

    def process_exception(self, request, exception):
        if isinstance(exception, SearchUnavailable):
            return self.unavailable(request, "search", exception)
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            return self.unavailable(request, "database", exception)
        return None

    def unavailable(self, request, what, error):
        log.error("503: the %s is unavailable: %s", what, error)
        message = {
            "database": "The archive's database cannot be reached right now.",
            "search": "The search index is unavailable right now; the archive's pages still work.",
        }[what]
        if request.path.startswith("/api/"):
            response = JsonResponse({"error": message}, status=503)
        else:
            html = render_to_string("503.html", {"message": message, "what": what})
            response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class IndexBacklogMiddleware:
    """Tells a curator whose saved change could not reach the search index yet.

    Sits inside MessageMiddleware, so the message is stored with this response and shown
    on the next page (the admin's redirect after saving).
    """

    MESSAGE = (
        "Saved. The search index could not be updated just now, so search may not "
        "show this change yet: it is queued and will be written with the next change "
        "or by “manage.py retry_index_backlog”."
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib import messages

        from archive.search.signals import deferred_writes_reported

        with deferred_writes_reported() as report:
            response = self.get_response(request)
        if (
            report["deferred"]
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            messages.warning(request, self.MESSAGE)
        return response


class DropNulMiddleware:
    """NUL characters are dropped from URL parameters, as the search drops every control
    character: no text in the archive holds one, and PostgreSQL refuses it in any string, so
    a filter like ?speaker=%00 would otherwise end in a database error (a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)

"""Login throttling (django-axes), wired for this archive."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a login while its user name and address are locked out.

    Every login over HTTP (the admin's form) passes its request, so it is throttled. Code that
    authenticates without one (Django's test client login(), a shell script) has no address to
    throttle and is not reachable from the network: it is let through to the password check
    instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The address a login came from. Behind the reverse proxy (DJANGO_BEHIND_PROXY) every
    request comes from the proxy, so the address is the last one it added to
    X-Forwarded-For: the earlier ones are the client's to invent."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")

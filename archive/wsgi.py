import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - configured by get_wsgi_application()

from archive.body_limit import RequestBodyLimit  # noqa: E402

# Oversized bodies are refused here, before any middleware or view can read them.
application = RequestBodyLimit(django_application, settings.ARCHIVE_MAX_REQUEST_BYTES)

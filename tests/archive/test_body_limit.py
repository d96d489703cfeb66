"""Request bodies over the limit are refused (413) by the WSGI application before any read."""

import io

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from archive.body_limit import RequestBodyLimit
from archive.wsgi import application
from articles.models import Article

pytestmark = pytest.mark.django_db

GIB = 1024**3


class EndlessBody:
    """A client that would send bytes for ever; counts what the server reads."""

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        size = 64 * 1024 if size is None or size < 0 else size
        self.read_bytes += size
        return b"x" * size


def call(app, method, path, body, headers=None, **environ):
    base = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    base.update(headers or {})
    base.update(environ)
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        content = b"".join(app(base, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content.decode()


def test_a_huge_body_with_content_length_is_refused_before_a_byte_is_read():
    body = EndlessBody()
    status, headers, text = call(
        application,
        "POST",
        "/search/",
        body,
        CONTENT_LENGTH=str(GIB),
        CONTENT_TYPE="multipart/form-data; boundary=x",
    )
    assert status == 413
    assert text.startswith("This request is 1.0 GB, more than the 20.0 MB the archive accepts")
    assert headers["Content-Type"].startswith("text/plain")
    assert body.read_bytes == 0


def test_a_huge_chunked_body_is_refused_after_reading_no_more_than_the_limit():
    body = EndlessBody()
    status, _, text = call(
        application,
        "POST",
        "/api/articles/",
        body,
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_TYPE="application/octet-stream",
    )
    assert status == 413
    assert text.startswith("This request is larger than the 20.0 MB the archive accepts")
    assert body.read_bytes <= settings.ARCHIVE_MAX_REQUEST_BYTES + 1


def test_a_server_that_ends_the_input_is_treated_like_chunked():
    body = EndlessBody()
    status, _, _ = call(application, "PUT", "/", body, **{"wsgi.input_terminated": True})
    assert status == 413


def test_a_small_chunked_body_reaches_django_with_its_length():
    seen = {}

    def inner(environ, start_response):
        seen["length"] = environ["CONTENT_LENGTH"]
        seen["body"] = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        start_response("200 OK", [])
        return [b"ok"]

    status, _, _ = call(
        RequestBodyLimit(inner, 100),
        "POST",
        "/",
        io.BytesIO(b"q=belgrade"),
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert status == 200
    assert seen == {"length": "10", "body": b"q=belgrade"}


def test_a_body_at_the_limit_passes_and_one_byte_more_is_refused():
    def inner(environ, start_response):
        start_response("200 OK", [])
        return [b"ok"]

    limited = RequestBodyLimit(inner, 100)
    assert call(limited, "POST", "/", io.BytesIO(b"x" * 100), CONTENT_LENGTH="100")[0] == 200
    assert call(limited, "POST", "/", io.BytesIO(b"x" * 101), CONTENT_LENGTH="101")[0] == 413
    assert (
        call(limited, "POST", "/", io.BytesIO(b"x" * 101), HTTP_TRANSFER_ENCODING="chunked")[0]
        == 413
    )
    assert call(limited, "POST", "/", io.BytesIO(b""), CONTENT_LENGTH="ten")[0] == 400


def test_ordinary_pages_still_work_through_the_wsgi_application(archive):
    status, _, text = call(application, "GET", "/articles/", io.BytesIO(b""))
    assert status == 200 and "</html>" in text


def test_the_import_form_still_gets_captures_at_the_import_limit(client, admin_user):
    """A pasted text and three files, each at ARCHIVE_IMPORT_MAX_BYTES, reach the form, which
    explains what is too big itself (the text is one byte over), instead of a bare 413."""
    limit = settings.ARCHIVE_IMPORT_MAX_BYTES
    client.force_login(admin_user)
    client.get(reverse("review:import"))
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    files = [io.BytesIO(b"x" * limit) for _ in range(3)]
    for i, f in enumerate(files):
        f.name = f"capture-{i}.txt"
    articles = Article.objects.count()
    payload = encode_multipart(
        BOUNDARY,
        {
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            "text": "x" * (limit + 1),
            "name": "",
            "files": files,
        },
    )
    assert len(payload) < settings.ARCHIVE_MAX_REQUEST_BYTES

    status, _, text = call(
        application,
        "POST",
        reverse("review:import"),
        io.BytesIO(payload),
        CONTENT_LENGTH=str(len(payload)),
        HTTP_COOKIE=cookies,
        CONTENT_TYPE=MULTIPART_CONTENT,
    )
    assert status == 200
    assert "more than the 2.0 MB limit for one article" in text
    assert Article.objects.count() == articles

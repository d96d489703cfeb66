"""A request body over settings.ARCHIVE_MAX_REQUEST_BYTES is refused before anything reads it.

This wraps the WSGI application (archive/wsgi.py), outside every Django middleware, so a
1 GiB upload is answered 413 without being spooled to a temporary file first:

- with Content-Length, the header decides and nothing of the body is read;
- with a chunked body (no Content-Length; gunicorn de-chunks it), at most the limit plus
  one byte is read, into memory. Past the limit the request is refused; under it the body
  is handed on with its Content-Length, which Django needs to read it at all.

The reverse proxy should refuse the same sizes first (docs/deployment.md); this is the
archive's own guarantee when it does not.
"""

import io

from django.template.defaultfilters import filesizeformat

READ_CHUNK = 64 * 1024


def human_size(size):
    return filesizeformat(size).replace("\xa0", " ")


class RequestBodyLimit:
    def __init__(self, application, max_bytes):
        self.application = application
        self.max_bytes = max_bytes

    def __call__(self, environ, start_response):
        length = environ.get("CONTENT_LENGTH") or ""
        if length:
            try:
                size = int(length)
            except ValueError:
                return self.refuse(
                    start_response,
                    "400 Bad Request",
                    "The Content-Length header is not a number.\n",
                )
            if size > self.max_bytes:
                return self.too_large(start_response, f"This request is {human_size(size)}, more")
        elif self.may_have_unsized_body(environ):
            body = self.read_at_most(environ["wsgi.input"], self.max_bytes + 1)
            if len(body) > self.max_bytes:
                return self.too_large(start_response, "This request is larger")
            if body:
                environ["wsgi.input"] = io.BytesIO(body)
                environ["CONTENT_LENGTH"] = str(len(body))
        return self.application(environ, start_response)

    @staticmethod
    def may_have_unsized_body(environ):
        """A chunked body, or a server that ends wsgi.input at the body's end (PEP 3333's
        wsgi.input_terminated, as gunicorn does): only then is reading without a length safe;
        elsewhere a read could wait for the client forever."""
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        return chunked or bool(environ.get("wsgi.input_terminated"))

    @staticmethod
    def read_at_most(stream, limit):
        parts, size = [], 0
        while size < limit:
            part = stream.read(min(READ_CHUNK, limit - size))
            if not part:
                break
            parts.append(part)
            size += len(part)
        return b"".join(parts)

    def too_large(self, start_response, what):
        message = (
            f"{what} than the {human_size(self.max_bytes)} the archive accepts in one "
            "request. Import large captures a few at a time.\n"
        )
        return self.refuse(start_response, "413 Content Too Large", message)

    @staticmethod
    def refuse(start_response, status, message):
        body = message.encode("utf-8")
        start_response(
            status,
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

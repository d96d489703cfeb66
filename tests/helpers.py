"""Helpers tests share: reading pages and forms the way a browser would."""

from html.parser import HTMLParser

from django.contrib.messages import get_messages
from django.urls import reverse

HOSTILE = '<script>alert("x")</script>'


def html_of(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status
    return response.content.decode()


def admin_url(model, view="changelist", *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = {
                "name": name,
                "multiple": "multiple" in attrs,
                "first": None,
                "chosen": False,
            }
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.fields.append((self.select["name"], value))
                self.select["chosen"] = True
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            select = self.select
            if not select["multiple"] and not select["chosen"] and select["first"] is not None:
                self.fields.append((select["name"], select["first"]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None


def form_fields(response, form_id):
    """What a browser would submit from the form `form_id` of the page: (name, value) pairs."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.fields, f"no form #{form_id} on the page"
    return reader.fields


def form_data(response, form_id, **changes):
    """The form as a browser would submit it, with `changes`, ready for client.post()."""
    data = {}
    for name, value in form_fields(response, form_id):
        data.setdefault(name, []).append(value)
    data.update(changes)
    return data


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]

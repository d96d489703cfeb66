"""The curators' admin as a screen reader meets it: every field has a name, every help text
an id that the field points at."""

import re

import pytest

from people.models import Person, Place
from tests.helpers import admin_url, html_of

pytestmark = pytest.mark.django_db


def fields_without_a_name(page):
    """Inputs, selects and textareas (not hidden) that no <label> and no aria-label names."""
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', page))
    missing = []
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page):
        if re.search(r'type="(hidden|submit|button)"', tag) or "__prefix__" in tag:
            continue
        field_id = re.search(r'\bid="([^"]+)"', tag)
        if "aria-label=" not in tag and not (field_id and field_id.group(1) in labelled):
            missing.append(tag)
    return missing


@pytest.mark.parametrize("model, slug", [(Person, "vuk-vuksanovic"), (Place, "belgrade")])
def test_every_field_of_a_change_form_and_its_rows_has_a_name(admin_client, archive, model, slug):
    page = html_of(admin_client, admin_url(model, "change", model.objects.get(slug=slug).pk))
    assert 'aria-label="Name, row 1"' in page
    assert not fields_without_a_name(page)


def test_the_import_forms_help_texts_are_where_the_fields_point(admin_client):
    page = html_of(admin_client, "/admin/review/import/")
    pointed = re.findall(r'aria-describedby="([^"]+)"', page)
    for ids in pointed:
        for target in ids.split():
            assert f'id="{target}"' in page, f"aria-describedby points at a missing {target}"
    for field in ("text", "name", "files"):
        assert f'aria-describedby="id_{field}_helptext"' in page
        assert re.search(rf'<div class="help" id="id_{field}_helptext">\S', page)

"""Language tags in the pages: Cyrillic runs in snippets and lines, aliases by language."""

import pytest
from django.utils.safestring import mark_safe

from archive.templatetags.archive_text import lang_runs
from tests.helpers import HOSTILE, html_of

pytestmark = pytest.mark.django_db


def test_cyrillic_runs_get_their_language_and_the_markup_survives():
    html = mark_safe(
        "Serbian President <mark>Aleksandar Vučić</mark> (Александар <mark>Вучић</mark>)"
        " and Путин, Пётр"
    )
    assert str(lang_runs(html)) == (
        "Serbian President <mark>Aleksandar Vučić</mark> "
        '(<span lang="sr-Cyrl">Александар</span> <mark><span lang="sr-Cyrl">Вучић</span></mark>)'
        ' and <span lang="sr-Cyrl">Путин</span>, <span lang="ru">Пётр</span>'
    )


def test_plain_text_is_escaped_before_it_is_tagged():
    assert str(lang_runs(HOSTILE + " Путин")) == (
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <span lang="und">Путин</span>'
    )


def test_aliases_are_marked_serbian_or_russian_by_their_letters(client, archive):
    page = html_of(client, "/people/aleksandar-vucic/")
    assert '<span lang="sr-Cyrl">Вучић</span>' in page
    assert '<span lang="sr-Cyrl">Александар Вучић</span>' in page
    assert 'lang="ru"' not in page
    page = html_of(client, "/people/pyotr-nikitin/")
    assert '<span lang="ru">Пётр Никитин</span>' in page
    assert '<span lang="ru">Никитин</span>' in page  # its other Cyrillic names are Russian

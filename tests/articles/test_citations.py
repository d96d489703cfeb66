"""Citations: exact output for a signed, dated article and for an unsigned, undated one."""

import datetime
import json
import re

import pytest

from articles import citations
from articles.models import Article

pytestmark = pytest.mark.django_db

ACCESSED = datetime.date(2026, 3, 9)
URL_004 = "https://archive.example/articles/serbia-becomes-home-for-russians-fleeing-war/"
URL_001 = "https://archive.example/articles/belgrade-its-concrete-and-steel-entrails-exposed/"
TITLE_001 = "[BELGRADE — Its concrete and steel entrails exposed …]"


def styles(article, url, **kwargs):
    return {c.style: c for c in citations.cite(article, url, accessed=ACCESSED, **kwargs)}


@pytest.fixture
def signed(archive):
    """004: Nevena Vračar, The European Correspondent, 1 February 2025."""
    return Article.objects.get(source_name__startswith="004_")


@pytest.fixture
def unsigned(archive):
    """001: no author, no outlet, no date, and a title the archive devised."""
    return Article.objects.get(source_name__startswith="001_")


def test_chicago_apa_mla_for_a_signed_dated_article(signed):
    out = styles(signed, URL_004)
    assert out["chicago"].text == (
        "Vračar, Nevena. “Serbia Becomes Home for Russians Fleeing War.” "
        f"The European Correspondent, February 1, 2025. {URL_004}."
    )
    assert out["apa"].text == (
        "Vračar, N. (2025, February 1). Serbia becomes home for Russians fleeing war. "
        f"The European Correspondent. {URL_004}"
    )
    assert out["mla"].text == (
        "Vračar, Nevena. “Serbia Becomes Home for Russians Fleeing War.” "
        "The European Correspondent, 1 Feb. 2025, "
        "archive.example/articles/serbia-becomes-home-for-russians-fleeing-war/."
    )


def test_the_outlet_is_italic_in_the_html(signed):
    out = styles(signed, URL_004)
    assert "<i>The European Correspondent</i>, February 1, 2025." in out["chicago"].html
    assert "<i>The European Correspondent</i>." in out["apa"].html


def test_unsigned_undated_article_invents_no_author_and_says_nd(unsigned):
    out = styles(unsigned, URL_001)
    assert out["chicago"].text == f"{TITLE_001}. n.d. Accessed March 9, 2026. {URL_001}."
    assert out["apa"].text == f"{TITLE_001}. (n.d.). {URL_001}"
    assert out["mla"].text == (
        f"{TITLE_001}. archive.example/articles/belgrade-its-concrete-and-steel-entrails-exposed/."
        " Accessed 9 Mar. 2026."
    )
    # The supplied title keeps its brackets and is neither quoted nor re-cased.
    for style in ("chicago", "apa", "mla"):
        assert "“[" not in out[style].text
        assert "Its concrete and steel" in out[style].text


def test_bibtex_for_a_signed_dated_article(signed):
    assert styles(signed, URL_004)["bibtex"].text == "\n".join(
        [
            "@article{vracar2025serbia,",
            "  author = {Vračar, Nevena},",
            "  title = {{Serbia becomes home for Russians fleeing war}},",
            "  journal = {The European Correspondent},",
            "  year = {2025},",
            "  month = feb,",
            "  date = {2025-02-01},",
            f"  url = {{{URL_004}}},",
            "  urldate = {2026-03-09},",
            "  language = {en},",
            r"  note = {Russians in Serbia: a news archive, 004\_d3f67001b96928d7.txt}",
            "}",
        ]
    )


def test_bibtex_for_an_unsigned_undated_article(unsigned):
    text = styles(unsigned, URL_001)["bibtex"].text
    assert text.startswith("@misc{ndbelgrade,\n")
    assert "author" not in text and "year" not in text
    assert "  title = {{[BELGRADE — Its concrete and steel entrails exposed …]}},\n" in text
    assert "Title supplied by the archive; Date unknown;" in text


def test_ris_for_a_signed_dated_article(signed):
    assert styles(signed, URL_004)["ris"].text == "\n".join(
        [
            "TY  - NEWS",
            "AU  - Vračar, Nevena",
            "TI  - Serbia becomes home for Russians fleeing war",
            "T2  - The European Correspondent",
            "PY  - 2025",
            "DA  - 2025/02/01/",
            "LA  - en",
            f"UR  - {URL_004}",
            "Y2  - 2026/03/09/",
            "DB  - Russians in Serbia: a news archive",
            "AN  - 004_d3f67001b96928d7.txt",
            "ER  - ",
        ]
    )


def test_ris_for_an_unsigned_undated_article(unsigned):
    text = styles(unsigned, URL_001)["ris"].text
    assert "AU  -" not in text and "PY  -" not in text and "DA  -" not in text
    assert f"TI  - {TITLE_001}\n" in text
    assert "N1  - Date unknown\n" in text
    assert text.endswith("ER  - ")


def test_csl_json_is_valid_and_leaves_out_what_is_unknown(signed, unsigned):
    item = json.loads(styles(signed, URL_004)["csl-json"].text)[0]
    assert item["type"] == "article-newspaper"
    assert item["author"] == [{"family": "Vračar", "given": "Nevena"}]
    assert item["issued"] == {"date-parts": [[2025, 2, 1]]}
    assert item["container-title"] == "The European Correspondent"
    assert item["accessed"] == {"date-parts": [[2026, 3, 9]]}
    item = json.loads(styles(unsigned, URL_001)["csl-json"].text)[0]
    assert "author" not in item and "issued" not in item and "container-title" not in item
    assert item["title"] == TITLE_001
    assert "supplied" in item["note"]


def test_year_precision_is_not_made_more_precise(empty_archive):
    from tests.factories import ArticleFactory

    article = ArticleFactory(
        title="Plain", published=datetime.date(2022, 1, 1), date_precision="year"
    )
    out = styles(article, "https://x.example/a/")
    assert "Plain.” 2022. https://x.example/a/." in out["chicago"].text
    assert "Plain. (2022)." in out["apa"].text
    assert "“Plain.” 2022, x.example/a/." in out["mla"].text
    assert "DA  - 2022///" in out["ris"].text
    assert "month" not in out["bibtex"].text and "inferred" not in out["bibtex"].text
    assert json.loads(out["csl-json"].text)[0]["issued"] == {"date-parts": [[2022]]}


URL_003 = "https://x.example/a/"
TITLE_003 = (
    "Belgrade's Russian Emigres Grapple with New Lives in Serbia, the Ukraine War, "
    "and What Comes Next"
)


@pytest.fixture
def inferred_year(archive):
    """003: Reid Standish, RFE/RL; the text prints no date, the archive infers 2022."""
    article = Article.objects.get(source_name__startswith="003_")
    assert (article.date_inferred, article.date_display) == (True, "2022 (inferred)")
    return article


def test_an_inferred_year_is_cited_as_conjectured_in_the_prose_styles(inferred_year):
    out = styles(inferred_year, URL_003)
    assert out["chicago"].text == (f"Standish, Reid. “{TITLE_003}.” RFE/RL, [2022?]. {URL_003}.")
    assert out["apa"].text == (
        "Standish, R. (ca. 2022). Belgrade's Russian emigres grapple with new lives in Serbia, "
        f"the Ukraine war, and what comes next. RFE/RL. {URL_003}"
    )
    assert out["mla"].text == (f"Standish, Reid. “{TITLE_003}.” RFE/RL, [2022?], x.example/a/.")
    quote = styles(inferred_year, URL_003, paragraph=2)
    assert quote["chicago"].in_text == (
        f"Reid Standish, “{TITLE_003},” RFE/RL, [2022?], para. 2, {URL_003}."
    )
    assert quote["apa"].in_text == "(Standish, ca. 2022, para. 2)"
    assert quote["mla"].in_text == "(Standish par. 2)"  # MLA's in-text form has no date


def test_an_inferred_year_keeps_its_year_with_a_note_in_the_files(inferred_year):
    out = styles(inferred_year, URL_003)
    title = (
        "Belgrade's Russian Emigres Grapple With New Lives In Serbia, The Ukraine War, "
        "And What Comes Next"
    )
    source = inferred_year.source_name
    assert out["bibtex"].text == "\n".join(
        [
            "@article{standish2022belgrade,",
            "  author = {Standish, Reid},",
            f"  title = {{{{{title}}}}},",
            "  journal = {RFE/RL},",
            "  year = {2022},",
            "  date = {2022},",
            f"  url = {{{URL_003}}},",
            "  urldate = {2026-03-09},",
            "  language = {en},",
            "  note = {Year inferred from the text, not printed; "
            f"Russians in Serbia: a news archive, {citations.bibtex_escape(source)}}}",
            "}",
        ]
    )
    assert out["ris"].text == "\n".join(
        [
            "TY  - NEWS",
            "AU  - Standish, Reid",
            f"TI  - {title}",
            "T2  - RFE/RL",
            "PY  - 2022",
            "DA  - 2022///",
            "LA  - en",
            f"UR  - {URL_003}",
            "Y2  - 2026/03/09/",
            "DB  - Russians in Serbia: a news archive",
            f"AN  - {source}",
            "N1  - Year inferred by the archive from the text, which prints no date.",
            "ER  - ",
        ]
    )
    assert json.loads(out["csl-json"].text) == [
        {
            "id": inferred_year.slug,
            "type": "article-newspaper",
            "title": title,
            "author": [{"family": "Standish", "given": "Reid"}],
            "container-title": "RFE/RL",
            "issued": {"date-parts": [[2022]], "circa": True},
            "language": "en",
            "URL": URL_003,
            "accessed": {"date-parts": [[2026, 3, 9]]},
            "archive": "Russians in Serbia: a news archive",
            "archive_location": source,
            "note": "Year inferred by the archive from the text, which prints no date.",
        }
    ]
    assert '"date-parts": [[2022]],\n      "circa": true' in out["csl-json"].text


def test_a_quote_is_cited_with_its_paragraph(signed, unsigned):
    out = styles(signed, URL_004 + "quotes/3-0/", paragraph=3)
    assert out["chicago"].in_text == (
        "Nevena Vračar, “Serbia Becomes Home for Russians Fleeing War,” "
        f"The European Correspondent, February 1, 2025, para. 3, {URL_004}quotes/3-0/."
    )
    assert out["apa"].in_text == "(Vračar, 2025, para. 3)"
    assert out["mla"].in_text == "(Vračar par. 3)"
    assert "SP  - para. 3" in out["ris"].text
    assert "Quotation at paragraph 3." in json.loads(out["csl-json"].text)[0]["note"]
    out = styles(unsigned, URL_001, paragraph=18)
    assert out["apa"].in_text == f"({TITLE_001}, n.d., para. 18)"
    assert out["chicago"].in_text.startswith(f"{TITLE_001}, n.d., para. 18,")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "serbia becomes home for russians fleeing war",
            "Serbia Becomes Home for Russians Fleeing War",
        ),
        (
            "Emigres Grapple With New Lives In Serbia, The Ukraine War, And What Comes Next",
            "Emigres Grapple with New Lives in Serbia, the Ukraine War, and What Comes Next",
        ),
        ("a war of words: the case for NATO", "A War of Words: The Case for NATO"),
        ("“we deserve it” says a man in the sauna", "“We Deserve It” Says a Man in the Sauna"),
        ("what it is for", "What It Is For"),
    ],
)
def test_headline_case(title, expected):
    assert citations.headline_case(title) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nevena Vračar", {"family": "Vračar", "given": "Nevena"}),
        ("Jean-Paul van der Berg", {"family": "van der Berg", "given": "Jean-Paul"}),
        ("Michelle", {"literal": "Michelle"}),
    ],
)
def test_names(name, expected):
    assert citations.split_name(name) == expected


def test_apa_initials_keep_hyphens():
    assert citations.initials("Jean-Paul Anna") == "J.-P. A."


def test_hostile_text_is_escaped_for_latex_html_and_ris(empty_archive):
    from tests.factories import ArticleFactory, PersonFactory

    article = ArticleFactory(title='50% of {evil} <script>alert("x")</script> & co\nRIS  - ER')
    article.authors.add(PersonFactory(name="Ann <b>O'Hara</b>"))
    out = styles(article, "https://x.example/a/")
    assert r"50\% of \{evil\}" in out["bibtex"].text and r"\& co" in out["bibtex"].text
    assert "<script>" not in str(out["chicago"].html)
    assert "&lt;script&gt;" in str(out["chicago"].html)
    ris_lines = out["ris"].text.split("\n")
    assert sum(line.startswith("ER  -") for line in ris_lines) == 1  # no injected record end
    assert all(line[:2].isupper() and line[2:6] == "  - " for line in ris_lines)


def test_bibtex_escapes_the_language_and_url_fields_too(empty_archive):
    """A curator's language (or a URL) with braces cannot end its field and add others."""
    from tests.factories import ArticleFactory

    article = ArticleFactory(title="Plain", language="x},a={y")  # the field holds 10
    text = styles(article, "https://x.example/a/?q={b}c d")["bibtex"].text
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", text, re.M))
    assert fields["language"] == r"x\},a=\{y"
    assert fields["url"] == "https://x.example/a/?q=%7Bb%7Dc%20d"
    assert not re.search(r"^  a = ", text, re.M)  # no field injected
    assert text.count("{") - text.count(r"\{") == text.count("}") - text.count(r"\}")


def test_apa_titles_are_in_sentence_case_keeping_the_archives_names(archive):
    article = Article.objects.get(title__startswith="Belgrade's Russian Emigres")
    apa = styles(article, "https://x.example/a/")["apa"].text
    assert (
        "Belgrade's Russian emigres grapple with new lives in Serbia, the Ukraine war, "
        "and what comes next."
    ) in apa
    # Chicago and MLA keep headline style.
    assert (
        "Grapple with New Lives in Serbia"
        in styles(article, "https://x.example/a/")["chicago"].text
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Why The European Union Fears Vučić: A Report From RFE/RL",
            "Why the European Union fears Vučić: A report from RFE/RL",
        ),
        ("“We Deserve It”: Russians In Serbia", "“We deserve it”: Russians in Serbia"),
        (
            "Serbia becomes home for Russians fleeing war",
            "Serbia becomes home for Russians fleeing war",
        ),
        ("A New Union Of Emigres In New York", "A new union of emigres in New York"),
        ("What I Saw In Belgrade's Cafés", "What I saw in Belgrade's cafés"),
    ],
)
def test_sentence_case(title, expected):
    names = {"Belgrade", "Serbia", "Russia", "European Union", "Vučić", "RFE/RL", "New York"}
    assert citations.sentence_case(title, names) == expected

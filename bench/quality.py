"""Search quality on the real 5-article archive: the archive's search against FTS5.

    .venv/bin/python bench/quality.py DATA_DIR FTS_DB [DATABASE_URL]   # prints JSON

With DATABASE_URL (a PostgreSQL database holding the same archive, loaded with
load_archive), "ours" is the archive on PostgreSQL, so its PostgreSQL engine.

DATA_DIR holds the real archive loaded with `manage.py load_archive` (database and
index); FTS_DB is bench/fts.py's export of the same database. Each researcher query
has a target defined from the archive's data, not from either engine:

  quote:TEXT        the quote whose words contain TEXT
  names:SLUG        the articles that name the entity (its mentions, which
                    derive_mentions found by name/alias or a curator placed) and the
                    quotes it speaks
  articles:REGEX    the articles with a paragraph matching REGEX (case-insensitive)
  quotes:REGEX      the quotes whose words match REGEX

Recall = targets returned / targets (all results); "first page" counts the
targets among the first 20 results (our relevance order; FTS5 by bm25).

Precision = relevant results / results returned (and among the first 20). A result is
relevant when it is a target, or, more broadly than the targets, when the archive's
data says it matches the query (relevant() below): for quote:TEXT also the articles
whose paragraphs hold TEXT; for names:SLUG also the entity's own record and the quotes
whose words contain a mention of it; for articles:REGEX also the quotes whose words
match. For quotes:REGEX (e.g. `Belgrade` with type:quote) only the quotes whose words
match: a quote returned because of its article's title does not count.
FTS5 gets the same text, with typographic quotes made ASCII so phrases stay
phrases, escaped the way Datasette escapes `_search` (so its figures are
Datasette's too), and the type filter as a column filter.
"""

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, django_env, fts_connect, fts_search  # noqa: E402

FIRST_PAGE = 20

QUERIES = [
    # (label, query as typed, URL filters, target)
    (
        "curly-quote phrase",
        "“posed a threat to the stability and security of Serbia”",
        {},
        "quote:posed a threat to the stability and security of Serbia",
    ),
    ("straight-quote phrase", '"sit on two chairs"', {}, "quote:sit on two chairs"),
    (
        "phrase with ’s",
        "“Vučić’s kids went to Russian schools”",
        {},
        "quote:kids went to Russian schools",
    ),
    ("name, Latin", "Vučić", {}, "names:aleksandar-vucic"),
    ("name, Cyrillic", "Вучић", {}, "names:aleksandar-vucic"),
    ("name, no diacritics", "Vucic", {}, "names:aleksandar-vucic"),
    ("name, Đ", "Đokić", {}, "names:aleksandar-djokic"),
    ("name, dj", "Djokic", {}, "names:aleksandar-djokic"),
    ("name, other romanization", "Peter Nikitin", {}, "names:pyotr-nikitin"),
    ("name, Cyrillic surname", "Никитин", {}, "names:pyotr-nikitin"),
    ("name, typo", "Nikitn", {}, "names:pyotr-nikitin"),
    ("name, no diacritics 2", "Radina Vucetic", {}, "names:radina-vucetic"),
    ("name, Cyrillic (Russian)", "Лукашенко", {}, "names:alexander-lukashenko"),
    ("place, Serbian Cyrillic", "Нови Сад", {}, "names:novi-sad"),
    ("Cyrillic word by its Latin form", "zajedno", {}, "articles:заједно|zajedno"),
    ("stemmed form", "protested", {}, r"articles:\bprotest(s|ed|ing|ers?|ors?)?\b"),
    ("stemmed form, s/z spelling", "mobilised", {}, r"articles:\bmobili[sz](e|ed|es|ing|ation)\b"),
    ("word + type filter", "Belgrade", {"type": "quote"}, r"quotes:\bBelgrade"),
]


def setup(data_dir, database_url=None):
    os.environ.update(
        django_env(data_dir, {"DATABASE_URL": database_url} if database_url else None)
    )
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def targets(spec):
    from articles.models import Article, Mention, Paragraph, Quote

    kind, _, value = spec.partition(":")
    if kind == "quote":
        return {
            ("quote", pk)
            for pk in Quote.objects.visible()
            .filter(text__contains=value)
            .values_list("pk", flat=True)
        }
    if kind == "names":
        found = set()
        for field in ("person", "organization", "place"):
            found |= {
                ("article", a)
                for a in Mention.objects.visible()
                .filter(**{f"{field}__slug": value})
                .values_list("article_id", flat=True)
            }
        found |= {
            ("quote", q)
            for q in Quote.objects.visible()
            .filter(speaker__slug=value)
            .values_list("pk", flat=True)
        }
        return found
    if kind == "articles":
        pattern = re.compile(value, re.IGNORECASE)
        ids = {p.article_id for p in Paragraph.objects.all() if pattern.search(p.text)}
        ids |= {a.pk for a in Article.objects.all() if pattern.search(a.title)}
        return {("article", a) for a in ids}
    if kind == "quotes":
        pattern = re.compile(value, re.IGNORECASE)
        return {("quote", q.pk) for q in Quote.objects.visible() if pattern.search(q.text)}
    raise ValueError(spec)


def relevant(spec):
    """The targets, and what else the archive's data says matches the query."""
    from articles.models import Mention, Paragraph, Quote
    from people.models import Organization, Person, Place

    kind, _, value = spec.partition(":")
    found = set(targets(spec))
    if kind == "quote":
        found |= {
            ("article", a)
            for a in Paragraph.objects.filter(text__contains=value).values_list(
                "article_id", flat=True
            )
        }
    elif kind == "names":
        for model, field in ((Person, "person"), (Organization, "organization"), (Place, "place")):
            found |= {
                (field, pk) for pk in model.objects.filter(slug=value).values_list("pk", flat=True)
            }
            for m in Mention.objects.visible().filter(**{f"{field}__slug": value}):
                found |= {
                    ("quote", pk)
                    for pk in Quote.objects.visible()
                    .filter(paragraph_id=m.paragraph_id, start__lte=m.start, end__gte=m.end)
                    .values_list("pk", flat=True)
                }
    elif kind == "articles":
        pattern = re.compile(value, re.IGNORECASE)
        found |= {("quote", q.pk) for q in Quote.objects.visible() if pattern.search(q.text)}
    return found


def ours(query, filters):
    from archive.search.core import search
    from archive.search.query import FILTER_FIELDS, Filter

    extra = [Filter(FILTER_FIELDS[k], v, label=k) for k, v in filters.items()]
    page = search(query, filters=extra, page_size=500)
    return [(hit.type, hit.obj.pk) for hit in page.hits], page.count, page.corrected


def theirs(conn, query, filters):
    try:
        count, rows = fts_search(conn, query, filters, limit=None)
    except Exception as error:  # an FTS5 syntax error is a failed search too
        return [], 0, str(error)
    return [(row["type"], row["pk"]) for row in rows], count, None


def score(results, expected, matching):
    found = [r for r in results if r in expected]
    first_page = [r for r in results[:FIRST_PAGE] if r in expected]
    good = [r for r in results if r in matching]
    good_first = [r for r in results[:FIRST_PAGE] if r in matching]
    return {
        "found": len(set(found)),
        "first_page": len(set(first_page)),
        "returned": len(results),
        "relevant": len(good),
        "precision": round(len(good) / len(results), 4) if results else None,
        "precision_first_page": (
            round(len(good_first) / len(results[:FIRST_PAGE]), 4) if results else None
        ),
    }


def main():
    data_dir, fts_db = sys.argv[1], sys.argv[2]
    setup(data_dir, sys.argv[3] if len(sys.argv) > 3 else None)
    conn = fts_connect(fts_db)
    rows = []
    for label, query, filters, spec in QUERIES:
        expected = targets(spec)
        matching = relevant(spec)
        our_results, our_count, corrected = ours(query, filters)
        fts_results, fts_count, fts_error = theirs(conn, query, filters)
        rows.append(
            {
                "label": label,
                "query": query,
                "filters": filters,
                "target": spec,
                "expected": len(expected),
                "ours": {
                    **score(our_results, expected, matching),
                    "count": our_count,
                    "corrected": corrected,
                },
                "fts5": {
                    **score(fts_results, expected, matching),
                    "count": fts_count,
                    "error": fts_error,
                },
            }
        )
    totals = {"expected": sum(r["expected"] for r in rows)}
    for engine in ("ours", "fts5"):
        found = sum(r[engine]["found"] for r in rows)
        page = sum(r[engine]["first_page"] for r in rows)
        per_query = [r[engine]["found"] / r["expected"] for r in rows if r["expected"]]
        returned = sum(r[engine]["returned"] for r in rows)
        good = sum(r[engine]["relevant"] for r in rows)
        precisions = [r[engine]["precision"] for r in rows if r[engine]["returned"]]
        totals[engine] = {
            "found": found,
            "first_page": page,
            "recall_micro": round(found / totals["expected"], 4),
            "recall_first_page": round(page / totals["expected"], 4),
            "recall_macro": round(sum(per_query) / len(per_query), 4),
            "returned": returned,
            "relevant": good,
            "precision_micro": round(good / returned, 4) if returned else None,
            "precision_macro": (
                round(sum(precisions) / len(precisions), 4) if precisions else None
            ),
            "queries_with_full_recall": sum(
                1 for r in rows if r["expected"] and r[engine]["found"] == r["expected"]
            ),
            "queries_with_zero": sum(1 for r in rows if r[engine]["found"] == 0),
        }
    print(json.dumps({"queries": rows, "totals": totals}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

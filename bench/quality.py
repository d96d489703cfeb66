"""Search quality on the real 5-article archive: the archive's search against FTS5.

    .venv/bin/python bench/quality.py DATA_DIR FTS_DB    # prints JSON (run.py calls it)

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
    ("curly-quote phrase", "“posed a threat to the stability and security of Serbia”", {},
     "quote:posed a threat to the stability and security of Serbia"),
    ("straight-quote phrase", '"sit on two chairs"', {}, "quote:sit on two chairs"),
    ("phrase with ’s", "“Vučić’s kids went to Russian schools”", {},
     "quote:kids went to Russian schools"),
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
    ("stemmed form, s/z spelling", "mobilised", {},
     r"articles:\bmobili[sz](e|ed|es|ing|ation)\b"),
    ("word + type filter", "Belgrade", {"type": "quote"}, r"quotes:\bBelgrade"),
]


def setup(data_dir):
    os.environ.update(django_env(data_dir))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def targets(spec):
    from articles.models import Article, Mention, Paragraph, Quote

    kind, _, value = spec.partition(":")
    if kind == "quote":
        return {("quote", pk) for pk in Quote.objects.visible().filter(text__contains=value)
                .values_list("pk", flat=True)}
    if kind == "names":
        found = set()
        for field in ("person", "organization", "place"):
            found |= {("article", a) for a in Mention.objects.visible()
                      .filter(**{f"{field}__slug": value}).values_list("article_id", flat=True)}
        found |= {("quote", q) for q in Quote.objects.visible().filter(speaker__slug=value)
                  .values_list("pk", flat=True)}
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


def score(results, expected):
    found = [r for r in results if r in expected]
    first_page = [r for r in results[:FIRST_PAGE] if r in expected]
    return {"found": len(set(found)), "first_page": len(set(first_page)),
            "returned": len(results)}


def main():
    data_dir, fts_db = sys.argv[1], sys.argv[2]
    setup(data_dir)
    conn = fts_connect(fts_db)
    rows = []
    for label, query, filters, spec in QUERIES:
        expected = targets(spec)
        our_results, our_count, corrected = ours(query, filters)
        fts_results, fts_count, fts_error = theirs(conn, query, filters)
        rows.append({
            "label": label, "query": query, "filters": filters, "target": spec,
            "expected": len(expected),
            "ours": {**score(our_results, expected), "count": our_count,
                     "corrected": corrected},
            "fts5": {**score(fts_results, expected), "count": fts_count, "error": fts_error},
        })
    totals = {"expected": sum(r["expected"] for r in rows)}
    for engine in ("ours", "fts5"):
        found = sum(r[engine]["found"] for r in rows)
        page = sum(r[engine]["first_page"] for r in rows)
        per_query = [r[engine]["found"] / r["expected"] for r in rows if r["expected"]]
        totals[engine] = {"found": found, "first_page": page,
                          "recall_micro": round(found / totals["expected"], 4),
                          "recall_first_page": round(page / totals["expected"], 4),
                          "recall_macro": round(sum(per_query) / len(per_query), 4),
                          "queries_with_full_recall": sum(
                              1 for r in rows if r["expected"] and r[engine]["found"] ==
                              r["expected"]),
                          "queries_with_zero": sum(1 for r in rows if r[engine]["found"] == 0)}
    print(json.dumps({"queries": rows, "totals": totals}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

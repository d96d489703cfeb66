"""The same corpus as a plain SQLite FTS5 database, the way Datasette publishes one.

One table `docs` holds every record the archive's index holds (articles,
quotes, people, organizations, places) with the text a plain export would
give: an article's title, standfirst, byline and paragraphs; a quote's words
and speaker; an entity's name and description. No aliases, no mentions: those
are the archive's own enrichment. `docs_fts` is an external-content FTS5
table on (title, text) with the `unicode61 remove_diacritics 2` tokenizer,
created like `sqlite-utils enable-fts` does, so Datasette finds it.

    python bench/fts.py SOURCE.sqlite3 TARGET.sqlite3   # prints the build stats as JSON
"""

import json
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import FTS_TOKENIZER  # noqa: E402

SCHEMA = f"""
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    pk INTEGER NOT NULL,
    title TEXT,
    text TEXT,
    outlet TEXT,
    year TEXT,
    date INTEGER,
    url TEXT
);
CREATE INDEX docs_type ON docs(type);
CREATE VIRTUAL TABLE docs_fts USING fts5(
    title, text, content="docs", content_rowid="id", tokenize="{FTS_TOKENIZER}"
);
"""


def article_docs(src):
    outlets = dict(src.execute("SELECT id, slug FROM people_organization"))
    authors = {}
    for article_id, name in src.execute(
        "SELECT aa.article_id, p.name FROM articles_article_authors aa "
        "JOIN people_person p ON p.id = aa.person_id ORDER BY aa.id"
    ):
        authors.setdefault(article_id, []).append(name)
    articles = src.execute(
        "SELECT id, slug, title, standfirst, byline, outlet_id, published "
        "FROM articles_article ORDER BY id"
    )
    paragraphs = src.execute(
        "SELECT article_id, text FROM articles_paragraph ORDER BY article_id, position"
    )
    pending = next(paragraphs, None)
    for pk, slug, title, standfirst, byline, outlet_id, published in articles:
        body = []
        while pending is not None and pending[0] < pk:
            pending = next(paragraphs, None)
        while pending is not None and pending[0] == pk:
            body.append(pending[1])
            pending = next(paragraphs, None)
        text = "\n".join([standfirst or "", byline or "", " ".join(authors.get(pk, [])), *body])
        year = published[:4] if published else "unknown"
        date = int(published.replace("-", "")) if published else 0
        yield (
            "article",
            pk,
            title,
            text,
            outlets.get(outlet_id, ""),
            year,
            date,
            f"/articles/{slug}/",
        )


def quote_docs(src):
    rows = src.execute(
        "SELECT q.id, q.text, coalesce(p.name, q.speaker_note), a.slug, a.outlet_id, "
        "a.published, para.position, q.start FROM articles_quote q "
        "JOIN articles_article a ON a.id = q.article_id "
        "JOIN articles_paragraph para ON para.id = q.paragraph_id "
        "LEFT JOIN people_person p ON p.id = q.speaker_id "
        "WHERE q.status != 'rejected' ORDER BY q.id"
    )
    outlets = dict(src.execute("SELECT id, slug FROM people_organization"))
    for pk, text, speaker, slug, outlet_id, published, position, start in rows:
        year = published[:4] if published else "unknown"
        date = int(published.replace("-", "")) if published else 0
        yield (
            "quote",
            pk,
            speaker,
            text,
            outlets.get(outlet_id, ""),
            year,
            date,
            f"/articles/{slug}/quotes/{position}-{start}/",
        )


def entity_docs(src):
    for kind, table in (
        ("person", "people_person"),
        ("organization", "people_organization"),
        ("place", "people_place"),
    ):
        for pk, name, slug, description in src.execute(
            f"SELECT id, name, slug, description FROM {table} ORDER BY id"
        ):
            yield (kind, pk, name, description, "", "", 0, f"/{kind}/{slug}/")


def build(source, target):
    """Build TARGET from the archive database SOURCE; returns timings and counts."""
    target = Path(target)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    dst.executescript(SCHEMA)
    counts = {}
    with dst:
        for docs in (article_docs(src), quote_docs(src), entity_docs(src)):
            for row in docs:
                counts[row[0]] = counts.get(row[0], 0) + 1
                dst.execute(
                    "INSERT INTO docs (type, pk, title, text, outlet, year, date, url) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
    loaded = time.perf_counter()
    with dst:
        dst.execute("INSERT INTO docs_fts(docs_fts) VALUES ('rebuild')")
    indexed = time.perf_counter()
    with dst:
        dst.execute("INSERT INTO docs_fts(docs_fts) VALUES ('optimize')")
    optimized = time.perf_counter()
    dst.execute("ANALYZE")
    dst.close()
    src.close()
    docs = sum(counts.values())
    total = optimized - started
    return {
        "docs": docs,
        "counts": counts,
        "extract_insert_seconds": round(loaded - started, 3),
        "fts_index_seconds": round(indexed - loaded, 3),
        "optimize_seconds": round(optimized - indexed, 3),
        "total_seconds": round(total, 3),
        "docs_per_second_total": round(docs / total, 1) if total else None,
        "docs_per_second_fts_only": round(docs / (indexed - loaded), 1)
        if indexed > loaded
        else None,
        "bytes": target.stat().st_size,
    }


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(json.dumps(build(sys.argv[1], sys.argv[2]), indent=1))

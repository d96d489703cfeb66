"""What the benchmark scripts share: paths, the query mix, FTS5 helpers, statistics.

Nothing here imports Django: run.py and the FTS5 side use it without settings.
"""

import json
import os
import re
import sqlite3
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
OUT = BENCH_DIR / "out"
FIXTURE = REPO / "fixtures" / "archive.json"
PYTHON = REPO / ".venv" / "bin" / "python"
if not PYTHON.exists():
    PYTHON = Path(sys.executable)

DEFAULT_SEED = 20240217


# The environment every Django process of the benchmark runs with: a separate data
# directory (database and Whoosh index), production settings (DEBUG off, so Django
# keeps no query log), never /work/main/data.
def django_env(data_dir, extra=None):
    env = dict(os.environ)
    for name in ("DATABASE_URL", "ARCHIVE_SEARCH_PATH", "ARCHIVE_SEARCH_URL"):
        env.pop(name, None)
    env.update(
        {
            "ARCHIVE_DATA_DIR": str(Path(data_dir).resolve()),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-not-secret",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on localhost, no redirect to https
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_SETTINGS_MODULE": "archive.settings",
            "PYTHONPATH": str(REPO),
            "ARCHIVE_LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra or {})
    return env


# What a corpus depends on, in two parts. Its rows (archive.sqlite3, generate_corpus.py)
# change only with the generator, the fixture and the models; its indexes
# (build_indexes.py: Whoosh, FTS5; postgres.py: the PostgreSQL engine's) change with
# the search code too. When an input changes, run.py rebuilds that part (an index built
# by an older schema, analyzer or template would be searched wrongly, or not at all,
# by the current code) and keeps the rest.
ROW_INPUTS = [
    "bench/generate_corpus.py",
    "fixtures/archive.json",
    "articles/models.py",
    "people/models.py",
    "articles/migrations/*.py",
    "people/migrations/*.py",
    "articles/management/commands/load_archive.py",
    "articles/ingest/mentions.py",
]
INDEX_INPUTS = [
    "bench/build_indexes.py",
    "bench/fts.py",
    "archive/search/**/*.py",
    "archive/text.py",
    "archive/migrations/*.py",
    "articles/search_indexes.py",
    "people/search_indexes.py",
]


def fingerprint(patterns):
    import hashlib

    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(REPO.glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(REPO)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def rows_fingerprint():
    return fingerprint(ROW_INPUTS)


def build_fingerprint():
    """The indexes' inputs and the rows they were built from."""
    return fingerprint(ROW_INPUTS + INDEX_INPUTS)


def guard_data_dir(path):
    """Refuse to write anywhere but under bench/out/."""
    path = Path(path).resolve()
    if OUT.resolve() not in path.parents:
        raise SystemExit(f"refusing to write outside {OUT}: {path}")
    return path


# -- the latency query mix ---------------------------------------------------------
# (label, kind, query text as a researcher types it, URL filters)
QUERY_MIX = [
    ("phrase-quote", "phrase", "“posed a threat to the stability and security of Serbia”", {}),
    ("phrase-short", "phrase", "“sit on two chairs”", {}),
    ("name-latin", "name", "Vučić", {}),
    ("name-cyrillic", "name", "Вучић", {}),
    ("name-no-diacritics", "name", "Djokic", {}),
    ("name-other-spelling", "name", "Peter Nikitin", {}),
    ("typo", "typo", "Nikitn", {}),
    ("word-stem", "word", "mobilised", {}),
    ("words", "words", "Russian emigres Belgrade", {}),
    ("common-word", "word", "Serbia", {}),
    ("cyrillic-by-latin", "word", "zajedno", {}),
    ("filter-type", "filter", "Belgrade", {"type": "quote"}),
]


# -- SQLite FTS5, the way Datasette searches -----------------------------------------
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
CURLY = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})

_escape_fts_re = re.compile(r'\s+|(".*?")')


def escape_fts(query):
    """Datasette's escape_fts (datasette/utils/__init__.py): every bare word quoted,
    "quoted phrases" kept as FTS5 phrases. Used for direct FTS5 too, so the
    in-process FTS5 figures and Datasette's answer the same MATCH."""
    if query.count('"') % 2:
        query += '"'
    bits = _escape_fts_re.split(query)
    bits = [b for b in bits if b and b != '""']
    return " ".join(f'"{bit}"' if not bit.startswith('"') else bit for bit in bits)


def fts_text(query):
    """The query as typed, with typographic quotes made ASCII so FTS5 sees phrases."""
    return query.translate(CURLY)


def fts_connect(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def fts_search(conn, query, filters=None, limit=20, ranked=True):
    """(count, [rows]) from FTS5: the MATCH, an optional type filter, bm25 order."""
    match = escape_fts(fts_text(query))
    where, params = "docs_fts MATCH ?", [match]
    type_clause = ""
    if filters and filters.get("type"):
        type_clause = " AND d.type = ?"
        params.append(filters["type"])
    order = " ORDER BY docs_fts.rank" if ranked else ""
    lim = f" LIMIT {int(limit)}" if limit else ""
    rows = conn.execute(
        "SELECT d.id, d.type, d.pk, d.title, "
        "snippet(docs_fts, 1, '<mark>', '</mark>', '…', 24) AS snippet "
        f"FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid WHERE {where}{type_clause}"
        f"{order}{lim}",
        params,
    ).fetchall()
    count = conn.execute(
        f"SELECT count(*) FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid "
        f"WHERE {where}{type_clause}",
        params,
    ).fetchone()[0]
    return count, rows


# -- statistics ------------------------------------------------------------------------
def percentile(values, p):
    """Linear-interpolated percentile (p in 0..100) of a non-empty list."""
    data = sorted(values)
    if not data:
        return float("nan")
    k = (len(data) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def read_json(path, default=None):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return default


def write_json(path, data):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    tmp.replace(path)

"""The PostgreSQL side of the benchmark: the same corpus in PostgreSQL, its search index
built by the archive's PostgreSQL engine, and the figures in bench/RESULTS.md.

    .venv/bin/python bench/postgres.py bench/out/10000 [--server postgres://postgres@127.0.0.1:5432]
    .venv/bin/python bench/postgres.py --report-only

For one corpus built by generate_corpus.py (bench/out/<size>/archive.sqlite3):
1. creates the database bench_pg_<size> on the server (dropped first if it exists),
   migrates it, and copies every articles_* and people_* row of the SQLite corpus into
   it with COPY, so all four engines search exactly the same records;
2. builds the search index with `manage.py rebuild_index` (the PostgreSQL engine's
   rebuild(): one transaction, COPY), timed: the build rate;
3. writes bench/out/<size>/postgres.json (the database URL, the build figures).
bench/latency.py then measures ours on PostgreSQL beside ours on Whoosh, Datasette and
FTS5 when it finds postgres.json (run.py passes it on); `--report-only` writes the
PostgreSQL section of RESULTS.md from what was measured.
"""

import argparse
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    OUT,
    PYTHON,
    REPO,
    build_fingerprint,
    django_env,
    read_json,
    write_json,
)

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = re.compile(r"<!-- postgres:start -->.*?<!-- postgres:end -->", re.S)


def log(message):
    print(f"[postgres {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def admin_connection(server):
    import psycopg2

    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    return connection


def create_database(server, name):
    connection = admin_connection(server)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def manage(corpus, url, *args):
    env = django_env(corpus, {"DATABASE_URL": url})
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True, text=True
    ).stdout


def copy_expression(column, declared):
    """SQL that makes SQLite write one column in COPY's text format: NULL as \\N, text with
    its backslashes, tabs and line breaks escaped, blobs as bytea hex. Done by SQLite
    in C rather than value by value in Python: 17 million rows at 100,000 articles."""
    quoted = f'"{column}"'
    declared = (declared or "").lower()
    if "blob" in declared:
        return f"coalesce('\\\\x' || lower(hex({quoted})), '\\N')"
    if any(kind in declared for kind in ("char", "text", "clob", "json")):
        escaped = (
            f"replace(replace(replace(replace({quoted}, '\\', '\\\\'), "
            f"char(9), '\\t'), char(10), '\\n'), char(13), '\\r')"
        )
        return f"coalesce({escaped}, '\\N')"
    return f"coalesce(CAST({quoted} AS TEXT), '\\N')"


def copy_records(sqlite_path, url):
    """Every articles_*/people_* row, table by table, in one transaction."""
    import psycopg2

    source = sqlite3.connect(sqlite_path)
    tables = [
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND "
            "(name LIKE 'articles\\_%' ESCAPE '\\' OR name LIKE 'people\\_%' ESCAPE '\\') "
            "ORDER BY name"
        )
    ]
    target = psycopg2.connect(url)
    rows_copied = {}
    with target, target.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'UTC'")
        # The rows come consistent from SQLite: skip the foreign-key triggers, whose
        # deferred checks would queue one event per row (11 million mentions at 100,000
        # articles) until the commit.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for table in tables:
            # Indexes not backing a constraint are dropped for the copy and built again
            # after it: one sort instead of 11 million insertions into each B-tree.
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
            deferred = cursor.fetchall()
            for index_name, _ in deferred:
                cursor.execute(f'DROP INDEX "{index_name}"')
            info = list(source.execute(f'PRAGMA table_info("{table}")'))
            quoted = ", ".join(f'"{row[1]}"' for row in info)
            line = " || char(9) || ".join(copy_expression(row[1], row[2]) for row in info)
            count, started = 0, time.perf_counter()
            query = source.execute(f'SELECT {line} FROM "{table}"')
            while True:
                batch = query.fetchmany(50000)
                if not batch:
                    break
                buffer = io.StringIO("\n".join(row[0] for row in batch) + "\n")
                cursor.copy_expert(f'COPY "{table}" ({quoted}) FROM STDIN', buffer)
                count += len(batch)
                if count % 1000000 < len(batch) and count >= 1000000:
                    log(
                        f"  {table}: {count:,} rows ({count / (time.perf_counter() - started):,.0f}/s)"
                    )
            for _, definition in deferred:
                cursor.execute(definition)
            rows_copied[table] = count
            log(f"  {table}: {count:,} rows")
    target.close()
    source.close()
    return rows_copied


def reset_sequences(corpus, url):
    import psycopg2

    sql = manage(corpus, url, "sqlsequencereset", "articles", "people")
    connection = psycopg2.connect(url)
    with connection, connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def database_exists(server, name):
    connection = admin_connection(server)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        found = cursor.fetchone() is not None
    connection.close()
    return found


def build(corpus, server, recopy=False, budget=0):
    """Copy the corpus's rows (unless this database already holds the same rows), then
    build the PostgreSQL engine's index, timed."""
    corpus = Path(corpus).resolve()
    size = corpus.name.split("-")[0]
    name = f"bench_pg_{size}"
    url = f"{server}/{name}"
    rows = read_json(corpus / "rows.json") or {}
    previous = read_json(corpus / "postgres.json") or {}
    same_rows = (
        not recopy
        and rows.get("finished")
        and previous.get("rows_finished") == rows["finished"]
        and previous.get("copied")
        and database_exists(server, name)
    )
    if same_rows:
        log(f"{corpus.name}: {name} already holds these rows (copied {previous['copied']})")
        manage(corpus, url, "migrate", "--no-input")
        copied = {k: previous[k] for k in ("rows", "copy_seconds", "copied")}
    else:
        log(f"{corpus.name}: creating {name}")
        create_database(server, name)
        manage(corpus, url, "migrate", "--no-input")
        t0 = time.perf_counter()
        copied_rows = copy_records(corpus / "archive.sqlite3", url)
        reset_sequences(corpus, url)
        copy_seconds = time.perf_counter() - t0
        copied = {
            "rows": copied_rows,
            "copy_seconds": round(copy_seconds, 1),
            "copied": time.strftime("%Y-%m-%d %H:%M"),
        }
        log(f"copied {sum(copied_rows.values()):,} rows in {copy_seconds:.1f}s")
        write_json(
            corpus / "postgres.json",
            {"database_url": url, "rows_finished": rows.get("finished"), **copied},
        )
    analyze(url)
    log(f"building the index (manage.py rebuild_index, budget {budget or 'none'})")
    load_before = os.getloadavg()
    index = rebuild_index(corpus, url, budget)
    result = {
        "database_url": url,
        "rows_finished": rows.get("finished"),
        **copied,
        "index": index,
        "built": time.strftime("%Y-%m-%d %H:%M"),
        "git": git_head(),
        "fingerprint": build_fingerprint(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
    }
    write_json(corpus / "postgres.json", result)
    log(
        f"index: {index['docs']:,} documents in {index['seconds']:.1f}s "
        f"({index['docs_per_second']:,}/s), complete={index['complete']}"
    )
    return result


def analyze(url):
    """Planner statistics for the copied rows, as a restored database needs: without them
    the index build's reads were planned as scans of whole tables (at 100,000 articles a
    quote batch's mentions took 3.5 s instead of milliseconds)."""
    import psycopg2

    log("ANALYZE (planner statistics of the copied rows)")
    connection = psycopg2.connect(url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


PROGRESS = re.compile(r"^\s+(\S+): ([\d,]+) of ([\d,]+)")


def rebuild_index(corpus, url, budget):
    """`manage.py rebuild_index`, its progress read as it goes. With a budget, the command
    is stopped when the budget runs out (its one transaction rolls back, the old index
    stays) and the rate is that of the documents prepared and copied so far."""
    # Unbuffered: a stopped command's progress lines would otherwise die in its buffer.
    env = django_env(corpus, {"DATABASE_URL": url, "PYTHONUNBUFFERED": "1"})
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", "rebuild_index", "--verbosity", "1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    done, last_log, output = {}, started, []
    timer = None
    if budget:
        import threading

        timer = threading.Timer(budget, process.terminate)
        timer.start()
    for line in process.stdout:
        output.append(line)
        match = PROGRESS.match(line)
        if match:
            done[match.group(1)] = (
                int(match.group(2).replace(",", "")),
                int(match.group(3).replace(",", "")),
            )
            if time.perf_counter() - last_log > 60:
                last_log = time.perf_counter()
                log(
                    f"  {match.group(1)}: {match.group(2)} of {match.group(3)} "
                    f"({sum(d for d, _ in done.values()) / (last_log - started):,.0f} docs/s)"
                )
    code = process.wait()
    seconds = time.perf_counter() - started
    if timer:
        timer.cancel()
    finished = re.search(r"rebuilt: ([\d,]+) documents", "".join(output))
    if code == 0 and finished:
        documents = int(finished.group(1).replace(",", ""))
        complete = True
    elif budget and seconds >= budget:
        documents, complete = sum(d for d, _ in done.values()), False
    else:
        raise SystemExit(f"rebuild_index failed ({code}): {''.join(output)[-2000:]}")
    return {
        "docs": documents,
        "seconds": round(seconds, 1),
        "docs_per_second": round(documents / seconds),
        "complete": complete,
        "budget": budget,
        "of": sum(total for _, total in done.values()) or None,
        "per_type": {label: {"docs": d, "of": total} for label, (d, total) in done.items()},
    }


def git_head():
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True, capture_output=True
    ).stdout.strip()


# -- the report ------------------------------------------------------------------------


def ms(value):
    return "—" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def ratio(a, b):
    return "—" if not a or not b else f"{a / b:.2f}×"


def report():
    rows, builds, per_query = [], [], []
    for corpus in sorted(OUT.glob("*"), key=lambda p: (len(p.name), p.name)):
        if not corpus.name.isdigit():
            continue
        pg = read_json(corpus / "postgres.json")
        latency = read_json(corpus / "latency.json")
        whoosh = read_json(corpus / "build.json") or {}
        if pg and pg.get("index"):
            fts = whoosh.get("fts5") or {}
            w = whoosh.get("whoosh") or {}
            i = pg["index"]
            done = (
                ""
                if i.get("complete", True)
                else (
                    f" (of {fts.get('docs') or i['of']:,}; stopped at its {i['budget']:.0f} s "
                    "budget)"
                )
            )
            builds.append(
                f"| {int(corpus.name):,} | {i['docs']:,}{done} | "
                f"{i['docs_per_second']:,} | "
                f"{w.get('docs_per_second', '—')}"
                f"{'' if w.get('complete', True) else ' (budget, not finished)'} | "
                f"{fts.get('docs_per_second_total', '—')} | "
                f"{pg.get('git', '?')}, {pg.get('built', '?')} |"
            )
        if not latency or "ours-pg" not in latency.get("summary", {}):
            continue
        s = latency["summary"]

        def get(engine, p, s=s):
            return (s.get(engine) or {}).get(p)

        rows.append(
            f"| {int(corpus.name):,} | {ms(get('ours-pg', 'p50'))} / {ms(get('ours-pg', 'p95'))} | "
            f"{ms(get('ours', 'p50'))} / {ms(get('ours', 'p95'))} | "
            f"{ms(get('datasette', 'p50'))} / {ms(get('datasette', 'p95'))} | "
            f"{ms(get('fts5', 'p50'))} / {ms(get('fts5', 'p95'))} | "
            f"{ratio(get('ours-pg', 'p50'), get('datasette', 'p50'))} / "
            f"{ratio(get('ours-pg', 'p95'), get('datasette', 'p95'))} | "
            f"{ratio(get('ours', 'p50'), get('datasette', 'p50'))} / "
            f"{ratio(get('ours', 'p95'), get('datasette', 'p95'))} | "
            f"{latency.get('reps')} | {latency.get('measured', '')} |"
        )
        for label, figures in s["ours-pg"]["per_query"].items():
            counts = latency["result_counts"].get(label, {})
            per_query.append(
                f"| {int(corpus.name):,} | {label} | {ms(figures['p50'])} / {ms(figures['p95'])} | "
                f"{ms((s.get('ours') or {}).get('per_query', {}).get(label, {}).get('p50'))} | "
                f"{ms((s.get('datasette') or {}).get('per_query', {}).get(label, {}).get('p50'))} | "
                f"{counts.get('ours-pg')} / {counts.get('ours')} / {counts.get('datasette')} |"
            )
    load = os.getloadavg()
    text = "\n".join(
        [
            "<!-- postgres:start -->",
            "## PostgreSQL engine (issue 9): latency and build, side by side",
            "",
            "Written by `bench/postgres.py --report-only` from `bench/out/<size>/postgres.json` and "
            "`latency.json`. The same corpus (copied row for row from the SQLite corpus into "
            "PostgreSQL 15 on this machine) is searched by ours on PostgreSQL (`ours-pg`: gunicorn, "
            "1 sync worker, `DATABASE_URL` PostgreSQL, so the PostgreSQL engine), ours on Whoosh, "
            "Datasette and FTS5 in-process, interleaved query by query in one run (bench/latency.py "
            "`--postgres`). **The machine (2 cores) was shared with other developers' test runs and "
            f"builds while this was measured** (load average {load[0]:.1f} when this section was "
            "written; each run's load is in the latency table at the top): the ratios, taken "
            "within one run, are more trustworthy than the absolute milliseconds.",
            "",
            "| articles | ours-pg p50 / p95 ms | ours-Whoosh p50 / p95 | Datasette p50 / p95 | "
            "FTS5 p50 / p95 | ours-pg ÷ Datasette p50 / p95 | ours-Whoosh ÷ Datasette p50 / p95 | "
            "reps | measured |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            *(rows or ["| — | not measured | | | | | | | |"]),
            "",
            *(
                [
                    "A dash for ours-Whoosh: its index for that corpus was not finished when this was "
                    "measured (`latency.py --no-whoosh`); the Whoosh tables above measure it.",
                    "",
                ]
                if any("| — / — |" in r for r in rows)
                else []
            ),
            *(
                []
                if any(r.startswith("| 100,000") for r in rows)
                else [
                    "100,000 articles: latency **not measured** in this run; the build table below "
                    "says how far each index got within its budget.",
                    "",
                ]
            ),
            "Index build (documents a second: articles, quotes, people, organizations, places; "
            "PostgreSQL: `rebuild_index`, one transaction, COPY; Whoosh and FTS5 from build.json):",
            "",
            "| articles | documents | PostgreSQL docs/s | Whoosh docs/s (`rebuild()`) | FTS5 docs/s "
            "| PostgreSQL build: code, date |",
            "|---:|---:|---:|---:|---:|---|",
            *(builds or ["| — | not measured | | | | |"]),
            "",
            "Per query (p50 / p95 ms on PostgreSQL; p50 of ours-Whoosh and Datasette; results "
            "found: ours-pg / ours-Whoosh / Datasette):",
            "",
            "| articles | query | ours-pg | ours-Whoosh p50 | Datasette p50 | results |",
            "|---:|---|---:|---:|---:|---|",
            *(per_query or ["| — | not measured | | | | |"]),
            "<!-- postgres:end -->",
        ]
    )
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if SECTION.search(current):
        current = SECTION.sub(lambda _: text, current)
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    RESULTS.write_text(current, encoding="utf-8")
    log(f"wrote the PostgreSQL section of {RESULTS}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="*")
    parser.add_argument(
        "--server", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument(
        "--budget",
        type=float,
        default=0,
        help="stop rebuild_index after this many seconds and record the rate "
        "of the part done (0: no limit)",
    )
    parser.add_argument(
        "--recopy",
        action="store_true",
        help="copy the rows again even if the database holds these rows",
    )
    args = parser.parse_args()
    for corpus in args.corpus:
        print(json.dumps(build(corpus, args.server, args.recopy, args.budget), indent=1))
    report()


if __name__ == "__main__":
    main()

"""Build a corpus's search indexes from its rows: Whoosh (the archive's own rebuild) and FTS5.

    .venv/bin/python bench/build_indexes.py bench/out/10000 [--budget SECONDS] [--no-whoosh]

Reads bench/out/<size>/archive.sqlite3 (made by generate_corpus.py, described by
rows.json) and writes, beside it:
  whoosh_index/   the archive's search index, built by the Whoosh engine's rebuild(),
                  what `manage.py rebuild_index` runs: every document added to a new
                  generation, committed as one segment;
  fts.sqlite3     the same records as a plain SQLite FTS5 database (bench/fts.py);
  build.json      the build figures, the fingerprint of the code they were built with
                  (common.build_fingerprint) and the load average before and after.

The rows are not touched (beyond `migrate`, in case the search code added a table), so
a change to the search code costs an index build, not a new corpus.

--budget stops the Whoosh build after that many seconds: the writer is cancelled, the
rate of the documents added so far is recorded (without the final commit, which merges
the segment), and no latency can be measured on that index ("complete": false).
After a complete build, --update-sample articles are indexed again through the
engine's update(), the path of a save (batched, one searcher per batch): its rate is
recorded apart, since it deletes each document's older copy first.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    REPO,
    build_fingerprint,
    django_env,
    guard_data_dir,
    read_json,
    write_json,
)


def log(message):
    print(f"[indexes {time.strftime('%H:%M:%S')}] {message}", flush=True)


class OverBudget(Exception):
    pass


def git_head():
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True, capture_output=True
    ).stdout.strip()


def build_whoosh(budget):
    """The Whoosh engine's rebuild() from an empty directory, timed per record type."""
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.reset_searcher()
    path = Path(backend.path)
    if path.exists():
        shutil.rmtree(path)
    backend.setup_complete = False
    indexes = list(connections["default"].get_unified_index().get_indexes().values())
    per_type, started = {}, time.perf_counter()
    last_log = [started]

    def progress(label, done, total):
        now = time.perf_counter()
        entry = per_type.setdefault(label, {"docs": 0, "of": total, "first": now})
        entry["docs"], entry["last"] = done, now
        if now - last_log[0] > 30 or done == total:
            last_log[0] = now
            log(
                f"whoosh: {label} {done:,}/{total:,} "
                f"({sum(e['docs'] for e in per_type.values()) / (now - started):,.0f} docs/s so far)"
            )
        if budget and now - started > budget:
            raise OverBudget

    complete = True
    try:
        total = backend.rebuild(indexes, progress=progress)
    except OverBudget:
        complete = False
        total = sum(e["docs"] for e in per_type.values())
    seconds = time.perf_counter() - started
    boundary = started
    for entry in per_type.values():  # a type's time runs from the previous type's end
        entry.pop("first")
        last = entry.pop("last")
        entry["seconds"] = round(last - boundary, 3)
        boundary = last
        entry["docs_per_second"] = (
            round(entry["docs"] / entry["seconds"], 1) if entry["seconds"] else None
        )
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file()) if path.exists() else 0
    backend.reset_searcher()
    return {
        "mode": "rebuild",
        "complete": complete,
        "docs": total,
        "seconds": round(seconds, 3),
        "docs_per_second": round(total / seconds, 1) if seconds else None,
        "budget": budget,
        "per_type": per_type,
        "bytes": size,
    }


def measure_update(sample):
    """`sample` articles indexed again through update(), in batches of 100 (a save's path)."""
    from haystack import connections

    from articles.models import Article

    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Article)
    pks = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:sample])
    started = time.perf_counter()
    for start in range(0, len(pks), 100):
        objects = list(index.index_queryset().filter(pk__in=pks[start : start + 100]))
        backend.update(index, objects)
    seconds = time.perf_counter() - started
    backend.reset_searcher()
    return {
        "articles": len(pks),
        "seconds": round(seconds, 3),
        "docs_per_second": round(len(pks) / seconds, 1) if seconds else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--budget",
        type=float,
        default=0,
        help="stop the Whoosh build after this many seconds (0: no limit)",
    )
    parser.add_argument(
        "--update-sample",
        type=int,
        default=500,
        help="articles re-indexed through update() after a complete build",
    )
    parser.add_argument("--no-whoosh", action="store_true", help="FTS5 only")
    parser.add_argument(
        "--keep-fts",
        action="store_true",
        help="keep the FTS5 database and figures of the last build (it "
        "does not depend on the search code)",
    )
    args = parser.parse_args()
    out = guard_data_dir(args.corpus)
    rows = read_json(out / "rows.json") or {}
    if not rows.get("finished"):
        raise SystemExit(f"{out}: no finished rows (run generate_corpus.py first)")
    os.environ.update(django_env(out))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    stats = {
        "size": rows["size"],
        "seed": rows["seed"],
        "corpus": rows["corpus"],
        "insert": rows.get("insert"),
        "rows_finished": rows["finished"],
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "complete": False,
        "fingerprint": build_fingerprint(),
        "git": git_head(),
        "load_before": os.getloadavg(),
    }
    previous = read_json(out / "build.json") or {}
    (out / "build.json").unlink(missing_ok=True)
    # FTS5 first: it takes seconds, and Datasette and FTS5 can be measured while a long
    # Whoosh build is still running.
    if args.keep_fts and previous.get("fts5") and (out / "fts.sqlite3").exists():
        stats["fts5"] = {**previous["fts5"], "kept_from": previous.get("finished")}
    else:
        log("building the FTS5 database")
        import fts

        stats["fts5"] = fts.build(out / "archive.sqlite3", out / "fts.sqlite3")
        log(f"FTS5: {stats['fts5']['docs']:,} docs in {stats['fts5']['total_seconds']:.1f}s")
    write_json(out / "build.json", stats)
    if not args.no_whoosh:
        log(f"whoosh: rebuilding the index of {out.name} (budget {args.budget or 'none'})")
        stats["whoosh"] = build_whoosh(args.budget)
        w = stats["whoosh"]
        log(
            f"whoosh: {w['docs']:,} docs in {w['seconds']:.1f}s ({w['docs_per_second']}/s), "
            f"complete={w['complete']}"
        )
        if w["complete"] and args.update_sample:
            stats["whoosh_update"] = measure_update(args.update_sample)
            log(f"whoosh update(): {stats['whoosh_update']}")
    stats["db_bytes"] = (out / "archive.sqlite3").stat().st_size
    stats["complete"] = bool(stats.get("whoosh", {}).get("complete"))
    stats["load_after"] = os.getloadavg()
    stats["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    write_json(out / "build.json", stats)


if __name__ == "__main__":
    main()

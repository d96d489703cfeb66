"""Run the whole search benchmark and write bench/RESULTS.md.

    .venv/bin/python bench/run.py                       # 1,000 and 10,000 articles
    .venv/bin/python bench/run.py --sizes 1000 10000 100000 --index-budget 2400
    .venv/bin/python bench/run.py --report-only         # re-render RESULTS.md

Steps: (1) quality on the real 5-article archive, ours against FTS5
(bench/quality.py); (2) for each size, build the corpus, its Whoosh index and its
FTS5 database (bench/generate_corpus.py), unless bench/out/<size>/ already holds a
finished build of the same seed (--rebuild forces one); (3) latency over HTTP,
ours against Datasette and in-process FTS5 (bench/latency.py); (4) RESULTS.md from
every bench/out/<size>/ measured so far, each with its own date.
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    BENCH_DIR,
    DEFAULT_SEED,
    OUT,
    PYTHON,
    REPO,
    build_fingerprint,
    django_env,
    guard_data_dir,
    read_json,
    rows_fingerprint,
    write_json,
)


def log(message):
    print(f"[run {time.strftime('%H:%M:%S')}] {message}", flush=True)


def call(argv, env=None, capture=False, timeout=None):
    """Run a child, streaming its progress; its stdout is returned when captured."""
    proc = subprocess.run(
        [str(a) for a in argv],
        cwd=REPO,
        env=env,
        timeout=timeout,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, argv))}")
    return proc.stdout


# -- the machine ---------------------------------------------------------------------


def machine():
    info = {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_before": os.getloadavg(),
    }
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = call(
        [
            PYTHON,
            "-c",
            (
                "import sqlite3, importlib.metadata as m\n"
                "v = {'sqlite': sqlite3.sqlite_version}\n"
                "for p in ('Django', 'django-haystack', 'Whoosh', 'datasette', 'gunicorn'):\n"
                "    try: v[p] = m.version(p)\n"
                "    except m.PackageNotFoundError: v[p] = None\n"
                "import json; print(json.dumps(v))"
            ),
        ],
        capture=True,
    )
    info["versions"] = json.loads(versions)
    info["git"] = git_state()
    return info


def git_state():
    """The commit measured, and the app files changed in the work tree since it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True, capture_output=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "archive", "articles", "people", "templates"],
            cwd=REPO,
            text=True,
            capture_output=True,
        ).stdout.split("\n")
    except OSError:
        return {}
    return {"head": head, "dirty": [line[3:] for line in dirty if line.strip()]}


# -- the steps -----------------------------------------------------------------------


def run_quality(postgres_server=None):
    """Ours on Whoosh (SQLite) and, given a server, ours on PostgreSQL, against FTS5."""
    data = guard_data_dir(OUT / "quality")
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    log("quality: loading the real archive (manage.py load_archive)")
    env = django_env(data)
    call([PYTHON, REPO / "manage.py", "load_archive", "--verbosity", "0"], env=env)
    call(
        [PYTHON, BENCH_DIR / "fts.py", data / "archive.sqlite3", data / "fts.sqlite3"], capture=True
    )
    log("quality: running the researcher queries (Whoosh)")
    result = json.loads(
        call([PYTHON, BENCH_DIR / "quality.py", data, data / "fts.sqlite3"], capture=True)
    )
    if postgres_server:
        import postgres

        url = f"{postgres_server}/bench_pg_quality"
        postgres.create_database(postgres_server, "bench_pg_quality")
        log("quality: loading the real archive into PostgreSQL (bench_pg_quality)")
        call(
            [PYTHON, REPO / "manage.py", "load_archive", "--verbosity", "0"],
            env=django_env(data, {"DATABASE_URL": url}),
        )
        log("quality: running the researcher queries (PostgreSQL)")
        pg = json.loads(
            call([PYTHON, BENCH_DIR / "quality.py", data, data / "fts.sqlite3", url], capture=True)
        )
        for row, pg_row in zip(result["queries"], pg["queries"], strict=True):
            row["ours-pg"] = pg_row["ours"]
        result["totals"]["ours-pg"] = pg["totals"]["ours"]
    result["measured"] = time.strftime("%Y-%m-%d %H:%M")
    result["git"] = git_state()
    result["load"] = os.getloadavg()
    write_json(data / "quality.json", result)
    return result


def ensure_build(size, seed, rebuild, index_budget):
    """The corpus's rows (kept while ROW_INPUTS are unchanged), then its indexes (rebuilt
    when the search code changed)."""
    out = OUT / str(size)
    rows = read_json(out / "rows.json")
    if (
        rebuild
        or not rows
        or rows.get("seed") != seed
        or not rows.get("finished")
        or rows.get("rows_fingerprint") != rows_fingerprint()
    ):
        log(f"{size:,}: generating the corpus's rows")
        call([PYTHON, BENCH_DIR / "generate_corpus.py", "--size", size, "--seed", seed])
    else:
        log(f"{size:,}: reusing the rows of {rows['finished']}")
    rows = read_json(out / "rows.json")
    build = read_json(out / "build.json")
    if (
        build
        and build.get("finished")
        and build.get("fingerprint") == build_fingerprint()
        and build.get("rows_finished") == rows["finished"]
        and (build.get("complete") or build.get("whoosh", {}).get("budget") == index_budget)
    ):
        log(f"{size:,}: reusing the indexes built {build['finished']}")
        return build
    log(f"{size:,}: building the Whoosh and FTS5 indexes")
    argv = [PYTHON, BENCH_DIR / "build_indexes.py", out]
    if index_budget:
        argv += ["--budget", index_budget]
    call(argv)
    return read_json(out / "build.json")


KEPT_SECTION = re.compile(r"<!-- ([\w-]+):start -->.*?<!-- \1:end -->", re.S)


def kept_sections(path):
    """Sections other scripts own (bench/load.py, evaluate_extractor's figures), kept as they are."""
    if not path.exists():
        return ""
    found = [m.group(0) for m in KEPT_SECTION.finditer(path.read_text(encoding="utf-8"))]
    return "".join("\n\n" + section for section in found) + ("\n" if found else "")


def run_latency(size, reps, budget, whoosh=True):
    out = OUT / str(size)
    log(f"{size:,}: measuring latency ({reps} repetitions)")
    load_before = os.getloadavg()
    argv = [PYTHON, BENCH_DIR / "latency.py", out, "--reps", reps, "--budget", budget]
    if not whoosh:
        argv.append("--no-whoosh")
    result = json.loads(call(argv, capture=True))
    result["measured"] = time.strftime("%Y-%m-%d %H:%M")
    result["load_before"] = load_before
    result["load_after"] = os.getloadavg()
    result["git"] = git_state()
    write_json(out / "latency.json", result)
    return result


# -- the report ------------------------------------------------------------------------


def ms(value):
    if value is None:
        return "–"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def ratio(a, b):
    return f"{a / b:.2f}×" if a is not None and b else "–"


def rate(value):
    return f"{value:,.0f}" if value is not None else "–"


ENGINE_LABELS = {
    "ours-pg": "ours on PostgreSQL: /api/search (gunicorn, 1 worker)",
    "ours": "ours on Whoosh: /api/search (gunicorn, 1 worker)",
    "datasette": "Datasette `_search` (FTS5)",
    "fts5": "FTS5 in-process (no HTTP)",
}


def measured_sizes():
    sizes = []
    for path in OUT.iterdir() if OUT.exists() else []:
        if path.name.isdigit() and (path / "build.json").exists():
            sizes.append(int(path.name))
    return sorted(sizes)


def render(info, command):
    quality = read_json(OUT / "quality" / "quality.json")
    sizes = measured_sizes()
    builds = {s: read_json(OUT / str(s) / "build.json") for s in sizes}
    latencies = {s: read_json(OUT / str(s) / "latency.json") for s in sizes}
    v = info.get("versions", {})
    lines = [
        "# Search benchmark: results",
        "",
        "Written by `bench/run.py` (see `bench/README.md` for the method). Every figure below "
        "was measured on this machine; ratios compare engines measured in the same run, "
        "interleaved query by query.",
        "",
        f"- Commands: {command}",
        f"- Report written: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Machine: {info.get('nproc')} CPUs ({info.get('cpu', '?')}), "
        f"{info.get('memory_gib', '?')} GiB RAM, {info.get('platform')}; shared with other "
        f"work, load average when the last run started {fmt_load(info.get('load_before'))}",
        "- Code measured: each latency, build, quality, load and replica figure is labelled "
        "with the commit it ran on.",
        f"- Software: Python {info.get('python')}, SQLite {v.get('sqlite')}, Django "
        f"{v.get('Django')}, django-haystack {v.get('django-haystack')}, Whoosh "
        f"{v.get('Whoosh')}, Datasette {v.get('datasette') or 'not installed'}, gunicorn "
        f"{v.get('gunicorn')}",
        "",
    ]
    lines += verdict(quality, latencies, builds)
    lines += [
        "## Latency (HTTP on 127.0.0.1, milliseconds, whole query mix)",
        "",
        "One run per size: the engines interleaved query by query. The ratio is the "
        "engine's figure divided by Datasette's from the same run (below 1: faster "
        "than Datasette). Load: the 1-minute load average before and after the run, "
        "on 2 CPUs.",
        "",
        "| articles | engine | p50 | p95 | mean | requests | ÷ Datasette (p50) | "
        "÷ Datasette (p95) | load before → after | measured |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for size in sizes:
        lat = latencies.get(size)
        if not lat:
            b = builds[size]
            pg = (read_json(OUT / str(size) / "postgres.json") or {}).get("index") or {}
            why = (
                "neither of our indexes (Whoosh, PostgreSQL) was finished within its "
                "budget (see Index build)"
                if b.get("whoosh") and not b.get("complete") and not pg.get("complete", False)
                else "not run yet"
            )
            lines.append(f"| {size:,} | – | not measured: {why} | | | | | | | |")
            continue
        summary = lat["summary"]
        ds = summary.get("datasette", {})
        load = (
            f"{lat['load_before'][0]:.1f} → {lat['load_after'][0]:.1f}"
            if lat.get("load_before") and lat.get("load_after")
            else "?"
        )
        for engine in lat["engines"]:
            s_ = summary[engine]
            r50 = "" if engine == "datasette" else ratio(s_["p50"], ds.get("p50"))
            r95 = "" if engine == "datasette" else ratio(s_["p95"], ds.get("p95"))
            lines.append(
                f"| {size:,} | {ENGINE_LABELS[engine]} | {ms(s_['p50'])} | "
                f"{ms(s_['p95'])} | {ms(s_['mean'])} | {s_['n']} | {r50} | {r95} | "
                f"{load} | {lat['measured']}{code_label(lat)} |"
            )
        if "ours" not in lat["engines"]:
            lines.append(
                f"| {size:,} | {ENGINE_LABELS['ours']} | not measured: its index "
                "was not finished when this ran (see Index build) | | | | | | | |"
            )
    lines.append("")
    lines += like_for_like(sizes, latencies)
    for size in sizes:
        lat = latencies.get(size)
        if not lat:
            continue
        load = ""
        if lat.get("load_before") and lat.get("load_after"):
            load = (
                f" Load average (1 min) {lat['load_before'][0]:.2f} before, "
                f"{lat['load_after'][0]:.2f} after."
            )
        lines += [
            f"### Per query at {size:,} articles ({lat['reps']} timed repetitions; "
            "p50 / p95 ms; results found)",
            "",
            f"Measured {lat['measured']}{code_label(lat)}.{load}",
            "",
            "| query | kind | ours-pg | ours-Whoosh | Datasette | FTS5 in-process | "
            "results: ours-pg / ours-Whoosh / Datasette / FTS5 |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        engines = ("ours-pg", "ours", "datasette", "fts5")
        for q in lat["queries"]:
            label = q["label"]
            cells = []
            for engine in engines:
                pq = lat["summary"].get(engine, {}).get("per_query", {}).get(label)
                cells.append(f"{ms(pq['p50'])} / {ms(pq['p95'])}" if pq else "–")
            counts = lat["result_counts"].get(label, {})
            found = " / ".join(str(counts.get(e, "–")) for e in engines)
            text = q["query"] + "".join(f" [{k}={v}]" for k, v in q["filters"].items())
            lines.append(f"| `{text}` | {q['kind']} | {' | '.join(cells)} | {found} |")
        lines.append("")
    lines += earlier_runs()
    lines += [
        "## Index build",
        "",
        "Documents: articles / quotes / people, organizations and places. Whoosh: "
        "the engine's `rebuild()` (what `manage.py rebuild_index` runs: documents "
        "prepared in bulk, added to a new generation, one commit), from an empty "
        "directory, in-process; when it has a time budget and does not finish, the "
        "writer is cancelled and the rate is that of the documents added so far, "
        "without the final commit. Whoosh update(): articles indexed again on the "
        "finished index through the engine's `update()` in batches of 100 (the path "
        "of a save: each document's older copy found and deleted first). PostgreSQL: "
        "`manage.py rebuild_index` on the copy of the same rows (one transaction, "
        "COPY, then ANALYZE), process start included. FTS5: reading the records with "
        'SQL, inserting them, building and optimizing the FTS index; "index only" '
        "is FTS5's `rebuild` alone. Load: 1-minute load average before → after.",
        "",
        "| articles | build | documents | seconds | docs/s | articles/s | quotes/s | "
        "MB | complete | load | code, built |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for size in sizes:
        b = builds[size]
        f = b.get("fts5", {})
        counts = f.get("counts", {})
        c = b.get("corpus", {})
        total = (
            f"{counts.get('article', 0):,} / {counts.get('quote', 0):,} / "
            f"{sum(counts.get(k, 0) for k in ('person', 'organization', 'place'))}"
            if counts
            else f"{c.get('articles', 0):,} / {c.get('quotes', 0):,} / ?"
        )
        of = sum(counts.values()) if counts else None
        built = f"{b.get('git', '?')}, {b.get('finished', '?')}"
        load = (
            f"{b['load_before'][0]:.1f} → {b['load_after'][0]:.1f}"
            if b.get("load_before") and b.get("load_after")
            else "?"
        )
        w = b.get("whoosh")
        if w:
            pt = w.get("per_type", {})
            art, quo = pt.get("articles.article", {}), pt.get("articles.quote", {})
            complete = (
                "yes"
                if w.get("complete")
                else f"**no**: {w['note']}"
                if w.get("note")
                else (
                    f"**no**: stopped at its {w.get('budget') or 0:.0f} s budget (articles "
                    f"{art.get('docs', 0):,} of {art.get('of', 0):,}, "
                    + (f"quotes {quo['docs']:,} of {quo['of']:,}" if quo else "quotes not reached")
                    + "); rates are from that part"
                )
            )
            lines.append(
                f"| {size:,} | Whoosh `rebuild()` | {w['docs']:,} of {of or '?':,} | "
                f"{w['seconds']:.0f} | {rate(w.get('docs_per_second'))} | "
                f"{rate(art.get('docs_per_second'))} | {rate(quo.get('docs_per_second'))}"
                f" | {w.get('bytes', 0) / 1e6:.0f} | {complete} | {load} | {built} |"
            )
        u = b.get("whoosh_update")
        if u:
            lines.append(
                f"| {size:,} | Whoosh `update()`, articles again | {u['articles']:,} "
                f"articles | {u['seconds']:.0f} | {rate(u['docs_per_second'])} | "
                f"{rate(u['docs_per_second'])} | | | yes | | {built} |"
            )
        pg = read_json(OUT / str(size) / "postgres.json") or {}
        if pg.get("index"):
            i = pg["index"]
            pg_load = (
                f"{pg['load_before'][0]:.1f} → {pg['load_after'][0]:.1f}"
                if pg.get("load_before")
                else "?"
            )
            done = "yes"
            if not i.get("complete", True):
                art = i.get("per_type", {}).get("articles.article", {})
                quo = i.get("per_type", {}).get("articles.quote")
                done = (
                    f"**no**: stopped at its {i['budget']:.0f} s budget (articles "
                    f"{art.get('docs', 0):,} of {art.get('of', 0):,}, "
                    + (f"quotes {quo['docs']:,} of {quo['of']:,}" if quo else "quotes not reached")
                    + "); rates are from that part"
                )
            lines.append(
                f"| {size:,} | PostgreSQL `rebuild_index` | {i['docs']:,} of "
                f"{of or '?':,} | {i['seconds']:.0f} | {rate(i['docs_per_second'])} | "
                f"{rate(art['docs'] / i['seconds']) if not i.get('complete', True) else ''}"
                f" | | | {done} | {pg_load} | {pg.get('git', '?')}, "
                f"{pg.get('built', '?')} |"
            )
        if f:
            if f.get("kept_from"):  # build_indexes.py --keep-fts: built by an earlier run
                load, built = "?", f"built {f['kept_from']} (kept)"
            lines.append(
                f"| {size:,} | FTS5: SQL read + insert + index + optimize | {total} | "
                f"{f['total_seconds']:.1f} | {rate(f.get('docs_per_second_total'))} "
                f"| | | {f.get('bytes', 0) / 1e6:.0f} | yes | {load} | {built} |"
            )
            lines.append(
                f"| {size:,} | FTS5: index (`rebuild`) only | {total} | "
                f"{f['fts_index_seconds']:.1f} | "
                f"{rate(f.get('docs_per_second_fts_only'))} | | | | yes | | |"
            )
    if builds:
        rows_json = {s: read_json(OUT / str(s) / "rows.json") or {} for s in sizes}
        lines += [
            "",
            "Corpus rows (`generate_corpus.py`, not part of any index build): "
            + "; ".join(
                f"{s:,} articles: {r['corpus']['paragraphs']:,} paragraphs, "
                f"{r['corpus']['quotes']:,} quotes, {r['corpus']['mentions']:,} "
                f"mentions, {r['corpus']['mean_chars_per_synthetic_article']:,} "
                f"characters a synthetic article, inserted in "
                f"{r['insert']['seconds']:.0f} s ({rate(r['insert']['articles_per_second'])}"
                f" articles/s, load {r['load_before'][0]:.1f} → {r['load_after'][0]:.1f})"
                for s, r in rows_json.items()
                if r.get("insert")
            )
            + ".",
        ]
        pg_copies = {s: read_json(OUT / str(s) / "postgres.json") or {} for s in sizes}
        copies = [
            f"{s:,} articles: {sum(p['rows'].values()):,} rows in {p['copy_seconds']:.0f} s"
            for s, p in pg_copies.items()
            if p.get("rows")
        ]
        if copies:
            lines.append("")
            lines.append(
                "Copy of those rows into PostgreSQL (`postgres.py`, COPY, not part "
                "of the index build): " + "; ".join(copies) + "."
            )
    lines.append("")
    if quality:
        lines += quality_table(quality)
    lines.append(CAVEATS)
    return "\n".join(lines) + "\n"


def earlier_runs():
    """Latency kept from earlier code, in bench/out/<size>-<label>/ (moved aside by hand)."""
    rows = []
    for path in sorted(OUT.iterdir()) if OUT.exists() else []:
        size, _, label = path.name.partition("-")
        lat = read_json(path / "latency.json") if size.isdigit() and label else None
        if not lat:
            continue
        ours = lat["summary"]["ours"]
        for engine in lat["engines"]:
            s = lat["summary"][engine]
            r50 = "" if engine == "ours" else ratio(ours["p50"], s["p50"])
            r95 = "" if engine == "ours" else ratio(ours["p95"], s["p95"])
            rows.append(
                f"| {int(size):,} | {engine} | {ms(s['p50'])} | {ms(s['p95'])} | "
                f"{s['n']} | {r50} | {r95} | {lat['measured']}{code_label(lat)} |"
            )
    if not rows:
        return []
    notes = []
    for path in sorted(OUT.iterdir()):
        size, _, label = path.name.partition("-")
        b = read_json(path / "build.json") if size.isdigit() and label else None
        if not b:
            continue
        parts = []
        for key, name in (
            ("whoosh_app", "Whoosh via the archive's update()"),
            ("whoosh", "Whoosh via add_document (bench)"),
        ):
            w = b.get(key)
            if w and not (key == "whoosh" and w.get("mode") != "bulk"):
                parts.append(
                    f"{name}: {w['docs']:,} records in {w['seconds']:.0f} s "
                    f"({rate(w.get('docs_per_second'))}/s"
                    f"{'' if w.get('complete') else ', stopped at its budget'})"
                )
        if b.get("fts5"):
            f = b["fts5"]
            parts.append(
                f"FTS5: {f['docs']:,} records in {f['total_seconds']:.1f} s "
                f"({rate(f.get('docs_per_second_total'))}/s)"
            )
        notes.append(
            f"- Build of that {int(size):,}-article corpus ({b.get('finished', '?')}): "
            + "; ".join(parts)
            + "."
        )
    return [
        "## Earlier measurements (older application code, same corpus generator)",
        "",
        "Kept for comparison: each row names the code that answered the searches; "
        "each build line says when that corpus and its index were built.",
        "",
        "| articles | engine | p50 | p95 | requests | ours ÷ engine (p50) | "
        "ours ÷ engine (p95) | measured |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
        *notes,
        "",
    ]


def code_label(data):
    git = data.get("git") or {}
    if not git:
        return ""
    return f", code {git.get('head', '?')}{' + uncommitted changes' if git.get('dirty') else ''}"


def geomean(values):
    import math

    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def like_for_like(sizes, latencies):
    """Per-query ratios, so queries FTS5 cannot answer (and answers fast) are seen apart."""
    lines = []
    for size in sizes:
        lat = latencies.get(size)
        if not lat or "datasette" not in lat["summary"]:
            continue
        theirs = lat["summary"]["datasette"]["per_query"]
        counts = lat["result_counts"]
        for engine, name in (("ours", "ours on Whoosh"), ("ours-pg", "ours on PostgreSQL")):
            if engine not in lat["summary"]:
                continue
            ours = lat["summary"][engine]["per_query"]
            both = [
                q for q in ours if q in theirs and (counts.get(q, {}).get("datasette") or 0) > 0
            ]
            only = [q for q in ours if q in theirs and q not in both]
            r_all = geomean([ours[q]["p50"] / theirs[q]["p50"] for q in ours if q in theirs])
            r_both = geomean([ours[q]["p50"] / theirs[q]["p50"] for q in both])
            r_both95 = geomean([ours[q]["p95"] / theirs[q]["p95"] for q in both])
            r_only = geomean([ours[q]["p50"] / theirs[q]["p50"] for q in only])
            lines.append(
                f"At {size:,} articles, per query, {name} ÷ Datasette (geometric mean of "
                f"the per-query ratios): p50 {r_all:.2f}× over all {len(ours)} queries; "
                f"p50 {r_both:.2f}× and p95 {r_both95:.2f}× over the {len(both)} queries "
                f"Datasette finds something for; {r_only:.1f}× over the {len(only)} it finds "
                "nothing for (Cyrillic, typo, inflection, transliteration), where it answers "
                "an empty page fast."
                if r_only
                else f"At {size:,} articles, per query, {name} ÷ Datasette: p50 {r_all:.2f}× "
                f"(geometric mean over {len(ours)} queries)."
            )
            lines.append("")
    return lines


def fmt_load(load):
    return " / ".join(f"{x:.2f}" for x in load) + " (1/5/15 min)" if load else "?"


def verdict(quality, latencies, builds):
    lines = ["## Summary", ""]
    if quality:
        t = quality["totals"]
        pg = t.get("ours-pg")
        pg_text = (
            f" Ours on PostgreSQL: found {pg['found']} (recall {pg['recall_micro']:.0%}),"
            f" precision {pg['precision_micro']:.0%}."
            if pg
            else ""
        )
        lines.append(
            f"- **Quality** (real 5-article archive, {len(quality['queries'])} researcher "
            f"queries, {t['expected']} expected results): ours on Whoosh found "
            f"{t['ours']['found']} (recall {t['ours']['recall_micro']:.0%}; mean per query "
            f"{t['ours']['recall_macro']:.0%}; precision {t['ours']['precision_micro']:.0%}), "
            f"FTS5/Datasette {t['fts5']['found']} (recall {t['fts5']['recall_micro']:.0%}; "
            f"mean per query {t['fts5']['recall_macro']:.0%}; precision "
            f"{t['fts5']['precision_micro']:.0%}). FTS5 found nothing for "
            f"{t['fts5']['queries_with_zero']} of the queries, ours for "
            f"{t['ours']['queries_with_zero']}.{pg_text}"
        )

    def pair(lat, engine):
        x = lat["summary"].get(engine) if lat else None
        return (x["p50"], x["p95"]) if x else (None, None)

    for size in (10000, 100000):
        lat = latencies.get(size)
        if not lat or "datasette" not in lat["summary"]:
            lines.append(f"- Latency at {size:,} articles: not measured (see below).")
            continue
        d50, d95 = pair(lat, "datasette")
        load = (
            f"load {lat['load_before'][0]:.1f} → {lat['load_after'][0]:.1f}"
            if lat.get("load_before")
            else "load ?"
        )
        parts = []
        pg50, pg95 = pair(lat, "ours-pg")
        if pg50:
            limit = 0.5 if size == 10000 else 1.0
            met = pg50 <= limit * d50 and pg95 <= limit * d95
            parts.append(
                f"ours on PostgreSQL p50 {ms(pg50)} / p95 {ms(pg95)} ms = "
                f"{ratio(pg50, d50)} / {ratio(pg95, d95)} Datasette's (aim: at most "
                f"{'half' if limit == 0.5 else 'equal'}: **{'met' if met else 'not met'}**)"
            )
        w50, w95 = pair(lat, "ours")
        if w50:
            met = w50 <= d50
            aim = (
                f" (aim: p50 no worse: **{'met' if met else 'not met'}**)" if size == 10000 else ""
            )
            parts.append(
                f"ours on Whoosh p50 {ms(w50)} / p95 {ms(w95)} ms = "
                f"{ratio(w50, d50)} / {ratio(w95, d95)} Datasette's{aim}"
            )
        elif size == 100000:
            parts.append(
                "ours on Whoosh not measured: its index was not built within the "
                "budget (build rate below)"
            )
        lines.append(
            f"- **Latency at {size:,} articles** (measured {lat['measured']}"
            f"{code_label(lat)}, {load}): Datasette p50 {ms(d50)} / p95 {ms(d95)} "
            f"ms; " + "; ".join(parts) + "."
        )
    for size, b in sorted(builds.items()):
        pg = (read_json(OUT / str(size) / "postgres.json") or {}).get("index")
        w = b.get("whoosh") or {}
        bits = []
        if pg:
            bits.append(
                f"PostgreSQL {rate(pg['docs_per_second'])} docs/s (aim 2,000: "
                f"**{'met' if pg['docs_per_second'] >= 2000 else 'not met'}**)"
            )
        if w:
            bits.append(
                f"Whoosh {rate(w.get('docs_per_second'))} docs/s"
                + (
                    ""
                    if w.get("complete")
                    else f" over the {w['docs']:,} documents added before its "
                    f"{w.get('budget', 0):.0f} s budget ran out (not finished)"
                )
            )
        if b.get("fts5"):
            bits.append(f"FTS5 {rate(b['fts5'].get('docs_per_second_total'))} docs/s")
        if bits:
            lines.append(
                f"- Build at {size:,} articles ({b.get('fts5', {}).get('docs', 0):,} "
                f"documents): " + "; ".join(bits) + "."
            )
    lines.append("")
    return lines


def quality_table(quality):
    t = quality["totals"]
    engines = [e for e in ("ours", "ours-pg", "fts5") if e in t]
    names = {"ours": "ours, Whoosh", "ours-pg": "ours, PostgreSQL", "fts5": "FTS5 / Datasette"}
    load = f"; load average {quality['load'][0]:.1f} after" if quality.get("load") else ""
    lines = [
        f"## Quality on the real archive (measured {quality.get('measured', '?')}"
        f"{code_label(quality)}{load})",
        "",
        "Targets come from the archive's data (see `bench/quality.py`): a quote's "
        "words, the articles whose mentions name an entity plus the quotes it speaks, "
        "or the articles/quotes whose text matches a pattern. `found` counts targets "
        "among all results (recall). `returned` is every result; `precision` is the "
        "share of them that the archive's data says match the query: the targets, and "
        "for a quote also the article that prints it, for an entity also its own "
        "record and the quotes with a mention of it, for an article pattern also the "
        "quotes matching it (`relevant()` in quality.py). For `Belgrade` with "
        "type:quote only quotes whose own words contain the word count. FTS5 figures "
        "are Datasette's too: same tokenizer, same escaping.",
        "",
        "| query | target | expected | "
        + " | ".join(f"{names[e]}: found / returned / precision" for e in engines)
        + " |",
        "|---|---|---:|" + "---:|" * len(engines),
    ]

    def cell(r):
        prec = "–" if r.get("precision") is None else f"{r['precision']:.0%}"
        note = " (corrected)" if r.get("corrected") else ""
        return f"{r['found']}{note} / {r['returned']} / {prec}"

    for r in quality["queries"]:
        text = r["query"] + "".join(f" [{k}={v}]" for k, v in r["filters"].items())
        lines.append(
            f"| `{text}` ({r['label']}) | {r['target'].replace('|', '&#124;')} | "
            f"{r['expected']} | " + " | ".join(cell(r[e]) for e in engines) + " |"
        )

    def pct(value):
        return "–" if value is None else f"{value:.1%}"

    def row(name, fn):
        return f"| {name} | " + " | ".join(fn(t[e]) for e in engines) + " |"

    lines += [
        "",
        "| | " + " | ".join(names[e] for e in engines) + " |",
        "|---|" + "---:|" * len(engines),
        row(f"targets found (of {t['expected']})", lambda x: str(x["found"])),
        row("recall, all targets", lambda x: pct(x["recall_micro"])),
        row("recall, mean per query", lambda x: pct(x["recall_macro"])),
        row("targets on the first page (20)", lambda x: str(x["first_page"])),
        row("precision, all results", lambda x: pct(x.get("precision_micro"))),
        row("precision, mean per query", lambda x: pct(x.get("precision_macro"))),
        row("queries with every target", lambda x: str(x["queries_with_full_recall"])),
        row("queries with no target", lambda x: str(x["queries_with_zero"])),
        "",
    ]
    return lines


CAVEATS = """## Caveats

- The machine is shared and noisy (2 CPUs; the client, the server under test and the
  other server all run on it). Engines were interleaved query by query, with the engine
  order rotating, so noise falls on all of them alike, but absolute figures move between
  runs; compare the ratios, and only within one run.
- The synthetic corpora recombine the 277 paragraphs of the five real articles: the
  vocabulary stays that of five articles, so posting lists are longer and denser than in
  a real archive of the same size, and a common word ("Serbia") matches most records.
  This is harder than reality for both engines, and most for ranking and facetting
  over large result sets.
- The workloads differ on purpose: ours answers with ranked hits, snippets, six facets
  over the whole result set, alias expansion and typo correction; Datasette's table
  search returns rows in table order (no relevance ranking), a filtered count and
  suggested facets; FTS5 in-process returns bm25-ranked rows with a snippet and a
  count. Datasette was asked not to return the `text` column (`_nocol=text`), so it
  does not ship whole articles; it runs with `-i` (immutable) and page size 20.
- FTS5 holds the plain text a Datasette publication of the archive would have (titles,
  bylines, paragraphs, quote words and speakers, entity names and descriptions), not
  the archive's alias lists or mentions; that enrichment is part of what is measured.
- Build rates: the Whoosh figure covers reading the records through the ORM, rendering
  the index templates, analysis and writing (the archive's backend `update()`, in
  batches of 1,000, like `update_index`); the FTS5 "all" figure covers reading the same
  records with plain SQL, inserting them and building the FTS index; "index only" is
  FTS5's `rebuild` alone. The bulk insert of the synthetic articles is excluded from
  both. The archive's own path slows down as the index grows (Whoosh's
  `update_document` opens a reader on every segment for every document), so it is
  timed under a budget; where it did not finish, the index used for the latency
  figures was rebuilt by the bench with the same documents through `add_document`
  (same schema, analyzer, batches and commits), and that build's rate is shown too.
- Quality is measured on five articles with targets derived from the archive's own
  annotations (mentions, quotes): it shows what each engine can find, not a ranking
  quality on a large real collection. It measures recall, not precision: ours
  returns more records than FTS5 for most queries (the "returned" columns), some of
  them on purpose (the entity's own record, quotes by the person named) and some not
  (a quote's index text includes its article's title, so a word of the title finds
  every quote of that article).
- The application was being changed in the same work tree while this ran (see "Code
  measured"); each latency and quality figure is labelled with the commit it ran on.
"""


def main():
    parser = argparse.ArgumentParser(description="Run the search benchmark.")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[1000, 10000],
        help="corpus sizes (none: only the quality step)",
    )
    parser.add_argument("--with-100k", action="store_true", help="add 100,000 articles")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--reps", type=int, default=15, help="timed repetitions of the mix")
    parser.add_argument(
        "--latency-budget",
        type=float,
        default=1200,
        help="per size: start no repetition after this many seconds",
    )
    parser.add_argument(
        "--index-budget",
        type=float,
        default=None,
        help="stop the Whoosh rebuild after this many seconds "
        "(default: none below 100,000 articles, 1800 s from 100,000)",
    )
    parser.add_argument("--rebuild", action="store_true", help="regenerate existing corpora")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument(
        "--no-postgres",
        action="store_true",
        help="skip ours on PostgreSQL (bench/postgres.py: a PostgreSQL copy of "
        "each corpus, its index build and latency beside the others)",
    )
    parser.add_argument(
        "--postgres-budget",
        type=float,
        default=0,
        help="stop the PostgreSQL rebuild_index after this many seconds "
        "(0: no limit); its latency is then not measured",
    )
    parser.add_argument(
        "--postgres-server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--report-only", action="store_true", help="only re-render RESULTS.md from bench/out/"
    )
    args = parser.parse_args()
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    info = machine()
    sizes = sorted(set(args.sizes + ([100000] if args.with_100k else [])))
    if not args.report_only:
        if not args.no_quality:
            q = run_quality(None if args.no_postgres else args.postgres_server)
            log(
                f"quality: ours {q['totals']['ours']['found']}/{q['totals']['expected']}, "
                f"FTS5 {q['totals']['fts5']['found']}/{q['totals']['expected']}"
            )
        for size in sizes:
            budget = (
                args.index_budget
                if args.index_budget is not None
                else (1800 if size >= 100000 else 0)
            )
            build = ensure_build(size, args.seed, args.rebuild, budget)
            postgres = False
            if not args.no_postgres:
                call(
                    [
                        PYTHON,
                        BENCH_DIR / "postgres.py",
                        OUT / str(size),
                        "--server",
                        args.postgres_server,
                        "--budget",
                        args.postgres_budget,
                    ]
                )
                pg = read_json(OUT / str(size) / "postgres.json") or {}
                postgres = (pg.get("index") or {}).get("complete", False)
            if build.get("complete") or postgres:
                if not build.get("complete"):
                    log(
                        f"{size:,}: the Whoosh index is incomplete (budget): latency of the "
                        "others only"
                    )
                run_latency(size, args.reps, args.latency_budget, build.get("complete"))
            else:
                log(f"{size:,}: no index of ours is complete; latency not measured")
                (OUT / str(size) / "latency.json").unlink(missing_ok=True)
    saved = read_json(OUT / "machine.json", {})
    if args.report_only and saved:
        info = {**saved, "versions": info["versions"]}
    else:
        write_json(OUT / "machine.json", info)
    commands = read_json(OUT / "command.json", {}).get("commands", [])
    if not args.report_only:
        commands = [c for c in commands if c["sizes"] != sizes] + [
            {"command": command, "sizes": sizes, "at": time.strftime("%Y-%m-%d %H:%M")}
        ]
        write_json(OUT / "command.json", {"commands": commands})
    report = render(
        info, "; ".join(f"`{c['command']}` ({c['at']})" for c in commands) or f"`{command}`"
    )
    (BENCH_DIR / "RESULTS.md").write_text(report + kept_sections(BENCH_DIR / "RESULTS.md"))
    if not args.no_postgres:
        call([PYTHON, BENCH_DIR / "postgres.py", "--report-only"])
    print(report)
    log(f"wrote {BENCH_DIR / 'RESULTS.md'}")


if __name__ == "__main__":
    main()

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
    write_json,
)


def log(message):
    print(f"[run {time.strftime('%H:%M:%S')}] {message}", flush=True)


def call(argv, env=None, capture=False, timeout=None):
    """Run a child, streaming its progress; its stdout is returned when captured."""
    proc = subprocess.run([str(a) for a in argv], cwd=REPO, env=env, timeout=timeout,
                          stdout=subprocess.PIPE if capture else None, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, argv))}")
    return proc.stdout


# -- the machine ---------------------------------------------------------------------

def machine():
    info = {"nproc": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "load_before": os.getloadavg()}
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
    versions = call([PYTHON, "-c", (
        "import sqlite3, importlib.metadata as m\n"
        "v = {'sqlite': sqlite3.sqlite_version}\n"
        "for p in ('Django', 'django-haystack', 'Whoosh', 'datasette', 'gunicorn'):\n"
        "    try: v[p] = m.version(p)\n"
        "    except m.PackageNotFoundError: v[p] = None\n"
        "import json; print(json.dumps(v))")], capture=True)
    info["versions"] = json.loads(versions)
    info["git"] = git_state()
    return info


def git_state():
    """The commit measured, and the app files changed in the work tree since it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                              capture_output=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "archive", "articles",
                                "people", "templates"], cwd=REPO, text=True,
                               capture_output=True).stdout.split("\n")
    except OSError:
        return {}
    return {"head": head, "dirty": [line[3:] for line in dirty if line.strip()]}


# -- the steps -----------------------------------------------------------------------

def run_quality():
    data = guard_data_dir(OUT / "quality")
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    log("quality: loading the real archive (manage.py load_archive)")
    env = django_env(data)
    call([PYTHON, REPO / "manage.py", "load_archive", "--verbosity", "0"], env=env)
    call([PYTHON, BENCH_DIR / "fts.py", data / "archive.sqlite3", data / "fts.sqlite3"],
         capture=True)
    log("quality: running the researcher queries")
    result = json.loads(call([PYTHON, BENCH_DIR / "quality.py", data, data / "fts.sqlite3"],
                             capture=True))
    result["measured"] = time.strftime("%Y-%m-%d %H:%M")
    result["git"] = git_state()
    write_json(data / "quality.json", result)
    return result


def ensure_build(size, seed, rebuild, app_budget, index_budget):
    out = OUT / str(size)
    build = read_json(out / "build.json")
    current = build_fingerprint()
    if (not rebuild and build and build.get("seed") == seed and build.get("finished")
            and build.get("fingerprint") == current):
        log(f"{size:,}: reusing the build of {build['finished']} (--rebuild to redo it)")
        return build
    if build and build.get("finished") and build.get("fingerprint") != current:
        log(f"{size:,}: the search code, models or generator changed since the build of "
            f"{build['finished']}: rebuilding")
    log(f"{size:,}: generating the corpus and building both indexes")
    argv = [PYTHON, BENCH_DIR / "generate_corpus.py", "--size", size, "--seed", seed,
            "--app-budget", app_budget]
    if index_budget:
        argv += ["--index-budget", index_budget]
    call(argv)
    return read_json(out / "build.json")


KEPT_SECTION = re.compile(r"<!-- (\w+):start -->.*?<!-- \1:end -->", re.S)


def kept_sections(path):
    """Sections other scripts own (bench/load.py, evaluate_extractor's figures), kept as they are."""
    if not path.exists():
        return ""
    found = [m.group(0) for m in KEPT_SECTION.finditer(path.read_text(encoding="utf-8"))]
    return "".join("\n\n" + section for section in found) + ("\n" if found else "")


def run_latency(size, reps, budget):
    out = OUT / str(size)
    log(f"{size:,}: measuring latency ({reps} repetitions)")
    load_before = os.getloadavg()
    result = json.loads(call([PYTHON, BENCH_DIR / "latency.py", out, "--reps", reps,
                              "--budget", budget], capture=True))
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
    measured = [d for d in [latencies.get(10000), quality, *latencies.values()] if d]
    git = next((d["git"] for d in measured if d.get("git")), info.get("git", {}))
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
        f"- Code measured: commit {git.get('head', '?')}"
        + (f", with uncommitted changes (other work in progress in the same work tree) in "
           f"{', '.join(git['dirty'][:8])}" + (" …" if len(git['dirty']) > 8 else "")
           if git.get("dirty") else ", clean work tree"),
        f"- Software: Python {info.get('python')}, SQLite {v.get('sqlite')}, Django "
        f"{v.get('Django')}, django-haystack {v.get('django-haystack')}, Whoosh "
        f"{v.get('Whoosh')}, Datasette {v.get('datasette') or 'not installed'}, gunicorn "
        f"{v.get('gunicorn')}",
        "",
    ]
    lines += verdict(quality, latencies, builds)
    lines += ["## Latency (HTTP on 127.0.0.1, milliseconds, whole query mix)", "",
              "| articles | engine | p50 | p95 | mean | requests | ours ÷ engine (p50) | "
              "ours ÷ engine (p95) | measured |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for size in sizes:
        lat = latencies.get(size)
        if not lat:
            b = builds[size]
            why = ("the Whoosh index was not completed (see Index build)"
                   if (b.get("whoosh") or b.get("whoosh_app")) and not b.get("complete")
                   else "not run yet")
            lines.append(f"| {size:,} | – | not measured: {why} | | | | | | |")
            continue
        summary = lat["summary"]
        ours = summary.get("ours", {})
        for engine in lat["engines"]:
            s = summary[engine]
            label = {"ours": "ours: /api/search (gunicorn, 1 worker)",
                     "datasette": "Datasette `_search` (FTS5)",
                     "fts5": "FTS5 in-process (no HTTP)"}[engine]
            r50 = "" if engine == "ours" else ratio(ours.get("p50"), s["p50"])
            r95 = "" if engine == "ours" else ratio(ours.get("p95"), s["p95"])
            lines.append(f"| {size:,} | {label} | {ms(s['p50'])} | {ms(s['p95'])} | "
                         f"{ms(s['mean'])} | {s['n']} | {r50} | {r95} | {lat['measured']}"
                         f"{code_label(lat)} |")
    lines.append("")
    lines += like_for_like(sizes, latencies)
    for size in sizes:
        lat = latencies.get(size)
        if not lat:
            continue
        load = ""
        if lat.get("load_before") and lat.get("load_after"):
            load = (f" Load average (1 min) {lat['load_before'][0]:.2f} before, "
                    f"{lat['load_after'][0]:.2f} after.")
        lines += [f"### Per query at {size:,} articles ({lat['reps']} timed repetitions; "
                  "p50 / p95 ms; results found)", "",
                  f"Measured {lat['measured']}{code_label(lat)}.{load}", "",
                  "| query | kind | ours | Datasette | FTS5 in-process | results: ours / "
                  "Datasette / FTS5 |", "|---|---|---:|---:|---:|---:|"]
        for q in lat["queries"]:
            label = q["label"]
            cells = []
            for engine in ("ours", "datasette", "fts5"):
                pq = lat["summary"].get(engine, {}).get("per_query", {}).get(label)
                cells.append(f"{ms(pq['p50'])} / {ms(pq['p95'])}" if pq else "–")
            counts = lat["result_counts"].get(label, {})
            found = " / ".join(str(counts.get(e, "–")) for e in ("ours", "datasette", "fts5"))
            text = q["query"] + "".join(f" [{k}={v}]" for k, v in q["filters"].items())
            lines.append(f"| `{text}` | {q['kind']} | {cells[0]} | {cells[1]} | {cells[2]} | "
                         f"{found} |")
        lines.append("")
    lines += earlier_runs()
    lines += ["## Index build", "",
              "Records: articles / quotes / people, organizations and places. Rates are "
              "records per second over the whole build; articles/s and quotes/s over "
              "their part; the trend column gives the rate of the first and of the last "
              "batch of 1,000 quotes (or articles, when no quote was reached), to show how "
              "the rate moves as the index grows, and the slowest batch (a Whoosh segment "
              "merge on commit).", "",
              "| articles | build | records | seconds | records/s | articles/s | quotes/s "
              "| trend: first → last batch, records/s | MB | complete |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for size in sizes:
        b = builds[size]
        f = b.get("fts5", {})
        counts = f.get("counts", {})
        c = b.get("corpus", {})
        total = (f"{counts.get('article', 0):,} / {counts.get('quote', 0):,} / "
                 f"{sum(counts.get(k, 0) for k in ('person', 'organization', 'place'))}"
                 if counts else f"{c.get('articles', 0):,} / {c.get('quotes', 0):,} / ?")
        runs = [("Whoosh, the archive's backend update()", b.get("whoosh_app"))]
        if b.get("whoosh") and b["whoosh"].get("mode") == "bulk":
            runs.append(("Whoosh, same documents via add_document (bench)", b["whoosh"]))
        for name, w in runs:
            if not w:
                lines.append(f"| {size:,} | {name} | {total} | not run | | | | | | |")
                continue
            pt = w.get("per_type", {})
            art, quo = pt.get("articles.article", {}), pt.get("articles.quote", {})
            qb = [x for x in w.get("batches", []) if x[0] == "articles.quote"]
            trend = "–"
            if len(qb) >= 2:
                first = qb[0][1] / qb[0][2]
                last = (qb[-1][1] - qb[-2][1]) / qb[-1][2]
                slowest = max(x[2] for x in w.get("batches", []))
                trend = f"{first:,.0f} → {last:,.0f} (slowest batch of any type: {slowest:.0f} s)"
            else:
                ab = [x for x in w.get("batches", []) if x[0] == "articles.article"]
                if len(ab) >= 2:
                    trend = (f"articles only: {ab[0][1] / ab[0][2]:,.0f} → "
                             f"{(ab[-1][1] - ab[-2][1]) / ab[-1][2]:,.0f}")
            of = sum(counts.values()) if counts else sum(v.get("of", 0) for v in pt.values())
            complete = "yes" if w.get("complete") else (
                f"**no**: stopped at its time budget after {w['seconds']:.0f} s "
                f"(articles {art.get('docs', 0):,} of {art.get('of', 0):,}, " + (
                    f"quotes {quo['docs']:,} of {quo['of']:,}" if quo else "quotes not reached")
                + "); rates are from that part")
            lines.append(f"| {size:,} | {name} | {w['docs']:,} of {of:,} | {w['seconds']:.0f} | "
                         f"{rate(w.get('docs_per_second'))} | {rate(art.get('docs_per_second'))}"
                         f" | {rate(quo.get('docs_per_second'))} | {trend} | "
                         f"{w.get('bytes', 0) / 1e6:.0f} | {complete} |")
        if f:
            lines.append(f"| {size:,} | FTS5: SQL read + insert + index + optimize | {total} | "
                         f"{f['total_seconds']:.1f} | {rate(f.get('docs_per_second_total'))} "
                         f"| | | | {f.get('bytes', 0) / 1e6:.0f} | yes |")
            lines.append(f"| {size:,} | FTS5: index (`rebuild`) only | {total} | "
                         f"{f['fts_index_seconds']:.1f} | "
                         f"{rate(f.get('docs_per_second_fts_only'))} | | | | | yes |")
    if builds:
        lines += ["", "Synthetic articles average "
                  + ", ".join(f"{builds[s]['corpus']['mean_chars_per_synthetic_article']:,} "
                              f"characters ({s:,})" for s in sizes if builds[s].get("corpus"))
                  + "; bulk insert (not part of either index build) took "
                  + ", ".join(f"{builds[s]['insert']['seconds']:.0f} s ({s:,})"
                              for s in sizes if builds[s].get("insert")) + "."]
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
            rows.append(f"| {int(size):,} | {engine} | {ms(s['p50'])} | {ms(s['p95'])} | "
                        f"{s['n']} | {r50} | {r95} | {lat['measured']}{code_label(lat)} |")
    if not rows:
        return []
    notes = []
    for path in sorted(OUT.iterdir()):
        size, _, label = path.name.partition("-")
        b = read_json(path / "build.json") if size.isdigit() and label else None
        if not b:
            continue
        parts = []
        for key, name in (("whoosh_app", "Whoosh via the archive's update()"),
                          ("whoosh", "Whoosh via add_document (bench)")):
            w = b.get(key)
            if w and not (key == "whoosh" and w.get("mode") != "bulk"):
                parts.append(f"{name}: {w['docs']:,} records in {w['seconds']:.0f} s "
                             f"({rate(w.get('docs_per_second'))}/s"
                             f"{'' if w.get('complete') else ', stopped at its budget'})")
        if b.get("fts5"):
            f = b["fts5"]
            parts.append(f"FTS5: {f['docs']:,} records in {f['total_seconds']:.1f} s "
                         f"({rate(f.get('docs_per_second_total'))}/s)")
        notes.append(f"- Build of that {int(size):,}-article corpus ({b.get('finished', '?')}): "
                     + "; ".join(parts) + ".")
    return ["## Earlier measurements (older application code, same corpus generator)", "",
            "Kept for comparison: each row names the code that answered the searches; "
            "each build line says when that corpus and its index were built.", "",
            "| articles | engine | p50 | p95 | requests | ours ÷ engine (p50) | "
            "ours ÷ engine (p95) | measured |", "|---:|---|---:|---:|---:|---:|---:|---|",
            *rows, "", *notes, ""]


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
        ours = lat["summary"]["ours"]["per_query"]
        theirs = lat["summary"]["datasette"]["per_query"]
        counts = lat["result_counts"]
        both = [q for q in ours if q in theirs and (counts.get(q, {}).get("datasette") or 0) > 0]
        only = [q for q in ours if q in theirs and q not in both]
        r_all = geomean([ours[q]["p50"] / theirs[q]["p50"] for q in ours if q in theirs])
        r_both = geomean([ours[q]["p50"] / theirs[q]["p50"] for q in both])
        r_both95 = geomean([ours[q]["p95"] / theirs[q]["p95"] for q in both])
        r_only = geomean([ours[q]["p50"] / theirs[q]["p50"] for q in only])
        lines.append(
            f"At {size:,} articles, per query, ours ÷ Datasette (geometric mean of the "
            f"per-query ratios): p50 {r_all:.2f}× over all {len(ours)} queries; "
            f"p50 {r_both:.2f}× and p95 {r_both95:.2f}× over the {len(both)} queries "
            f"Datasette finds something for; {r_only:.1f}× over the {len(only)} it finds "
            "nothing for (Cyrillic, typo, inflection, transliteration), where it answers "
            "an empty page fast." if r_only else
            f"At {size:,} articles, per query, ours ÷ Datasette: p50 {r_all:.2f}× "
            f"(geometric mean over {len(ours)} queries).")
        lines.append("")
    return lines


def fmt_load(load):
    return " / ".join(f"{x:.2f}" for x in load) + " (1/5/15 min)" if load else "?"


def verdict(quality, latencies, builds):
    lines = ["## Summary", ""]
    if quality:
        t = quality["totals"]
        lines.append(
            f"- **Quality** (real 5-article archive, {len(quality['queries'])} researcher "
            f"queries, {t['expected']} expected results): ours found {t['ours']['found']} "
            f"(recall {t['ours']['recall_micro']:.0%}; mean per query "
            f"{t['ours']['recall_macro']:.0%}), FTS5/Datasette {t['fts5']['found']} "
            f"(recall {t['fts5']['recall_micro']:.0%}; mean per query "
            f"{t['fts5']['recall_macro']:.0%}). FTS5 found nothing for "
            f"{t['fts5']['queries_with_zero']} of the queries, ours for "
            f"{t['ours']['queries_with_zero']}.")
    lat = latencies.get(10000)
    older = ""
    if not lat:
        for path in sorted(OUT.iterdir()):
            if path.name.startswith("10000-") and (path / "latency.json").exists():
                lat = read_json(path / "latency.json")
                older = (f" (measured {lat['measured']}{code_label(lat)}: older code, "
                         "see Earlier measurements)")
    if lat and "datasette" in lat["summary"]:
        o, d = lat["summary"]["ours"], lat["summary"]["datasette"]
        met = o["p50"] <= d["p50"] and o["p95"] <= d["p95"]
        lines.append(
            f"- **Latency at 10,000 articles**{older}: ours p50 {ms(o['p50'])} ms / p95 "
            f"{ms(o['p95'])} ms, Datasette p50 {ms(d['p50'])} ms / p95 {ms(d['p95'])} ms: "
            f"ours is {ratio(o['p50'], d['p50'])} Datasette's median and "
            f"{ratio(o['p95'], d['p95'])} its 95th percentile. The aim (no worse than "
            f"Datasette) is **{'met' if met else 'not met'}**.")
    elif lat:
        lines.append("- Latency at 10,000 articles: Datasette was not installed, so the aim "
                     "could not be checked.")
    else:
        lines.append("- Latency at 10,000 articles: not measured yet.")
    for size, b in sorted(builds.items()):
        w, f = b.get("whoosh") or b.get("whoosh_app") or {}, b.get("fts5") or {}
        if b.get("complete") or not w or not f:
            continue
        pt = w.get("per_type", {})
        art = pt.get("articles.article", {})
        quotes = (f.get("counts") or {}).get("quote", 0)
        line = (f"- **{size:,} articles**: corpus built ({b['corpus']['articles']:,} articles, "
                f"{quotes:,} quotes); FTS5 indexed all {f.get('docs', 0):,} records in "
                f"{f.get('total_seconds', 0):.0f} s. The Whoosh build "
                f"({'bench add_document' if w.get('mode') == 'bulk' else 'archive update()'}"
                f" path) was stopped after {w['seconds']:.0f} s with {art.get('docs', 0):,} of "
                f"{art.get('of', 0):,} articles indexed ({rate(art.get('docs_per_second'))} "
                "articles/s) and no quotes, so latency was not measured at this size.")
        q10 = ((builds.get(10000) or {}).get("whoosh") or {}).get("per_type", {}).get(
            "articles.quote", {})
        if art.get("docs_per_second") and q10.get("docs_per_second"):
            hours = (art["of"] / art["docs_per_second"] + quotes / q10["docs_per_second"]) / 3600
            line += (f" Extrapolated, not measured: the articles at that rate and the quotes "
                     f"at the 10,000-article quote rate ({q10['docs_per_second']:.0f}/s) would "
                     f"take about {hours:.1f} h.")
        if b.get("note"):
            line += " " + b["note"]
        lines.append(line)
    lines.append("")
    return lines


def quality_table(quality):
    t = quality["totals"]
    lines = [f"## Quality on the real archive (measured {quality.get('measured', '?')}"
             f"{code_label(quality)})", "",
             "Targets come from the archive's data (see `bench/quality.py`): a quote's "
             "words, the articles whose mentions name an entity plus the quotes it speaks, "
             "or the articles/quotes whose text matches a pattern. `found` counts targets "
             "among all results; `returned` is every result, targets or not (ours also "
             "returns the entity's own record, and for names other records that mention "
             "the entity). FTS5 figures are Datasette's too: same tokenizer, same "
             "escaping.", "",
             "| query | target | expected | ours found | ours returned | FTS5 found | "
             "FTS5 returned |", "|---|---|---:|---:|---:|---:|---:|"]
    for r in quality["queries"]:
        text = r["query"] + "".join(f" [{k}={v}]" for k, v in r["filters"].items())
        note = " (corrected)" if r["ours"].get("corrected") else ""
        lines.append(f"| `{text}` ({r['label']}) | {r['target'].replace('|', '&#124;')} | "
                     f"{r['expected']} | {r['ours']['found']}{note} | {r['ours']['returned']} "
                     f"| {r['fts5']['found']} | {r['fts5']['returned']} |")
    lines += ["", "| | ours | FTS5 / Datasette |", "|---|---:|---:|",
              f"| targets found (of {t['expected']}) | {t['ours']['found']} | "
              f"{t['fts5']['found']} |",
              f"| recall, all targets | {t['ours']['recall_micro']:.1%} | "
              f"{t['fts5']['recall_micro']:.1%} |",
              f"| recall, mean per query | {t['ours']['recall_macro']:.1%} | "
              f"{t['fts5']['recall_macro']:.1%} |",
              f"| targets on the first page (20) | {t['ours']['first_page']} | "
              f"{t['fts5']['first_page']} |",
              f"| queries with every target | {t['ours']['queries_with_full_recall']} | "
              f"{t['fts5']['queries_with_full_recall']} |",
              f"| queries with no target | {t['ours']['queries_with_zero']} | "
              f"{t['fts5']['queries_with_zero']} |", ""]
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
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000],
                        help="corpus sizes (none: only the quality step)")
    parser.add_argument("--with-100k", action="store_true", help="add 100,000 articles")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--reps", type=int, default=15, help="timed repetitions of the mix")
    parser.add_argument("--latency-budget", type=float, default=1200,
                        help="per size: start no repetition after this many seconds")
    parser.add_argument("--app-budget", type=float, default=600,
                        help="time the archive's own index update() for at most this long")
    parser.add_argument("--index-budget", type=float, default=None,
                        help="stop the bench's bulk Whoosh build after this many seconds "
                             "(default: none below 100,000 articles, 1800 s from 100,000)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate existing corpora")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-postgres", action="store_true",
                        help="skip ours on PostgreSQL (bench/postgres.py: a PostgreSQL copy of "
                             "each corpus, its index build and latency beside the others)")
    parser.add_argument("--report-only", action="store_true",
                        help="only re-render RESULTS.md from bench/out/")
    args = parser.parse_args()
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    info = machine()
    sizes = sorted(set(args.sizes + ([100000] if args.with_100k else [])))
    if not args.report_only:
        if not args.no_quality:
            q = run_quality()
            log(f"quality: ours {q['totals']['ours']['found']}/{q['totals']['expected']}, "
                f"FTS5 {q['totals']['fts5']['found']}/{q['totals']['expected']}")
        for size in sizes:
            budget = args.index_budget if args.index_budget is not None else (
                1800 if size >= 100000 else 0)
            build = ensure_build(size, args.seed, args.rebuild, args.app_budget, budget)
            if build and not args.no_postgres:
                call([PYTHON, BENCH_DIR / "postgres.py", OUT / str(size)])
            if build and build.get("complete"):
                run_latency(size, args.reps, args.latency_budget)
            else:
                log(f"{size:,}: the Whoosh index is incomplete; latency not measured")
                (OUT / str(size) / "latency.json").unlink(missing_ok=True)
    saved = read_json(OUT / "machine.json", {})
    if args.report_only and saved:
        info = {**saved, "versions": info["versions"]}
    else:
        write_json(OUT / "machine.json", info)
    commands = read_json(OUT / "command.json", {}).get("commands", [])
    if not args.report_only:
        commands = [c for c in commands if c["sizes"] != sizes] + [
            {"command": command, "sizes": sizes, "at": time.strftime("%Y-%m-%d %H:%M")}]
        write_json(OUT / "command.json", {"commands": commands})
    report = render(info, "; ".join(f"`{c['command']}` ({c['at']})" for c in commands)
                    or f"`{command}`")
    (BENCH_DIR / "RESULTS.md").write_text(report + kept_sections(BENCH_DIR / "RESULTS.md"))
    if not args.no_postgres:
        call([PYTHON, BENCH_DIR / "postgres.py", "--report-only"])
    print(report)
    log(f"wrote {BENCH_DIR / 'RESULTS.md'}")


if __name__ == "__main__":
    main()

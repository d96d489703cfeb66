"""Load, concurrency and rebuild run against gunicorn on 127.0.0.1 (issue 6).

    .venv/bin/python bench/load.py [--seconds 60] [--workers 3] [--connections 16]
                                   [--database-url postgres://postgres@127.0.0.1:5432/archive_load
                                    | sqlite] [--search-url whoosh | postgresql:]

The three configurations of issue 9: `--database-url sqlite` (SQLite, so Whoosh);
the default PostgreSQL database with no --search-url (so the PostgreSQL engine); and
PostgreSQL with `--search-url whoosh` (the Whoosh engine, its index in the run's data
folder). Each run's figures are kept in bench/out/load/<configuration>.json and the
section of RESULTS.md lists every configuration measured, with its commit and load.

What it does, all in one bounded run that stops every process it starts:
1. sets up a fresh archive (migrate, fixtures, index) in a private data folder and database;
2. starts gunicorn with several workers (gunicorn.conf.py) on a free 127.0.0.1 port;
3. runs wrk for a fixed time over a fixed mix of pages: search (phrases, names in both
   scripts, typos, filters), the JSON API, articles, quotes and entity pages;
4. meanwhile a curator process keeps saving (each save adds an alias through the ORM, so
   the on-commit index update runs), and halfway through `rebuild_index` runs;
5. then checks that no write was lost (every alias is in the database and findable in
   search), counts errors, and writes the figures into bench/RESULTS.md between markers.

Needs wrk (Debian package `wrk`). Figures are for this shared 2-core machine; compare runs
made the same way, not absolute numbers.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- load:start -->", "<!-- load:end -->"

PATHS = [
    "/search/?q=%E2%80%9CI+understand+why+Europe+doesn%E2%80%99t+want+us%E2%80%9D",
    "/search/?q=Peter+Nikitin",
    "/search/?q=%D0%92%D1%83%D1%87%D0%B8%D1%9B",  # Вучић
    "/search/?q=Vucic&type=article",
    "/search/?q=Nikitn",
    "/search/?q=Russians&sort=date&page=2",
    "/api/search?q=Djokic",
    "/api/search?q=%22sit+on+two+chairs%22",
    "/api/search?q=Yandex+OR+Wargaming&type=quote",
    "/articles/serbias-russian-emigres-put-down-roots/",
    "/articles/belgrades-russian-emigres-grapple-with-new-lives-in-serbia/?hl=nikitin#p39",
    "/articles/",
    "/people/pyotr-nikitin/",
    "/people/aleksandar-vucic/",
    "/places/belgrade/",
    "/organizations/russian-democratic-society/",
    "/api/articles/",
    "/api/quotes/?speaker=pyotr-nikitin",
    "/",
]

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local parts = {}
  for status, n in pairs(statuses) do parts[#parts + 1] = string.format('"%%d": %%d', status, n) end
  io.write(string.format('WRKJSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, '
    .. '"p90_us": %%d, "p99_us": %%d, "max_us": %%d, "socket_errors": %%d, "statuses": {%%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ", ")))
end
"""

CURATOR = """
import os, sys, time, django
django.setup()
from people.models import Person
deadline = time.time() + float(sys.argv[1])
saved, errors = 0, 0
person = Person.objects.get(slug="vuk-vuksanovic")
while time.time() < deadline:
    name = f"Loadtest Alias {saved:05d}"
    try:
        person.aliases.create(name=name)
        saved += 1
    except Exception as error:  # counted and reported, never hidden
        errors += 1
        print("curator error:", repr(error), file=sys.stderr)
    time.sleep(0.05)
print(f"CURATOR saved={saved} errors={errors}")
"""


CHECK = """
import django
django.setup()
from people.models import Alias
from archive.search.core import search
names = list(Alias.objects.filter(name__startswith="Loadtest Alias").values_list("name", flat=True))
unfound = [n for n in names
           if not any(h.title == "Vuk Vuksanović" for h in search(f'"{n}" type:person').hits)]
print("CHECK", len(names), len(unfound))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, **kwargs)


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/archive_load")
    parser.add_argument(
        "--search-url",
        default="",
        help='ARCHIVE_SEARCH_URL ("whoosh": a Whoosh index in the run\'s '
        "data folder); unset: the default for the database",
    )
    parser.add_argument("--no-write", action="store_true", help="Skip RESULTS.md.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    data = Path(tempfile.mkdtemp(prefix="archive-load-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "DJANGO_SECRET_KEY": "load-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "ARCHIVE_DATA_DIR": str(data),
        "WEB_CONCURRENCY": str(args.workers),
        "BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": str(data / "access.log"),
        "ARCHIVE_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_DEBUG", None)
    for name in ("DATABASE_URL", "ARCHIVE_SEARCH_URL", "ARCHIVE_SEARCH_PATH"):
        env.pop(name, None)
    if args.search_url == "whoosh":
        env["ARCHIVE_SEARCH_URL"] = f"whoosh://{data / 'whoosh_index'}"
    elif args.search_url:
        env["ARCHIVE_SEARCH_URL"] = args.search_url
    load_before = os.getloadavg()
    if args.database_url.startswith("postgres"):
        name = args.database_url.rsplit("/", 1)[1]
        admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
        run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], env)
        run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], env)
        env["DATABASE_URL"] = args.database_url
    processes = []
    try:
        print(f"Setting up the archive in {data} …", flush=True)
        run([PYTHON, "manage.py", "load_archive"], env, stdout=subprocess.DEVNULL)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stderr=open(data / "gunicorn.log", "w"),
        )
        processes.append(server)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        for path in PATHS:  # every page of the mix answers before the clock starts
            with urllib.request.urlopen(base + path, timeout=30) as response:
                assert response.status == 200, path

        script = data / "mix.lua"
        script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in PATHS))
        print(
            f"wrk: {args.seconds}s, {args.connections} connections, {args.workers} gunicorn "
            f"workers; a curator saving; rebuild_index halfway …",
            flush=True,
        )
        wrk = subprocess.Popen(
            [
                "wrk",
                "-t2",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                str(script),
                base,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(wrk)
        curator = subprocess.Popen(
            [PYTHON, "-c", CURATOR, str(args.seconds - 5)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(curator)
        time.sleep(args.seconds / 2)
        started = time.time()
        run([PYTHON, "manage.py", "rebuild_index", "-v0"], env, capture_output=True)
        rebuild_seconds = time.time() - started
        wrk_out, _ = wrk.communicate(timeout=args.seconds + 60)
        cur_out, _ = curator.communicate(timeout=120)
        stats = json.loads(re.search(r"WRKJSON (.*)", wrk_out).group(1))
        saved = int(re.search(r"saved=(\d+)", cur_out).group(1))
        curator_errors = int(re.search(r"errors=(\d+)", cur_out).group(1))

        # No lost write: every alias the curator saved is stored, and found by search.
        check = subprocess.run(
            [PYTHON, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        stored, unfound = map(int, re.search(r"CHECK (\d+) (\d+)", check.stdout).groups())
        server_errors = (data / "gunicorn.log").read_text().count("Traceback")
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    non_2xx = sum(n for status, n in stats["statuses"].items() if not status.startswith("2"))
    figures = {
        "requests": stats["requests"],
        "rps": stats["requests"] / (stats["duration_us"] / 1e6),
        "p50_ms": stats["p50_us"] / 1000,
        "p90_ms": stats["p90_us"] / 1000,
        "p99_ms": stats["p99_us"] / 1000,
        "max_ms": stats["max_us"] / 1000,
        "non_2xx": non_2xx,
        "socket_errors": stats["socket_errors"],
        "server_tracebacks": server_errors,
        "curator_saves": saved,
        "curator_errors": curator_errors,
        "aliases_stored": stored,
        "aliases_not_found_in_search": unfound,
        "rebuild_seconds": rebuild_seconds,
        "load_before": load_before,
        "load_after": os.getloadavg(),
    }
    print(json.dumps(figures, indent=1))
    lost = saved - stored
    ok = (
        non_2xx == 0
        and stats["socket_errors"] == 0
        and curator_errors == 0
        and lost == 0
        and server_errors == 0
        and unfound == 0
    )
    if not args.no_write:
        write_results(args, figures, ok)
    shutil.rmtree(data, ignore_errors=True)
    sys.exit(0 if ok else 1)


def configuration(args):
    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    if args.search_url:
        engine = "Whoosh" if args.search_url.startswith("whoosh") else "PostgreSQL"
    else:
        engine = "PostgreSQL" if database == "PostgreSQL" else "Whoosh"
    return database, engine


def write_results(args, f, ok):
    database, engine = configuration(args)
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True, capture_output=True
    ).stdout.strip()
    record = {
        **f,
        "ok": ok,
        "database": database,
        "engine": engine,
        "seconds": args.seconds,
        "workers": args.workers,
        "connections": args.connections,
        "git": head,
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    store = ROOT / "bench" / "out" / "load"
    store.mkdir(parents=True, exist_ok=True)
    (store / f"{database}-{engine}.json".lower()).write_text(json.dumps(record, indent=1))
    runs = [json.loads(path.read_text()) for path in sorted(store.glob("*.json"))]
    rows = []
    for r in runs:
        rows.append(
            f"| {r['database']} | {r['engine']} | {r['requests']:,} in {r['seconds']} s | "
            f"{r['rps']:.1f} | {r['p50_ms']:.0f} / {r['p90_ms']:.0f} / {r['p99_ms']:.0f} / "
            f"{r['max_ms']:.0f} | {r['non_2xx']} / {r['socket_errors']} / "
            f"{r['server_tracebacks']} | {r['curator_saves']} / {r['curator_errors']} / "
            f"{r['curator_saves'] - r['aliases_stored']} / {r['aliases_not_found_in_search']} | "
            f"{r['rebuild_seconds']:.1f} s | {'no error, no lost write' if r['ok'] else '**FAILED**'}"
            f" | {r['load_before'][0]:.1f} → {r['load_after'][0]:.1f} | {r['git']}, "
            f"{r['measured']} |"
        )
    section = f"""{START}
## Service under load (issues 6 and 9)

`python bench/load.py --seconds S --workers W --connections C [--database-url sqlite]
[--search-url whoosh]`: gunicorn with W workers on 127.0.0.1, the real five-article archive;
wrk with C connections cycling through {len(PATHS)} pages (searches with phrases, both
scripts, a typo and filters; the JSON API; article, quote, entity and list pages). During
each run a curator process kept saving (each save adds an alias, whose index update runs on
commit) and `rebuild_index` ran halfway through. The machine has 2 cores shared by wrk,
gunicorn, PostgreSQL and the curator, and with any other work on the machine: the load
average (1 minute, before → after) is in each row; wrk runs on the same cores as the
server, so these are not a measure of what a dedicated server would serve.
The configurations ran one after another, not interleaved: compare them with the load in mind.

| database | search engine | requests | req/s | latency p50 / p90 / p99 / max ms | non-2xx / socket errors / tracebacks | saves / save errors / lost / not found | rebuild_index while serving | verdict | load | code, measured |
|---|---|---:|---:|---:|---:|---:|---:|---|---|---|
{chr(10).join(rows)}
{END}"""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

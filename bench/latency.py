"""Search latency over HTTP on localhost: the archive's API, Datasette, and FTS5 in-process.

    .venv/bin/python bench/latency.py bench/out/10000 [--reps 15]   # prints JSON

Starts, for one built corpus (bench/generate_corpus.py):
  ours       gunicorn, 1 sync worker, serving the archive (DEBUG off) on the corpus'
             database and index: GET /api/search?q=…[&type=…]; the project's
             gunicorn.conf.py applies, except that the command line pins one worker,
             one thread, no worker recycling and a long timeout
  datasette  `datasette serve -i fts.sqlite3` (if installed), page size 20:
             GET /fts/docs.json?_search=…[&type__exact=…]&_nocol=text
and measures, besides, FTS5 queried in-process (MATCH + bm25 order + LIMIT 20 +
count, no HTTP) as the floor. Both servers get fresh free ports on 127.0.0.1 and
a new TCP connection per request (gunicorn's sync worker does not keep
connections alive, so neither side gets to). After a warm-up of two passes over
the mix, each repetition runs every query on every engine, the engine order
rotating, so machine noise falls on all engines alike. Servers are stopped at the
end, also on errors and on Ctrl-C.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    PYTHON,
    QUERY_MIX,
    REPO,
    django_env,
    fts_connect,
    fts_search,
    fts_text,
    percentile,
    read_json,
)

VENV_BIN = PYTHON.parent
REQUEST_TIMEOUT = 120
START_TIMEOUT = 90


def log(message):
    print(f"[latency {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tool(name):
    path = VENV_BIN / name
    return str(path) if path.exists() else shutil.which(name)


class Server:
    """A child process in its own process group, stopped by its id."""

    def __init__(self, name, argv, env, port, probe, logfile):
        self.name, self.argv, self.env, self.port, self.probe = name, argv, env, port, probe
        self.logfile = logfile
        self.proc = None

    def start(self):
        handle = open(self.logfile, "w")
        self.proc = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=REPO,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.proc.returncode}; see {self.logfile}"
                )
            try:
                status, _ = get(self.port, self.probe, timeout=5)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError(
            f"{self.name} did not answer within {START_TIMEOUT}s; see {self.logfile}"
        )

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group this Popen created
            self.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass


def gunicorn_command(port):
    """Ours as every run serves it: one sync worker with one thread."""
    return [
        tool("gunicorn"),
        "archive.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--worker-class",
        "sync",
        "--threads",
        "1",
        "--timeout",
        "300",
        "--max-requests",
        "0",
        "--log-level",
        "warning",
    ]


def get(port, path, timeout=REQUEST_TIMEOUT):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Connection": "close", "Accept": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def our_path(query, filters):
    return "/api/search?" + urlencode({"q": query, **filters})


def datasette_path(query, filters):
    params = [("_search", fts_text(query))]
    params += [(f"{k}__exact", v) for k, v in filters.items()]
    params.append(("_nocol", "text"))
    return "/fts/docs.json?" + urlencode(params)


def result_count(engine, body):
    data = json.loads(body)
    if engine.startswith("ours"):
        return data.get("count")
    return data.get("filtered_table_rows_count", data.get("count"))


def measure(corpus, reps, budget, postgres=None, whoosh=True):
    corpus = Path(corpus).resolve()
    logs = corpus / "logs"
    logs.mkdir(exist_ok=True)
    servers = []
    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for s in previous:
        signal.signal(s, on_signal)
    try:
        port = free_port()
        engines = {}
        if whoosh:
            ours = Server(
                "ours (gunicorn)",
                gunicorn_command(port),
                django_env(corpus),
                port,
                "/api/search?q=serbia",
                logs / "gunicorn.log",
            )
            servers.append(ours)
            log(f"starting gunicorn on 127.0.0.1:{port}")
            ours.start()
            engines["ours"] = (ours.port, our_path)
        if postgres:  # the same corpus in PostgreSQL (bench/postgres.py): its own engine
            port = free_port()
            ours_pg = Server(
                "ours on PostgreSQL (gunicorn)",
                gunicorn_command(port),
                django_env(corpus, {"DATABASE_URL": postgres}),
                port,
                "/api/search?q=serbia",
                logs / "gunicorn-postgres.log",
            )
            servers.append(ours_pg)
            log(f"starting gunicorn on PostgreSQL on 127.0.0.1:{port}")
            ours_pg.start()
            engines["ours-pg"] = (ours_pg.port, our_path)
        datasette_bin = tool("datasette")
        if datasette_bin:
            port = free_port()
            ds = Server(
                "datasette",
                [
                    datasette_bin,
                    "serve",
                    "-i",
                    str(corpus / "fts.sqlite3"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--setting",
                    "default_page_size",
                    "20",
                    "--setting",
                    "sql_time_limit_ms",
                    "60000",
                ],
                dict(os.environ),
                port,
                "/fts/docs.json?_size=1",
                logs / "datasette.log",
            )
            servers.append(ds)
            log(f"starting datasette on 127.0.0.1:{port}")
            ds.start()
            engines["datasette"] = (ds.port, datasette_path)
        else:
            log("datasette is not installed: measuring ours and FTS5 only")
        conn = fts_connect(corpus / "fts.sqlite3")

        def run_one(engine, query, filters):
            if engine == "fts5":
                t0 = time.perf_counter()
                count, _ = fts_search(conn, query, filters, limit=20)
                return time.perf_counter() - t0, count
            port, make = engines[engine]
            t0 = time.perf_counter()
            status, body = get(port, make(query, filters))
            elapsed = time.perf_counter() - t0
            if status != 200:
                raise RuntimeError(f"{engine} answered {status} for {query!r}: {body[:300]!r}")
            return elapsed, body

        names = [*engines, "fts5"]
        counts = {}
        log(f"warming up ({len(QUERY_MIX)} queries x {len(names)} engines x 2)")
        for _ in range(2):
            for label, _, query, filters in QUERY_MIX:
                for engine in names:
                    _, answer = run_one(engine, query, filters)
                    counts.setdefault(label, {})[engine] = (
                        answer if engine == "fts5" else result_count(engine, answer)
                    )
        times = {e: {label: [] for label, *_ in QUERY_MIX} for e in names}
        started = time.monotonic()
        done = 0
        for rep in range(reps):
            if budget and time.monotonic() - started > budget:
                log(f"time budget reached after {rep} repetitions")
                break
            order = names[rep % len(names) :] + names[: rep % len(names)]
            for label, _, query, filters in QUERY_MIX:
                for engine in order:
                    elapsed, _ = run_one(engine, query, filters)
                    times[engine][label].append(elapsed * 1000)
            done = rep + 1
            log(f"repetition {done}/{reps}")
        conn.close()
    finally:
        for server in reversed(servers):
            server.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
    summary = {}
    for engine, per_query in times.items():
        every = [t for values in per_query.values() for t in values]
        summary[engine] = {
            "p50": percentile(every, 50),
            "p95": percentile(every, 95),
            "mean": sum(every) / len(every) if every else None,
            "n": len(every),
            "per_query": {
                label: {"p50": percentile(v, 50), "p95": percentile(v, 95), "n": len(v)}
                for label, v in per_query.items()
                if v
            },
        }
    return {
        "reps": done,
        "engines": names,
        "summary": summary,
        "result_counts": counts,
        "times_ms": times,
        "queries": [
            {"label": label, "kind": kind, "query": query, "filters": filters}
            for label, kind, query, filters in QUERY_MIX
        ],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument(
        "--budget", type=float, default=0, help="stop starting repetitions after this many seconds"
    )
    parser.add_argument(
        "--postgres",
        help="also ours on this PostgreSQL copy of the corpus "
        "(bench/postgres.py; default: the one in <corpus>/postgres.json)",
    )
    parser.add_argument(
        "--no-whoosh",
        action="store_true",
        help="leave out ours on Whoosh (an index the build did not finish)",
    )
    args = parser.parse_args()
    pg = read_json(args.corpus / "postgres.json") or {}
    # A build stopped at its budget rolled back: that database has no index to search.
    postgres = args.postgres or (
        pg.get("database_url") if (pg.get("index") or {}).get("complete") else None
    )
    print(
        json.dumps(
            measure(args.corpus, args.reps, args.budget, postgres, not args.no_whoosh),
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()

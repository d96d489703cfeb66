"""Searches from a streaming replica while a curator writes on the primary, on this machine.

    .venv/bin/python bench/replica.py [--seconds 60] [--clients 4] [--corpus bench/out/1000]

1. Creates two PostgreSQL clusters with pg_createcluster on free ports, listening on
   127.0.0.1 only (trust authentication, so nothing but this machine can reach them):
   a primary, and a replica made with `pg_basebackup -R` (streaming replication).
2. Loads the archive into the primary (`load_archive`, or with --corpus a benchmark
   corpus copied by bench/postgres.py) and builds its PostgreSQL search index.
3. Serves the archive with gunicorn: DATABASE_URL the primary, DATABASE_REPLICA_URL the
   replica, so searches and public pages read the replica (archive/routers.py).
4. For --seconds: --clients threads search the API without pause (the query mix of
   bench/common.py); a curator process adds a person on the primary every half second
   (an ORM save: its on-commit index update writes the primary) and polls the search API
   until the new name is found, through the replica; the replication lag is sampled
   on the primary (pg_stat_replication) every second.
5. Reports throughput, latency, lag, the time until each change is searchable, and
   checks that every write reached both the primary and the replica (none lost).
Both clusters are stopped and dropped at the end, also on errors and Ctrl-C.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, PYTHON, QUERY_MIX, REPO, django_env, percentile  # noqa: E402
from latency import Server, free_port, tool  # noqa: E402

VERSION = sorted(os.listdir("/etc/postgresql"))[-1]
PRIMARY, REPLICA = "bench_primary", "bench_replica"

CURATOR = """
import json, sys, time, urllib.request
from urllib.parse import urlencode
import django
django.setup()
from people.models import Person
port, seconds = int(sys.argv[1]), float(sys.argv[2])
written, delays = [], []
end = time.monotonic() + seconds
n = 0
while time.monotonic() < end:
    n += 1
    name = f"Replicaprobe{n:05d}"
    Person.objects.create(name=name, slug=name.lower())  # autocommit: indexed on commit
    committed = time.monotonic()
    written.append(name)
    while time.monotonic() - committed < 30:
        url = f"http://127.0.0.1:{port}/api/search?" + urlencode({"q": name})
        if json.load(urllib.request.urlopen(url, timeout=30)).get("count"):
            delays.append(time.monotonic() - committed)
            break
        time.sleep(0.01)
    time.sleep(max(0.0, 0.5 - (time.monotonic() - committed)))
print(json.dumps({"written": written, "delays": delays}))
"""


def log(message):
    print(f"[replica {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def sh(*argv, user=None, check=True):
    if user:
        argv = ("runuser", "-u", user, "--", *argv)
    result = subprocess.run(argv, capture_output=True, text=True)
    if check and result.returncode:
        raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr.strip()[-2000:]}")
    return result


def sql(port, query, database="postgres"):
    return sh(
        "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-Atc", query
    ).stdout.strip()


SETTINGS = """listen_addresses = '127.0.0.1'
wal_level = replica
hot_standby = on
max_wal_senders = 4
"""


def create_cluster(name, port):
    sh(
        "pg_createcluster",
        VERSION,
        name,
        "-p",
        str(port),
        "--",
        "--auth-host=trust",
        "--auth-local=trust",
    )
    Path(f"/etc/postgresql/{VERSION}/{name}/conf.d/bench.conf").write_text(SETTINGS)


def start(name):
    sh("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "start")


def drop(name):
    sh("pg_dropcluster", "--stop", VERSION, name, check=False)


def make_replica(primary_port, replica_port):
    create_cluster(REPLICA, replica_port)
    data = f"/var/lib/postgresql/{VERSION}/{REPLICA}"
    sh("find", data, "-mindepth", "1", "-delete")  # pg_basebackup fills the empty directory
    sh(
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        str(primary_port),
        "-U",
        "postgres",
        "-D",
        data,
        "-R",
        "-X",
        "stream",
        "--checkpoint=fast",
        user="postgres",
    )
    start(REPLICA)


def search_load(port, seconds, clients):
    latencies, errors, stop = [], [], time.monotonic() + seconds

    def client(offset):
        i = offset
        while time.monotonic() < stop:
            _, _, query, filters = QUERY_MIX[i % len(QUERY_MIX)]
            i += 1
            url = f"http://127.0.0.1:{port}/api/search?" + urlencode({"q": query, **filters})
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                latencies.append((time.perf_counter() - t0) * 1000)
            except Exception as error:  # reported, not hidden
                errors.append(repr(error))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    return threads, latencies, errors


def lag_sampler(primary_port, seconds):
    samples, stop = [], time.monotonic() + seconds

    def sample():
        while time.monotonic() < stop:
            value = sql(
                primary_port,
                "SELECT coalesce(extract(epoch FROM replay_lag), 0), "
                "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) "
                "FROM pg_stat_replication LIMIT 1",
            )
            if value:
                seconds_lag, bytes_lag = value.split("|")
                samples.append((float(seconds_lag) * 1000, float(bytes_lag)))
            time.sleep(1)

    thread = threading.Thread(target=sample)
    thread.start()
    return thread, samples


def write_results(result, corpus):
    """The "Read replica" section of bench/RESULTS.md (kept by run.py)."""
    import re

    path = Path(__file__).resolve().parent / "RESULTS.md"
    ms = lambda v: "—" if v is None else f"{v:,.0f}"  # noqa: E731
    r = result
    text = "\n".join(
        [
            "<!-- replica:start -->",
            "## Read replica (issue 9, `bench/replica.py`)",
            "",
            f"Measured {r['measured']} on commit {r.get('git', '?')}: a primary and a streaming replica (PostgreSQL "
            f"{VERSION}, `pg_basebackup -R`) on this machine, 127.0.0.1 only; the archive "
            f"({corpus}, {r['search_documents']:,} search documents) served by gunicorn "
            f"({r['gunicorn_workers']} workers) with `DATABASE_REPLICA_URL`, {r['clients']} "
            f"search clients without pause for {r['seconds']:.0f} s while a curator process "
            "added a person on the primary every half second and polled the search API "
            "(served from the replica) until the new name was found. **The machine was shared "
            "with other developers' test runs and builds while this ran** (1-minute load average "
            f"{r.get('load_before', [0])[0]:.1f} before, {r['load_average'][0]:.1f} at the end, "
            "on 2 cores): absolute figures are pessimistic.",
            "",
            "| searches/s | p50 / p95 ms | errors | transactions on the replica | "
            "writes (primary / replica) | change searchable after p50 / p95 / max ms | "
            "replication lag p50 / max ms |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {r['searches_per_second']} | {ms(r['latency_ms']['p50'])} / "
            f"{ms(r['latency_ms']['p95'])} | {r['errors']} | {r['replica_transactions']:,} | "
            f"{r['writes']} ({r['writes_on_primary']} / {r['writes_on_replica']}) | "
            f"{ms(r['searchable_after_ms']['p50'])} / {ms(r['searchable_after_ms']['p95'])} / "
            f"{ms(r['searchable_after_ms']['max'])} ({r['searchable_after_ms']['found']} of "
            f"{r['writes']} found) | {r['replication_lag_ms']['p50']} / "
            f"{r['replication_lag_ms']['max']} |",
            "",
            (
                "No write lost: every person the curator added is on the primary and on the replica, "
                "and each was found by a search served from the replica"
                if r["writes"]
                == r["writes_on_primary"]
                == r["writes_on_replica"]
                == r["searchable_after_ms"]["found"]
                else "**Writes missing**: compare the counts above"
            )
            + " (the time until searchable includes the on-commit index update on the primary, "
            "replication, and the 10 ms poll interval).",
            "<!-- replica:end -->",
        ]
    )
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    section = re.compile(r"<!-- replica:start -->.*?<!-- replica:end -->", re.S)
    if section.search(current):
        current = section.sub(lambda _: text, current)
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(current, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--corpus", type=Path, help="a generate_corpus.py corpus to load")
    args = parser.parse_args()
    load_before = os.getloadavg()
    primary_port, replica_port = free_port(), free_port()
    data_dir = OUT / "replica"
    data_dir.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        log(f"primary cluster on 127.0.0.1:{primary_port}")
        create_cluster(PRIMARY, primary_port)
        start(PRIMARY)
        sql(primary_port, "CREATE DATABASE archive")
        primary_url = f"postgres://postgres@127.0.0.1:{primary_port}/archive"
        replica_url = f"postgres://postgres@127.0.0.1:{replica_port}/archive"
        env = django_env(data_dir, {"DATABASE_URL": primary_url})
        if args.corpus:
            import postgres as pg

            subprocess.run(
                [PYTHON, "manage.py", "migrate", "--no-input"],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
            )
            pg.copy_records(args.corpus / "archive.sqlite3", primary_url)
            pg.reset_sequences(args.corpus, primary_url)
            subprocess.run(
                [PYTHON, "manage.py", "rebuild_index", "--verbosity", "0"],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
            )
        else:
            subprocess.run(
                [PYTHON, "manage.py", "load_archive"],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
            )
        documents = sql(primary_port, "SELECT count(*) FROM archive_search_document", "archive")
        log(
            f"primary loaded: {documents} search documents; making the replica "
            f"on 127.0.0.1:{replica_port}"
        )
        make_replica(primary_port, replica_port)
        assert sql(replica_port, "SELECT pg_is_in_recovery()") == "t"
        port = free_port()
        server = Server(
            "gunicorn",
            [
                tool("gunicorn"),
                "archive.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            django_env(
                data_dir, {"DATABASE_URL": primary_url, "DATABASE_REPLICA_URL": replica_url}
            ),
            port,
            "/api/search?q=serbia",
            data_dir / "gunicorn.log",
        )
        server.start()
        replica_reads_before = int(
            sql(
                replica_port,
                "SELECT xact_commit FROM pg_stat_database WHERE datname = 'archive'",
                "archive",
            )
        )
        log(f"load: {args.clients} search clients, 1 curator, {args.seconds:.0f} s")
        curator = subprocess.Popen(
            [PYTHON, "-c", CURATOR, str(port), str(args.seconds)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        threads, latencies, errors = search_load(port, args.seconds, args.clients)
        sampler, lags = lag_sampler(primary_port, args.seconds)
        started = time.monotonic()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        sampler.join()
        out, err = curator.communicate(timeout=120)
        if curator.returncode:
            raise RuntimeError(f"the curator failed: {err[-2000:]}")
        curator_result = json.loads(out.strip().splitlines()[-1])
        written = curator_result["written"]
        replica_reads = (
            int(
                sql(
                    replica_port,
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = 'archive'",
                    "archive",
                )
            )
            - replica_reads_before
        )
        time.sleep(2)  # let the replica replay the last writes before counting
        names = "SELECT count(*) FROM people_person WHERE name LIKE 'Replicaprobe%'"
        on_primary = int(sql(primary_port, names, "archive"))
        on_replica = int(sql(replica_port, names, "archive"))
        indexed = (
            "SELECT count(*) FROM archive_search_document WHERE id LIKE 'people.person.%' "
            "AND vector @@ 'replicaprobe00001'::tsquery"
        )
        delays = [d * 1000 for d in curator_result["delays"]]
        result = {
            "measured": time.strftime("%Y-%m-%d %H:%M"),
            "seconds": round(elapsed, 1),
            "clients": args.clients,
            "gunicorn_workers": args.workers,
            "search_documents": int(documents),
            "searches": len(latencies),
            "errors": len(errors),
            "error_sample": errors[:3],
            "searches_per_second": round(len(latencies) / elapsed, 1),
            "latency_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)},
            "replica_transactions": replica_reads,
            "writes": len(written),
            "writes_on_primary": on_primary,
            "writes_on_replica": on_replica,
            "first_write_indexed_on_replica": int(sql(replica_port, indexed, "archive")) == 1,
            "searchable_after_ms": {
                "p50": percentile(delays, 50),
                "p95": percentile(delays, 95),
                "max": max(delays) if delays else None,
                "found": len(delays),
            },
            "replication_lag_ms": {
                "p50": percentile([s for s, _ in lags], 50),
                "max": max((s for s, _ in lags), default=None),
            },
            "replication_lag_bytes_max": max((b for _, b in lags), default=None),
            "load_average": os.getloadavg(),
            "load_before": load_before,
            "git": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True, capture_output=True
            ).stdout.strip(),
        }
        (data_dir / "replica.json").write_text(json.dumps(result, indent=1))
        write_results(
            result, f"the {args.corpus.name}-article corpus" if args.corpus else "the real archive"
        )
        print(json.dumps(result, indent=1))
    finally:
        if server is not None:
            server.stop()
        drop(REPLICA)
        drop(PRIMARY)
        log("clusters stopped and dropped")


if __name__ == "__main__":
    main()

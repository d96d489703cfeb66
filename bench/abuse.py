"""The importer on hostile text: each reproduction imported at n and 4n bytes, and the ratio.

    .venv/bin/python bench/abuse.py                     # 16 KB and 64 KB
    .venv/bin/python bench/abuse.py --sizes 8000 32000 --repo /path/to/an/older/checkout

Linear work gives a ratio near 4; quadratic work, near 16. Each text goes through the
whole import (segmenting, mentions, quote extraction, candidates, the database writes) in
a transaction that is rolled back, so nothing is kept and the search index is not written.
The database is a scratch SQLite file with the real archive loaded (so the names the seeds
know are linked, as in production). A case that takes longer than --limit seconds is
stopped and reported as such. Prints a Markdown table for bench/RESULTS.md.
"""

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, django_env  # noqa: E402

# name: (what it is, text of about n characters)
CASES = {
    "byline": ("“by a” + n spaces + “b” (the issue's paste)", lambda n: "by a" + " " * n + "b"),
    "quote-pairs": ("n/4 pairs “a” (the issue's extraction case)", lambda n: "“a” " * (n // 4)),
    "straight-openers": (
        "' \"a' repeated: opening marks that never close",
        lambda n: ' "a' * (n // 3),
    ),
    "low-openers": ("„a repeated", lambda n: "„a " * (n // 3)),
    "bracket-singles": ("('a repeated", lambda n: "('a " * (n // 4)),
    "said": (
        "“a,” said Ab repeated: one sentence of attributed quotes",
        lambda n: "“a,” said Ab " * (n // 13),
    ),
    "pronouns": ("he said “a” repeated", lambda n: "he said “a” " * (n // 12)),
    "according": ("according to “a” repeated", lambda n: "according to “a” " * (n // 17)),
    "dashes": ("— repeated", lambda n: "A — " * (n // 4)),
    "capitals": ("capitalised words", lambda n: "Ab Cd. " * (n // 7)),
    # Numbered, since a line printed twice in a row is dropped as a duplicate.
    "byline-lines": (
        "lines of “by a” + 290 spaces + “b” and a number",
        lambda n: "".join(f"by a{' ' * 290}b {i:05}\n" for i in range(n // 300)),
    ),
    "lines": (
        "lines “Ab cd,” said Ef Gh, and a number",
        lambda n: "".join(f"“Ab cd {i:05},” said Ef Gh.\n" for i in range(n // 28)),
    ),
}


class TooLong(Exception):
    pass


def measure(names, sizes, limit):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from archive.search.signals import index_updates_suspended
    from articles.ingest.importing import Importer

    call_command("migrate", verbosity=0)
    with index_updates_suspended():
        call_command("loaddata", "archive", verbosity=0)

    def alarm(signum, frame):
        raise TooLong

    signal.signal(signal.SIGALRM, alarm)
    rows = []
    for name in names:
        label, make = CASES[name]
        times = []
        for size in sizes:
            text = "Headline\n\n" + make(size) + "\n"
            importer = Importer(limit=10 * 1024 * 1024)
            signal.alarm(limit)
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    result = importer.import_text(text, f"abuse-{name}-{size}.txt")
                    transaction.set_rollback(True)
                times.append(time.perf_counter() - started)
                status = result.status
            except TooLong:
                times.append(None)
                status = "stopped"
            finally:
                signal.alarm(0)
            print(
                f"  {name} at {size:,} characters: {shown(times[-1], limit)} ({status})",
                file=sys.stderr,
                flush=True,
            )
        rows.append((name, label, times))
    return rows


def shown(seconds, limit):
    return f"> {limit} s (stopped)" if seconds is None else f"{seconds:.2f} s"


def table(rows, sizes, limit):
    small, large = sizes
    lines = [
        f"| reproduction | {small:,} chars | {large:,} chars | ratio |",
        "|---|---:|---:|---:|",
    ]
    for _name, label, (t1, t2) in rows:
        ratio = f"{t2 / t1:.1f}×" if t1 and t2 else "—"
        lines.append(f"| {label} | {shown(t1, limit)} | {shown(t2, limit)} | {ratio} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs=2, type=int, default=[16_000, 64_000])
    parser.add_argument("--cases", nargs="*", default=list(CASES), choices=list(CASES))
    parser.add_argument(
        "--repo",
        default=str(REPO),
        help="the checkout whose importer is measured (default: this one)",
    )
    parser.add_argument("--limit", type=int, default=120, help="seconds per import")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        rows = measure(args.cases, args.sizes, args.limit)
        print(json.dumps(rows))
        return
    with tempfile.TemporaryDirectory(prefix="abuse-") as data_dir:
        env = django_env(data_dir, {"PYTHONPATH": args.repo})
        commit = (
            subprocess.run(
                ["git", "-C", args.repo, "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            or "unknown"
        )
        print(f"Measuring the importer of {args.repo} ({commit}) …", file=sys.stderr)
        child = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                "--sizes",
                *map(str, args.sizes),
                "--limit",
                str(args.limit),
                "--cases",
                *args.cases,
            ],
            env=env,
            cwd=args.repo,
            stdout=subprocess.PIPE,
            text=True,
        )  # progress on stderr
        if child.returncode:
            sys.exit(child.returncode)
        rows = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"Importer of {commit}, {time.strftime('%Y-%m-%d %H:%M')}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores (shared):\n"
    )
    print(table(rows, args.sizes, args.limit))


if __name__ == "__main__":
    main()

"""Public requests on hostile input, each beside an ordinary request to the same page.

    .venv/bin/python bench/abuse_search.py            # the real archive, loaded into a scratch folder

Issue 15's reproductions (the same word 250 times with a date sort, on the API, the search
page, the CSV export and keyword-in-context; a one-paragraph 81 KB capture read with a
17-word `hl` and searched in context) are timed in one process with Django's test client,
each next to an ordinary request ("Belgrade", the same article without `hl`), and reported
as a ratio: bounded work keeps the ratio a small number. Prints a Markdown table for
bench/RESULTS.md. Timings are wall-clock medians of --reps runs.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, django_env  # noqa: E402

REPEATS = " ".join(["a"] * 249)  # 497 characters: under the 500-character limit
HL_WORDS = (
    "the war russians serbia belgrade moved left country people city many year "
    "said life new years home"
)  # 17 words
LONG_WORDS = (
    "the Russians who came to Belgrade said the war changed everything for them and the city "
)


def timed(client, url, params, reps):
    times, status, size = [], None, 0
    for _ in range(reps):
        started = time.perf_counter()
        response = client.get(url, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append(time.perf_counter() - started)
        status, size = response.status_code, len(body)
    return statistics.median(times), status, size


def long_article(client):
    """A published capture of one 81 KB paragraph (imported, then published)."""
    from django.core.management import call_command

    from articles.models import Article, ArticleState

    text = "Belgrade, a long capture\n\n" + (LONG_WORDS * 1000)[:81_000] + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
    call_command("import_articles", f.name, stdout=open(os.devnull, "w"))
    article = Article.objects.order_by("-pk").first()
    article.state = ArticleState.PUBLISHED
    article.save()
    return article


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="abuse-search-"))
    os.environ.update(django_env(data_dir, {"DJANGO_ALLOWED_HOSTS": "testserver"}))
    os.chdir(REPO)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("load_archive", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production settings
    client = Client()
    article = long_article(client)
    cases = [
        (
            "API, one word 250 times, date sort",
            "/api/search",
            {"q": REPEATS, "sort": "date"},
            {"q": "Belgrade", "sort": "date"},
        ),
        (
            "search page, the same",
            "/search/",
            {"q": REPEATS, "sort": "date"},
            {"q": "Belgrade", "sort": "date"},
        ),
        (
            "CSV export, the same",
            "/search/export.csv",
            {"q": REPEATS, "sort": "date"},
            {"q": "Belgrade", "sort": "date"},
        ),
        ("keyword-in-context, the same", "/search/kwic/", {"q": REPEATS}, {"q": "Belgrade"}),
        (
            "17 separate words (refused)",
            "/api/search",
            {"q": " ".join(f"word{n}" for n in range(17))},
            {"q": "Belgrade"},
        ),
        (
            "50 alternatives joined by OR",
            "/api/search",
            {"q": " OR ".join(f"w{n}" for n in range(50))},
            {"q": "Belgrade"},
        ),
        (
            "81 KB paragraph, keyword-in-context of “the”",
            "/search/kwic/",
            {"q": "the"},
            {"q": "Vučić"},
        ),
        (
            "81 KB paragraph read with a 17-word hl",
            article.get_absolute_url(),
            {"hl": HL_WORDS},
            {},
        ),
    ]
    rows = []
    for name, url, hostile, ordinary in cases:
        base, base_status, _ = timed(client, url, ordinary, args.reps)
        hard, status, size = timed(client, url, hostile, args.reps)
        rows.append((name, hard, status, size, base, base_status))
        print(
            f"{name}: {hard:.3f} s ({status}, {size:,} bytes) vs {base:.3f} s ({base_status})",
            flush=True,
        )
    load = os.getloadavg()[0]
    print(f"\nLoad average at the end: {load:.1f} on {os.cpu_count()} cores\n")
    print("| request | hostile s (status) | ordinary s (status) | ratio |")
    print("|---|---:|---:|---:|")
    for name, hard, status, _size, base, base_status in rows:
        print(
            f"| {name} | {hard:.2f} ({status}) | {base:.2f} ({base_status}) | {hard / base:.1f}× |"
        )


if __name__ == "__main__":
    main()

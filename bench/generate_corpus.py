"""Build a benchmark archive of SIZE articles from the seed paragraphs, reproducibly.

    .venv/bin/python bench/generate_corpus.py --size 10000 [--seed N]

Writes, under bench/out/<size>/ (never /work/main/data), the rows only:
  archive.sqlite3   the archive database: the 5 real articles (fixtures/archive.json,
                    with their people, places, organizations, aliases and derived
                    mentions) plus SIZE-5 synthetic articles;
  rows.json         counts, timings and the fingerprint of what the rows depend on
                    (ROW_INPUTS in common.py: the generator, the fixture, the models).
The search indexes (Whoosh, FTS5) are built from these rows by bench/build_indexes.py,
so that a change to the search code rebuilds the indexes and keeps the rows.

A synthetic article recombines real paragraphs (`random.Random(seed)`): about 60% of
its paragraphs come, in order, from one real article (its "template"), the rest from
any real article; its length is 25-100% of the template's. Each copied paragraph
brings along the quotes and mentions the real archive has for it, at the same
offsets, so quotes and mentions stay proportional and exact (they are what
`derive_mentions` found, or a curator placed, on that text). Titles are cut from
the article's own text; outlets, authors, bylines, dates and date precisions vary
over the real ones. Rows are written with executemany in transactions of
--insert-batch articles (class Rows), no signal and no index update.
"""

import argparse
import datetime
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DEFAULT_SEED,
    OUT,
    REPO,
    django_env,
    guard_data_dir,
    rows_fingerprint,
    write_json,
)

REAL_OUTLETS = ("rfe-rl", "the-european-correspondent", "meduza")
DATE_FROM = datetime.date(2022, 2, 24)
DATE_TO = datetime.date(2025, 6, 30)


def log(message):
    print(f"[generate {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, required=True, help="articles in all (>= 5)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="default: bench/out/<size>")
    parser.add_argument("--insert-batch", type=int, default=1000, help="articles per transaction")
    return parser.parse_args()


def setup_django(out):
    os.environ.update(django_env(out))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


# -- the synthetic articles ------------------------------------------------------------


class Seeds:
    """The real archive, loaded once: paragraphs with their quotes and mentions."""

    def __init__(self):
        from articles.models import Article, Mention, Quote
        from people.models import Affiliation, Organization, Person

        self.articles = list(Article.objects.order_by("pk").prefetch_related("paragraphs"))
        self.paragraphs = {a.pk: list(a.paragraphs.order_by("position")) for a in self.articles}
        self.pool = [p for a in self.articles for p in self.paragraphs[a.pk]]
        self.mentions, self.quotes = {}, {}
        for m in Mention.objects.visible().order_by("pk"):
            self.mentions.setdefault(m.paragraph_id, []).append(m)
        for q in Quote.objects.visible().order_by("pk"):
            self.quotes.setdefault(q.paragraph_id, []).append(q)
        media = list(Organization.objects.filter(kind="media").order_by("slug"))
        self.outlets = media
        self.outlet_weights = [4 if o.slug in REAL_OUTLETS else 1 for o in media]
        writer_ids = set(Article.authors.through.objects.values_list("person_id", flat=True))
        writer_ids.update(
            Affiliation.objects.filter(role__in=["journalist", "editor"]).values_list(
                "person_id", flat=True
            )
        )
        self.writers = list(Person.objects.filter(pk__in=writer_ids).order_by("slug"))


def pick_paragraphs(rng, seeds):
    template = rng.choice(seeds.articles)
    own = seeds.paragraphs[template.pk]
    k = max(3, round(len(own) * rng.uniform(0.25, 1.0)))
    from_template = min(len(own), max(1, round(k * 0.6)))
    chosen = [own[i] for i in sorted(rng.sample(range(len(own)), from_template))]
    used = {p.pk for p in chosen}
    while len(chosen) < k:
        extra = rng.choice(seeds.pool)
        if extra.pk in used:
            continue
        used.add(extra.pk)
        chosen.insert(rng.randint(0, len(chosen)), extra)
    return template, chosen


def make_title(rng, paragraphs, outlet):
    body = [p for p in paragraphs if p.kind == "body"] or paragraphs
    if outlet is None:  # like the real captures without a headline: "[first words …]"
        words = body[0].text.split()[:8]
        return "[" + " ".join(words).rstrip(",.;:—") + " …]", True
    words = rng.choice(body).text.split()
    n = rng.randint(6, 12)
    start = rng.randint(0, max(0, len(words) - n))
    title = " ".join(words[start : start + n]).strip(",.;:—“”\"'’ ")
    return (title[:1].upper() + title[1:]) or "Untitled", False


def make_date(rng):
    roll = rng.random()
    if roll < 0.05:
        return None, "unknown"
    day = DATE_FROM + datetime.timedelta(days=rng.randint(0, (DATE_TO - DATE_FROM).days))
    if roll < 0.10:
        return day.replace(month=1, day=1), "year"
    if roll < 0.20:
        return day.replace(day=1), "month"
    return day, "day"


class Rows:
    """Rows written straight to SQLite with executemany and primary keys chosen here.

    bulk_create on SQLite sends one INSERT per ~90 rows (its 999-parameter limit) and
    builds a model instance per row; at 100,000 articles that is 11 million mentions.
    Here each model's column values come from Django itself (pre_save and
    get_db_prep_save, as its insert compiler does), once per seed quote, mention or
    paragraph; a copy changes only its keys."""

    def __init__(self, model, connection):
        from django.db.models import Max

        self.fields = model._meta.concrete_fields
        self.columns = [f.column for f in self.fields]
        self.connection = connection
        self.sql = (
            f'INSERT INTO "{model._meta.db_table}" '
            f"({', '.join(chr(34) + c + chr(34) for c in self.columns)}) "
            f"VALUES ({', '.join('?' * len(self.columns))})"
        )
        self.next_pk = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.pending = []

    def position(self, attname):
        return [f.attname for f in self.fields].index(attname)

    def values(self, obj):
        """The row Django would insert for obj, as a list; its pk is assigned here."""
        obj.pk = self.next_pk
        self.next_pk += 1
        return [f.get_db_prep_save(f.pre_save(obj, True), self.connection) for f in self.fields]

    def add(self, row):
        self.pending.append(tuple(row))

    def flush(self, cursor):
        cursor.executemany(self.sql, self.pending)
        self.pending = []


def copy_template(rows, seed_obj, *keys):
    """A seed row's values with the positions of its keys, so that a copy is a list
    assignment instead of a model instance."""
    values = [f.get_db_prep_save(f.pre_save(seed_obj, True), rows.connection) for f in rows.fields]
    return values, [rows.position(k) for k in ("id", *keys)]


def fast_sqlite(connection):
    """Pragmas for a throwaway corpus: no fsync, the journal in memory, a 1 GiB page
    cache (the unique indexes of 11 million mentions outgrow the default 2 MiB one,
    and every insert then reads pages back from disk). The corpus is rebuilt from
    scratch when a run dies, so durability buys nothing here."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA journal_mode = MEMORY")
        cursor.execute("PRAGMA cache_size = -1048576")
        cursor.execute("PRAGMA temp_store = MEMORY")


def generate(seeds, count, rng, insert_batch, first_number):
    from django.db import connection, transaction
    from django.utils.text import slugify

    from articles.models import Article, Mention, Paragraph, Quote, sha256_of

    fast_sqlite(connection)
    connection.ensure_connection()
    raw = connection.connection
    through = Article.authors.through
    articles, authors = Rows(Article, connection), Rows(through, connection)
    paragraph_rows, quote_rows, mention_rows = (
        Rows(Paragraph, connection),
        Rows(Quote, connection),
        Rows(Mention, connection),
    )
    # One template per seed paragraph, quote and mention, made once.
    p_template = {
        p.pk: copy_template(paragraph_rows, p, "article_id", "position") for p in seeds.pool
    }
    q_template = {
        q.pk: copy_template(quote_rows, q, "article_id", "paragraph_id")
        for qs in seeds.quotes.values()
        for q in qs
    }
    m_template = {
        m.pk: copy_template(mention_rows, m, "article_id", "paragraph_id")
        for ms in seeds.mentions.values()
        for m in ms
    }

    totals = {"articles": 0, "paragraphs": 0, "quotes": 0, "mentions": 0, "chars": 0}
    number = first_number
    done = 0
    while done < count:
        n = min(insert_batch, count - done)
        for _ in range(n):
            number += 1
            template, paragraphs = pick_paragraphs(rng, seeds)
            outlet = (
                rng.choices(seeds.outlets, seeds.outlet_weights)[0] if rng.random() < 0.85 else None
            )
            title, supplied = make_title(rng, paragraphs, outlet)
            published, precision = make_date(rng)
            author = rng.choice(seeds.writers) if outlet and rng.random() < 0.8 else None
            source_name = f"bench_{number:07d}.txt"
            # The capture: a header line, then the paragraphs. The header keeps every raw
            # text (and so its checksum, unique in the archive) distinct even when two
            # articles happen to draw the same paragraphs; it uses no randomness.
            text = "\n\n".join([f"{title} [{source_name}]", *(p.text for p in paragraphs)])
            article = Article(
                title=title,
                title_supplied=supplied,
                slug=f"{slugify(title)[:90].strip('-') or 'article'}-b{number}",
                outlet=outlet,
                byline=author.name if author else "",
                dateline=template.dateline,
                published=published,
                date_precision=precision,
                date_note="Synthetic benchmark article (bench/generate_corpus.py).",
                language="en",
                source_name=source_name,
                raw_text=text,
                sha256=sha256_of(text),
            )
            articles.add(articles.values(article))
            if author is not None:
                authors.add(authors.values(through(article_id=article.pk, person_id=author.pk)))
            for position, source in enumerate(paragraphs, 1):
                paragraph_pk = paragraph_rows.next_pk
                paragraph_rows.next_pk += 1
                row, (i_pk, i_article, i_position) = p_template[source.pk]
                row = row.copy()
                row[i_pk], row[i_article], row[i_position] = paragraph_pk, article.pk, position
                paragraph_rows.add(row)
                for rows, templates, seed_rows in (
                    (quote_rows, q_template, seeds.quotes.get(source.pk, ())),
                    (mention_rows, m_template, seeds.mentions.get(source.pk, ())),
                ):
                    for seed in seed_rows:
                        row, (i_pk, i_article, i_paragraph) = templates[seed.pk]
                        row = row.copy()
                        row[i_pk], row[i_article], row[i_paragraph] = (
                            rows.next_pk,
                            article.pk,
                            paragraph_pk,
                        )
                        rows.next_pk += 1
                        rows.add(row)
            totals["chars"] += len(text)
        totals["paragraphs"] += len(paragraph_rows.pending)
        totals["quotes"] += len(quote_rows.pending)
        totals["mentions"] += len(mention_rows.pending)
        with transaction.atomic():
            cursor = raw.cursor()
            for rows in (articles, authors, paragraph_rows, quote_rows, mention_rows):
                rows.flush(cursor)
        totals["articles"] += n
        done += n
        if done % (insert_batch * 10) == 0 or done == count:
            log(f"inserted {done:,}/{count:,} synthetic articles")
    return totals


def main():
    args = parse_args()
    if args.size < 5:
        raise SystemExit("--size counts the 5 real articles: give 5 or more")
    out = guard_data_dir(args.out or OUT / str(args.size))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    setup_django(out)
    import random

    from django.core.management import call_command

    stats = {
        "size": args.size,
        "seed": args.seed,
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "rows_fingerprint": rows_fingerprint(),
        "load_before": os.getloadavg(),
    }
    write_json(out / "rows.json", stats)

    log(f"loading the real archive into {out}")
    t0 = time.perf_counter()
    call_command("load_archive", no_index=True, verbosity=0)
    stats["seed_load_seconds"] = round(time.perf_counter() - t0, 3)

    seeds = Seeds()
    rng = random.Random(args.seed)
    count = args.size - len(seeds.articles)
    log(f"generating {count:,} synthetic articles (seed {args.seed})")
    t0 = time.perf_counter()
    totals = generate(seeds, count, rng, args.insert_batch, first_number=0)
    seconds = time.perf_counter() - t0
    from articles.models import Article, Mention, Paragraph, Quote

    stats["corpus"] = {
        "articles": Article.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "quotes": Quote.objects.count(),
        "mentions": Mention.objects.count(),
        "synthetic_articles": totals["articles"],
        "mean_chars_per_synthetic_article": round(totals["chars"] / max(1, totals["articles"])),
    }
    stats["insert"] = {
        "seconds": round(seconds, 3),
        "articles_per_second": round(totals["articles"] / seconds, 1) if seconds else None,
    }
    stats["db_bytes"] = (out / "archive.sqlite3").stat().st_size
    stats["load_after"] = os.getloadavg()
    stats["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    write_json(out / "rows.json", stats)
    log(f"inserted in {seconds:.1f}s: {stats['corpus']}")


if __name__ == "__main__":
    main()

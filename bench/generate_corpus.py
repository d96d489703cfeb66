"""Build a benchmark archive of SIZE articles from the seed paragraphs, reproducibly.

    .venv/bin/python bench/generate_corpus.py --size 10000 [--seed N] [--index-budget SECONDS]

Writes, under bench/out/<size>/ (never /work/main/data):
  archive.sqlite3   the archive database: the 5 real articles (fixtures/archive.json,
                    with their people, places, organizations, aliases and derived
                    mentions) plus SIZE-5 synthetic articles;
  whoosh_index/     the archive's search index (its schema, analyzer and documents);
  fts.sqlite3       the same records as a plain SQLite FTS5 database (bench/fts.py);
  build.json        counts, timings and build rates.

A synthetic article recombines real paragraphs (`random.Random(seed)`): about 60% of
its paragraphs come, in order, from one real article (its "template"), the rest from
any real article; its length is 25-100% of the template's. Each copied paragraph
brings along the quotes and mentions the real archive has for it, at the same
offsets, so quotes and mentions stay proportional and exact (they are what
`derive_mentions` found, or a curator placed, on that text). Titles are cut from
the article's own text; outlets, authors, bylines, dates and date precisions vary
over the real ones. Everything is bulk-inserted with index updates suspended, then
indexed in batches of 1,000 with the backend's update() -- what haystack's
update_index does -- timed per record type and per batch. That path slows down as
the index grows (Whoosh's update_document opens a reader on every segment for every
document), so it gets a time budget (--app-budget); if it has not finished by then,
its partial rate is kept and the index is rebuilt from empty with the same documents
through add_document (bulk_update below), so that search can be measured.
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
    build_fingerprint,
    django_env,
    guard_data_dir,
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
    parser.add_argument("--batch", type=int, default=1000,
                        help="records per index update (haystack's default batch size)")
    parser.add_argument("--insert-batch", type=int, default=500, help="articles per transaction")
    parser.add_argument("--app-budget", type=float, default=600,
                        help="time the archive's own backend update() for at most this many "
                             "seconds; if it has not finished, rebuild with the bulk path "
                             "(0: no limit)")
    parser.add_argument("--index-budget", type=float, default=0,
                        help="stop the bulk build after this many seconds and record a "
                             "partial rate (0: no limit)")
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
        writer_ids.update(Affiliation.objects.filter(role__in=["journalist", "editor"])
                          .values_list("person_id", flat=True))
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
    title = " ".join(words[start:start + n]).strip(",.;:—“”\"'’ ")
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


def generate(seeds, count, rng, insert_batch, first_number):
    from django.db import transaction
    from django.utils.text import slugify

    from archive.search.signals import index_updates_suspended
    from articles.models import Article, Mention, Paragraph, Quote, sha256_of

    totals = {"articles": 0, "paragraphs": 0, "quotes": 0, "mentions": 0, "chars": 0}
    through = Article.authors.through
    number = first_number
    done = 0
    while done < count:
        n = min(insert_batch, count - done)
        plans = []
        for _ in range(n):
            number += 1
            template, paragraphs = pick_paragraphs(rng, seeds)
            outlet = (rng.choices(seeds.outlets, seeds.outlet_weights)[0]
                      if rng.random() < 0.85 else None)
            title, supplied = make_title(rng, paragraphs, outlet)
            published, precision = make_date(rng)
            author = rng.choice(seeds.writers) if outlet and rng.random() < 0.8 else None
            source_name = f"bench_{number:07d}.txt"
            # The capture: a header line, then the paragraphs. The header keeps every raw
            # text (and so its checksum, unique in the archive) distinct even when two
            # articles happen to draw the same paragraphs; it uses no randomness.
            raw = "\n\n".join([f"{title} [{source_name}]", *(p.text for p in paragraphs)])
            article = Article(
                title=title, title_supplied=supplied,
                slug=f"{slugify(title)[:90].strip('-') or 'article'}-b{number}",
                outlet=outlet, byline=author.name if author else "",
                dateline=template.dateline, published=published, date_precision=precision,
                date_note="Synthetic benchmark article (bench/generate_corpus.py).",
                language="en", source_name=source_name, raw_text=raw,
                sha256=sha256_of(raw))
            plans.append((article, paragraphs, author))
            totals["chars"] += len(raw)
        with transaction.atomic(), index_updates_suspended():
            Article.objects.bulk_create([a for a, _, _ in plans])
            through.objects.bulk_create([through(article_id=a.pk, person_id=w.pk)
                                         for a, _, w in plans if w is not None])
            new_paragraphs = []
            for article, paragraphs, _ in plans:
                for position, source in enumerate(paragraphs, 1):
                    new_paragraphs.append((source, Paragraph(
                        article_id=article.pk, position=position, kind=source.kind,
                        text=source.text)))
            Paragraph.objects.bulk_create([p for _, p in new_paragraphs], batch_size=2000)
            mentions, quotes = [], []
            for source, paragraph in new_paragraphs:
                for m in seeds.mentions.get(source.pk, ()):
                    mentions.append(Mention(
                        article_id=paragraph.article_id, paragraph_id=paragraph.pk,
                        start=m.start, end=m.end, text=m.text, person_id=m.person_id,
                        organization_id=m.organization_id, place_id=m.place_id,
                        status=m.status, source=m.source))
                for q in seeds.quotes.get(source.pk, ()):
                    quotes.append(Quote(
                        text=q.text, speaker_id=q.speaker_id, speaker_note=q.speaker_note,
                        article_id=paragraph.article_id, paragraph_id=paragraph.pk,
                        start=q.start, end=q.end, status=q.status, confidence=q.confidence))
            Mention.objects.bulk_create(mentions, batch_size=2000)
            Quote.objects.bulk_create(quotes, batch_size=2000)
        totals["articles"] += n
        totals["paragraphs"] += len(new_paragraphs)
        totals["mentions"] += len(mentions)
        totals["quotes"] += len(quotes)
        done += n
        if done % (insert_batch * 10) == 0 or done == count:
            log(f"inserted {done:,}/{count:,} synthetic articles")
    return totals


# -- the search index ------------------------------------------------------------------------

def add_documents(backend, documents):
    """The backend's write_documents() with add_document instead of update_document."""
    if not documents:
        return
    with backend.write_lock():
        writer = backend._writer()
        try:
            for doc in documents:
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()


def bulk_update(backend, index, objects):
    """The backend's update(), writing with add_document and no search for older copies.

    The same documents, prepared by the backend's own prepare_documents(), the same schema and
    analyzer, the same write lock and one commit per batch; only the per-document
    search for an older copy to delete is skipped, which is safe on an index built from
    empty. Used when the archive's own path is too slow to finish (see build.json:
    whoosh_app)."""
    add_documents(backend, backend.prepare_documents(index, objects))


def build_index(mode, batch, budget):
    """Index every record from empty; mode "app" is the archive's backend update()."""
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.reset_searcher()
    path = Path(backend.path)
    if path.exists():
        shutil.rmtree(path)
    backend.setup_complete = False
    backend.setup()
    unified = connections["default"].get_unified_index()
    order = ["people.person", "people.organization", "people.place",
             "articles.article", "articles.quote"]
    indexes = sorted(unified.get_indexes().values(),
                     key=lambda i: order.index(i.get_model()._meta.label_lower))
    per_type, batches, started, complete = {}, [], time.perf_counter(), True
    for index in indexes:
        label = index.get_model()._meta.label_lower
        queryset = index.index_queryset(using="default").order_by("pk")
        pks = list(queryset.values_list("pk", flat=True))
        done, t0 = 0, time.perf_counter()
        for start in range(0, len(pks), batch):
            chunk = pks[start:start + batch]
            tb = time.perf_counter()
            objects = list(queryset.filter(pk__gte=chunk[0], pk__lte=chunk[-1]))
            if mode == "app":
                backend.update(index, objects)
            else:
                bulk_update(backend, index, objects)
            done += len(objects)
            batches.append([label, done, round(time.perf_counter() - tb, 3)])
            if len(pks) > batch:
                log(f"[{mode}] indexed {label} {done:,}/{len(pks):,} "
                    f"(this batch {len(objects) / (time.perf_counter() - tb):.0f}/s)")
            if budget and time.perf_counter() - started > budget and done < len(pks):
                complete = False
                break
        seconds = time.perf_counter() - t0
        per_type[label] = {"docs": done, "of": len(pks), "seconds": round(seconds, 3),
                           "docs_per_second": round(done / seconds, 1) if seconds else None}
        if not complete:
            break
    total = time.perf_counter() - started
    docs = sum(v["docs"] for v in per_type.values())
    path = Path(backend.path)
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    backend.reset_searcher()
    return {"mode": mode, "complete": complete, "docs": docs, "seconds": round(total, 3),
            "docs_per_second": round(docs / total, 1) if total else None,
            "per_type": per_type, "bytes": size, "batch": batch, "batches": batches}


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

    stats = {"size": args.size, "seed": args.seed, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
             "complete": False, "fingerprint": build_fingerprint(),
             "app_budget": args.app_budget,
             "index_budget": args.index_budget}
    write_json(out / "build.json", stats)

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
        "articles": Article.objects.count(), "paragraphs": Paragraph.objects.count(),
        "quotes": Quote.objects.count(), "mentions": Mention.objects.count(),
        "synthetic_articles": totals["articles"],
        "mean_chars_per_synthetic_article": round(totals["chars"] / max(1, totals["articles"])),
    }
    stats["insert"] = {"seconds": round(seconds, 3),
                       "articles_per_second": round(totals["articles"] / seconds, 1)
                       if seconds else None}
    write_json(out / "build.json", stats)
    log(f"inserted in {seconds:.1f}s: {stats['corpus']}")

    log("building the Whoosh index with the archive's backend update()")
    app = build_index("app", args.batch, args.app_budget)
    stats["whoosh_app"] = app
    write_json(out / "build.json", stats)
    log(f"app path: {app['docs']:,} docs in {app['seconds']:.1f}s "
        f"({app['docs_per_second']}/s), complete={app['complete']}")
    if app["complete"]:
        stats["whoosh"] = app
    else:
        log("the app path did not finish: rebuilding from empty with add_document")
        stats["whoosh"] = build_index("bulk", args.batch, args.index_budget)
        write_json(out / "build.json", stats)
        log(f"bulk path: {stats['whoosh']['docs']:,} docs in {stats['whoosh']['seconds']:.1f}s"
            f" ({stats['whoosh']['docs_per_second']}/s), complete={stats['whoosh']['complete']}")

    log("building the FTS5 database")
    import fts

    stats["fts5"] = fts.build(out / "archive.sqlite3", out / "fts.sqlite3")
    log(f"FTS5: {stats['fts5']['docs']:,} docs in {stats['fts5']['total_seconds']:.1f}s")
    stats["db_bytes"] = (out / "archive.sqlite3").stat().st_size
    stats["complete"] = stats["whoosh"]["complete"]
    stats["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    write_json(out / "build.json", stats)


if __name__ == "__main__":
    main()

"""Measure the segmenter and the quote extractor against the curators' reading of the seeds.

Over 400 lines: the seeds' three measures (quotes, segmentation, proposed fields) with their
error classes, then the held-out sets, in one command, so that one run prints every figure
bench/RESULTS.md takes; reading a held-out capture is articles/ingest/evaluation.py.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.search.signals import index_updates_suspended
from archive.text import fold_phrase
from articles.ingest.attribution import extract_quotes
from articles.ingest.curation import CurationError, build, parse_segments, read_curation
from articles.ingest.evaluation import EvaluationError, evaluate
from articles.ingest.evaluation import table as held_out_table
from articles.ingest.importing import media_names
from articles.ingest.mentions import NameMatcher
from articles.ingest.quotes import DEFAULT_THRESHOLD
from articles.ingest.segmenting import segment
from articles.models import Article, Mention, Paragraph, Quote
from people.models import Affiliation, Alias, Organization, Person, Place

WIPE = [Mention, Quote, Alias, Affiliation, Paragraph, Article, Person, Organization, Place]


class Rollback(Exception):
    pass


@dataclass
class Tally:
    curated: int = 0
    predicted: int = 0
    matched: int = 0
    boundary: int = 0  # overlapping a curated quote, not the same span
    speaker_right: int = 0  # matched quotes with the curated speaker (or both nobody)
    named_predicted: int = 0  # matched quotes given to a named person
    named_right: int = 0
    named_curated: int = 0  # curated quotes whose speaker is a person
    errors: Counter = field(default_factory=Counter)
    examples: list = field(default_factory=list)

    def __iadd__(self, other):
        for name in (
            "curated",
            "predicted",
            "matched",
            "boundary",
            "speaker_right",
            "named_predicted",
            "named_right",
            "named_curated",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.update(other.errors)
        self.examples.extend(other.examples)
        return self

    @staticmethod
    def ratio(a, b):
        return a / b if b else 0.0

    @property
    def precision(self):
        return self.ratio(self.matched, self.predicted)

    @property
    def recall(self):
        return self.ratio(self.matched, self.curated)

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self):
        return self.ratio(self.speaker_right, self.matched)

    @property
    def attribution_precision(self):
        return self.ratio(self.named_right, self.named_predicted)

    @property
    def attribution_recall(self):
        return self.ratio(self.named_right, self.named_curated)


def raw_offsets(raw, paragraphs):
    """Where each paragraph's text starts in the raw capture (paragraphs in reading order)."""
    offsets, cursor = {}, 0
    for paragraph in paragraphs:
        at = raw.find(paragraph.text, cursor)
        if at < 0:
            at = raw.find(paragraph.text)
        offsets[paragraph.position] = at
        if at >= 0:
            cursor = at + len(paragraph.text)
    return offsets


def speaker_key(person, name="", curated=None, article=None):
    """The predicted speaker's slug; a bare name counts as the curated person when it is one of
    that person's names (for runs where the archive knows nobody)."""
    if person is not None:
        return person.slug
    if not name:
        return None
    if curated is not None and fold_phrase(name) in {
        fold_phrase(n) for n in curated.all_names(article)
    }:
        return curated.slug
    return f"name:{name}"


def without_people(matcher):
    """The mention finder's names with every person taken out: a fresh import's view."""
    for table in (matcher.global_names, *matcher.scoped_names.values()):
        for surface in list(table):
            table[surface] = {e for e in table[surface] if not isinstance(e, Person)}
            if not table[surface]:
                del table[surface]
    return matcher


def classify_miss(quote, predicted_all):
    near = [p for p in predicted_all if p["overlaps"] == quote["key"]]
    if near:
        if near[0]["kept"]:
            return "boundary differs"
        return "judged a scare quote (below the threshold)"
    return "not found by the scanner"


def compare(article, raw, predicted, curated_quotes, threshold, names_count=False):
    """A Tally for one article: predicted FoundQuotes against its curated Quote records."""
    tally = Tally()
    cur_offsets = raw_offsets(
        raw,
        sorted(
            {q.paragraph.position: q.paragraph for q in curated_quotes}.values(),
            key=lambda p: p.position,
        ),
    )
    curated = {}
    for quote in curated_quotes:
        base = cur_offsets[quote.paragraph.position]
        curated[(base + quote.start, base + quote.end)] = quote
    paragraphs = sorted(
        {f.paragraph.position: f.paragraph for f in predicted}.values(), key=lambda p: p.position
    )
    pred_offsets = raw_offsets(raw, paragraphs)
    rows = []
    for found in predicted:
        base = pred_offsets[found.paragraph.position]
        key = (base + found.start, base + found.end)
        overlaps = next((k for k in curated if k[0] < key[1] and key[0] < k[1]), None)
        rows.append(
            {"found": found, "key": key, "kept": found.detection >= threshold, "overlaps": overlaps}
        )
    tally.curated = len(curated)
    tally.named_curated = sum(1 for q in curated.values() if q.speaker_id)
    kept = [r for r in rows if r["kept"]]
    tally.predicted = len(kept)
    for row in kept:
        found = row["found"]
        quote = curated.get(row["key"])
        if quote is None:
            if row["overlaps"] is not None:
                tally.boundary += 1
                tally.errors["detection: boundary differs from the curated span"] += 1
            else:
                words = len(found.text.split())
                kind = (
                    "a scare quote or term (≤ 3 words)"
                    if words <= 3
                    else "quoted words nobody is said to have said"
                )
                tally.errors[f"detection, false positive: {kind}"] += 1
            tally.examples.append(
                (article.slug, "false positive", found.text[:70], found.speaker_label, found.how)
            )
            continue
        tally.matched += 1
        expected = speaker_key(quote.speaker)
        got = speaker_key(
            found.speaker, found.speaker_name, quote.speaker if names_count else None, article
        )
        if got == expected:
            tally.speaker_right += 1
        if got is not None:
            tally.named_predicted += 1
            if got == expected:
                tally.named_right += 1
        if got != expected:
            if expected is None:
                kind = "speaker given where the curators name nobody"
            elif got is None:
                kind = "no speaker found for a named speaker"
            elif got.startswith("name:"):
                kind = "speaker is a name the archive does not know"
            elif "→" in found.how:
                kind = "wrong person: a pronoun resolved to the wrong name"
            elif found.how.startswith("continues"):
                kind = "wrong person: carried over from the quote before"
            else:
                kind = "wrong person: the attribution names someone else"
            tally.errors[f"attribution: {kind}"] += 1
            tally.examples.append(
                (
                    article.slug,
                    kind,
                    found.text[:70],
                    f"{got or '—'} (curated: {expected or '—'})",
                    found.how,
                )
            )
    for key, quote in curated.items():
        if not any(r["key"] == key and r["kept"] for r in rows):
            reason = classify_miss({"key": key}, rows)
            tally.errors[f"detection, missed: {reason}"] += 1
            tally.examples.append(
                (article.slug, f"missed ({reason})", quote.text[:70], quote.speaker_label, "")
            )
    return tally


@dataclass
class SegmentTally:
    body_curated: int = 0
    body_recovered: int = 0
    body_extra: int = 0
    paragraphs_curated: int = 0
    paragraphs_same: int = 0  # same text and same kind
    fields: Counter = field(default_factory=Counter)
    field_total: Counter = field(default_factory=Counter)

    def __iadd__(self, other):
        for name in (
            "body_curated",
            "body_recovered",
            "body_extra",
            "paragraphs_curated",
            "paragraphs_same",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.fields.update(other.fields)
        self.field_total.update(other.field_total)
        return self


def compare_segments(document, raw, article):
    fields, paragraphs = parse_segments(document["source_name"], raw, document["segments"])
    result = segment(raw, media_names())
    tally = SegmentTally()
    curated_body = [t for k, t in paragraphs if k == "body"]
    ours = result.paragraphs
    our_body = [t for k, t in ours if k == "body"]
    tally.body_curated = len(curated_body)
    tally.body_recovered = sum(1 for t in curated_body if t in our_body)
    tally.body_extra = sum(1 for t in our_body if t not in curated_body)
    tally.paragraphs_curated = len(paragraphs)
    tally.paragraphs_same = sum(1 for item in paragraphs if item in ours)
    checks = {
        "title": result.title == article.title,
        "standfirst": result.standfirst == article.standfirst,
        "byline": result.byline == article.byline,
        "dateline": result.dateline == article.dateline,
        "date (printed ones found, none inferred)": (result.published, result.date_precision)
        == (
            (article.published, article.date_precision)
            if article.date_precision == "day"
            else (None, "unknown")
        ),
        "outlet": (result.outlet_name or None) == (article.outlet.name if article.outlet else None),
    }
    for name, ok in checks.items():
        tally.field_total[name] += 1
        tally.fields[name] += int(ok)
    return tally, result


def evaluation_folders(prefix, given=None):
    """The capture folders to report, each on its own: those given, or every
    fixtures/evaluation/<prefix>* folder (a second set sits beside the first)."""
    if given:
        return [Path(folder) for folder in given if Path(folder).is_dir()]
    root = Path(settings.BASE_DIR) / "fixtures" / "evaluation"
    return sorted(p for p in root.glob(f"{prefix}*") if p.is_dir())


def independent_folders(given=None):
    return evaluation_folders("independent", given)


def development_folders(given=None):
    """Development sets: made up to tune on, and held-out sets retired to tuning once their
    figures were reported (a fresh blind set replaces each)."""
    return evaluation_folders("development", given)


class Command(BaseCommand):
    help = (
        "Measure the quote extractor (detection and speaker attribution) and the segmenter on "
        "the seed texts, with the curation files (fixtures/curation/) as ground truth; print "
        "precision and recall. Then, separately and per language, on the made-up captures: the "
        "first held-out set (fixtures/evaluation/) and the development set "
        "(fixtures/evaluation/development/), both tuned on, and each independent set "
        "(fixtures/evaluation/independent*/), never tuned on. Works in a transaction that is "
        "rolled back: the database is left exactly as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("--curation", default=settings.BASE_DIR / "fixtures" / "curation")
        parser.add_argument("--seeds", default=settings.SEEDS_DIR)
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help="Keep quotes the extractor is at least this sure are speech.",
        )
        parser.add_argument(
            "--from-raw",
            action="store_true",
            help="Run the extractor on the segmenter's paragraphs of the raw "
            "texts instead of the curated paragraphs.",
        )
        parser.add_argument(
            "--unknown-people",
            action="store_true",
            help="Extract as if the archive knew none of the people (a fresh "
            "import): a speaker counts as right when the name given is one "
            "of the curated person's names.",
        )
        parser.add_argument("--errors", action="store_true", help="List every error.")
        parser.add_argument(
            "--held-out",
            default=settings.BASE_DIR / "fixtures" / "evaluation",
            help="The folder of held-out captures (<name>.txt + <name>.json).",
        )
        parser.add_argument(
            "--development",
            action="append",
            help="A folder of development captures: made up to tune the rules on, so reported "
            "on their own and labelled as such. Repeat for several. By default every folder "
            "fixtures/evaluation/development*.",
        )
        parser.add_argument(
            "--independent",
            action="append",
            help="A folder of independent held-out captures, written by someone who had not "
            "read the rules; each reported on its own. Repeat for several. By default every "
            "folder fixtures/evaluation/independent*.",
        )

    def handle(
        self,
        *args,
        curation,
        seeds,
        threshold,
        from_raw,
        errors,
        unknown_people=False,
        verbosity=1,
        held_out=None,
        development=None,
        independent=None,
        **options,
    ):
        try:
            documents = read_curation(curation)
        except CurationError as error:
            raise CommandError(str(error)) from error
        by_source = {d.get("source_name"): d for _, d in documents if d.get("source_name")}
        outcome = {}
        with index_updates_suspended():
            try:
                with transaction.atomic():
                    Place.objects.update(parent=None)
                    for model in WIPE:
                        model.objects.all().delete()
                    try:
                        articles = build(documents, seeds)
                    except CurationError as error:
                        raise CommandError(str(error)) from error
                    matcher = NameMatcher()
                    if unknown_people:
                        without_people(matcher)
                    outcome = self.measure(
                        articles,
                        by_source,
                        seeds,
                        matcher,
                        threshold,
                        from_raw,
                        verbosity,
                        unknown_people,
                    )
                    raise Rollback
            except Rollback:
                pass
        self.report(outcome, threshold, from_raw, errors, unknown_people)
        if held_out:
            self.report_held_out(
                held_out,
                threshold,
                errors,
                verbosity,
                (
                    f"Held-out captures ({held_out}): made-up texts by the rules' author (tuned "
                    "on), read as a fresh import (the segmenter's paragraphs, no known people):"
                ),
            )
        for folder in development_folders(development):
            self.report_held_out(
                folder,
                threshold,
                errors,
                verbosity,
                (
                    f"Development captures ({folder}): made up to tune the rules on "
                    "(tuned on, so not a measure of unseen text), read the same way:"
                ),
            )
        for folder in independent_folders(independent):
            self.report_held_out(
                folder,
                threshold,
                errors,
                verbosity,
                (
                    f"Independent held-out captures ({folder}): made up by someone who had "
                    "not read the rules, read the same way:"
                ),
            )

    def report_held_out(self, folder, threshold, errors, verbosity, heading):
        out = self.stdout.write
        out("")
        out(heading)

        def progress(number, total, capture, tally):
            if verbosity >= 1:
                out(
                    f"  [{number}/{total}] {capture.name} ({capture.language}): "
                    f"{tally.quotes_found} quotes found"
                )

        try:
            with transaction.atomic():
                by_language = evaluate(folder, threshold, progress)
        except EvaluationError as error:
            raise CommandError(str(error)) from error
        out("")
        for line in held_out_table(by_language):
            out(line)
        if errors:
            out("")
            out("Every held-out error:")
            for name, kind, detail in by_language["all"].misses:
                out(f"  {name}: {kind}: {detail}")

    def measure(
        self,
        articles,
        by_source,
        seeds,
        matcher,
        threshold,
        from_raw,
        verbosity,
        unknown_people=False,
    ):
        quotes, segments = {}, {}
        for number, (source, article) in enumerate(sorted(articles.items()), 1):
            raw = (Path(seeds) / source).read_text(encoding="utf-8")
            seg_tally, result = compare_segments(by_source[source], raw, article)
            segments[article.slug] = seg_tally
            curated_quotes = list(article.quotes.select_related("paragraph", "speaker"))
            if from_raw:
                paragraphs = [
                    Paragraph(article=article, position=n, kind=kind, text=text)
                    for n, (kind, text) in enumerate(result.paragraphs, 1)
                ]
            else:
                paragraphs = list(article.paragraphs.all())
            predicted = extract_quotes(article, paragraphs=paragraphs, matcher=matcher)
            quotes[article.slug] = compare(
                article, raw, predicted, curated_quotes, threshold, names_count=unknown_people
            )
            if verbosity >= 1:
                self.stdout.write(
                    f"  [{number}/{len(articles)}] {source}: "
                    f"{quotes[article.slug].predicted} quotes found"
                )
        return {"quotes": quotes, "segments": segments}

    def report(self, outcome, threshold, from_raw, errors, unknown_people=False):
        out = self.stdout.write
        quotes, segments = outcome["quotes"], outcome["segments"]
        total = Tally()
        for tally in quotes.values():
            total += tally
        source = (
            "the segmenter's paragraphs of the raw texts" if from_raw else "the curated paragraphs"
        )
        out("")
        people = (
            ", knowing none of the people (speakers judged by name)"
            if unknown_people
            else ", knowing the archive's people"
        )
        out(f"Quote extraction on {source}{people} (threshold {threshold:.2f}):")
        out("")
        out(
            "| article | curated | found | matched | detection P | detection R | F1 "
            "| speaker right | attribution P | attribution R |"
        )
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for slug, tally in [*quotes.items(), ("all", total)]:
            name = f"**{slug}**" if slug == "all" else slug
            out(
                f"| {name} | {tally.curated} | {tally.predicted} | {tally.matched} "
                f"| {tally.precision:.1%} | {tally.recall:.1%} | {tally.f1:.1%} "
                f"| {tally.speaker_right}/{tally.matched} ({tally.speaker_accuracy:.1%}) "
                f"| {tally.attribution_precision:.1%} | {tally.attribution_recall:.1%} |"
            )
        out("")
        out(
            "Detection P/R: exact spans against the curated quotes. Speaker right: of the "
            "matched quotes, those given the curated speaker (a person, or nobody). "
            "Attribution P: of matched quotes given to a person, the right one. Attribution R: "
            "of all curated quotes with a named speaker, found and given to the right person."
        )
        out("")
        out("Errors by class:")
        for kind, count in sorted(total.errors.items(), key=lambda kc: (-kc[1], kc[0])):
            out(f"  {count:4d}  {kind}")
        seg_total = SegmentTally()
        for tally in segments.values():
            seg_total += tally
        out("")
        out("Segmentation of the raw texts (the importer's paragraphs against the curated ones):")
        out("")
        out(
            "| article | curated body ¶ | recovered exactly | extra body ¶ | all ¶ same text and kind |"
        )
        out("|---|---:|---:|---:|---:|")
        for slug, tally in [*segments.items(), ("all", seg_total)]:
            name = f"**{slug}**" if slug == "all" else slug
            share = tally.body_recovered / tally.body_curated if tally.body_curated else 0
            same = (
                tally.paragraphs_same / tally.paragraphs_curated if tally.paragraphs_curated else 0
            )
            out(
                f"| {name} | {tally.body_curated} | {tally.body_recovered} ({share:.1%}) "
                f"| {tally.body_extra} | {tally.paragraphs_same}/{tally.paragraphs_curated} "
                f"({same:.1%}) |"
            )
        out("")
        out(
            "Fields proposed as the curators recorded them: "
            + ", ".join(
                f"{name} {seg_total.fields[name]}/{seg_total.field_total[name]}"
                for name in seg_total.field_total
            )
        )
        if errors:
            out("")
            out("Every error:")
            for slug, kind, text, who, how in total.examples:
                out(f"  {slug}: {kind}: “{text}” — {who}" + (f" [{how}]" if how else ""))
        self.stdout.write(
            self.style.SUCCESS(
                f"Detection precision {total.precision:.1%}, recall {total.recall:.1%}; "
                f"attribution precision {total.attribution_precision:.1%}, "
                f"recall {total.attribution_recall:.1%}; body paragraphs recovered "
                f"{seg_total.body_recovered}/{seg_total.body_curated}."
            )
        )

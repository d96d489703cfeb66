"""The held-out evaluation: made-up captures the rules were not written on.

Each capture in fixtures/evaluation/ is a `<name>.txt` with a `<name>.json` beside it holding
what a curator would record: language, title, byline (author names), date, outlet, the body
paragraphs, the furniture lines that must stay out of the body, and the quotes with their
speakers (null when the text names nobody), and the names of the archive's people and places as
the text prints them (declined, respelled: {"text", "entity"}). The captures are invented, in English, Serbian
(both scripts) and Russian, and are read here as a fresh import reads them: the segmenter's
paragraphs of the raw text, with an archive that knows none of their people.

Three kinds of set, reported apart by `evaluate_extractor`: the first held-out set
(fixtures/evaluation/*.txt) and the development set (fixtures/evaluation/development/) are
written by the rules' authors and tuned on, so they show what the rules were written for; the
independent sets (fixtures/evaluation/independent*/) are written by someone who has not read the
rules and are only measured, never tuned on: they are the figure for unseen text.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from archive.text import fold_phrase
from articles.ingest.attribution import extract_quotes
from articles.ingest.names import capitalised_runs
from articles.ingest.quotes import DEFAULT_THRESHOLD, NAME_TOKEN
from articles.ingest.segmenting import segment
from articles.ingest.variants import PHRASE_HEAD, NamesIndex, propose_aliases
from articles.models import Article, Paragraph

FIELDS = ("title", "byline", "date", "outlet")
TRIM = " \t\n,.;:!?…—–-“”„«»‚‘’\"'"


class EvaluationError(Exception):
    pass


@dataclass
class Capture:
    name: str
    raw: str
    expected: dict

    @property
    def language(self):
        return self.expected.get("language") or "?"


def read_captures(folder):
    """The captures of `folder`, sorted by name; EvaluationError names a broken one."""
    folder = Path(folder)
    captures = []
    for text_path in sorted(folder.glob("*.txt")):
        json_path = text_path.with_suffix(".json")
        if not json_path.exists():
            raise EvaluationError(f"{text_path.name} has no {json_path.name} beside it.")
        try:
            expected = json.loads(json_path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise EvaluationError(f"{json_path.name} is not valid JSON: {error}") from None
        missing = [k for k in ("language", "title", "body", "quotes") if k not in expected]
        if missing:
            raise EvaluationError(f"{json_path.name} lacks {', '.join(missing)}.")
        captures.append(Capture(text_path.stem, text_path.read_text(encoding="utf-8"), expected))
    return captures


def trimmed(text):
    return " ".join((text or "").split()).strip(TRIM)


@dataclass
class HeldOutTally:
    captures: int = 0
    fields: Counter = field(default_factory=Counter)
    body_expected: int = 0
    body_recovered: int = 0
    furniture: int = 0
    furniture_out: int = 0
    quotes_expected: int = 0
    quotes_found: int = 0
    quotes_matched: int = 0
    named_expected: int = 0  # expected quotes with a speaker
    named_given: int = 0  # matched quotes given a speaker
    named_right: int = 0
    names_expected: int = 0  # declined or respelled names of the archive's entities
    names_linked: int = 0
    misses: list = field(default_factory=list)

    def __iadd__(self, other):
        for name in (
            "captures",
            "body_expected",
            "body_recovered",
            "furniture",
            "furniture_out",
            "quotes_expected",
            "quotes_found",
            "quotes_matched",
            "named_expected",
            "named_given",
            "named_right",
            "names_expected",
            "names_linked",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.fields.update(other.fields)
        self.misses.extend(other.misses)
        return self


def field_checks(result, expected):
    """{field: right?} for the proposed title, byline, date and outlet."""
    authors = [fold_phrase(n) for n in result.author_names]
    date = (
        result.published.isoformat()
        if result.published and (result.date_precision == "day")
        else None
    )
    return {
        "title": trimmed(result.title) == trimmed(expected["title"]) and not result.title_supplied,
        # A page that prints no byline is read right when none is proposed.
        "byline": authors == [fold_phrase(n) for n in expected.get("byline") or []],
        "date": date == expected.get("date"),
        "outlet": fold_phrase(result.outlet_name or "")
        == fold_phrase(expected.get("outlet") or ""),
    }


@lru_cache(maxsize=2)
def archive_entities(path=None):
    """{(kind, slug): (canonical name, [names and global aliases])} of the archive's fixture:
    the entities an import of these captures would find names for."""
    path = path or Path(settings.BASE_DIR) / "fixtures" / "archive.json"
    entities = {}
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    kinds = {
        "people.person": "person",
        "people.organization": "organization",
        "people.place": "place",
    }
    for record in records:
        kind = kinds.get(record["model"])
        if kind:
            name = record["fields"]["name"]
            entities[(kind, record["fields"]["slug"])] = (name, [name])
    for record in records:
        fields = record["fields"]
        if record["model"] == "people.alias" and not fields.get("article"):
            for kind in kinds.values():
                if fields.get(kind):
                    entities[(kind, fields[kind][0])][1].append(fields["name"])
    return entities


def names_index(expected_names):
    """A NamesIndex of the archive's entities, plus any entity an evaluation file names that
    the archive lacks (read as a person and as a place, since the file does not say)."""
    entities = archive_entities()
    entries = [(key, names, key[0] == "person") for key, (_, names) in entities.items()]
    canonical = {key: name for key, (name, _) in entities.items()}
    known = {name for name, _ in entities.values()}
    for entity in {e["entity"] for e in expected_names} - known:
        entries += [(("new", entity), [entity], True), (("new", entity), [entity], False)]
        canonical[("new", entity)] = entity
    return NamesIndex(entries), canonical


def names_linked(body, expected_names, tally, capture_name, title=""):
    """Count the expected names (as printed, and the archive's entity) the importer links:
    written as the archive writes them, or proposed as an alias of that entity. The title
    counts, as the names an evaluation file lists are the title's and the body's."""
    if not expected_names:
        return
    index, canonical = names_index(expected_names)
    lower = {w for text in body for w in NAME_TOKEN.findall(text) if w[:1].islower()}
    runs = [name for text in body for _, _, name in capitalised_runs(text, lower)]
    runs += PHRASE_HEAD.findall(title)
    texts = [title, *body]
    proposed = {(p.name, canonical[p.entity]) for p in propose_aliases(runs, index, texts)}
    for entry in expected_names:
        text, entity = entry["text"], entry["entity"]
        written = {
            fold_phrase(n)
            for key, names in index.names.items()
            if canonical[key] == entity
            for n in names
        }
        tally.names_expected += 1
        if (text, entity) in proposed or (
            fold_phrase(text) in written and any(text in t for t in texts)
        ):
            tally.names_linked += 1
        else:
            tally.misses.append((capture_name, "name not linked", f"{text!r} → {entity}"))


ARTICLE_KINDS = ("body", "heading")


def article_lines(raw, pieces):
    """The raw lines the importer reads as the article's text, as a curator sees them: (the
    lines kept whole as a paragraph of the article, a body paragraph or a heading, also with
    a "BELGRADE —" dateline split off the start; every line any piece of the article's text
    comes from). A line is judged by where its own pieces went, not by a word it shares with
    another paragraph."""
    lines = raw.split("\n")
    by_line = {}
    for piece in pieces:
        by_line.setdefault(piece.line, []).append(piece)
    whole, touched = set(), set()
    for number, line_pieces in by_line.items():
        line = lines[number - 1].strip()
        kinds = [p.kind for p in line_pieces]
        if any(kind in ARTICLE_KINDS for kind in kinds):
            touched.add(line)
        if (
            kinds in ([k] for k in ARTICLE_KINDS)
            or kinds == ["dateline", "body"]
            and (line_pieces[0].reason == "dateline")
        ):
            whole.add(line)
    return whole, touched


def speaker_of(found):
    if found.speaker is not None:
        return found.speaker.name
    return found.speaker_name or None


def evaluate_capture(capture, threshold=DEFAULT_THRESHOLD):
    """A HeldOutTally for one capture, read as a fresh import reads it."""
    expected, tally = capture.expected, HeldOutTally(captures=1)
    result = segment(capture.raw)
    for name, ok in field_checks(result, expected).items():
        tally.fields[name] += int(ok)
        if not ok:
            got = {
                "title": result.title,
                "byline": ", ".join(result.author_names),
                "date": result.published,
                "outlet": result.outlet_name,
            }[name]
            tally.misses.append((capture.name, name, f"got {got!r}"))
    body = [text for kind, text in result.paragraphs if kind == "body"]
    recovered, in_body = article_lines(capture.raw, result.pieces)
    tally.body_expected = len(expected["body"])
    tally.body_recovered = sum(1 for text in expected["body"] if text in recovered)
    for text in expected["body"]:
        if text not in recovered:
            tally.misses.append((capture.name, "body ¶ not recovered", text[:70]))
    furniture = expected.get("furniture", [])
    tally.furniture = len(furniture)
    for line in furniture:
        if line in in_body:
            tally.misses.append((capture.name, "furniture in the body", line))
        else:
            tally.furniture_out += 1

    title = result.title if result.title and not result.title_supplied else ""
    names_linked(body, expected.get("names", []), tally, capture.name, title)

    article = Article(title=result.title or capture.name, language=expected["language"])
    paragraphs = [
        Paragraph(article=article, position=n, kind=kind, text=text)
        for n, (kind, text) in enumerate(result.paragraphs, 1)
    ]
    found = [f for f in extract_quotes(article, paragraphs=paragraphs) if f.detection >= threshold]
    wanted = {}
    for quote in expected["quotes"]:
        wanted.setdefault(trimmed(quote["text"]), []).append(quote.get("speaker"))
    tally.quotes_expected = len(expected["quotes"])
    tally.named_expected = sum(1 for q in expected["quotes"] if q.get("speaker"))
    tally.quotes_found = len(found)
    for quote in found:
        speakers = wanted.get(trimmed(quote.text))
        if not speakers:
            tally.misses.append((capture.name, "quote not expected", quote.text[:70]))
            continue
        speaker = speakers.pop(0)
        tally.quotes_matched += 1
        got = speaker_of(quote)
        if got:
            tally.named_given += 1
            if speaker and fold_phrase(got) == fold_phrase(speaker):
                tally.named_right += 1
                continue
        if (got or None) != speaker:
            tally.misses.append(
                (capture.name, "speaker", f"{quote.text[:50]!r}: got {got!r}, expected {speaker!r}")
            )
    for text, speakers in wanted.items():
        for _ in speakers:
            tally.misses.append((capture.name, "quote missed", text[:70]))
    return tally


def evaluate(folder, threshold=DEFAULT_THRESHOLD, progress=None):
    """{language: HeldOutTally} over the captures of `folder`, plus "all"."""
    by_language = {}
    captures = read_captures(folder)
    for number, capture in enumerate(captures, 1):
        tally = evaluate_capture(capture, threshold)
        by_language.setdefault(capture.language, HeldOutTally())
        by_language[capture.language] += tally
        if progress:
            progress(number, len(captures), capture, tally)
    total = HeldOutTally()
    for tally in by_language.values():
        total += tally
    by_language["all"] = total
    return by_language


def ratio(a, b):
    return f"{a}/{b} ({a / b:.0%})" if b else "—"


def table(by_language):
    """The per-language table, as Markdown lines."""
    languages = [k for k in by_language if k != "all"] + ["all"]
    lines = ["| measure | " + " | ".join(languages) + " |", "|---|" + "---:|" * len(languages)]

    def row(label, get):
        lines.append(f"| {label} | " + " | ".join(get(by_language[k]) for k in languages) + " |")

    row("captures", lambda t: str(t.captures))
    for name in FIELDS:
        row(name, lambda t, name=name: ratio(t.fields[name], t.captures))
    row("body ¶ recovered", lambda t: ratio(t.body_recovered, t.body_expected))
    row("furniture kept out of the body", lambda t: ratio(t.furniture_out, t.furniture))
    row("quote detection P", lambda t: ratio(t.quotes_matched, t.quotes_found))
    row("quote detection R", lambda t: ratio(t.quotes_matched, t.quotes_expected))
    row("attribution P", lambda t: ratio(t.named_right, t.named_given))
    row("attribution R", lambda t: ratio(t.named_right, t.named_expected))
    row("declined names linked", lambda t: ratio(t.names_linked, t.names_expected))
    return lines

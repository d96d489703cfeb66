"""Turn the curation files (fixtures/curation/*.json) into archive records.

The curation files are what curators wrote by reading the five seed texts:
how each raw line is classified, the entities with their spellings, the
quotes as printed. This module checks every piece against the raw text,
computes paragraphs and offsets (nobody writes offsets by hand), merges
entities that several articles name, and hands the records to `store`, which
writes them. See fixtures/curation/SPEC.md for the format.
"""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError

from articles.ingest import store
from articles.models import Article, Mention, ParagraphKind, Quote, Status, sha256_of
from people.models import Organization, Person, Place

ENTITY_SECTIONS = {"people": Person, "organizations": Organization, "places": Place}
ARTICLE_FIELD_KINDS = {"title", "standfirst", "byline", "dateline"}
PARAGRAPH_KINDS = frozenset(ParagraphKind.values)
DROPPED_KINDS = {"furniture", "duplicate"}


class CurationError(Exception):
    pass


def read_curation(directory):
    directory = Path(directory)
    if not directory.is_dir():
        raise CurationError(f"No curation folder at {directory}.")
    files = sorted(directory.glob("*.json"))
    if not files:
        raise CurationError(f"No curation files (*.json) in {directory}.")
    documents = []
    for path in files:
        try:
            documents.append((path.name, json.loads(path.read_text(encoding="utf-8"))))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CurationError(f"{path.name}: not valid JSON ({error}).") from error
    # Shared entities first, so their names and descriptions win merges.
    documents.sort(key=lambda item: (item[1].get("source_name") is not None, item[0]))
    return documents


def merge_entities(documents):
    """slug -> merged definition, per section; later definitions add aliases."""
    merged = {section: {} for section in ENTITY_SECTIONS}
    for filename, document in documents:
        source = document.get("source_name")
        for section in ENTITY_SECTIONS:
            for entry in document.get(section, []):
                slug = entry["slug"]
                current = merged[section].get(slug)
                if current is None:
                    if "name" not in entry:
                        raise CurationError(
                            f"{filename}: {slug} adds aliases to an entity "
                            "that no curation file defines."
                        )
                    current = merged[section][slug] = {
                        "slug": slug,
                        "name": entry["name"],
                        "kind": entry.get("kind"),
                        "parent": entry.get("parent"),
                        "description": entry.get("description", ""),
                        "pseudonym": entry.get("pseudonym", ""),
                        "pseudonym_note": entry.get("pseudonym_note", ""),
                        "aliases": [],
                        "scoped": [],
                    }
                elif entry.get("name") and entry["name"] != current["name"]:
                    current["aliases"].append(entry["name"])
                current["aliases"].extend(entry.get("aliases", []))
                current["scoped"].extend((source, a) for a in entry.get("scoped_aliases", []))
                if section == "people" and source and len(entry.get("name", "").split()) == 1:
                    # A bare first name is no identity outside the article that uses it.
                    current["scoped"].append((source, entry["name"]))
    return merged


def parse_segments(filename, raw, segments):
    """Article fields and paragraphs (kind, text), in reading order."""
    lines = raw.split("\n")
    nonempty = {n for n, line in enumerate(lines, 1) if line.strip()}
    seen, fields, paragraphs = set(), {}, []
    for entry in segments:
        number, kind = entry[0], entry[1]
        if number not in nonempty:
            raise CurationError(
                f"{filename}: segment for line {number}, which is empty or "
                "beyond the end of the text."
            )
        line = lines[number - 1]
        text = entry[2] if len(entry) > 2 else line.strip()
        if text not in line:
            raise CurationError(f"{filename}: line {number} does not contain {text!r}.")
        seen.add(number)
        if kind in DROPPED_KINDS:
            continue
        if kind in ARTICLE_FIELD_KINDS:
            fields.setdefault(kind, []).append(text.strip())
        elif kind in PARAGRAPH_KINDS:
            paragraphs.append((kind, text.strip()))
        else:
            raise CurationError(f"{filename}: line {number} has unknown kind {kind!r}.")
    missing = sorted(nonempty - seen)
    if missing:
        raise CurationError(f"{filename}: lines {missing} are not classified.")
    return fields, paragraphs


def find_span(article, text, occurrence=1, kinds=None):
    """(paragraph, start) of the n-th occurrence of `text` in the article."""
    count = 0
    for paragraph in article.paragraphs.all():
        if kinds and paragraph.kind not in kinds:
            continue
        start = paragraph.text.find(text)
        while start != -1:
            count += 1
            if count == occurrence:
                return paragraph, start
            start = paragraph.text.find(text, start + 1)
    raise CurationError(
        f"{article.source_name}: {text!r} (occurrence {occurrence}) is not in "
        "the article's paragraphs."
    )


def build(documents, seeds_dir):
    """Create every record the curation files describe. Call inside a transaction.

    This module checks and resolves each record; `store` writes them, in the order the
    later records need: entities, then articles, then what points at both."""
    merged = merge_entities(documents)
    entities = {}
    new_entities = []
    for section, model in ENTITY_SECTIONS.items():
        for slug, data in merged[section].items():
            obj = model(
                slug=slug,
                name=data["name"],
                description=data["description"],
                pseudonym=data["pseudonym"],
                pseudonym_note=data["pseudonym_note"],
            )
            if model is not Person:
                obj.kind = data["kind"]
            new_entities.append(obj)
            entities[slug] = obj
    store.save_entities(new_entities)
    by_slug = {section: {s: entities[s] for s in merged[section]} for section in ENTITY_SECTIONS}
    children = []
    for slug, data in merged["places"].items():
        if data["parent"]:
            place = by_slug["places"][slug]
            place.parent = lookup(by_slug, "places", data["parent"], f"parent of {slug}")
            place.full_clean()
            children.append(place)
    store.save_parents(children)

    articles = {}
    for filename, document in documents:
        source = document.get("source_name")
        if source is None:
            continue
        raw_path = Path(seeds_dir) / source
        if not raw_path.is_file():
            raise CurationError(f"{filename}: the seed file {raw_path} does not exist.")
        raw = raw_path.read_text(encoding="utf-8")
        articles[source] = create_article(filename, document, raw, by_slug)

    store.create_aliases(aliases(merged, by_slug, articles))

    for filename, document in documents:
        source = document.get("source_name")
        if source is None:
            continue
        article = articles[source]
        store.add_affiliations(affiliations(filename, document, article, by_slug))
        store.save_spans(
            [
                *quotes(filename, document, article, by_slug),
                *mentions(filename, document, article, by_slug),
            ]
        )
    return articles


def aliases(merged, by_slug, articles):
    """(name, entity, article or None) for every other name of every entity, once each."""
    found = []
    for section in ENTITY_SECTIONS:
        for slug, data in merged[section].items():
            entity = by_slug[section][slug]
            names = {entity.name}
            for name in data["aliases"]:
                if name not in names:
                    names.add(name)
                    found.append((name, entity, None))
            scoped = set()
            for source, name in data["scoped"]:
                if (source, name) in scoped or source is None:
                    continue
                scoped.add((source, name))
                found.append((name, entity, articles[source]))
    return found


def affiliations(filename, document, article, by_slug):
    """The article's affiliations, as Affiliation's fields, their evidence checked."""
    found = []
    for entry in document.get("affiliations", []):
        evidence = entry.get("evidence", "")
        if evidence and evidence not in article.raw_text:
            raise CurationError(
                f"{filename}: affiliation evidence {evidence!r} is not in the text."
            )
        found.append(
            {
                "person": lookup(by_slug, "people", entry["person"], filename),
                "organization": lookup(by_slug, "organizations", entry["organization"], filename),
                "role": entry["role"],
                "title": entry.get("title", ""),
                "evidence": evidence,
                "article": article,
            }
        )
    return found


def quotes(filename, document, article, by_slug):
    """The article's curated quotes, placed in its paragraphs and validated, unsaved."""
    found = []
    for entry in document.get("quotes", []):
        paragraph, start = find_span(article, entry["text"], entry.get("occurrence", 1))
        speaker = entry.get("speaker")
        quote = Quote(
            article=article,
            paragraph=paragraph,
            start=start,
            end=start + len(entry["text"]),
            text=entry["text"],
            speaker=lookup(by_slug, "people", speaker, filename) if speaker else None,
            speaker_note=entry.get("speaker_note", "") if not speaker else "",
            status=Status.CONFIRMED,
        )
        full_clean(quote, filename)
        found.append(quote)
    return found


def mentions(filename, document, article, by_slug):
    """The article's curated mentions, placed in their context and validated, unsaved."""
    found = []
    for entry in document.get("mentions", []):
        paragraph, context_start = find_span(article, entry["context"])
        offset = entry["context"].find(entry["text"])
        if offset < 0:
            raise CurationError(
                f"{filename}: mention {entry['text']!r} is not inside its "
                f"context {entry['context']!r}."
            )
        start = context_start + offset
        mention = Mention(
            article=article,
            paragraph=paragraph,
            start=start,
            end=start + len(entry["text"]),
            text=entry["text"],
            status=Status.CONFIRMED,
            source=Mention.Source.CURATED,
        )
        mention.entity = lookup_any(by_slug, entry["entity"], filename)
        full_clean(mention, filename)
        found.append(mention)
    return found


def create_article(filename, document, raw, by_slug):
    meta = document["article"]
    fields, paragraphs = parse_segments(filename, raw, document["segments"])
    title = meta.get("title") or " ".join(fields.get("title", []))
    if not title:
        raise CurationError(f"{filename}: no title.")
    if not meta.get("title_supplied") and title not in raw:
        raise CurationError(f"{filename}: the title is not in the text; mark it supplied.")
    date = meta.get("date")
    article = Article(
        slug=meta["slug"],
        title=title,
        title_supplied=bool(meta.get("title_supplied")),
        standfirst=meta.get("standfirst") or " ".join(fields.get("standfirst", [])),
        outlet=lookup(by_slug, "organizations", meta["outlet"], filename)
        if meta.get("outlet")
        else None,
        byline="; ".join(fields.get("byline", [])),
        dateline=" ".join(fields.get("dateline", [])),
        published=datetime.date.fromisoformat(date) if date else None,
        date_precision=meta.get("date_precision") or "unknown",
        date_note=meta.get("date_note", ""),
        date_inferred=bool(meta.get("date_inferred")),
        language=meta.get("language", "en"),
        original_url=meta.get("original_url", ""),
        source_name=document["source_name"],
        raw_text=raw,
        sha256=sha256_of(raw),
    )
    full_clean(article, filename)
    store.save_article(
        article,
        authors=[lookup(by_slug, "people", s, filename) for s in meta.get("authors", [])],
        editors=[lookup(by_slug, "people", s, filename) for s in meta.get("editors", [])],
        paragraphs=paragraphs,
    )
    return article


def lookup(by_slug, section, slug, where):
    try:
        return by_slug[section][slug]
    except KeyError:
        raise CurationError(
            f"{where}: no {section[:-1] if section != 'people' else 'person'} with slug {slug!r}."
        ) from None


def lookup_any(by_slug, slug, where):
    for section in ENTITY_SECTIONS:
        if slug in by_slug[section]:
            return by_slug[section][slug]
    raise CurationError(f"{where}: no entity with slug {slug!r}.")


def full_clean(obj, where):
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise CurationError(f"{where}: {obj!r}: {'; '.join(error.messages)}") from error

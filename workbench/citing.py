"""A collection's items as citations: one CSL-JSON item per citable record.

Formatting is articles/citations.py's; this module only chooses the record
(a quote or a passage cites its article at the paragraph, with the paragraph's
anchor in the URL) and adds what a collection has beyond one quote: the quoted
words and the researcher's note. An item whose record was removed from the
archive is cited from the CSL item stored when it was saved.
"""

import json

from articles import citations

PROSE_STYLES = {"chicago": citations.chicago, "apa": citations.apa, "mla": citations.mla}


def record_for(target):
    """(article, paragraph position or None, quote or None) for a citable target."""
    kind = target._meta.model_name
    if kind == "quote":
        return target.article, target.paragraph.position, target
    if kind == "paragraph":
        return target.article, target.position, None
    if kind == "article":
        return target, None, None
    return None, None, None


def label_for(target):
    kind = target._meta.model_name
    if kind == "quote":
        return f"“{target.words}” — {target.speaker_label}"
    if kind == "paragraph":
        return f"{target.article.title}, ¶{target.position}"
    if kind == "article":
        return target.title
    return target.name


def csl_for(target, base_url):
    """The CSL item for a target (None for a person, organization or place)."""
    article, position, quote = record_for(target)
    if article is None:
        return None
    url = base_url.rstrip("/") + article.get_absolute_url()
    if position is not None:
        url += f"#p{position}"
    item = citations.csl_item(article, url, paragraph=position)
    if quote is not None:
        words = f"“{quote.words}” ({quote.speaker_label})"
        item["note"] = " ".join(filter(None, [words, item.get("note")]))
    return item


def snapshot(target, base_url):
    """The fields an item stores when saved: label, link, citation, CSL item."""
    csl = csl_for(target, base_url)
    return {
        "label": label_for(target),
        "url": target.get_absolute_url(),
        "csl": csl,
        "citation": citations.chicago(csl).text if csl else "",
    }


def item_csl(item, base_url):
    """The item's CSL record, live when the record exists, else as stored."""
    target = item.target
    return csl_for(target, base_url) if target is not None else item.csl


def prose(csl, style):
    return PROSE_STYLES[style](csl).text


def unique_ids(items):
    """CSL ids and BibTeX keys must differ within one file: suffix repeats."""
    seen = {}
    for csl in items:
        base = csl["id"]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            csl["id"] = f"{base}-{seen[base]}"
    return items


def bibtex(entries):
    """entries: (csl, researcher note). The note goes in `annote`, escaped."""
    out = []
    for csl, note in entries:
        text = citations.bibtex(csl)
        if csl.get("note", "").startswith("“"):
            text = add_bibtex_field(text, "abstract", csl["note"])
        if note:
            text = add_bibtex_field(text, "annote", note)
        out.append(text)
    return "\n\n".join(out) + "\n"


def add_bibtex_field(entry, name, value):
    body = entry.rstrip()[:-1].rstrip()  # the entry without its closing brace
    return f"{body},\n  {name} = {{{citations.bibtex_escape(value)}}}\n}}"


def ris(entries):
    out = []
    for csl, note in entries:
        lines = citations.ris(csl).split("\n")
        # The quoted words are already in N1, from the CSL note; the researcher's note follows.
        extra = [f"N1  - {citations.ris_value(note)}"] if note else []
        out.append("\n".join(lines[:-1] + extra + lines[-1:]))
    return "\n".join(out) + "\n"


def csl_json(entries):
    records = []
    for csl, note in entries:
        record = json.loads(citations.csl_json(csl))[0]
        if note:
            record["annote"] = note
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


FORMATS = {
    "bibtex": (bibtex, "bib", "application/x-bibtex"),
    "ris": (ris, "ris", "application/x-research-info-systems"),
    "csl-json": (csl_json, "json", "application/vnd.citationstyles.csl+json"),
}


def entries(items, base_url):
    """(CSL item, researcher note) for every citable item, removed ones from their snapshot."""
    out = []
    for item in items:
        csl = item_csl(item, base_url)
        if csl is not None:
            out.append((csl, item.note))
    unique_ids([csl for csl, _ in out])
    return out


def row(item, base_url, style="chicago"):
    """What a person reads about one item: in the collection page, the dossier and the CSV."""
    target = item.target
    base = base_url.rstrip("/")
    data = {
        "item": item,
        "kind": item.get_kind_display(),
        "label": item.label,
        "note": item.note,
        "removed": target is None,
        "speaker": "",
        "article": "",
        "outlet": "",
        "date": "",
        "permalink": base + item.url,
        "citation": "",
    }
    csl = item_csl(item, base_url)
    if csl is not None:
        data["citation"] = prose(csl, style)
        data["article"] = csl["title"]
        data["outlet"] = csl.get("container-title", "outlet unknown")
        issued = csl.get("issued", {}).get("date-parts", [None])[0]
        data["date"] = "-".join(f"{p:02d}" for p in issued) if issued else "n.d."
        if citations.inferred(csl):
            data["date"] += " (inferred)"
    if target is not None:
        data["label"] = label_for(target)
        data["permalink"] = base + target.get_absolute_url()
        if item.kind == "quote":
            data["speaker"] = target.speaker_label
            data["words"] = target.words
    elif item.kind == "quote":
        data["speaker"] = item.label.rpartition(" — ")[2]
    return data


CSV_COLUMNS = [
    "position",
    "kind",
    "label",
    "speaker",
    "article",
    "outlet",
    "date",
    "note",
    "citation",
    "permalink",
    "removed",
]


def csv_export(items, base_url, filename):
    from archive.exports import csv_response

    def rows():
        for item in items:
            data = row(item, base_url)
            data["position"] = item.position
            data["removed"] = "removed from the archive" if data["removed"] else ""
            yield data

    return csv_response(rows(), CSV_COLUMNS, filename)

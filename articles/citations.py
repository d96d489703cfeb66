"""Citations for articles and quotes: Chicago, APA, MLA, BibTeX, RIS and CSL-JSON.

Everything is built from one CSL-JSON item (`csl_item`), the record reference
managers exchange. The three prose styles are formatted here rather than by
citeproc-py: its 0.11 release implements CSL 1.0 only, and with the current
Chicago, APA and MLA style files it initializes given names Chicago and MLA
spell out, prints stray labels ("Edition."), repeats a title that stood in for
a missing author, and leaves periods outside closing quotation marks. For the
one kind of record the archive cites (a newspaper or online article, plus a
paragraph for a quote) the rules are few and are pinned by exact-output tests.

Honesty rules: no author is invented (an unsigned article starts with its
title), an unknown date prints "n.d." (Chicago, APA) or is left out with an
access date added (MLA), a year the archive inferred from the text (the text
prints none) is marked as conjectured in each style's way ("[2022?]" in
Chicago and MLA, "ca. 2022" in APA, CSL's "circa" flag and a note in the
files), and a title the archive devised keeps its square brackets and is
neither quoted nor re-cased.

Over 400 lines: six formats from one item, each pinned by exact-output tests; split per
format, each module would repeat the name, date and title rules they share.
"""

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.html import escape
from django.utils.safestring import mark_safe
from unidecode import unidecode

from archive.dates import MONTHS

ARCHIVE_NAME = "Russians in Serbia: a news archive"
SUPPLIED_NOTE = "Title supplied by the archive: the text prints no headline."
INFERRED_NOTE = "Year inferred by the archive from the text, which prints no date."
MLA_MONTHS = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Lower-case in a headline-style title unless first or last (Chicago 8.159, MLA 1.2).
# fmt: off
MINOR_WORDS = {"a", "an", "the", "and", "but", "for", "nor", "or", "so", "yet", "as", "at",
               "by", "in", "of", "off", "on", "per", "to", "up", "via", "from", "into", "onto",
               "over", "with", "than", "vs", "about", "above", "across", "after", "against",
               "along", "among", "around", "before", "behind", "below", "beneath", "beside",
               "between", "beyond", "despite", "during", "inside", "near", "since", "through",
               "toward", "towards", "under", "until", "upon", "within", "without"}
# fmt: on
NAME_PARTICLES = {"van", "von", "de", "da", "der", "den", "di", "du", "la", "le", "del", "ter"}

# fmt: off
STYLES = (
    ("chicago", "Chicago (notes and bibliography)"),
    ("apa", "APA (7th edition)"),
    ("mla", "MLA (9th edition)"),
    ("bibtex", "BibTeX"),
    ("ris", "RIS (EndNote, Zotero, Mendeley)"),
    ("csl-json", "CSL-JSON"),
)
# fmt: on
DOWNLOADS = {
    "bibtex": ("bib", "application/x-bibtex"),
    "ris": ("ris", "application/x-research-info-systems"),
    "csl-json": ("json", "application/vnd.citationstyles.csl+json"),
}


@dataclass
class Formatted:
    """A citation as plain text (to copy) and as HTML (to read, with italics)."""

    style: str
    label: str
    text: str
    html: str
    in_text: str = ""  # the short citation with the paragraph, for a quote

    @property
    def prose(self):
        return self.style in ("chicago", "apa", "mla")


class Rich:
    """Text pieces, some italic, rendered as plain text or escaped HTML."""

    def __init__(self):
        self.pieces = []

    def add(self, text, italic=False):
        if text:
            self.pieces.append((text, italic))
        return self

    @property
    def text(self):
        return "".join(text for text, _ in self.pieces)

    @property
    def html(self):
        return mark_safe(
            "".join(  # noqa: S308 - every piece is escaped here
                f"<i>{escape(text)}</i>" if italic else str(escape(text))
                for text, italic in self.pieces
            )
        )


# -- the record ----------------------------------------------------------------


def split_name(name):
    """A CSL name: family and given, or a literal for a single word."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in NAME_PARTICLES:
        family_start -= 1
    return {"family": " ".join(words[family_start:]), "given": " ".join(words[:family_start])}


def date_parts(article):
    if not article.published:
        return None
    parts = [article.published.year]
    if article.date_precision in ("month", "day"):
        parts.append(article.published.month)
    if article.date_precision == "day":
        parts.append(article.published.day)
    return parts


def csl_item(article, url, accessed=None, paragraph=None):
    """The article as one CSL-JSON item (https://citationstyles.org/ CSL 1.0.2)."""
    item = {
        "id": article.slug if paragraph is None else f"{article.slug}-p{paragraph}",
        "type": "article-newspaper",
        "title": article.title,
    }
    authors = [split_name(p.name) for p in article.authors.all()]
    if authors:
        item["author"] = authors
    editors = [split_name(p.name) for p in article.editors.all()]
    if editors:
        item["editor"] = editors
    if article.outlet_id:
        item["container-title"] = article.outlet.name
    parts = date_parts(article)
    if parts:
        item["issued"] = {"date-parts": [parts]}
        if article.date_inferred:
            item["issued"]["circa"] = True
    item["language"] = article.language
    item["URL"] = url
    if accessed:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    item["archive"] = ARCHIVE_NAME
    item["archive_location"] = article.source_name
    notes = [
        SUPPLIED_NOTE if article.title_supplied else "",
        INFERRED_NOTE if article.date_inferred and parts else "",
    ]
    if any(notes):
        item["note"] = " ".join(filter(None, notes))
    if paragraph is not None:
        item["locator"] = str(paragraph)  # a cite-item field, kept apart by csl_json()
    return item


# -- shared pieces -------------------------------------------------------------


def supplied(item):
    return SUPPLIED_NOTE in item.get("note", "")


def inferred(item):
    """The year is the archive's inference, not printed: cited as conjectured."""
    return bool(item.get("issued", {}).get("circa"))


def conjectured(item, date):
    """Chicago and MLA: a year not printed but inferred, in brackets with a question mark."""
    return f"[{date}?]" if inferred(item) else date


def bracketed(title):
    return title if title.startswith("[") else f"[{title}]"


def end_with_period(text):
    return text if text.endswith((".", "?", "!")) else text + "."


def headline_case(title):
    """Chicago/MLA headline style: capitalize words, keep minor words lower-case."""
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        lead = len(word) - len(word.lstrip("“‘\"'([—–-"))
        core = word[lead:]
        first_or_last = i == 0 or i == len(words) - 1 or out and out[-1].endswith((":", "—"))
        if core.lower() in MINOR_WORDS and not first_or_last:
            plain_word = core.islower() or core[:1].isupper() and core[1:].islower()
            out.append(word[:lead] + core.lower() if plain_word else word)
        else:
            out.append(word[:lead] + core[:1].upper() + core[1:])
    return " ".join(out)


LEADING_PUNCTUATION = "“‘\"'([—–-"


def proper_names():
    """Names a sentence-case title keeps capitalized: every person, organization and place
    of the archive, their Latin aliases, and each part of a person's name (headlines often
    give only the surname). One query."""
    from django.apps import apps
    from django.db.models import CharField, Value

    def named(model_name, kind, **filters):
        return (
            apps.get_model("people", model_name)
            .objects.filter(**filters)
            .annotate(name_kind=Value(kind, output_field=CharField()))
            .values_list("name", "name_kind")
            .order_by()
        )

    rows = named("Person", "person").union(
        named("Organization", "other"),
        named("Place", "other"),
        named("Alias", "other", script="Latn"),
        all=True,
    )
    names = set()
    for name, kind in rows:
        names.add(name)
        if kind == "person":
            names.update(name.split())
    return names


def proper_words(names):
    """(phrases, words): the multi-word names, and the one-word names that are capitalized."""
    phrases, words = set(), set()
    for name in names:
        name = name.strip()
        if " " in name:
            phrases.add(name.casefold())
        elif name[:1].isupper():
            words.add(name.casefold())
    return phrases, words


def is_name_word(core, words):
    """A word of a name, its possessive, or a word made from it ("Russian" from "Russia")."""
    base = re.split(r"[’']", core)[0].strip('.,;:!?…)”’"').casefold()
    return len(base) > 1 and any(
        base == w or (len(w) >= 4 and base.startswith(w) and len(base) - len(w) <= 3) for w in words
    )


def sentence_case(title, names=()):
    """APA 7 sentence case (6.17): the first word, the first word after a colon and proper
    nouns capitalized, everything else lower case. Proper nouns are the archive's own
    names (`names`); acronyms and words with inner capitals (RFE/RL, iPhone) stay as written."""
    phrases, words = proper_words(names)
    folded = title.casefold()
    kept = [False] * len(title)
    for phrase in phrases:
        for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", folded):
            kept[m.start() : m.end()] = [True] * (m.end() - m.start())
    out, capital_next = [], True
    for m in re.finditer(r"\S+", title):
        word = m.group(0)
        lead = len(word) - len(word.lstrip(LEADING_PUNCTUATION))
        core = word[lead:]
        letters = re.sub(r"\W", "", core)
        if capital_next:
            core = core[:1].upper() + core[1:]
        elif not (
            kept[m.start() + lead]
            or is_name_word(core, words)
            or letters.isupper()
            and len(letters) > 1
            or letters[1:] != letters[1:].lower()
            or letters == "I"
        ):
            core = core.lower()
        out.append(word[:lead] + core)
        capital_next = word.endswith((":", "?", "!"))
    return " ".join(out)


def name_normal(name):
    return name.get("literal") or f"{name['given']} {name['family']}"


def name_inverted(name):
    return name.get("literal") or f"{name['family']}, {name['given']}"


def initials(given):
    def one(part):
        return "-".join(f"{p[0]}." for p in part.split("-") if p)

    return " ".join(one(part) for part in given.split())


def month_day_year(parts):
    if len(parts) == 3:
        return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def accessed_parts(item):
    return item["accessed"]["date-parts"][0] if "accessed" in item else None


def display_url(url):
    return re.sub(r"^https?://", "", url)


def chicago_authors(names):
    if len(names) == 1:
        return name_inverted(names[0])
    rest = [name_normal(n) for n in names[1:]]
    return ", ".join([name_inverted(names[0]), *rest[:-1]]) + ", and " + rest[-1]


def chicago_title(item):
    if supplied(item):
        return bracketed(item["title"]), False
    return headline_case(item["title"]), True


# -- Chicago -------------------------------------------------------------------


def chicago(item):
    """Chicago Manual of Style, 17th/18th ed., bibliography entry (14.89, 14.91)."""
    rich = Rich()
    title, quoted = chicago_title(item)
    if "author" in item:
        rich.add(end_with_period(chicago_authors(item["author"])) + " ")
    if quoted:
        rich.add(f"“{end_with_period(title)}” ")
    else:
        rich.add(end_with_period(title) + " ")
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    date = conjectured(item, month_day_year(issued)) if issued else "n.d."
    if "container-title" in item:
        rich.add(item["container-title"], italic=True).add(f", {end_with_period(date)}")
    else:
        rich.add(end_with_period(date))
    accessed = accessed_parts(item)
    if not issued and accessed:
        rich.add(f" Accessed {month_day_year(accessed)}.")
    rich.add(f" {item['URL']}.")
    return rich


def chicago_note(item):
    """The footnote for a quote, pointing at its paragraph (14.89)."""
    parts = []
    if "author" in item:
        parts.append(
            " and ".join(name_normal(n) for n in item["author"])
            if len(item["author"]) < 3
            else ", ".join(name_normal(n) for n in item["author"][:-1])
            + ", and "
            + name_normal(item["author"][-1])
        )
    title, quoted = chicago_title(item)
    parts.append(f"“{title},”" if quoted else f"{title},")
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    tail = [
        item.get("container-title"),
        conjectured(item, month_day_year(issued)) if issued else "n.d.",
    ]
    tail.append(f"para. {item['locator']}")
    text = (", ".join(parts[:-1]) + ", " if len(parts) > 1 else "") + parts[-1]
    return f"{text} {', '.join(t for t in tail if t)}, {item['URL']}."


# -- APA -----------------------------------------------------------------------


def apa_author(name):
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {initials(name['given'])}"


def apa_authors(names):
    formatted = [apa_author(n) for n in names]
    if len(formatted) == 1:
        return formatted[0]
    if len(formatted) <= 20:
        return ", ".join(formatted[:-1]) + ", & " + formatted[-1]
    return ", ".join(formatted[:19]) + ", . . . " + formatted[-1]


def apa_date(parts, circa=False):
    if not parts:
        return "n.d."
    if circa:  # a year not printed but reliably estimated is preceded by "ca."
        return f"ca. {parts[0]}"
    if len(parts) == 3:
        return f"{parts[0]}, {MONTHS[parts[1] - 1]} {parts[2]}"
    if len(parts) == 2:
        return f"{parts[0]}, {MONTHS[parts[1] - 1]}"
    return str(parts[0])


def apa(item):
    """APA Publication Manual, 7th ed., reference entry for a news article (10.1)."""
    rich = Rich()
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    title = (
        bracketed(item["title"]) if supplied(item) else sentence_case(item["title"], proper_names())
    )
    if "author" in item:
        rich.add(end_with_period(apa_authors(item["author"])))
        rich.add(f" ({apa_date(issued, inferred(item))}). ")
        rich.add(end_with_period(title) + " ")
    else:  # the title moves to the author's place (9.12)
        rich.add(end_with_period(title))
        rich.add(f" ({apa_date(issued, inferred(item))}). ")
    if "container-title" in item:
        rich.add(item["container-title"], italic=True).add(". ")
    rich.add(item["URL"])
    return rich


def apa_in_text(item):
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    year = apa_date(issued[:1], inferred(item)) if issued else "n.d."
    if "author" in item:
        names = item["author"]
        first = names[0].get("family") or names[0].get("literal")
        if len(names) == 2:
            second = names[1].get("family") or names[1].get("literal")
            who = f"{first} & {second}"
        else:
            who = first if len(names) == 1 else f"{first} et al."
    else:
        who = bracketed(item["title"]) if supplied(item) else f"“{item['title']}”"
    return f"({who}, {year}, para. {item['locator']})"


# -- MLA -----------------------------------------------------------------------


def mla_authors(names):
    if len(names) == 1:
        return name_inverted(names[0])
    if len(names) == 2:
        return f"{name_inverted(names[0])}, and {name_normal(names[1])}"
    return f"{name_inverted(names[0])}, et al"


def mla_date(parts):
    if len(parts) == 3:
        return f"{parts[2]} {MLA_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MLA_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def mla(item):
    """MLA Handbook, 9th ed., works-cited entry (5.1–5.113)."""
    rich = Rich()
    if "author" in item:
        rich.add(end_with_period(mla_authors(item["author"])) + " ")
    if supplied(item):
        rich.add(end_with_period(bracketed(item["title"])) + " ")
    else:
        rich.add(f"“{end_with_period(headline_case(item['title']))}” ")
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    if "container-title" in item:
        rich.add(item["container-title"], italic=True).add(", ")
    if issued:
        rich.add(conjectured(item, mla_date(issued)) + ", ")
    rich.add(display_url(item["URL"]) + ".")
    accessed = accessed_parts(item)
    if not issued and accessed:
        rich.add(f" Accessed {mla_date(accessed)}.")
    return rich


def mla_in_text(item):
    if "author" in item:
        names = item["author"]
        first = names[0].get("family") or names[0].get("literal")
        if len(names) == 2:
            who = f"{first} and {names[1].get('family') or names[1].get('literal')}"
        else:
            who = first if len(names) == 1 else f"{first} et al."
    else:
        who = bracketed(item["title"]) if supplied(item) else f"“{headline_case(item['title'])}”"
    return f"({who} par. {item['locator']})"


# -- BibTeX --------------------------------------------------------------------

# fmt: off
BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$",
                   "%": r"\%", "&": r"\&", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}
# fmt: on


def bibtex_escape(text):
    text = " ".join(text.split())
    return "".join(BIBTEX_SPECIALS.get(ch, ch) for ch in text)


def bibtex_url(url):
    """The url field is read verbatim (no TeX escapes): braces, backslashes and spaces, which
    would end or break the field, are percent-encoded instead."""
    return re.sub(r"[{}\\\s]", lambda m: quote(m.group(), safe=""), url)


def bibtex_name(name):
    if "literal" in name:
        return "{" + bibtex_escape(name["literal"]) + "}"
    return f"{bibtex_escape(name['family'])}, {bibtex_escape(name['given'])}"


def bibtex_key(item):
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    if "author" in item:
        first = item["author"][0]
        who = first.get("family") or first.get("literal")
    else:
        who = ""
    title_words = [
        w for w in re.findall(r"\w+", unidecode(item["title"]).lower()) if w not in MINOR_WORDS
    ]
    key = re.sub(r"[^a-z0-9]", "", unidecode(who).lower())
    key += str(issued[0]) if issued else "nd"
    key += title_words[0] if title_words else ""
    if "locator" in item:
        key += f"p{item['locator']}"
    return key


def bibtex(item):
    """A BibTeX entry (UTF-8; biblatex and natbib read `url`, `urldate`, `date`)."""
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    entry_type = "article" if "container-title" in item else "misc"
    fields = []
    if "author" in item:
        fields.append(("author", " and ".join(bibtex_name(n) for n in item["author"])))
    # Double braces keep the title as printed: no style re-cases "Serbia".
    fields.append(("title", "{" + bibtex_escape(item["title"]) + "}"))
    if "container-title" in item:
        fields.append(("journal", bibtex_escape(item["container-title"])))
    if issued:
        fields.append(("year", str(issued[0])))
        if len(issued) >= 2:
            fields.append(("month", BIBTEX_MONTHS[issued[1] - 1]))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued))))
    fields.append(("url", bibtex_url(item["URL"])))
    accessed = accessed_parts(item)
    if accessed:
        fields.append(("urldate", "{:04d}-{:02d}-{:02d}".format(*accessed)))
    fields.append(("language", bibtex_escape(item["language"])))
    notes = []
    if supplied(item):
        notes.append("Title supplied by the archive")
    if not issued:
        notes.append("Date unknown")
    if inferred(item):
        notes.append("Year inferred from the text, not printed")
    if "locator" in item:
        notes.append(f"Para. {item['locator']}")
    notes.append(f"{item['archive']}, {item['archive_location']}")
    fields.append(("note", bibtex_escape("; ".join(notes))))
    lines = [f"@{entry_type}{{{bibtex_key(item)},"]
    for name, value in fields:
        bare = name == "month"
        lines.append(f"  {name} = {value}," if bare else f"  {name} = {{{value}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)


# -- RIS -----------------------------------------------------------------------


def ris_value(text):
    return " ".join(str(text).split())


def ris(item):
    """An RIS record (the tags Zotero, EndNote and Mendeley read for a news article)."""
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    lines = [("TY", "NEWS")]
    for name in item.get("author", []):
        lines.append(("AU", name_inverted(name)))
    for name in item.get("editor", []):
        lines.append(("ED", name_inverted(name)))
    lines.append(("TI", item["title"]))
    if "container-title" in item:
        lines.append(("T2", item["container-title"]))
    if issued:
        lines.append(("PY", str(issued[0])))
        month = f"{issued[1]:02d}" if len(issued) > 1 else ""
        day = f"{issued[2]:02d}" if len(issued) > 2 else ""
        lines.append(("DA", f"{issued[0]}/{month}/{day}/"))
    if "locator" in item:
        lines.append(("SP", f"para. {item['locator']}"))
    lines.append(("LA", item["language"]))
    lines.append(("UR", item["URL"]))
    accessed = accessed_parts(item)
    if accessed:
        lines.append(("Y2", "{:04d}/{:02d}/{:02d}/".format(*accessed)))
    lines.append(("DB", item["archive"]))
    lines.append(("AN", item["archive_location"]))
    if "note" in item:
        lines.append(("N1", item["note"]))
    if not issued:
        lines.append(("N1", "Date unknown"))
    lines.append(("ER", ""))
    return "\n".join(
        f"{tag}  - {ris_value(value)}".rstrip() + (" " if tag == "ER" else "")
        for tag, value in lines
    )


def csl_json(item):
    """A CSL-JSON array; a quote's paragraph goes in the note (an item has no locator)."""
    item = dict(item)
    locator = item.pop("locator", None)
    if locator:
        item["note"] = " ".join(
            filter(None, [f"Quotation at paragraph {locator}.", item.get("note")])
        )
    text = json.dumps([item], ensure_ascii=False, indent=2)
    # One line per date: "date-parts": [[2025, 2, 1]].
    return re.sub(
        r'"date-parts": \[[\s\d,\[\]]*?\]\s*\]',
        lambda m: '"date-parts": [[' + ", ".join(re.findall(r"\d+", m.group(0))) + "]]",
        text,
    )


# -- entry point -------------------------------------------------------------------


def plain(style, text, in_text=""):
    label = dict(STYLES)[style]
    return Formatted(style, label, text, str(escape(text)), in_text)


def cite(article, url, accessed=None, paragraph=None):
    """Every style for an article (or, with `paragraph`, for a quote in it)."""
    item = csl_item(article, url, accessed, paragraph)
    quote = paragraph is not None
    out = []
    for style, formatter, in_text in (
        ("chicago", chicago, chicago_note),
        ("apa", apa, apa_in_text),
        ("mla", mla, mla_in_text),
    ):
        rich = formatter(item)
        out.append(
            Formatted(
                style, dict(STYLES)[style], rich.text, rich.html, in_text(item) if quote else ""
            )
        )
    out.append(plain("bibtex", bibtex(item)))
    out.append(plain("ris", ris(item)))
    out.append(plain("csl-json", csl_json(item)))
    return out


def export(article, url, style, accessed=None, paragraph=None):
    """One machine-readable format as (text, file extension, content type)."""
    item = csl_item(article, url, accessed, paragraph)
    text = {"bibtex": bibtex, "ris": ris, "csl-json": csl_json}[style](item)
    extension, content_type = DOWNLOADS[style]
    return text + "\n", extension, content_type

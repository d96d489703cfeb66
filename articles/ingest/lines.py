"""What one line of a capture is: the patterns (in English, Serbian and Russian) for
bylines, captions, credits, furniture and notes, and `analyse_line`, which splits a line into
pieces of a kind with the reason. A line that sets several fields side by side ("Jovana Ilić,
Niš, 14.03.2024.") is read part by part in metadata.py. segmenting.py reads the capture as a
whole with them.

A little over 400 lines: the line patterns of three languages live together so that one line
is classified by one table; the dates, a dozen shapes of their own, are read in dates.py.
"""

import re

from articles.ingest import boilerplate, lexicon, metadata
from articles.ingest.bylines import (  # noqa: F401 (a line's byline is read from here too)
    BYLINE_MAX_CHARS,
    author_like,
    byline,
    byline_names,
    first_credit,
    looks_like_byline_name,
    looks_like_name,
    name_list,
    place_like,
    role_line,
    split_names,
    written_as_name,
)
from articles.ingest.dates import (  # noqa: F401 (the date of a line is read from here too)
    ANY_DATE,
    CAPTION_DATE,
    MONTHS,
    RELATIVE_TIME,
    parse_date,
)
from articles.ingest.lexicon import SENTENCE_STARTERS
from articles.models import ParagraphKind

PARAGRAPH_KINDS = frozenset(ParagraphKind.values)
NAV_LINE = re.compile(
    r"^(?:stories|news|home|menu|search|share(?: this(?: article| story)?)?|print|comments?"
    r"|accessibility links|skip to (?:main |the )?(?:content|article)|breaking news|advertisement"
    r"|sponsored|preskoči na (?:glavni )?sadržaj|прескочи на (?:главни )?садржај"
    r"|перейти к (?:основному )?(?:содержанию|контенту|статье)"
    r"|related(?: stories| articles| content)?|read more|more stories|most (?:popular|read)"
    r"|latest(?: news)?|follow us.*|log ?in|sign ?in|subscribe|listen to this article"
    r"|(?:tags?|topics?|filed under):.*|back to top|next article|previous article)$",
    re.IGNORECASE,
)
PLAYER_LINE = re.compile(
    r"^(?:please wait|no media source currently available|loading(?: video)?\W*|the media could "
    r"not be loaded.*|your browser does(?:n[’']t| not) support.*|embed|share video|watch video"
    r"|(?:\d{1,2}:\d{2}(?::\d{2})?\s*)+)$",
    re.IGNORECASE,
)
IMAGE_RESIDUE = re.compile(
    r"^(?:[•·*]\s*)?\d+x\d+\s+image$|^!\[[^\]]*\]\([^)]*\)\s*\|?$", re.IGNORECASE
)
ARROW_LINE = re.compile(r"^[〉›»>]\s*\S")
# A breadcrumb trail: "Home › Europe › Serbia", "Početna » Društvo", "Главная / Общество".
BREADCRUMB_SEPARATOR = re.compile(r"\s+[〉›»>→/|]\s+|\s*[〉›»→]\s*")
# A byline and a date on one line: "By Jelena Marković / 14.03.2024. 10:22".
META_SEPARATOR = re.compile(r"\s+(?:[/|·•]|[—–-])\s+")
HASHTAGS = re.compile(r"^#[^\W_][\w-]*(?:[\s,]+#[^\W_][\w-]*)*$")
WELCOME_LINE = re.compile(r"^welcome to\b", re.IGNORECASE)
IMAGE_PREFIX = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*\|?\s*")

APPEALS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bsign up\b",
        r"\byour inbox\b",
        r"\breaders like you\b",
        r"\bdonate now\b",
        r"\bbecome an? (?:donor|member|subscriber|supporter|patron)\b",
        r"\bthanks? (?:you )?for (?:reading|taking the time|your support)\b",
        r"\bplease (?:consider )?(?:donating|supporting|subscribing)\b",
        r"\bcrowdfunding\b",
        r"\bfunded by (?:its|our) readers\b",
        r"\bwith your (?:help|support)\b",
        r"\bevery donated\b",
        r"\bwe are (?:a )?non-?profit\b",
        r"\bsupport (?:us|our (?:work|journalism|reporting))\b",
        r"\bsubscribe (?:to|now|here)\b",
        r"\bget (?:the|our) (?:next|latest) (?:issue|newsletter)\b",
        r"^thank you!?$",
    )
]
NOTE_START = re.compile(
    r"^(?:editor[’']?s[’']? note|note|correction|clarification|update|updated|disclosure"
    r"|source|this (?:story|article|report|piece) (?:first|originally|was|is))\b",
    re.IGNORECASE,
)
PROVENANCE = re.compile(
    r"\b(?:first|originally) (?:appeared|published|ran)\b|\brepublished\b", re.IGNORECASE
)
SOURCE_LINE = re.compile(
    rf"^(?:(?:{lexicon.SOURCE_LABELS}):\s*|(?:{lexicon.SOURCE_PHRASES})\s+(?:(?:{lexicon.MEDIA_KINDS})\s+)?)"
    r"(?P<name>\S.{0,80}?)\.?$",
    re.IGNORECASE,
)
CAPTION_START = re.compile(
    r"^(?:top |main |cover |lead )?(?:photo|image|picture|video|pictured|above|below|foto"
    r"|фото|slika|слика|снимок|на фото|на снимке|на слици|na slici|na fotografiji)s?\s*:",
    re.IGNORECASE,
)
CREDIT_START = re.compile(
    r"^\(?(?:photos?|photograph(?:s|y)?|images?|pictures?|illustrations?|foto(?:grafij[ae])?"
    r"|(?:photo source|izvor fotografije|izvor foto|извор фотографије|извор фото|источник фото"
    r"|autor(?:ka)? fotografij[ae]|аутор(?:ка)? фотографиј[ае]|автор фото(?:графии)?)"
    r"|фото(?:графиј[ае]|графия)?|slika|слика|ilustracija|илустрација|иллюстрация)"
    r"(?:\s+by|\s*:)\s+\S|^©|^\(?(?:photo|image) credit",
    re.IGNORECASE,
)
TRAILING_CREDIT = re.compile(
    r"(?<=[.!?)])\s+\(?(?:Photos?|Photograph|Image|Picture)s?(?:\s+by|:)\s+"
    r"[A-Z][\w.&’' /-]{1,60}\)?$"
)
POSITION_NOTE = re.compile(
    r"\((?:left|right|center|centre|top|bottom|front|back|second from \w+)\)"
)
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]{2,}(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+){0,3}"
    r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?)\s*(?:\([^)]{1,30}\)\s*)?(?:—|–|--)\s*"
)
KICKER = re.compile(
    r"^(?P<kicker>(?:Dispatch(?:es)?|Letter|Postcard|Report|Notes) from\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
    r"|Analysis|Opinion|Interview|Feature|Explainer|Commentary|Long read|Photo essay|Exclusive)"
    r"\s*[:|—–-]?\s+(?=[A-Z‘“'\"])"
    # a section's label of any of the three languages, in capitals or not, before a bar or colon:
    # "INTERVIEW | …", "Intervju: …", "РЕПОРТАЖ | …"
    rf"|^(?P<label>(?i:{lexicon.KICKER_WORDS}))\s*[:|—–]\s+(?=\S)"
)
BIO_JOBS = (
    r"correspondent|journalist|reporter|editor|writer|author|photographer|photojournalist"
    r"|contributor|columnist|producer|freelancer?"
)
BIO = re.compile(
    rf"^(?P<name>[A-ZÀ-ÖØ-Þ][\w’'.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w’'.-]+){{1,3}})\s+"
    rf"(?:is|was|has been|works as)\b.*\b(?:{BIO_JOBS})"
)
# A Serbian quote closes with “ (and ‘): „…“, ‚…‘.
SENTENCE_END = re.compile(
    r"(?<=[.!?…])[”’“‘»\"')\]]*\s+(?=[“‘„‚«\"'(\[—]?[A-ZÀ-ÖØ-ÞА-ЯЁЂЈЉЊЋЏŠČŽĐĆ0-9])"
)
TERMINAL = set(".!?…:;")
CLOSERS = "”’“‘\"')]»"
OPENERS = "“‘\"'([«"


# -- looking at one line ------------------------------------------------------


def word_count(text):
    return len(re.findall(r"[^\W_][\w’'\-]*", text))


def without_closers(text):
    return text.rstrip(CLOSERS + " ")


def has_terminal(text):
    stripped = without_closers(text)
    return bool(stripped) and stripped[-1] in TERMINAL


def spans_between(separator, text):
    """(start, end) of the non-blank stretches of a line between matches of `separator`."""
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentences(text):
    """(start, end) of each sentence of a line."""
    return spans_between(SENTENCE_END, text)


def is_appeal(sentence):
    return any(p.search(sentence) for p in APPEALS) or boilerplate.is_appeal(sentence)


def is_quoted_line(text):
    return text[:1] in "“‘\"'" and text.rstrip()[-1:] in "”’\"'"


def is_credit(text):
    if CREDIT_START.search(text):
        # "Photo: The band on stage in Subotica." is a caption: a credit only names.
        label = CAPTION_START.match(text)
        return not (label and word_count(text[label.end() :]) > 6)
    parts = [p.strip() for p in text.split(" / ")]
    if len(parts) < 2 or word_count(text) > 14 or has_terminal(text):
        return False
    return all(p and p[:1].isupper() and len(p.split()) <= 4 for p in parts)


LINK_ROW_SEPARATOR = re.compile(r"\s*[|·•]\s*")
# A run of spaces where a menu's links stood side by side ("News   Sport   Culture").
MENU_GAP = re.compile(r"\s{2,}")


def is_link_row(text):
    """ "News | Opinion | Sport", "Share: VK · Telegram · Mail": three or more short links in
    a row (after an optional label), no sentence; or a menu whose links stood apart, four or
    more, or three single words ("Vesti   Sport   Kultura")."""
    label = re.match(r"^[^\W\d_][\w\s-]{0,30}:\s*", text)
    rest = text[label.end() :] if label else text
    items = LINK_ROW_SEPARATOR.split(rest)
    if len(items) < 3:
        items = MENU_GAP.split(rest)
        if len(items) < 4 and not all(len(item.split()) == 1 for item in items):
            return False
    return (
        len(items) >= 3
        and all(item and len(item) <= 30 and len(item.split()) <= 3 for item in items)
        and not re.search(r"\d", text)
        and not any(has_terminal(item) for item in items)
    )


def is_breadcrumb(text):
    """ "Home › Europe › Serbia", "Vesti / Srbija / Novi Sad": short links joined by a separator
    (an arrow, or a slash or bar between at least three of them), no sentence."""
    parts = BREADCRUMB_SEPARATOR.split(text)
    if len(parts) < 2 or has_terminal(text) or any(c in text for c in ',;:“”„«"'):
        return False
    first_word = parts[0].split()[0] if parts[0].split() else ""
    if not re.search(r"[〉›»→>]", text) and not lexicon.SECTION_WORDS.fullmatch(first_word):
        return False  # "Marko Djurica / Reuters / LETA" is a photo credit; "Vesti Srbije / …"
    return all(p and p[:1].isupper() and len(p.split()) <= 4 for p in parts)


LAYOUT_GAP = re.compile(r"\s{100,}")


def analyse_line(text):
    """The provisional pieces of one stripped line, as (kind, text, reason).

    Provisional kinds, settled later by the line's neighbours: "prose" (body or
    standfirst), "short" (a heading or a headline), "caption?" (a caption or a
    headline), "name" (a byline, or a heading), "bio?" (a bio near the end).
    """
    if LAYOUT_GAP.search(text):
        # a gap of a hundred blanks is the page's layout, not a sentence: each side is read on
        # its own (and the patterns never scan such a run, which made them crawl)
        return [
            piece
            for start, end in spans_between(LAYOUT_GAP, text)
            for piece in analyse_line(text[start:end].strip())
        ]
    if NAV_LINE.match(text) or (len(text.split()) == 1 and text.islower()):
        return [("furniture", text, "site navigation")]
    words = word_count(text)
    if lexicon.FURNITURE_LINE.match(text) and words <= 16:
        return [("furniture", text, "site navigation, sharing or related links")]
    if lexicon.SOCIAL_SERVICE.match(text) or lexicon.INTERFACE_LINE.match(text):
        return [("furniture", text, "a button or a link of the site")]
    if boilerplate.GALLERY_CAPTION.match(text):
        return [("caption", text, "a photo gallery's caption")]
    if words <= 20 and lexicon.KEY_COMBINATION.search(text):
        return [("furniture", text, "an instruction for the site's interface")]
    if is_link_row(text):
        return [("furniture", text, "a navigation bar")]
    reason = boilerplate.furniture_reason(text, words)
    if reason:
        return [("furniture", text, reason)]
    if words <= 3 and re.fullmatch(r"[^\W\d_][\w\s-]*:", text):
        return [("furniture", text, "a label with nothing after it (a row of buttons)")]
    if words <= 25 and (
        lexicon.COPYRIGHT_MARK.search(text)
        and (re.search(r"\d{4}", text) or lexicon.RIGHTS.search(text))
        or lexicon.RIGHTS.search(text)
    ):
        return [("furniture", text, "copyright line")]
    if (
        words <= 30
        and lexicon.REPRINT_TERMS.search(text)
        and lexicon.REPRINT_CONDITION.search(text)
    ):
        return [("furniture", text, "the site's reprint terms")]
    if words <= 30 and lexicon.DISCLAIMER.search(text) and lexicon.DISCLAIMER_PARTIES.search(text):
        return [("furniture", text, "the site's disclaimer")]
    if words <= 12 and lexicon.AD_LABEL.match(text):
        return [("furniture", text, "an advertisement's label")]
    if words <= 25 and lexicon.COOKIE_LINE.search(text):
        return [("furniture", text, "cookie notice")]
    if words <= 25 and lexicon.APPEAL_WORDS.search(text):
        return [("furniture", text, "newsletter appeal")]
    if SOURCE_LINE.match(text):
        return [("note", text, "source line")]
    if parse_date(text):
        return [("dateline", text, "publication date printed on its own line")]
    if RELATIVE_TIME.match(text):
        return [("furniture", text, "a time relative to the reading, not a date")]
    if HASHTAGS.match(text):
        return [("furniture", text, "a row of tags")]
    if len(text) <= 12 and not re.search(r"[^\W\d_]", text):
        return [("furniture", text, "a counter or a symbol, no word")]
    pieces = metadata.metadata_pieces(text)
    if pieces:
        return pieces
    if is_breadcrumb(text):
        return [("furniture", text, "breadcrumb trail")]
    if PLAYER_LINE.match(text):
        return [("furniture", text, "media player residue")]
    if IMAGE_RESIDUE.match(text):
        return [("furniture", text, "image placeholder")]
    if ARROW_LINE.match(text) and word_count(text) <= 10:
        return [("furniture", text, "site navigation link")]

    spans = sentences(text)
    appeal = [is_appeal(text[s:e]) for s, e in spans]
    if any(appeal):
        first = text[spans[0][0] : spans[0][1]]
        if not appeal[0] and (NOTE_START.match(first) or PROVENANCE.search(first)):
            pieces, kind_of = [], lambda flag: "furniture" if flag else "note"
            current, start = appeal[0], spans[0][0]
            for (s, _e), flag in zip(spans, appeal, strict=True):
                if flag != current:
                    pieces.append((kind_of(current), text[start:s].strip(), ""))
                    current, start = flag, s
            pieces.append((kind_of(current), text[start:].strip(), ""))
            return [
                (k, t, "newsletter or donation appeal" if k == "furniture" else "provenance note")
                for k, t, _ in pieces
                if t
            ]
        return [("furniture", text, "newsletter or donation appeal")]

    if SOURCE_LINE.match(text):
        return [("note", text, "source line")]
    first_sentence = text[spans[0][0] : spans[0][1]]
    if NOTE_START.match(text) and (
        re.match(r"^[^:]{1,30}:", text) or PROVENANCE.search(first_sentence)
    ):
        return [("note", text, "editor's or provenance note")]
    if is_credit(text):
        return [("credit", text, "photo credit")]
    match = role_line(text)
    if match:
        return [("byline", text, f"{match['role'].lower()} by …")]
    match = byline(text) if word_count(text) <= 14 else None
    if match and split_names(match["names"]):
        return [("byline", text, "byline")]
    names = first_credit(match["names"]) if match else ""
    if names and (lexicon.STAFF_BYLINE.fullmatch(names) or metadata.author_role(names)):
        return [("byline", text, "byline naming the newsroom, not a person")]

    match = IMAGE_PREFIX.match(text)
    if match and match.end() < len(text):
        pieces = [("furniture", text[: match.end()].strip(), "image residue")]
        rest = text[match.end() :]
        words = list(re.finditer(r"\S+", rest))
        name_words = []
        for w in words[:4]:
            token = w.group()
            if token[:1].isupper() and token[1:2].islower() and token not in SENTENCE_STARTERS:
                name_words.append(w)
            else:
                break
        if 2 <= len(name_words) <= 3 and len(words) > len(name_words):
            end = name_words[-1].end()
            pieces.append(("byline", rest[:end].strip(), "name beside the image"))
            rest = rest[end:]
        rest = rest.strip().rstrip("|").strip()
        if rest:
            pieces.extend(analyse_line(rest))
        return pieces

    if parse_date(text):
        return [("dateline", text, "publication date printed on its own line")]
    match = TRAILING_CREDIT.search(text)
    if match and match.start() > 0 and word_count(text) <= 45:
        return [
            ("caption", text[: match.start()].strip(), "photo caption with its credit"),
            ("credit", text[match.start() :].strip(), "photo credit after the caption"),
        ]
    if CAPTION_START.match(text):
        return [("caption", text, "labelled photo caption")]
    if CAPTION_DATE.search(text) and word_count(text) <= 60:
        return [("caption", text, "ends with the photo's date")]
    if POSITION_NOTE.search(text) and word_count(text) <= 45:
        return [("caption", text, "says who is left or right in a photo")]

    match = DATELINE.match(text)
    if match and match.end() < len(text) and word_count(text) > 12:
        place = match["place"]
        if sum(c.isupper() for c in place) >= 3 and not place.isdigit():
            head = text[: match.end()].rstrip(" —–-")
            return [
                ("dateline", head.strip(), "dateline"),
                ("prose", text[match.end() :].strip(), ""),
            ]

    match = BIO.match(text)
    if match and looks_like_name(match["name"]) and word_count(text) >= 10 or metadata.is_bio(text):
        return [("bio?", text, "")]
    if looks_like_name(text):
        return [("name", text, "")]
    words = word_count(text)
    if not has_terminal(text) or is_quoted_line(text) and words <= 8:
        internal_break = any(text[e - 1 : e] in ".!?" for s, e in sentences(text)[:-1])
        if words <= 7 or is_quoted_line(text) and words <= 8:
            return [("short", text, "")]
        if words <= 45 and not internal_break:
            return [("caption?", text, "")]
    return [("prose", text, "")]

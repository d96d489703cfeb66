"""Split a raw capture into the article's fields and its paragraphs.

A capture is a news page as somebody saved it: the article, and around it
site furniture (navigation, newsletter and donation appeals, a media player's
residue), photo captions (often printed twice), photo credits
("Marko Djurica / Reuters / Scanpix / LETA"), the author's bio. Every
non-empty raw line becomes one or more pieces, each an exact substring of
its line, with a kind:

- article fields: ``title``, ``standfirst``, ``byline``, ``dateline``;
- paragraphs: ``body``, ``heading``, ``caption``, ``credit``, ``note``, ``bio``;
- dropped: ``furniture``, ``duplicate`` (a caption repeated).

Nothing is invented. The title is a line that reads like a headline before
the body starts; when there is none the archive devises one in [square
brackets] from the opening words and says so. A date is taken only from a
date printed on a line of its own (or "Published …") before the body, never
from a photo caption. An outlet is proposed only when the text names a known
media organization where a publisher names itself (a "Source:" line, a
provenance note, the site's own furniture, the author's bio, "told X") or
says "Source: X". Each piece carries the reason it was classified so, for a
curator to check.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from articles.ingest import lexicon

PARAGRAPH_KINDS = ("body", "heading", "caption", "credit", "note", "bio")
FIELD_KINDS = ("title", "standfirst", "byline", "dateline")
DROPPED_KINDS = ("furniture", "duplicate")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH = "(?P<month>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"
DATE_PREFIX = r"(?:(?P<label>Published|Updated|Posted|Last updated|Date)(?:\s+on)?:?\s*)?"
TIME_SUFFIX = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?"
DATE_LINES = [
    re.compile(rf"^{DATE_PREFIX}{WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{MONTH}\s+(?P<year>\d{{4}}){TIME_SUFFIX}\.?$"),
    re.compile(rf"^{DATE_PREFIX}{WEEKDAY}{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){TIME_SUFFIX}\.?$"),
    re.compile(rf"^{DATE_PREFIX}(?P<year>\d{{4}})-(?P<monthnum>\d{{2}})-(?P<day>\d{{2}}){TIME_SUFFIX}$"),
    re.compile(rf"^{DATE_PREFIX}{MONTH}\s+(?P<year>\d{{4}})$"),
]
# Serbian and Russian dates: "14.03.2024.", "22. april 2024.", "12 мая 2024 года, 14:05".
SLAVIC_TIME = r"(?:,?\s+(?:u\s+|у\s+|в\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:h|ч|часов))?)?"
SLAVIC_DATE_PREFIX = rf"(?:(?P<label>{lexicon.DATE_LABELS})\s*:?\s*)?"
SLAVIC_DATE_LINES = [
    re.compile(rf"^{SLAVIC_DATE_PREFIX}(?P<day>\d{{1,2}})\.\s?(?P<monthnum>\d{{1,2}})\.\s?"
               rf"(?P<year>\d{{4}})\.?{SLAVIC_TIME}\.?$", re.IGNORECASE),
    re.compile(rf"^{SLAVIC_DATE_PREFIX}(?P<day>\d{{1,2}})\.?\s+(?P<monthname>[^\W\d_]+)\s+"
               rf"(?P<year>\d{{4}})(?:\.|\s+(?:года|год|г\.))?{SLAVIC_TIME}\.?$", re.IGNORECASE),
]
# A date at the end of a caption: "… in Belgrade. November 27, 2014." / "… on 5 September 2022."
CAPTION_DATE = re.compile(
    r"(?:(?:" + "|".join(MONTHS) + r")\s+\d{1,2},\s+\d{4}|\d{1,2}\s+(?:"
    + "|".join(MONTHS) + r")\s+\d{4})\.?$"
)
ANY_DATE = re.compile(
    r"\b(?:(?P<m1>" + "|".join(MONTHS) + r")\s+(?P<d1>\d{1,2}),\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+(?P<m2>"
    + "|".join(MONTHS) + r")\s+(?P<y2>\d{4}))\b"
)

NAV_LINE = re.compile(
    r"^(?:stories|news|home|menu|search|share(?: this(?: article| story)?)?|print|comments?"
    r"|accessibility links|skip to (?:main )?content|breaking news|advertisement|sponsored"
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
IMAGE_RESIDUE = re.compile(r"^(?:[•·*]\s*)?\d+x\d+\s+image$|^!\[[^\]]*\]\([^)]*\)\s*\|?$",
                           re.IGNORECASE)
ARROW_LINE = re.compile(r"^[〉›»>]\s*\S")
WELCOME_LINE = re.compile(r"^welcome to\b", re.IGNORECASE)
IMAGE_PREFIX = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*\|?\s*")

APPEALS = [re.compile(p, re.IGNORECASE) for p in (
    r"\bsign up\b", r"\byour inbox\b", r"\breaders like you\b", r"\bdonate now\b",
    r"\bbecome an? (?:donor|member|subscriber|supporter|patron)\b",
    r"\bthanks? (?:you )?for (?:reading|taking the time|your support)\b",
    r"\bplease (?:consider )?(?:donating|supporting|subscribing)\b", r"\bcrowdfunding\b",
    r"\bfunded by (?:its|our) readers\b", r"\bwith your (?:help|support)\b",
    r"\bevery donated\b", r"\bwe are (?:a )?non-?profit\b", r"\bsupport (?:us|our (?:work|journalism|reporting))\b",
    r"\bsubscribe (?:to|now|here)\b", r"\bget (?:the|our) (?:next|latest) (?:issue|newsletter)\b",
    r"^thank you!?$",
)]
NOTE_START = re.compile(
    r"^(?:editor[’']?s[’']? note|note|correction|clarification|update|updated|disclosure"
    r"|source|this (?:story|article|report|piece) (?:first|originally|was|is))\b",
    re.IGNORECASE,
)
PROVENANCE = re.compile(r"\b(?:first|originally) (?:appeared|published|ran)\b|\brepublished\b",
                        re.IGNORECASE)
SOURCE_LINE = re.compile(rf"^(?:{lexicon.SOURCE_LABELS}):\s*(?P<name>\S.{{0,80}}?)\.?$",
                         re.IGNORECASE)
CAPTION_START = re.compile(r"^(?:top |main |cover |lead )?(?:photo|image|picture|video|pictured|above|below)s?\s*:",
                           re.IGNORECASE)
CREDIT_START = re.compile(r"^(?:photos?|photograph(?:s|y)?|images?|pictures?|illustrations?)"
                          r"(?:\s+by|\s*:)\s+\S|^©|^\(?(?:photo|image) credit", re.IGNORECASE)
TRAILING_CREDIT = re.compile(r"(?<=[.!?)])\s+\(?(?:Photos?|Photograph|Image|Picture)s?(?:\s+by|:)\s+"
                             r"[A-Z][\w.&’' /-]{1,60}\)?$")
POSITION_NOTE = re.compile(r"\((?:left|right|center|centre|top|bottom|front|back|second from \w+)\)")
# BYLINE, ROLE_LINE and split_names() backtrack over runs of spaces ("by a" + 40,000 spaces
# + "b" took minutes), so they see a line with its white space collapsed, and only a line
# no longer than the byline field: a longer one is prose, whatever it starts with.
BYLINE_MAX_CHARS = 300
BYLINE = re.compile(
    r"^(?:(?P<lead>story|text|words|reporting|report|written|article|interview)\s+)?by\s+"
    r"(?P<names>[^\W\d_][^\n]*?)(?:\s+(?:for|in|at)\s+(?P<org>[A-Z][^\n]*?))?\.?$",
    re.IGNORECASE,
)
ROLE_LINE = re.compile(
    r"^(?P<role>edited|translated|translation|additional reporting|produced|fact-checked|copy[- ]edited)"
    r"\s+by\s+(?P<names>[^\W\d_][^\n]*?)\.?$",
    re.IGNORECASE,
)
DATELINE = re.compile(r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]{2,}(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+){0,3}"
                      r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?)\s*(?:\([^)]{1,30}\)\s*)?(?:—|–|--)\s*")
KICKER = re.compile(
    r"^(?P<kicker>(?:Dispatch(?:es)?|Letter|Postcard|Report|Notes) from\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
    r"|Analysis|Opinion|Interview|Feature|Explainer|Commentary|Long read|Photo essay|Exclusive)"
    r"\s*[:|—–-]?\s+(?=[A-Z‘“'\"])"
)
BIO_JOBS = (r"correspondent|journalist|reporter|editor|writer|author|photographer|photojournalist"
            r"|contributor|columnist|producer|freelancer?")
BIO = re.compile(rf"^(?P<name>[A-ZÀ-ÖØ-Þ][\w’'.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w’'.-]+){{1,3}})\s+"
                 rf"(?:is|was|has been|works as)\b.*\b(?:{BIO_JOBS})")
# A Serbian quote closes with “ (and ‘): „…“, ‚…‘.
SENTENCE_END = re.compile(r"(?<=[.!?…])[”’“‘»\"')\]]*\s+(?=[“‘„‚«\"'(\[—]?[A-ZÀ-ÖØ-ÞА-ЯЁЂЈЉЊЋЏŠČŽĐĆ0-9])")
TERMINAL = set(".!?…:;")
CLOSERS = "”’“‘\"')]»"
OPENERS = "“‘\"'([«"
# Capitalised words that start sentences rather than names.
SENTENCE_STARTERS = {
    "A", "An", "The", "Despite", "In", "On", "At", "But", "And", "As", "After", "Before", "When",
    "While", "Since", "For", "With", "Although", "Though", "However", "It", "This", "That",
    "These", "Those", "There", "Many", "Some", "Most", "Few", "Over", "Under", "From", "To",
    "By", "If", "Once", "Now", "Then", "Today", "Yet", "So", "We", "I", "He", "She", "They",
    "Its", "Their", "His", "Her", "Our", "My", "Your", "Not", "No", "Even", "Still", "Among",
    "According", "During", "Following", "Like", "Unlike", "Last", "Next", "One", "Two",
}


@dataclass
class Piece:
    line: int  # 1-based number of the raw line
    kind: str
    text: str  # an exact substring of the raw line
    reason: str = ""


@dataclass
class Segmentation:
    pieces: list
    title: str = ""
    title_supplied: bool = False
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    published: datetime.date | None = None
    date_precision: str = "unknown"
    date_note: str = ""
    author_names: list = field(default_factory=list)
    editor_names: list = field(default_factory=list)
    outlet_name: str = ""
    outlet_evidence: str = ""

    @property
    def paragraphs(self):
        """(kind, text) of every paragraph, in reading order."""
        return [(p.kind, p.text) for p in self.pieces if p.kind in PARAGRAPH_KINDS]

    @property
    def body_count(self):
        return sum(1 for p in self.pieces if p.kind == "body")

    def evidence(self):
        """[(field, what was proposed, the line it was read from)] for a curator to check."""
        date = self.published.isoformat() if self.published else ""
        return [
            ("title", self.title, "devised: the text prints no headline" if self.title_supplied
             else self.title),
            ("byline", ", ".join(self.author_names), self.byline),
            ("date", date, self.dateline or self.date_note),
            ("outlet", self.outlet_name, self.outlet_evidence),
        ]

    def slug(self, max_length=60):
        base = slugify(self.title.strip("[]… ")) or "article"
        if len(base) > max_length:
            base = base[:max_length].rsplit("-", 1)[0]
        return base


# -- looking at one line ------------------------------------------------------


def word_count(text):
    return len(re.findall(r"[^\W_][\w’'\-]*", text))


def without_closers(text):
    return text.rstrip(CLOSERS + " ")


def has_terminal(text):
    stripped = without_closers(text)
    return bool(stripped) and stripped[-1] in TERMINAL


def sentences(text):
    """(start, end) of each sentence of a line."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def is_appeal(sentence):
    return any(p.search(sentence) for p in APPEALS)


def is_quoted_line(text):
    return text[:1] in "“‘\"'" and text.rstrip()[-1:] in "”’\"'"


def looks_like_name(text, max_words=4):
    """Two to four capitalised words and nothing else: "Reid Standish"."""
    words = text.split()
    if not 2 <= len(words) <= max_words or any(c in text for c in ",;:!?()/|“”\"") :
        return False
    return all(w[:1].isupper() and w[1:2].islower() for w in words) and words[0] not in SENTENCE_STARTERS


def is_credit(text):
    if CREDIT_START.search(text):
        return True
    parts = [p.strip() for p in text.split(" / ")]
    if len(parts) < 2 or word_count(text) > 14 or has_terminal(text):
        return False
    return all(p and p[:1].isupper() and len(p.split()) <= 4 for p in parts)


BYLINE_LABEL = re.compile(rf"^(?P<lead>{lexicon.BYLINE_LABELS})\s*:\s*(?P<names>[^\W\d_][^\n]*?)\.?$",
                          re.IGNORECASE)


def byline(text):
    """"By X", "Story by X", "Autor: X", "Автор: X": a match with the names, or None."""
    if len(text) > BYLINE_MAX_CHARS:
        return None
    text = " ".join(text.split())
    return BYLINE.match(text) or BYLINE_LABEL.match(text)


def role_line(text):
    return ROLE_LINE.match(" ".join(text.split())) if len(text) <= BYLINE_MAX_CHARS else None


def split_names(text):
    text = re.sub(r"\s+(?:for|in|at)\s+[A-Z].*$", "", text.strip())
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    return [p.strip(" .") for p in parts if looks_like_name(p.strip(" ."), max_words=5)
            or (len(p.split()) == 1 and p[:1].isupper())]


def parse_slavic_date(text):
    for pattern in SLAVIC_DATE_LINES:
        match = pattern.match(text)
        if not match:
            continue
        month = (int(match["monthnum"]) if match.groupdict().get("monthnum")
                 else lexicon.SLAVIC_MONTHS.get(match["monthname"].lower()))
        if not month:
            continue
        try:
            return datetime.date(int(match["year"]), month, int(match["day"])), "day", match["label"]
        except ValueError:
            return None
    return None


def parse_date(text):
    """(date, precision, label) for a line that is only a date, else None."""
    if len(text) > 80:
        return None
    slavic = parse_slavic_date(text.strip())
    if slavic:
        return slavic
    for pattern in DATE_LINES:
        match = pattern.match(text.strip())
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        if groups.get("monthnum"):
            month = int(groups["monthnum"])
        else:
            name = groups["month"].rstrip(".")[:3].lower()
            month = [m[:3].lower() for m in MONTHS].index(name) + 1
        try:
            if groups.get("day"):
                return datetime.date(year, month, int(groups["day"])), "day", groups.get("label")
            return datetime.date(year, month, 1), "month", groups.get("label")
        except ValueError:
            return None
    return None


def analyse_line(text):
    """The provisional pieces of one stripped line, as (kind, text, reason).

    Provisional kinds, settled later by the line's neighbours: "prose" (body or
    standfirst), "short" (a heading or a headline), "caption?" (a caption or a
    headline), "name" (a byline, or a heading), "bio?" (a bio near the end).
    """
    if NAV_LINE.match(text) or (len(text.split()) == 1 and text.islower()):
        return [("furniture", text, "site navigation")]
    words = word_count(text)
    if lexicon.FURNITURE_LINE.match(text) and words <= 16:
        return [("furniture", text, "site navigation, sharing or related links")]
    if re.fullmatch(r"(?:[^|]{1,30}\|){2,}[^|]{1,30}", text):
        return [("furniture", text, "a navigation bar")]
    if words <= 25 and (lexicon.COPYRIGHT_MARK.search(text) and (
            re.search(r"\d{4}", text) or lexicon.RIGHTS.search(text)) or lexicon.RIGHTS.search(text)):
        return [("furniture", text, "copyright line")]
    if words <= 25 and lexicon.COOKIE_LINE.search(text):
        return [("furniture", text, "cookie notice")]
    if words <= 25 and lexicon.APPEAL_WORDS.search(text):
        return [("furniture", text, "newsletter appeal")]
    if SOURCE_LINE.match(text):
        return [("note", text, "source line")]
    if parse_date(text):
        return [("dateline", text, "publication date printed on its own line")]
    if PLAYER_LINE.match(text):
        return [("furniture", text, "media player residue")]
    if IMAGE_RESIDUE.match(text):
        return [("furniture", text, "image placeholder")]
    if ARROW_LINE.match(text) and word_count(text) <= 10:
        return [("furniture", text, "site navigation link")]

    spans = sentences(text)
    appeal = [is_appeal(text[s:e]) for s, e in spans]
    if any(appeal):
        first = text[spans[0][0]:spans[0][1]]
        if not appeal[0] and (NOTE_START.match(first) or PROVENANCE.search(first)):
            pieces, kind_of = [], lambda flag: "furniture" if flag else "note"
            current, start = appeal[0], spans[0][0]
            for (s, _e), flag in zip(spans, appeal, strict=True):
                if flag != current:
                    pieces.append((kind_of(current), text[start:s].strip(), ""))
                    current, start = flag, s
            pieces.append((kind_of(current), text[start:].strip(), ""))
            return [(k, t, "newsletter or donation appeal" if k == "furniture"
                     else "provenance note") for k, t, _ in pieces if t]
        return [("furniture", text, "newsletter or donation appeal")]

    if SOURCE_LINE.match(text):
        return [("note", text, "source line")]
    first_sentence = text[spans[0][0]:spans[0][1]]
    if NOTE_START.match(text) and (re.match(r"^[^:]{1,30}:", text)
                                   or PROVENANCE.search(first_sentence)):
        return [("note", text, "editor's or provenance note")]
    if is_credit(text):
        return [("credit", text, "photo credit")]
    match = role_line(text)
    if match:
        return [("byline", text, f"{match['role'].lower()} by …")]
    match = byline(text) if word_count(text) <= 14 else None
    if match and split_names(match["names"]):
        return [("byline", text, "byline")]

    match = IMAGE_PREFIX.match(text)
    if match and match.end() < len(text):
        pieces = [("furniture", text[:match.end()].strip(), "image residue")]
        rest = text[match.end():]
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
        return [("caption", text[:match.start()].strip(), "photo caption with its credit"),
                ("credit", text[match.start():].strip(), "photo credit after the caption")]
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
            head = text[:match.end()].rstrip(" —–-")
            return [("dateline", head.strip(), "dateline"),
                    ("prose", text[match.end():].strip(), "")]

    match = BIO.match(text)
    if match and looks_like_name(match["name"]) and word_count(text) >= 10:
        return [("bio?", text, "")]
    if looks_like_name(text):
        return [("name", text, "")]
    words = word_count(text)
    if not has_terminal(text) or is_quoted_line(text) and words <= 8:
        internal_break = any(text[e - 1:e] in ".!?" for s, e in sentences(text)[:-1])
        if words <= 7 or is_quoted_line(text) and words <= 8:
            return [("short", text, "")]
        if words <= 45 and not internal_break:
            return [("caption?", text, "")]
    return [("prose", text, "")]


# -- the whole capture ----------------------------------------------------------


def raw_lines(raw):
    """(number, stripped text) of every non-empty raw line."""
    return [(n, line.strip()) for n, line in enumerate(raw.split("\n"), 1) if line.strip()]


def segment(raw, media_names=None):
    """Split `raw`; `media_names` maps each spelling of a known media outlet to its name."""
    pieces, lines = [], dict(raw_lines(raw))
    for number, text in lines.items():
        for kind, piece_text, reason in analyse_line(text):
            pieces.append(Piece(number, kind, piece_text, reason))

    mark_duplicates(pieces)
    mark_player_titles(pieces)
    mark_captions_before_credits(pieces)
    mark_tail(pieces)
    result = Segmentation(pieces=pieces)
    find_title(result)
    find_standfirst(result)
    if not result.title:
        devise_title(result, lines)
    settle(pieces)
    fill_fields(result, media_names or {})
    return result


def by_line(pieces):
    lines = {}
    for piece in pieces:
        lines.setdefault(piece.line, []).append(piece)
    return [lines[n] for n in sorted(lines)]


def whole(line_pieces, *kinds):
    return len(line_pieces) == 1 and line_pieces[0].kind in kinds


def mark_duplicates(pieces):
    lines = by_line(pieces)
    for previous, current in zip(lines, lines[1:], strict=False):
        if len(previous) == 1 and len(current) == 1 and previous[0].text == current[0].text:
            current[0].kind, current[0].reason = "duplicate", "repeats the line before"
            if previous[0].kind in ("prose", "caption?", "short", "caption", "name", "bio?"):
                previous[0].kind, previous[0].reason = "caption", "printed twice, as captions are"


def mark_player_titles(pieces):
    lines = by_line(pieces)
    for previous, current in zip(lines, lines[1:], strict=False):
        if whole(current, "furniture") and current[0].reason == "media player residue" and whole(
                previous, "short", "caption?", "name"):
            previous[0].kind, previous[0].reason = "furniture", "title of an embedded video"


def mark_captions_before_credits(pieces):
    lines = by_line(pieces)
    for index, current in enumerate(lines):
        if not whole(current, "credit") or index == 0:
            continue
        before = lines[index - 1]
        if whole(before, "duplicate") and index >= 2:
            before = lines[index - 2]
        if whole(before, "caption?", "short", "name") or whole(before, "prose") and (
                word_count(before[0].text) <= 60 and not any(c in before[0].text for c in "“”‘\"")
                and len(sentences(before[0].text)) <= 2):
            before[0].kind, before[0].reason = "caption", "printed above a photo credit"


def mark_tail(pieces):
    """The site's furniture after the article: appeals, promos, the byline and bio."""
    lines = by_line(pieces)
    furniture_like = ("furniture", "byline", "bio?", "credit", "note", "name", "duplicate",
                      "caption")
    index = len(lines) - 1
    while index >= 0:
        current = lines[index]
        kinds = {p.kind for p in current}
        if kinds <= set(furniture_like):
            for piece in current:
                if piece.kind == "name":
                    piece.kind, piece.reason = "byline", "author's name after the article"
                elif piece.kind == "bio?":
                    piece.kind, piece.reason = "bio", "about the author, after the article"
            index -= 1
            continue
        if whole(current, "short") and WELCOME_LINE.match(current[0].text):
            current[0].kind, current[0].reason = "furniture", "the site's own promotion"
            index -= 1
            continue
        neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
        if whole(current, "prose") and len(neighbours) == 2 and index + 1 < len(lines) and all(
                whole(n, "furniture") or (whole(n, "short") and WELCOME_LINE.match(n[0].text))
                for n in neighbours):
            current[0].kind, current[0].reason = "furniture", "the site's own text, among its furniture"
            index -= 1
            continue
        break
    # A name line just above a bio that starts with that name is the byline.
    for above, below in zip(lines, lines[1:], strict=False):
        if whole(above, "name", "byline") and whole(below, "bio?", "bio", "prose") and (
                below[0].text.startswith(above[0].text)):
            above[0].kind, above[0].reason = "byline", "the author's name above the bio"
            below[0].kind, below[0].reason = "bio", "about the author"


def find_title(result):
    pieces = result.pieces
    for piece in pieces:
        if piece.kind in ("furniture", "duplicate", "note", "credit", "byline", "dateline"):
            continue
        if piece.kind == "caption":
            continue
        words = word_count(piece.text)
        headline_like = piece.kind in ("short", "caption?", "name") and 3 <= words <= 30 or (
            piece.kind == "prose" and words <= 25 and without_closers(piece.text)[-1:] in "?!"
            and not is_quoted_line(piece.text))
        if not headline_like and piece.kind in ("short", "name") and words <= 2:
            # a menu or section word above the headline ("Newsletter", "Вести")
            piece.kind, piece.reason = "furniture", "short line above the headline"
            continue
        if not headline_like:
            break
        match = KICKER.match(piece.text)
        if match and word_count(piece.text[match.end():]) >= 3:
            index = pieces.index(piece)
            title = piece.text[match.end():].strip()
            pieces[index:index + 1] = [
                Piece(piece.line, "furniture", match["kicker"], "section label above the headline"),
                Piece(piece.line, "title", title, "headline"),
            ]
        else:
            piece.kind, piece.reason = "title", "headline: the first line that reads like one"
        result.title = next(p.text for p in pieces if p.kind == "title")
        at = next(i for i, p in enumerate(pieces) if p.kind == "title")
        below = next((p for p in pieces[at + 1:] if p.kind != "furniture"), None)
        if below is not None and below.kind == "name":
            below.kind, below.reason = "byline", "a name on its own line under the headline"
        return


def devise_title(result, lines):
    """"[The opening words …]", as archivists title an untitled text."""
    pieces = result.pieces
    first = next((p for p in pieces if p.kind in ("prose", "caption?", "short")), None)
    if first is None:
        return
    line = lines[first.line]
    opening = next(p for p in pieces if p.line == first.line and p.kind in (
        "dateline", "prose", "caption?", "short"))
    text = line[line.index(opening.text):]
    clause = re.split(r"[,;:.!?]", text, maxsplit=1)[0]
    result.title = "[" + " ".join(clause.split()[:11]) + " …]"
    result.title_supplied = True


def find_standfirst(result):
    pieces = result.pieces
    after_title = False
    start = 0
    if any(p.kind == "title" for p in pieces):
        start = next(i for i, p in enumerate(pieces) if p.kind == "title") + 1
        after_title = True
    for index in range(start, len(pieces)):
        piece = pieces[index]
        if piece.kind in ("byline", "dateline") and piece.reason != "dateline":
            continue
        if after_title and piece.kind == "caption?" and any(
                p.kind == "prose" for p in pieces[index + 1:index + 4]):
            piece.kind, piece.reason = "standfirst", "summary line under the headline"
            result.standfirst = piece.text
            return
        break
    candidates = []
    for index in range(start, len(pieces)):
        piece = pieces[index]
        if piece.kind in ("furniture", "duplicate", "note", "dateline", "byline", "caption",
                          "credit"):
            if piece.kind == "dateline" and piece.reason == "dateline":
                break  # "BELGRADE —": the body starts here
            continue
        if piece.kind != "prose":
            break
        candidates.append(index)
        break
    if not candidates:
        return
    index = candidates[0]
    piece = pieces[index]
    following = pieces[index + 1:index + 6]
    notes_follow = any(p.kind == "note" for p in following[:3]) and any(
        p.kind == "prose" for p in following)
    dateline_follows = any(p.kind == "dateline" and p.reason == "dateline" for p in following[:2])
    words = word_count(piece.text)
    has_quotes = any(c in piece.text for c in "“”\"")
    short_lede = (not after_title and words <= 40 and not has_quotes
                  and len(sentences(piece.text)) <= 2
                  and any(p.kind == "prose" and word_count(p.text) > words for p in following[:2]))
    if notes_follow or (dateline_follows and words <= 60) or short_lede:
        piece.kind = "standfirst"
        piece.reason = ("summary between the headline and a note" if notes_follow
                        else "summary above the dateline" if dateline_follows
                        else "short summary above a longer opening paragraph")
        result.standfirst = piece.text


def settle(pieces):
    for piece in pieces:
        if piece.kind == "prose":
            piece.kind, piece.reason = "body", piece.reason or "prose"
        elif piece.kind == "short":
            piece.kind, piece.reason = "heading", "short line without a full stop"
        elif piece.kind == "caption?":
            piece.kind, piece.reason = "caption", "describes a picture: one phrase, no full stop"
        elif piece.kind == "name":
            piece.kind, piece.reason = "heading", "a name on a line of its own"
        elif piece.kind == "bio?":
            piece.kind, piece.reason = "body", "prose"


def fill_fields(result, media_names):
    pieces = result.pieces
    bylines = [p.text for p in pieces if p.kind == "byline"]
    result.byline = "; ".join(bylines)
    for text in bylines:
        role = role_line(text)
        if role:
            if role["role"].lower().startswith("edit"):
                result.editor_names.extend(split_names(role["names"]))
            continue
        match = byline(text)
        names = split_names(match["names"]) if match else ([text] if looks_like_name(text) else [])
        result.author_names.extend(n for n in names if n not in result.author_names)

    dates = [p for p in pieces if p.kind == "dateline" and parse_date(p.text)]
    places = [p for p in pieces if p.kind == "dateline" and not parse_date(p.text)]
    result.dateline = " ".join(p.text for p in (places or dates)[:1])
    first_body = next((i for i, p in enumerate(pieces) if p.kind == "body"), len(pieces))
    printed = [p for i, p in enumerate(pieces) if p in dates and (
        i < first_body or parse_date(p.text)[2])]
    if printed:
        date, precision, _label = parse_date(printed[0].text)
        result.published, result.date_precision = date, precision
        result.date_note = f"Printed in the text: “{printed[0].text}”."
    else:
        result.date_note = "No publication date printed in the text."
        photo_dates = []
        for piece in pieces:
            if piece.kind != "caption":
                continue
            for match in ANY_DATE.finditer(piece.text):
                photo_dates.append(match.group())
        if photo_dates:
            latest = max(photo_dates, key=lambda d: caption_date_key(d))
            result.date_note += (f" Photo captions carry dates (the photos’, not the article’s); "
                                 f"the latest is {latest}.")

    find_outlet(result, media_names)


def caption_date_key(text):
    match = ANY_DATE.search(text)
    month = match["m1"] or match["m2"]
    return (int(match["y1"] or match["y2"]), MONTHS.index(month), int(match["d1"] or match["d2"]))


def find_outlet(result, media_names):
    """The outlet the text names as its publisher: "Source: X", or a known outlet named where a
    publisher names itself."""
    for piece in result.pieces:
        match = SOURCE_LINE.match(piece.text) if piece.kind == "note" else None
        if match:
            result.outlet_name = media_names.get(match["name"].strip(), match["name"].strip())
            result.outlet_evidence = piece.text
            return
    for piece in result.pieces:
        owner = copyright_owner(piece.text) if piece.reason == "copyright line" else None
        if owner:
            result.outlet_name = media_names.get(owner, owner)
            result.outlet_evidence = piece.text
            return
    if not media_names:
        return
    pattern = re.compile(r"(?<!\w)(" + "|".join(
        re.escape(n) for n in sorted(media_names, key=len, reverse=True)) + r")(?!\w)")
    votes, evidence = {}, {}
    for piece in result.pieces:
        self_naming = piece.kind in ("note", "furniture", "bio", "byline")
        for match in pattern.finditer(piece.text):
            told = re.search(r"\b(?:told|tells|said to|speaking to)\s+(?:the\s+)?$",
                             piece.text[:match.start()])
            if self_naming or told:
                name = media_names[match.group()]
                votes[name] = votes.get(name, 0) + 1
                if self_naming or name not in evidence:
                    evidence[name] = (piece.text if len(piece.text) <= 160
                                      else piece.text[:157] + "…")
    if votes:
        name = max(votes, key=lambda n: (votes[n], -list(votes).index(n)))
        result.outlet_name = name
        result.outlet_evidence = evidence[name]


def copyright_owner(text):
    """The name a copyright line gives ("© 2024 Harbor Ledger. All rights reserved."), or ""."""
    rest = lexicon.RIGHTS.sub("", text)
    rest = re.sub(r"©|\(c\)|\bcopyright\b|\b\d{4}(?:\s*[-–]\s*\d{4})?\b", " ", rest,
                  flags=re.IGNORECASE)
    rest = " ".join(rest.split()).strip(" .,;:|-–—")
    words = rest.split()
    if not 1 <= len(words) <= 6 or not rest[:1].isupper():
        return ""
    return rest

"""A line that is only a date, in English, Serbian (both scripts) and Russian: the dozen shapes
pages print ("March 14, 2024", "14.03.2024. u 10:22", "12 мая 2024 г., 14:05", "10:22, 14.03.2024.",
"14. III 2024."), with a label of any of the three languages before it ("Published",
"Objavljeno", "Опубликовано", "Updated"); a time counted from the reading ("2 hours ago"), which
is no date; and a date inside a photo caption, which is the photo's.
"""

import datetime
import re

from archive.dates import MONTHS
from articles.ingest import lexicon

MONTH = "(?P<month>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"
DATE_PREFIX = r"(?:(?P<label>Published|Updated|Posted|Last updated|Date)(?:\s+on)?:?\s*)?"
TIME_SUFFIX = (
    r"(?:(?:,?\s+|\s*[|•·]\s*|\s+[-–—]\s+)(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s+[A-Z]{2,4})?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?"
)
DATE_LINES = [
    re.compile(
        rf"^{DATE_PREFIX}{WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{MONTH},?\s+"
        rf"(?P<year>\d{{4}}){TIME_SUFFIX}\.?$"
    ),
    re.compile(
        rf"^{DATE_PREFIX}{WEEKDAY}{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){TIME_SUFFIX}\.?$"
    ),
    re.compile(
        rf"^{DATE_PREFIX}(?P<year>\d{{4}})(?P<sep>[-/.])(?P<monthnum>\d{{2}})(?P=sep)(?P<day>\d{{2}})"
        rf"(?:T\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?|{TIME_SUFFIX})$"
    ),
    re.compile(rf"^{DATE_PREFIX}{MONTH}\s+(?P<year>\d{{4}})$"),
]
# Serbian and Russian dates: "14.03.2024.", "22. april 2024.", "12 мая 2024 года, 14:05".
SLAVIC_TIME = (
    r"(?:(?:,?\s+|\s*[|•·]\s*|\s+[-–—]\s+)(?:u\s+|у\s+|в\s+|(?:vreme|време|время)\s*:\s*)?"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:\s*(?:h|ч|часов))?(?:\s*\(?(?:[A-ZА-Я]{2,4}|GMT[+-]\d{1,2})\)?)?)?"
)
# "5 июня 2024, среда": a weekday after the date.
SLAVIC_WEEKDAY_AFTER = rf"(?:,?\s+(?:{lexicon.SLAVIC_WEEKDAYS})\.?)?"
SLAVIC_DATE_PREFIX = (
    rf"(?:(?P<label>{lexicon.DATE_LABELS})\s*:?\s*)?(?:(?:{lexicon.SLAVIC_WEEKDAYS})\.?,?\s+)?"
)
SLAVIC_DATE_LINES = [
    re.compile(
        rf"^{SLAVIC_DATE_PREFIX}(?P<day>\d{{1,2}})(?P<sep>[./-])\s?(?P<monthnum>\d{{1,2}})(?P=sep)\s?"
        rf"(?P<year>\d{{4}})\.?(?:\s+(?:{lexicon.YEAR_WORDS}))?{SLAVIC_TIME}{SLAVIC_WEEKDAY_AFTER}\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^{SLAVIC_DATE_PREFIX}(?P<day>\d{{1,2}})\.?\s+(?P<monthname>[^\W\d_]+)\.?,?\s+"
        rf"(?P<year>\d{{4}})\.?(?:\s+(?:{lexicon.YEAR_WORDS}))?{SLAVIC_TIME}{SLAVIC_WEEKDAY_AFTER}\.?$",
        re.IGNORECASE,
    ),
]
# A label before a date, in any of the three languages: "Опубликовано 14 марта 2024 г.",
# "Updated: 2024-03-15", "Ažurirano 14.03.2024. u 12:05".
ANY_DATE_LABEL = re.compile(
    rf"^(?P<label>{lexicon.ANY_DATE_LABEL})(?:\s+(?:on|u|у|в))?\s*[:—–-]?\s+(?=\S)", re.IGNORECASE
)
# A date at the end of a caption: "… in Belgrade. November 27, 2014." / "… on 5 September 2022."
CAPTION_DATE = re.compile(
    r"(?:(?:"
    + "|".join(MONTHS)
    + r")\s+\d{1,2},\s+\d{4}|\d{1,2}\s+(?:"
    + "|".join(MONTHS)
    + r")\s+\d{4})\.?$"
)
ANY_DATE = re.compile(
    r"\b(?:(?P<m1>"
    + "|".join(MONTHS)
    + r")\s+(?P<d1>\d{1,2}),\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+(?P<m2>"
    + "|".join(MONTHS)
    + r")\s+(?P<y2>\d{4}))\b"
)
# "2 hours ago", "Ažurirano pre 2 sata", "вчера, 18:40": when, counted from the reading.
RELATIVE_TIME = re.compile(
    rf"^(?:(?:{lexicon.ANY_DATE_LABEL})\s*:?\s*)?(?:"
    r"(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago"
    r"|(?:pre|пре)\s+\d+\s+(?:sekund|minut|sat|dan|nedelj|sekund|минут|сат|дан|недељ|секунд)\w*"
    r"|\d+\s+(?:секунд|минут|час|дн|день|недел)\w*\s+назад"
    r"|(?:today|yesterday|danas|juče|jučer|данас|јуче|сегодня|вчера)"
    r"(?:\s*(?:,|at|u|у|в)?\s*\d{1,2}[:.]\d{2}\s*(?:h|ч)?)?"
    r")\.?$",
    re.IGNORECASE,
)


def parse_slavic_date(text):
    for pattern in SLAVIC_DATE_LINES:
        match = pattern.match(text)
        if not match:
            continue
        day = int(match["day"])
        month = (
            int(match["monthnum"])
            if match.groupdict().get("monthnum")
            else lexicon.slavic_month(match["monthname"])
        )
        if not month:
            continue
        if month > 12 >= day and match.groupdict().get("sep") == "/":
            day, month = month, day  # "3/14/2024", the American order
        try:
            return (
                datetime.date(int(match["year"]), month, day),
                "day",
                match["label"],
            )
        except ValueError:
            return None
    return None


# A revision mark after the publication date on the same line, with no separator between
# them (metadata.py splits a line at its separators: "May 3, 2023 · Updated 2 hours ago").
UPDATE_AFTER = re.compile(
    r"(?<=[\w.])\s+(?:updated|last updated|modified|ažurirano|ажурирано"
    r"|izmenjeno|измењено|обновлено|изменено)\b.{0,40}$",
    re.IGNORECASE,
)


def parse_date(text):
    """(date, precision, label) for a line that is only a date, else None. A label of any of
    the three languages may stand before any of the formats."""
    if len(text) > 80:
        return None
    update = UPDATE_AFTER.search(text)
    if update and not RELATIVE_TIME.match(text):
        # "November 8, 2024 10:41 AM GMT+1 Updated 2 hours ago": the publication date first
        found = parse_date(text[: update.start()])
        if found:
            return found
    label = ANY_DATE_LABEL.match(text.strip())
    if label:
        found = parse_unlabelled_date(text.strip()[label.end() :])
        if found:
            return found[0], found[1], label["label"]
    return parse_unlabelled_date(text)


# A time printed before the date: "10:22, 14.03.2024.", "10:22 GMT, 14 March 2024".
LEADING_TIME = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:h|ч))?(?:\s+[A-Z]{2,4})?\s*[,|•·/-]?\s+(?=\S)"
)


def parse_unlabelled_date(text):
    time = LEADING_TIME.match(text.strip())
    if time:
        text = text.strip()[time.end() :]
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

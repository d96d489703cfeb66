"""Speech reported "according to" someone: "According to X, …", "Prema rečima X", "По словам X",
and "По её словам" / "Prema njegovim rečima", where a possessive pronoun stands for the person.
Each text is read once, so that a text of many quotes costs one pass, not one per quote.
"""

import re
from bisect import bisect_left
from functools import lru_cache

ACCORDING_TO = re.compile(
    r"\b(?:[Aa]ccording to|quote from|words of|[Pp]rema (?:rečima|izjavi)|[Pp]o rečima"
    r"|[Пп]рема (?:речима|изјави)|[Пп]о речима|[Пп]о словам|[Сс]о слов)(?=\s)"
)
SPACES = re.compile(r"\s+")
# "По её словам", "Prema njegovim rečima": according to someone a pronoun stands for; the
# pronoun's gender, as the personal pronoun the attribution resolves.
ACCORDING_TO_PRONOUN = re.compile(
    r"\b(?:[Пп]о|[Пп]рема|[Pp]o|[Pp]rema)\s+(?P<pronoun>его|её|ее|njegovim|njenim|његовим|њеним)"
    r"\s+(?:словам|rečima|речима)(?=\s|,)"
)
POSSESSIVE_PRONOUNS = {
    "его": "он",
    "её": "она",
    "ее": "она",
    "njegovim": "on",
    "njenim": "ona",
    "његовим": "он",
    "њеним": "она",
}


@lru_cache(maxsize=8)
def _according_to_pronoun(text):
    return [
        (m.start(), m.end(), POSSESSIVE_PRONOUNS[m["pronoun"]])
        for m in ACCORDING_TO_PRONOUN.finditer(text)
    ]


def according_to_pronoun(text, start, end):
    """The first "по её словам" in text[start:end], as (start, end, personal pronoun); found
    once per text, as a text of many quotes asks once per quote."""
    found = _according_to_pronoun(text)
    k = bisect_left(found, (start,))
    return found[k] if k < len(found) and found[k][1] <= end else None


@lru_cache(maxsize=8)
def _according_to(text):
    """(start, end of the words, end of the spaces after them) of each "according to"."""
    return [
        (m.start(), m.end(), SPACES.match(text, m.end()).end()) for m in ACCORDING_TO.finditer(text)
    ]


def according_to_in(text, start, end):
    """The first "according to " (with its spaces) in text[start:end], as (start, end)."""
    found = _according_to(text)
    k = bisect_left(found, (start,))
    if k < len(found) and found[k][1] < end:
        return found[k][0], min(found[k][2], end)
    return None

"""Candidates: capitalised names in an article that match no known entity, with a guess of
what they name, for a curator to turn into a new entity or an alias."""

from dataclasses import dataclass, field

from archive.kwic import in_context
from articles.ingest.names import Names, capitalised_runs
from articles.ingest.quotes import Covered
from articles.models import Mention

CONTEXT_WORDS = 8  # either side of the name, where the review screen shows it


@dataclass
class Candidate:
    name: str
    guess: str  # person / organization / place / ""
    count: int = 0
    positions: list = field(default_factory=list)
    first: tuple = ()  # (paragraph text, start, end) of the name's first occurrence

    @property
    def context(self):
        """The name's first occurrence in its sentence, marked (HTML)."""
        text, start, end = self.first
        return in_context(text, [(start, end)], CONTEXT_WORDS, CONTEXT_WORDS)


def find_candidates(article, matcher=None, paragraphs=None):
    """Capitalised names in the article that match no known entity, most frequent first."""
    paragraphs = list(paragraphs if paragraphs is not None else article.paragraphs.all())
    names = Names(article, matcher, paragraphs)
    covered = {}
    for mention in Mention.objects.filter(article=article).values("paragraph_id", "start", "end"):
        covered.setdefault(mention["paragraph_id"], []).append((mention["start"], mention["end"]))
    found = {}
    for paragraph in paragraphs:
        if paragraph.kind not in ("body", "caption", "heading", "credit"):
            continue
        text = paragraph.text
        taken = Covered(len(text))
        for s, e in covered.get(paragraph.pk, []):
            taken.add(s, e)
        for s, e, _w, _ents in names.known(text):
            taken.add(s, e)
        for start, end, name in capitalised_runs(text, names.lower_words):
            if taken.overlaps(start, end) or not names.worth_listing(name):
                continue
            candidate = found.get(name)
            if candidate is None:
                candidate = found[name] = Candidate(
                    name=name, guess=names.guess(name), first=(text, start, end)
                )
            candidate.count += 1
            if candidate.positions[-1:] != [paragraph.position]:  # paragraphs come in order
                candidate.positions.append(paragraph.position)
    return sorted(found.values(), key=lambda c: (-c.count, c.name))

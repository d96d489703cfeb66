"""Find where known people, organizations and places are named in articles.

Every name and alias is matched as a whole word, case-sensitively (so "RT"
is the broadcaster and "art" is not), longest first (so "Belgrade Pride" is
the event, not the city). Aliases scoped to an article (bare first names)
count only there. A spelling that points at two entities in the same article
is left for a curator instead of guessed. A place's name that is only part of a
longer capitalised name ("Little Russia", "the China In Eurasia briefing", a quoted
title) is not a mention of the place (see `inside_longer_name`). Mentions a curator has reviewed
(confirmed or rejected) are never changed, and their spans are not re-derived.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction

from articles.ingest import store
from articles.models import Article, Mention, Status
from people.models import ENTITY_MODELS

APOSTROPHES = "['\u2019\u02bc]"
OPENING_MARKS = "\"'\u201c\u2018\u00ab\u201e(["
CLOSING_QUOTES = "\"'\u201d\u2019\u00bb"
SENTENCE_ENDS = ".!?\u2026:;\u2014\u2013"
WORD_BEFORE = re.compile(r"([^\W\d_][\w'\u2019-]*) $")
WORD_AFTER = re.compile(r" ([^\W\d_][\w'\u2019-]*)")
# Small words a title may leave in lower case ("Guide to Belgrade").
TITLE_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}
QUOTED_TITLE_REACH = 80  # characters: a quoted title is short; speech is not a title


def surface_pattern(name):
    parts = []
    for chunk in re.split(r"(\s+|['\u2019\u02bc])", name):
        if not chunk:
            continue
        if chunk.isspace():
            parts.append(r"\s+")
        elif re.fullmatch(APOSTROPHES, chunk):
            parts.append(APOSTROPHES)
        else:
            parts.append(re.escape(chunk))
    return "".join(parts)


def is_capitalised(word):
    return word[:1].isupper() and word != "I"


def starts_a_sentence(text, index):
    """Whether the word at `index` opens a sentence, a quotation or a bracket."""
    before = text[:index]
    if before.rstrip(OPENING_MARKS) != before:
        return True
    before = before.rstrip()
    return not before or before[-1] in SENTENCE_ENDS


def inside_quoted_title(text, start, end):
    """Whether text[start:end] sits in a short quotation written as a title: 'Little Russia'.

    Speech is not a title: it has words in lower case, or a sentence's punctuation.
    """
    left = max(0, start - QUOTED_TITLE_REACH)
    opening = max(text.rfind(mark, left, start) for mark in OPENING_MARKS[:4])
    if opening < 0 or (opening > 0 and text[opening - 1].isalnum()):
        return False  # no quotation, or an apostrophe inside a word ("Serbia's")
    closing = min(
        (
            i
            for i in (text.find(mark, end, end + QUOTED_TITLE_REACH) for mark in CLOSING_QUOTES)
            if i >= 0
        ),
        default=-1,
    )
    if closing < 0 or (closing + 1 < len(text) and text[closing + 1].isalnum()):
        return False
    quoted = text[opening + 1 : closing]
    if any(mark in quoted for mark in ".!?"):
        return False
    words = re.findall(r"[^\W\d_][\w-]*", quoted)
    named = len(re.findall(r"[^\W\d_][\w-]*", text[start:end]))
    return (
        len(words) > named
        and all(is_capitalised(w) or w in TITLE_SMALL_WORDS for w in words)
        and sum(is_capitalised(w) for w in words) > named
    )


def inside_longer_name(text, start, end):
    """Whether the place name at text[start:end] is only part of a longer capitalised name.

    "Little Russia" is not Russia, and "the China In Eurasia briefing" is not China:
    - a capitalised word just before the name (one space between) makes a longer name,
      unless it only opens the sentence or a quotation ("In Belgrade, …"), is a
      possessive ("Belgrade’s Novi Beograd") or a title's small word ("Welcome To Serbia");
    - a capitalised small word just after it, followed by another capitalised word, is a
      title-cased name running on ("China In Eurasia");
    - a short quotation written as a title holds a longer name ('Little Russia').
    Any other capitalised word after a name is too often not part of it ("US President
    Donald Trump", "in Belgrade T-shirts …") to cost the place its mention.
    """
    before = WORD_BEFORE.search(text, max(0, start - 60), start)
    if before:
        word = before.group(1)
        if (
            is_capitalised(word)
            and not starts_a_sentence(text, before.start(1))
            and not re.search(APOSTROPHES + "s?$", word)
            and word.lower() not in TITLE_SMALL_WORDS
        ):
            return True
    after = WORD_AFTER.match(text, end)
    if after and is_capitalised(after.group(1)) and after.group(1).lower() in TITLE_SMALL_WORDS:
        following = WORD_AFTER.match(text, after.end())
        if following and is_capitalised(following.group(1)):
            return True
    return inside_quoted_title(text, start, end)


@dataclass
class DeriveReport:
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept_reviewed: int = 0
    unchanged: int = 0
    ambiguous: list = field(default_factory=list)

    def __iadd__(self, other):
        for name in ("created", "updated", "removed", "kept_reviewed", "unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.ambiguous.extend(other.ambiguous)
        return self

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


class NameMatcher:
    """All entity names and aliases, ready to be found in any article's text."""

    def __init__(self):
        self.global_names = {}  # surface -> {entity, ...}
        self.scoped_names = {}  # article id -> surface -> {entity, ...}
        for model in ENTITY_MODELS.values():
            for entity in model.objects.prefetch_related("aliases"):
                # A name that is also a scoped alias ("Maxim") identifies the entity only
                # in the articles it is scoped to.
                if not any(a.name == entity.name and a.article_id for a in entity.aliases.all()):
                    self._add(self.global_names, entity.name, entity)
                for alias in entity.aliases.all():
                    target = (
                        self.global_names
                        if alias.article_id is None
                        else self.scoped_names.setdefault(alias.article_id, {})
                    )
                    self._add(target, alias.name, entity)

    @staticmethod
    def _add(table, surface, entity):
        surface = " ".join(surface.split())
        if surface:
            table.setdefault(surface, set()).add(entity)

    def names_for(self, article):
        names = {surface: set(entities) for surface, entities in self.global_names.items()}
        for surface, entities in self.scoped_names.get(article.pk, {}).items():
            names.setdefault(surface, set()).update(entities)
        return names

    def find(self, article, text, names=None, pattern=None):
        """(start, end, surface, {entities}) for each name in `text`, longest match first."""
        names = names if names is not None else self.names_for(article)
        if pattern is None:
            pattern = self.pattern(names)
        if pattern is None:
            return []
        keys = {re.sub(APOSTROPHES, "'", " ".join(s.split())): s for s in names}
        found = []
        for match in pattern.finditer(text):
            written = match.group()
            key = re.sub(APOSTROPHES, "'", " ".join(written.split()))
            surface = keys.get(key)
            if surface is None:
                continue
            entities = names[surface]
            # A venue's name is already the specific name; an area's name is the one
            # that other names borrow ("Little Russia").
            if all(
                e.link_field == "place" and e.kind != "venue" for e in entities
            ) and inside_longer_name(text, match.start(), match.end()):
                continue
            found.append((match.start(), match.end(), written, entities))
        return found

    @staticmethod
    def pattern(names):
        if not names:
            return None
        alternatives = sorted(names, key=len, reverse=True)
        return re.compile(
            r"(?<!\w)(?:" + "|".join(surface_pattern(s) for s in alternatives) + r")(?!\w)"
        )


def overlaps(start, end, spans):
    return any(start < other_end and other_start < end for other_start, other_end in spans)


@dataclass
class MentionPlan:
    """What deriving an article's mentions would write: `store.save_mentions` writes it."""

    report: DeriveReport
    stale: list = field(default_factory=list)  # unreviewed mentions no longer found
    changed: list = field(default_factory=list)  # new or changed Mentions, unsaved


def plan_mentions(article, matcher):
    """The mentions of `article` to delete and to save; reads the database, writes nothing."""
    plan = MentionPlan(DeriveReport())
    report = plan.report
    names = matcher.names_for(article)
    pattern = matcher.pattern(names)
    existing = {
        (m.paragraph_id, m.start, m.end): m
        for m in article.mentions.select_related("person", "organization", "place")
    }
    reviewed_spans = {}
    for m in existing.values():
        if m.status != Status.SUGGESTED:
            reviewed_spans.setdefault(m.paragraph_id, []).append((m.start, m.end))
            report.kept_reviewed += 1
    wanted = {}
    for paragraph in article.paragraphs.all():
        blocked = reviewed_spans.get(paragraph.pk, [])
        for start, end, written, entities in matcher.find(article, paragraph.text, names, pattern):
            if overlaps(start, end, blocked):
                continue
            if len(entities) > 1:
                report.ambiguous.append(
                    (article.slug, paragraph.position, written, sorted(e.slug for e in entities))
                )
                continue
            wanted[(paragraph.pk, start, end)] = (paragraph, written, next(iter(entities)))
    for key, mention in existing.items():
        if mention.status == Status.SUGGESTED and key not in wanted:
            plan.stale.append(mention)
            report.removed += 1
    for key, (paragraph, written, entity) in wanted.items():
        mention = existing.get(key)
        if mention is None:
            mention = Mention(
                article=article,
                paragraph=paragraph,
                start=key[1],
                end=key[2],
                text=written,
                status=Status.SUGGESTED,
                source=Mention.Source.DERIVED,
            )
            mention.entity = entity
            plan.changed.append(mention)
            report.created += 1
        elif mention.entity != entity or mention.text != written:
            mention.entity = entity
            mention.text = written
            plan.changed.append(mention)
            report.updated += 1
        else:
            report.unchanged += 1
    return plan


def derive_for_article(article, matcher):
    """Derive and save the mentions of one article; a DeriveReport."""
    return store.save_mentions(plan_mentions(article, matcher))


def derive_mentions(articles=None, progress=None):
    """Derive mentions for the given articles (default: all), in one transaction."""
    articles = list(articles if articles is not None else Article.objects.all())
    report = DeriveReport()
    with transaction.atomic():
        matcher = NameMatcher()
        for number, article in enumerate(articles, 1):
            report += derive_for_article(article, matcher)
            if progress:
                progress(number, len(articles), article)
    return report

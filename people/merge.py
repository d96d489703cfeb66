"""Merge duplicate people, organizations or places into the one record kept.

Everything that points at a duplicate moves to the survivor: mentions, aliases,
affiliations, quotes (people), authored and edited articles (people), published
articles (outlets), the places inside it (places). Each duplicate's name becomes
an alias of the survivor, blank details of the survivor are filled from the
duplicates, and the duplicates are deleted, all in one transaction.

Records are saved one by one rather than with QuerySet.update(), so that the
search index hears of every change (archive/search/signals.py).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from people.models import Alias, Organization, Place

# What points at an entity and moves in a merge: (label, related name), per kind.
MOVABLE = {
    "person": [
        ("mentions", "mentions"),
        ("quotes", "quotes"),
        ("affiliations", "affiliations"),
        ("aliases", "aliases"),
        ("articles written", "articles_written"),
        ("articles edited", "articles_edited"),
    ],
    "organization": [
        ("mentions", "mentions"),
        ("affiliations", "affiliations"),
        ("aliases", "aliases"),
        ("published articles", "published_articles"),
    ],
    "place": [
        ("mentions", "mentions"),
        ("aliases", "aliases"),
        ("places inside it", "children"),
    ],
}

FILLED_WHEN_BLANK = ("description", "pseudonym", "pseudonym_note")


class MergeError(Exception):
    """A merge that was refused; nothing was changed."""


SINGULAR = {
    "mentions": "mention",
    "quotes": "quote",
    "affiliations": "affiliation",
    "aliases": "alias",
    "articles written": "article written",
    "articles edited": "article edited",
    "published articles": "published article",
    "places inside it": "place inside it",
}


def counted(count, label):
    """'1 alias', '3 aliases'."""
    return f"{count} {SINGULAR.get(label, label) if count == 1 else label}"


def related_counts(entity):
    """(label, count) of each kind of record that would move out of `entity`."""
    return [(label, getattr(entity, name).count()) for label, name in MOVABLE[entity.link_field]]


@dataclass
class MergeSummary:
    survivor: object
    merged: list = field(default_factory=list)
    moved: Counter = field(default_factory=Counter)
    already_there: Counter = field(default_factory=Counter)
    aliases_added: list = field(default_factory=list)
    filled: list = field(default_factory=list)

    def __str__(self):
        names = ", ".join(f"“{name}”" for name in self.merged)
        text = f"Merged {names} into “{self.survivor}”"
        moved = [counted(count, label) for label, count in self.moved.items() if count]
        text += f": moved {', '.join(moved)}" if moved else ": nothing to move"
        if self.aliases_added:
            added = ", ".join(f"“{name}”" for name in self.aliases_added)
            text += f"; new {'alias' if len(self.aliases_added) == 1 else 'aliases'} {added}"
        there = [counted(count, label) for label, count in self.already_there.items() if count]
        if there:
            text += f"; already on “{self.survivor}”, so dropped: {', '.join(there)}"
        if self.filled:
            text += f"; filled in its blank {', '.join(self.filled)}"
        return text + "."


def normalized(name):
    return " ".join(name.split())


def merge_refusal(survivor, duplicates):
    """Why merging `duplicates` into `survivor` must not happen, or None."""
    if not duplicates:
        return f"Choose at least one record to merge into “{survivor}”."
    for duplicate in duplicates:
        if type(duplicate) is not type(survivor):
            return (
                f"“{duplicate}” is a {duplicate._meta.verbose_name} and “{survivor}” is a "
                f"{survivor._meta.verbose_name}: only records of one kind can be merged."
            )
        if duplicate.pk == survivor.pk:
            return f"“{survivor}” cannot be merged into itself."
    if isinstance(survivor, Place):
        ancestors = {place.pk for place in survivor.ancestors()}
        for duplicate in duplicates:
            if duplicate.pk in ancestors:
                return (
                    f"“{survivor}” lies inside “{duplicate}”, so “{duplicate}” cannot be "
                    f"merged into it: a place cannot be merged into a place inside it. "
                    f"Keep “{duplicate}” instead."
                )
    if isinstance(survivor, Organization) and survivor.kind != Organization.Kind.MEDIA:
        for duplicate in duplicates:
            if duplicate.published_articles.exists():
                return (
                    f"“{duplicate}” published articles in the archive and “{survivor}” is "
                    f"not a media outlet: keep “{duplicate}”, or make “{survivor}” a media "
                    f"outlet first."
                )
    return None


def merge_duplicates(survivor, duplicates):
    """Merge `duplicates` into `survivor` and delete them; return a MergeSummary.

    Raises MergeError, changing nothing, when the merge is refused.
    """
    model = type(survivor)
    duplicates = list(duplicates)
    refusal = merge_refusal(survivor, duplicates)
    if refusal:
        raise MergeError(refusal)
    with transaction.atomic():
        wanted = [survivor.pk, *(d.pk for d in duplicates)]
        fresh = model.objects.select_for_update().in_bulk(wanted)
        if len(fresh) != len(set(wanted)):
            raise MergeError("Some of the records to merge no longer exist; nothing was merged.")
        survivor = fresh[survivor.pk]
        duplicates = [fresh[d.pk] for d in duplicates]
        refusal = merge_refusal(survivor, duplicates)
        if refusal:
            raise MergeError(refusal)

        summary = MergeSummary(survivor=survivor, merged=[d.name for d in duplicates])
        merger = _Merger(survivor, duplicates, summary)
        merger.run()
        return summary


class _Merger:
    def __init__(self, survivor, duplicates, summary):
        self.survivor = survivor
        self.duplicates = duplicates
        self.summary = summary
        self.link = survivor.link_field

    def run(self):
        self.alias_keys = {(a.name, a.article_id) for a in self.survivor.aliases.all()}
        for duplicate in self.duplicates:
            self.move_mentions(duplicate)
            self.move_aliases(duplicate)
            if self.link in ("person", "organization"):
                self.move_affiliations(duplicate)
            if self.link == "person":
                self.move_quotes(duplicate)
                self.move_articles(duplicate)
            elif self.link == "organization":
                self.move_published_articles(duplicate)
            elif self.link == "place":
                self.move_children(duplicate)
        self.fill_blanks()
        for duplicate in self.duplicates:
            duplicate.delete()
        # Refreshes the survivor's search document, now with everything it gained.
        self.survivor.save()

    def move(self, records, field_name, label):
        count = 0
        for record in records:
            setattr(record, field_name, self.survivor)
            record.save(update_fields=[field_name])
            count += 1
        self.summary.moved[label] += count

    def move_mentions(self, duplicate):
        self.move(duplicate.mentions.select_related("article"), self.link, "mentions")

    def move_quotes(self, duplicate):
        self.move(duplicate.quotes.all(), "speaker", "quotes")

    def move_published_articles(self, duplicate):
        self.move(duplicate.published_articles.all(), "outlet", "published articles")

    def move_children(self, duplicate):
        merged = {d.pk for d in self.duplicates}
        children = list(duplicate.children.all())
        # Duplicates inside this duplicate move too, so that deleting it is not blocked;
        # they are deleted themselves and are not counted.
        for child in children:
            child.parent = self.survivor
            child.save(update_fields=["parent"])
        self.summary.moved["places inside it"] += sum(c.pk not in merged for c in children)

    def move_articles(self, duplicate):
        for label, name in (
            ("articles written", "articles_written"),
            ("articles edited", "articles_edited"),
        ):
            articles = list(getattr(duplicate, name).all())
            if articles:
                getattr(self.survivor, name).add(*articles)
                getattr(duplicate, name).remove(*articles)
            self.summary.moved[label] += len(articles)

    def move_affiliations(self, duplicate):
        other = "organization" if self.link == "person" else "person"
        held = set(self.survivor.affiliations.values_list(f"{other}_id", "role"))
        for affiliation in duplicate.affiliations.all():
            key = (getattr(affiliation, f"{other}_id"), affiliation.role)
            if key in held:
                self.summary.already_there["affiliations"] += 1
                continue
            setattr(affiliation, self.link, self.survivor)
            affiliation.save(update_fields=[self.link])
            held.add(key)
            self.summary.moved["affiliations"] += 1

    def move_aliases(self, duplicate):
        survivor_name = normalized(self.survivor.name)
        aliases = list(duplicate.aliases.all())
        for alias in aliases:
            key = (alias.name, alias.article_id)
            if key in self.alias_keys or (alias.article_id is None and alias.name == survivor_name):
                self.summary.already_there["aliases"] += 1
                continue
            alias.entity = self.survivor
            alias.save()
            self.alias_keys.add(key)
            self.summary.moved["aliases"] += 1

        name = normalized(duplicate.name)
        # A bare first name that the duplicate had only inside some articles (a scoped
        # alias equal to its name) moved above as a scoped alias; it is no name elsewhere.
        scoped_only = any(a.article_id is not None and a.name == name for a in aliases)
        if name == survivor_name or (name, None) in self.alias_keys or scoped_only:
            return
        alias = Alias(name=name)
        alias.entity = self.survivor
        alias.save()
        self.alias_keys.add((name, None))
        self.summary.aliases_added.append(name)

    def fill_blanks(self):
        changed = []
        for name in FILLED_WHEN_BLANK:
            if getattr(self.survivor, name):
                continue
            value = next((getattr(d, name) for d in self.duplicates if getattr(d, name)), None)
            if value:
                setattr(self.survivor, name, value)
                changed.append(self.survivor._meta.get_field(name).verbose_name)
        if self.link == "place" and self.survivor.parent_id is None:
            parent = self.adoptable_parent()
            if parent is not None:
                self.survivor.parent = parent
                changed.append("parent")
        self.summary.filled = changed

    def adoptable_parent(self):
        merged = {d.pk for d in self.duplicates}
        for duplicate in self.duplicates:
            if duplicate.parent_id is None or duplicate.parent_id in merged:
                continue
            parent = Place.objects.get(pk=duplicate.parent_id)
            enclosing = {parent.pk} | {p.pk for p in parent.ancestors()}
            if self.survivor.pk not in enclosing:
                return parent
        return None

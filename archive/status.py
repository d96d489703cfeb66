"""The review status of what the machine suggests (quotes, mentions) and its QuerySet.

Shared by the apps: `people` counts mentions by it, `articles` stores it. What the public
sees of a published article (`public()`) is the articles' own rule, on their QuerySets.
"""

from django.db import models
from django.db.models import Q


class Status(models.TextChoices):
    SUGGESTED = "suggested", "Suggested (not reviewed)"
    CONFIRMED = "confirmed", "Confirmed by a curator"
    REJECTED = "rejected", "Rejected by a curator"


def with_prefix(condition, prefix):
    """`condition` with every lookup prefixed, to filter through a relation or an aggregate."""
    children = [
        with_prefix(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1])
        for child in condition.children
    ]
    return Q(*children, _connector=condition.connector, _negated=condition.negated)


def not_rejected(prefix=""):
    """What curators see (everything but what they rejected), as a Q through `prefix`."""
    return ~Q(**{f"{prefix}status": Status.REJECTED})


class ReviewQuerySet(models.QuerySet):
    """For records with a review `status`."""

    #: What the public is shown: see `shown()`.
    shown_condition = Q(status=Status.CONFIRMED)

    def visible(self):
        """Everything but what a curator rejected: what curators see."""
        return self.filter(not_rejected())

    def unreviewed(self):
        return self.filter(status=Status.SUGGESTED)

    def shown(self):
        """What the public sees. The machine's unreviewed suggestions (quotes the extractor
        found, names an import linked) stay hidden until a curator accepts them: a wrong
        speaker puts words in a real person's mouth, and a label saying "unreviewed" does not
        travel with a copied quote, a citation or an export."""
        return self.filter(self.shown_condition)

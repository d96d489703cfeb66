"""Researchers, their collections and the items saved in them.

An item points at exactly one archive record through an explicit foreign key
(not a generic relation), so the database can check it. When that record is
deleted the item stays, flagged `removed`, with the label and citation stored
when it was saved: a researcher sees what went, never a silent gap.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

TARGETS = ("quote", "article", "paragraph", "person", "organization", "place")


class ResearcherQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved=True, user__is_active=True)


class ResearcherProfile(models.Model):
    """A researcher's account: usable once a curator has approved it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="researcher"
    )
    approved = models.BooleanField(
        default=False,
        help_text="Approved researchers can sign in to the workbench; self sign-ups wait here.",
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = ResearcherQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "researcher"

    def __str__(self):
        return self.user.get_username()

    def get_absolute_url(self):
        return reverse("admin:workbench_researcherprofile_change", args=[self.pk])


def is_researcher(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and ResearcherProfile.objects.filter(user=user, approved=True).exists()
    )


class CollectionQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def shared(self, token):
        return self.filter(share_token=token).exclude(share_token=None)


class Collection(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collections"
    )
    name = models.CharField(max_length=200)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    share_token = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="collection_unique_name",
                violation_error_message="You already have a collection with this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workbench:collection", args=[self.pk])

    def share(self):
        if not self.share_token:
            self.share_token = secrets.token_urlsafe(32)
            self.save(update_fields=["share_token", "updated"])

    def revoke(self):
        self.share_token = None
        self.save(update_fields=["share_token", "updated"])

    def renumber(self):
        """Positions 1..n in the current order (after a move or a removal)."""
        for position, item in enumerate(self.items.order_by("position", "pk"), start=1):
            if item.position != position:
                Item.objects.filter(pk=item.pk).update(position=position)


def mark_removed_and_null(collector, field, sub_objs, using):
    """on_delete for an item's target: keep the item, flagged removed.

    The flag is queued before the null so the check constraint holds after each UPDATE.
    """
    collector.add_field_update(Item._meta.get_field("removed"), True, sub_objs)
    collector.add_field_update(field, None, sub_objs)


def target_constraint():
    """Exactly one target is set, the one the kind names; a removed item may have none."""
    condition = Q(removed=True)
    for kind in TARGETS:
        exact = Q(kind=kind)
        for other in TARGETS:
            exact &= Q(**{f"{other}__isnull": other != kind})
        condition |= exact
    return models.CheckConstraint(
        condition=condition,
        name="item_exactly_one_target",
        violation_error_message="An item holds exactly one record.",
    )


class Item(models.Model):
    class Kind(models.TextChoices):
        QUOTE = "quote", "Quote"
        ARTICLE = "article", "Article"
        PARAGRAPH = "paragraph", "Passage"
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organization"
        PLACE = "place", "Place"

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.TextField(blank=True, max_length=10_000)
    removed = models.BooleanField(
        default=False, editable=False, help_text="The record was deleted from the archive."
    )
    quote = models.ForeignKey(
        "articles.Quote", null=True, blank=True, related_name="+", on_delete=mark_removed_and_null
    )
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, related_name="+", on_delete=mark_removed_and_null
    )
    paragraph = models.ForeignKey(
        "articles.Paragraph",
        null=True,
        blank=True,
        related_name="+",
        on_delete=mark_removed_and_null,
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, related_name="+", on_delete=mark_removed_and_null
    )
    organization = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        related_name="+",
        on_delete=mark_removed_and_null,
    )
    place = models.ForeignKey(
        "people.Place", null=True, blank=True, related_name="+", on_delete=mark_removed_and_null
    )
    # Stored when saved, shown if the record is later removed from the archive.
    label = models.TextField()
    url = models.CharField(max_length=500)
    citation = models.TextField(blank=True)
    csl = models.JSONField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["collection", "position", "pk"]
        constraints = [
            target_constraint(),
            models.CheckConstraint(condition=Q(kind__in=TARGETS), name="item_kind_valid"),
        ]
        indexes = [models.Index(fields=["collection", "position"], name="item_position")]

    def __str__(self):
        return self.label

    @property
    def target(self):
        return None if self.removed else getattr(self, self.kind)

    def get_absolute_url(self):
        return self.url


def target_models():
    return {kind: Item._meta.get_field(kind).related_model for kind in TARGETS}


def savable(kind):
    """What a researcher may save: what the public reads. A collection can be shared, and
    its items keep their label and citation, so a draft or an unreviewed quote never
    enters one."""
    model = target_models()[kind]
    if kind in ("quote", "article"):
        return model.objects.public()
    if kind == "paragraph":
        return model.objects.filter(article__in=target_models()["article"].objects.public())
    return model.objects.all()


def find_target(kind, pk):
    """The archive record a researcher may save, or None (unknown, or not public)."""
    return savable(kind).filter(pk=pk).first()


def find_passage(article_pk, position):
    """An article's paragraph by its number (the anchor #pN), or None."""
    return savable("paragraph").filter(article=article_pk, position=position).first()


def saved_passages(user, article):
    """{paragraph position: the researcher's item saving it, in the most recent collection}."""
    items = (
        Item.objects.filter(collection__owner=user, paragraph__article=article)
        .select_related("collection", "paragraph")
        .order_by("collection__updated", "pk")
    )
    return {item.paragraph.position: item for item in items}


def add_to(collection, target, base_url, note=""):
    from workbench.citing import snapshot

    last = collection.items.aggregate(models.Max("position"))["position__max"] or 0
    kind = target._meta.model_name
    item = Item.objects.create(
        collection=collection,
        position=last + 1,
        kind=kind,
        note=note,
        **{kind: target},
        **snapshot(target, base_url),
    )
    collection.save(update_fields=["updated"])  # the most recent collection is the default
    return item


def default_collection(user):
    """The researcher's most recently used collection, created on the first save."""
    collection = Collection.objects.owned_by(user).first()
    if collection is None:
        collection = Collection.objects.create(owner=user, name="My collection")
    return collection


def move(item, position=None, collection=None):
    """Move an item to a position (1-based) and/or into another of the owner's collections."""
    source = item.collection
    if collection is not None and collection.pk != source.pk:
        item.collection = collection
        item.position = (
            collection.items.aggregate(models.Max("position"))["position__max"] or 0
        ) + 1
        item.save(update_fields=["collection", "position"])
        source.renumber()
        collection.renumber()
        return
    if position is None:
        return
    items = [i for i in source.items.order_by("position", "pk") if i.pk != item.pk]
    position = max(1, min(position, len(items) + 1))
    items.insert(position - 1, item)
    for number, each in enumerate(items, start=1):
        if each.position != number:
            Item.objects.filter(pk=each.pk).update(position=number)

"""People, organizations and places named in the reporting, with their aliases.

Over 400 lines on purpose: the three entity models share one abstract base and one
QuerySet, and aliases and affiliations point at all three; split, they would import
each other.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from archive.entities import ENTITY_LINK_FIELDS, EntityLinkMixin, exactly_one_entity
from archive.models import EnteredArchiveField
from archive.slugs import unique_slug
from archive.status import not_rejected
from archive.text import fold_phrase, script_of


class PseudonymStatus(models.TextChoices):
    NOT_STATED = "", "Not stated"
    POSSIBLY = "possibly", "Possibly changed (the outlet says some names were changed)"
    CHANGED = "yes", "Changed (the outlet says so)"


def related_records(model, relation):
    """The manager of the records that point at `model` through `relation` ("mentions",
    "quotes"). Those are the articles' models, reached through the relation they declare:
    people imports nothing from articles (docs/architecture.md), and what the public may see
    of them stays their own QuerySets' rule."""
    return model._meta.get_field(relation).related_model.objects


class EntityQuerySet(models.QuerySet):
    def with_mention_counts(self, drafts=False):
        """Each entity's mentions: those the public sees, or with `drafts` every one a
        curator has not rejected."""
        condition = (
            not_rejected("mentions__")
            if drafts
            else related_records(self.model, "mentions").public_condition("mentions__")
        )
        return self.annotate(mention_count=Count("mentions", filter=condition, distinct=True))

    def with_export_counts(self):
        """Visible mentions, the articles they are in and (people) visible quotes, each counted
        in a subquery of its own: joining mentions and quotes in one query multiplies the rows
        (a person's mentions times their quotes) before counting."""
        counts = {
            "mention_count": self._visible_count("mentions", Count("pk")),
            "article_count": self._visible_count("mentions", Count("article", distinct=True)),
        }
        if self.model._meta.model_name == "person":
            counts["quote_count"] = self._visible_count("quotes", Count("pk"))
        return self.annotate(**counts)

    def _visible_count(self, relation, aggregate):
        link = self.model._meta.get_field(relation).field.name
        rows = (
            related_records(self.model, relation)
            .public()
            .filter(**{link: OuterRef("pk")})
            .order_by()
            .values(link)
            .annotate(count=aggregate)
            .values("count")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    def most_mentioned(self, limit=10):
        return (
            self.with_mention_counts()
            .filter(mention_count__gt=0)
            .order_by("-mention_count", "name")[:limit]
        )

    def matching_name(self, text):
        """Entities whose name or any alias folds to the same words as `text`."""
        key = fold_phrase(text)
        if not key:
            return self.none()
        ids = [
            entity.pk for entity in self.prefetch_related("aliases") if key in entity.name_keys()
        ]
        return self.filter(pk__in=ids)


class EntityManager(models.Manager.from_queryset(EntityQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Entity(models.Model):
    """What people, organizations and places share."""

    name = models.CharField(max_length=200, help_text="The fullest form the texts give.")
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True, help_text="A sentence or two grounded in the texts.")
    pseudonym = models.CharField(
        "name changed by the outlet",
        max_length=10,
        choices=PseudonymStatus.choices,
        blank=True,
        default=PseudonymStatus.NOT_STATED,
    )
    pseudonym_note = models.CharField(max_length=300, blank=True)
    created = EnteredArchiveField()

    objects = EntityManager()

    # Which Alias / Mention foreign key points at this kind of entity.
    link_field = None

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name)
        super().save(*args, **kwargs)

    @property
    def entity_type(self):
        return self._meta.model_name

    def all_names(self, article=None):
        """The name and every alias (global ones, plus those scoped to `article`)."""
        names = [self.name]
        for alias in self.aliases.all():
            if alias.article_id is None or (article is not None and alias.article_id == article.pk):
                names.append(alias.name)
        return names

    def name_keys(self):
        """Folded forms of the name and of the aliases valid in every article."""
        return {fold_phrase(name) for name in self.all_names()}

    def mentioned_articles(self):
        """The published articles that name this entity where the public can see it."""
        return self.mentions.public().articles()


class Person(Entity):
    link_field = "person"

    class Meta(Entity.Meta):
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=Q(pseudonym__in=PseudonymStatus.values), name="person_pseudonym_valid"
            ),
        ]

    def get_absolute_url(self):
        return reverse("people:person", args=[self.slug])


class Organization(Entity):
    class Kind(models.TextChoices):
        NGO = "ngo", "NGO or volunteer group"
        COMPANY = "company", "Company"
        MEDIA = "media", "Media outlet"
        GOVERNMENT = "government", "Government body"
        VENUE = "venue", "Venue or business"
        EVENT = "event", "Event"
        BAND = "band", "Band"
        PARTY = "party", "Political party"
        RELIGIOUS = "religious", "Religious body"
        EDUCATION = "education", "School or university"
        INTERNATIONAL = "international", "International organization"
        MILITARY = "military", "Armed force"
        OTHER = "other", "Other"

    link_field = "organization"
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta(Entity.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "ngo",
                        "company",
                        "media",
                        "government",
                        "venue",
                        "event",
                        "band",
                        "party",
                        "religious",
                        "education",
                        "international",
                        "military",
                        "other",
                    ]
                ),
                name="organization_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(pseudonym__in=PseudonymStatus.values),
                name="organization_pseudonym_valid",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="organization_kind_name")]

    def get_absolute_url(self):
        return reverse("people:organization", args=[self.slug])


class Place(Entity):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        CITY = "city", "City or town"
        DISTRICT = "district", "District or neighbourhood"
        VENUE = "venue", "Venue or landmark"

    link_field = "place"
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The place this one lies in: Novi Beograd → Belgrade → Serbia.",
    )

    class Meta(Entity.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["country", "region", "city", "district", "venue"]),
                name="place_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="place_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(pseudonym__in=PseudonymStatus.values), name="place_pseudonym_valid"
            ),
        ]

    def get_absolute_url(self):
        return reverse("people:place", args=[self.slug])

    def ancestors(self):
        """Enclosing places, nearest first."""
        chain, seen, place = [], {self.pk}, self.parent
        while place is not None and place.pk not in seen:
            chain.append(place)
            seen.add(place.pk)
            place = place.parent
        return chain

    def clean(self):
        super().clean()
        place, seen = self.parent, set()
        while place is not None:
            if self.pk is not None and place.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": f"“{self.parent}” lies inside “{self}”, so it cannot also contain "
                        "it: a place cannot be its own ancestor."
                    }
                )
            if place.pk in seen:
                break
            seen.add(place.pk)
            place = place.parent


ENTITY_MODELS = {model.link_field: model for model in (Person, Organization, Place)}


class ArticleLinkedQuerySet(models.QuerySet):
    """For records that may cite an article (a scoped alias, an affiliation's evidence)."""

    def public(self):
        """Those citing no article or a published one: a draft leaves no trace in public."""
        published = self.model._meta.get_field("article").related_model.State.PUBLISHED
        return self.filter(Q(article__isnull=True) | Q(article__state=published))


class AliasManager(models.Manager.from_queryset(ArticleLinkedQuerySet)):
    def get_by_natural_key(self, entity_type, entity_slug, name, article_slug):
        lookup = {f"{entity_type}__slug": entity_slug, "name": name}
        if article_slug:
            lookup["article__slug"] = article_slug
        else:
            lookup["article__isnull"] = True
        return self.get(**lookup)


class Alias(EntityLinkMixin, models.Model):
    """Another spelling of an entity's name: a transliteration, a short form, a Cyrillic form."""

    name = models.CharField(max_length=200)
    script = models.CharField(max_length=5, editable=False, help_text="ISO 15924: Latn, Cyrl.")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scoped_aliases",
        help_text="Set for a short form (a bare first name) that identifies the entity only "
        "inside this article.",
    )

    objects = AliasManager()

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name"]
        constraints = [
            exactly_one_entity("alias"),
            *[
                models.UniqueConstraint(
                    fields=[field, "name"],
                    condition=Q(article__isnull=True),
                    name=f"alias_unique_global_{field}",
                    violation_error_message="This alias is already recorded for this entity.",
                )
                for field in ENTITY_LINK_FIELDS
            ],
            *[
                models.UniqueConstraint(
                    fields=[field, "name", "article"],
                    condition=Q(article__isnull=False),
                    name=f"alias_unique_scoped_{field}",
                    violation_error_message="This alias is already recorded for this entity "
                    "in this article.",
                )
                for field in ENTITY_LINK_FIELDS
            ],
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.entity_natural_key(), self.name, self.article.slug if self.article else "")

    natural_key.dependencies = [
        "people.person",
        "people.organization",
        "people.place",
        "articles.article",
    ]

    def get_absolute_url(self):
        return self.entity.get_absolute_url()

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.script = script_of(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.clean_entity_link()
        self.name = " ".join(self.name.split())
        if not fold_phrase(self.name):
            raise ValidationError({"name": "An alias needs at least one letter or digit."})
        entity = self.entity
        if self.article_id is None and self.name == entity.name:
            raise ValidationError({"name": f"“{self.name}” is already the name of {entity}."})


class AffiliationManager(models.Manager.from_queryset(ArticleLinkedQuerySet)):
    def get_by_natural_key(self, person_slug, organization_slug, role):
        return self.get(person__slug=person_slug, organization__slug=organization_slug, role=role)


class Affiliation(models.Model):
    class Role(models.TextChoices):
        FOUNDER = "founder", "Founder"
        CO_FOUNDER = "co-founder", "Co-founder"
        OWNER = "owner", "Owner"
        EMPLOYEE = "employee", "Employee"
        VOLUNTEER = "volunteer", "Volunteer"
        ORGANIZER = "organizer", "Organizer"
        MEMBER = "member", "Member"
        HEAD = "head", "Head"
        OFFICIAL = "official", "Official"
        RESEARCHER = "researcher", "Researcher"
        JOURNALIST = "journalist", "Journalist"
        EDITOR = "editor", "Editor"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    title = models.CharField(
        max_length=200, blank=True, help_text="Job title as the text gives it."
    )
    evidence = models.TextField(blank=True, help_text="The words of the text that say so.")
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affiliations",
        help_text="The article the evidence comes from.",
    )

    objects = AffiliationManager()

    class Meta:
        ordering = ["organization__name", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organization", "role"], name="affiliation_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(
                    role__in=[
                        "founder",
                        "co-founder",
                        "owner",
                        "employee",
                        "volunteer",
                        "organizer",
                        "member",
                        "head",
                        "official",
                        "researcher",
                        "journalist",
                        "editor",
                        "other",
                    ]
                ),
                name="affiliation_role_valid",
            ),
        ]

    def __str__(self):
        label = self.title or self.get_role_display()
        return f"{self.person} — {label}, {self.organization}"

    def natural_key(self):
        return (self.person.slug, self.organization.slug, self.role)

    natural_key.dependencies = ["people.person", "people.organization", "articles.article"]

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    def clean(self):
        if self.evidence and self.article_id and self.evidence not in self.article.raw_text:
            raise ValidationError(
                {"evidence": "The evidence must be quoted exactly from the article's text."}
            )

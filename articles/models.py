"""Articles, their paragraphs, and the quotes and mentions found in them.

Over 400 lines on purpose: these four models are one record (a quote or a mention points
into a paragraph of its article, and each QuerySet's public rule reads the article's state),
and split across modules they would import each other. The shared pieces (the review status,
the entity link, slugs) live in archive/.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from archive.entities import ENTITY_LINK_FIELDS, EntityLinkMixin, exactly_one_entity
from archive.models import EnteredArchiveField
from archive.slugs import unique_slug
from archive.status import ReviewQuerySet, Status, with_prefix
from people.models import Organization, Person, Place


def sha256_of(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class ArticleState(models.TextChoices):
    DRAFT = "draft", "Draft (curators only)"
    PUBLISHED = "published", "Published"


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """What anyone may read: published articles. Imports stay drafts until a curator
        publishes them from the review screen."""
        return self.filter(state=ArticleState.PUBLISHED)

    def drafts(self):
        return self.filter(state=ArticleState.DRAFT)

    def visible_to(self, user):
        """Curators (active staff) read drafts too; everyone else only what is published."""
        return self if user.is_active and user.is_staff else self.public()

    def by_date(self):
        """Newest first; articles with an unknown date last."""
        return self.order_by(models.F("published").desc(nulls_last=True), "title")

    def for_listing(self):
        return self.select_related("outlet").prefetch_related("authors")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(models.Model):
    title = models.CharField(max_length=300)
    title_supplied = models.BooleanField(
        default=False,
        help_text="The text prints no headline; this title was devised by the archive "
        "(shown in [square brackets]).",
    )
    slug = models.SlugField(max_length=120, unique=True)
    standfirst = models.TextField(blank=True)
    outlet = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_articles",
        help_text="Empty when the text does not name its publisher.",
    )
    authors = models.ManyToManyField(Person, blank=True, related_name="articles_written")
    editors = models.ManyToManyField(Person, blank=True, related_name="articles_edited")
    byline = models.CharField(max_length=300, blank=True, help_text="The byline as printed.")
    dateline = models.CharField(max_length=100, blank=True, help_text="The dateline as printed.")
    published = models.DateField(
        null=True,
        blank=True,
        help_text="Stored as the first day of the month or year when only those are known.",
    )
    date_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_note = models.TextField(blank=True, help_text="The evidence for the date, or its absence.")
    date_inferred = models.BooleanField(
        "date inferred",
        default=False,
        help_text="The text prints no date: the year is the archive's inference from what it "
        "says (the evidence goes in the date note). Shown as inferred, never as a day.",
    )
    language = models.CharField(max_length=10, default="en")
    original_url = models.URLField(blank=True)
    source_name = models.CharField(
        max_length=200, unique=True, help_text="File name of the raw capture."
    )
    raw_text = models.TextField(help_text="The capture exactly as received.")
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    # Published by default, so the seed fixtures (which do not name a state) load published;
    # the importer makes every capture a draft.
    state = models.CharField(
        max_length=10,
        choices=ArticleState.choices,
        default=ArticleState.PUBLISHED,
        help_text="A draft is seen by curators only, until it is published from the review screen.",
    )

    created = EnteredArchiveField()

    objects = ArticleManager()
    State = ArticleState

    class Meta:
        ordering = [models.F("published").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision__in=["day", "month", "year", "unknown"]),
                name="article_date_precision_valid",
            ),
            models.CheckConstraint(
                condition=(Q(date_precision="unknown") & Q(published__isnull=True))
                | (~Q(date_precision="unknown") & Q(published__isnull=False)),
                name="article_date_matches_precision",
            ),
            models.CheckConstraint(
                condition=Q(date_inferred=False) | Q(date_precision="year"),
                name="article_inferred_date_is_a_year",
                violation_error_message="An inferred date is a year only: set its precision "
                "to year.",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="article_sha256_is_hex"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "published"]), name="article_state_valid"
            ),
            # The same capture imported twice at once must not make two articles.
            models.UniqueConstraint(
                fields=["sha256"],
                name="article_unique_capture",
                violation_error_message="This raw text is already in the archive.",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["people.person", "people.organization"]

    @property
    def is_draft(self):
        return self.state == ArticleState.DRAFT

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        # The checksum is taken once, when the capture arrives; later it only proves fixity.
        if not self.sha256:
            self.sha256 = sha256_of(self.raw_text)
        if not self.slug:
            self.slug = unique_slug(Article, self.title)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.date_precision == DatePrecision.UNKNOWN and self.published:
            errors["published"] = "The date is marked unknown: clear it, or choose its precision."
        if self.date_precision != DatePrecision.UNKNOWN and not self.published:
            errors["published"] = "Give the date, or mark its precision unknown."
        if (
            self.published
            and self.date_precision == DatePrecision.MONTH
            and self.published.day != 1
        ):
            errors["published"] = "A month-precision date is stored as the 1st of that month."
        if (
            self.published
            and self.date_precision == DatePrecision.YEAR
            and (self.published.month, self.published.day) != (1, 1)
        ):
            errors["published"] = "A year-precision date is stored as 1 January of that year."
        if self.date_inferred and self.date_precision != DatePrecision.YEAR:
            errors["date_precision"] = (
                "A date inferred from the text is a year only: set the "
                "precision to year, with the evidence in the date note."
            )
        if self.date_inferred and not self.date_note.strip():
            errors["date_note"] = "Say what in the text the inferred year rests on."
        if self.sha256 and self.sha256 != sha256_of(self.raw_text):
            errors["raw_text"] = (
                "The raw text is the archival original and cannot change: it "
                "no longer matches its SHA-256. Import a new capture instead."
            )
        if self.outlet_id and self.outlet.kind != Organization.Kind.MEDIA:
            errors["outlet"] = (
                f"{self.outlet} is not a media outlet (its kind is {self.outlet.get_kind_display()})."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def fixity_ok(self):
        return self.sha256 == sha256_of(self.raw_text)

    @property
    def date_display(self):
        if not self.published:
            return "Date unknown"
        if self.date_precision == DatePrecision.YEAR:
            return (
                f"{self.published.year} (inferred)"
                if self.date_inferred
                else str(self.published.year)
            )
        if self.date_precision == DatePrecision.MONTH:
            return self.published.strftime("%B %Y")
        return f"{self.published.day} {self.published.strftime('%B %Y')}"

    def body(self):
        return [p for p in self.paragraphs.all() if p.kind in Paragraph.READING_KINDS]


class ParagraphKind(models.TextChoices):
    """The one table of paragraph kinds: the segmenter, the curation files and the pages
    take theirs from here."""

    BODY = "body", "Body"
    HEADING = "heading", "Section heading"
    CAPTION = "caption", "Photo caption"
    CREDIT = "credit", "Photo credit"
    NOTE = "note", "Editor's or provenance note"
    BIO = "bio", "Author bio"


class ParagraphManager(models.Manager):
    def get_by_natural_key(self, article_slug, position):
        return self.get(article__slug=article_slug, position=position)


class Paragraph(models.Model):
    Kind = ParagraphKind
    READING_KINDS = (ParagraphKind.BODY, ParagraphKind.HEADING)  # the article's own text
    ASIDE_KINDS = (ParagraphKind.CAPTION, ParagraphKind.CREDIT)  # shown apart, with the photos

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField(
        help_text="Order in the article, from 1; the anchor #pN."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BODY)
    text = models.TextField()

    objects = ParagraphManager()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="paragraph_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ParagraphKind.values),
                name="paragraph_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="paragraph_position_positive"
            ),
        ]

    def __str__(self):
        return f"{self.article.slug} ¶{self.position}"

    def natural_key(self):
        return (self.article.slug, self.position)

    natural_key.dependencies = ["articles.article"]

    @property
    def anchor(self):
        return f"p{self.position}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if self.article_id and self.text and self.text not in self.article.raw_text:
            raise ValidationError(
                {"text": "A paragraph must be text of the article's raw capture, copied exactly."}
            )


def validate_span(obj, text_field_name="text"):
    """Offsets must select exactly the stored text inside the paragraph."""
    errors = {}
    paragraph = obj.paragraph
    text = getattr(obj, text_field_name)
    if obj.article_id and paragraph.article_id != obj.article_id:
        errors["paragraph"] = f"Paragraph {paragraph.position} belongs to another article."
    elif (
        obj.start is None
        or obj.end is None
        or not (0 <= obj.start < obj.end <= len(paragraph.text))
    ):
        errors["start"] = (
            f"Offsets {obj.start}–{obj.end} fall outside paragraph "
            f"{paragraph.position} (length {len(paragraph.text)})."
        )
    elif paragraph.text[obj.start : obj.end] != text:
        found = paragraph.text[obj.start : obj.end]
        errors[text_field_name] = (
            f"“{text}” is not at {obj.start}–{obj.end} of paragraph {paragraph.position} "
            f"(that span reads “{found}”)."
        )
    return errors


class SpanQuerySet(ReviewQuerySet):
    """Quotes and mentions: reviewed records in an article, which may be a draft."""

    def public(self):
        """What the public sees anywhere: `shown()`, in published articles only."""
        return self.filter(self.public_condition())

    def visible_to(self, user):
        """Curators see what is shown of drafts too; everyone else only `public()`."""
        return self.shown() if user.is_active and user.is_staff else self.public()

    def public_condition(self, prefix=""):
        """`public()` as a Q, for filters and counts through a relation ("mentions__")."""
        return with_prefix(self.shown_condition & Q(article__state=ArticleState.PUBLISHED), prefix)

    def articles(self):
        """The articles these are in: `entity.mentions.public().articles()` are the published
        articles that name an entity where the public sees it."""
        return Article.objects.filter(pk__in=self.values("article"))


class QuoteManager(models.Manager.from_queryset(SpanQuerySet)):
    def get_by_natural_key(self, article_slug, position, start):
        return self.get(article__slug=article_slug, paragraph__position=position, start=start)


class Quote(models.Model):
    """Direct speech (or quoted writing), verbatim, where it stands in the article."""

    text = models.TextField(help_text="The words between the quotation marks, exactly as printed.")
    speaker = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="Empty only when the article does not say who spoke.",
    )
    speaker_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who spoke, when no named person did (“a fellow gym-goer”).",
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="quotes")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    confidence = models.FloatField(
        null=True, blank=True, help_text="The extractor's confidence, for suggestions."
    )

    objects = QuoteManager()

    class Meta:
        ordering = ["article", "paragraph__position", "start"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "start"], name="quote_unique_span"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="quote_span_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["suggested", "confirmed", "rejected"]),
                name="quote_status_valid",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:77].rstrip() + "…"
        return f"“{text}”"

    def natural_key(self):
        return (self.article.slug, self.paragraph.position, self.start)

    natural_key.dependencies = ["articles.article", "articles.paragraph", "people.person"]

    def get_absolute_url(self):
        return reverse(
            "articles:quote", args=[self.article.slug, self.paragraph.position, self.start]
        )

    @property
    def words(self):
        """The quote as it reads in a citation: without the comma the attribution needed."""
        return self.text.rstrip(" ,")

    @property
    def speaker_label(self):
        if self.speaker_id:
            return self.speaker.name
        return self.speaker_note or "Unattributed"

    def clean(self):
        errors = {}
        if self.paragraph_id and self.text:
            errors.update(validate_span(self))
        if errors:
            raise ValidationError(errors)


class MentionQuerySet(SpanQuerySet):
    # Names the archive-wide derivation found from the curated names and aliases (the seeds'
    # mentions) are shown as before; what an import suggested waits for a curator.
    shown_condition = Q(status=Status.CONFIRMED) | (
        Q(status=Status.SUGGESTED) & Q(source__in=["derived", "curated"])
    )


class MentionManager(models.Manager.from_queryset(MentionQuerySet)):
    def get_by_natural_key(self, article_slug, position, start, end):
        return self.get(
            article__slug=article_slug, paragraph__position=position, start=start, end=end
        )


class Mention(EntityLinkMixin, models.Model):
    """One place where an entity is named in an article, as written there."""

    class Source(models.TextChoices):
        DERIVED = "derived", "Found by name or alias"
        CURATED = "curated", "Placed by a curator"
        IMPORT = "import", "Suggested on import"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=200, help_text="The name as written at this place.")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.DERIVED)

    objects = MentionManager()

    class Meta:
        ordering = ["article", "paragraph__position", "start"]
        constraints = [
            exactly_one_entity("mention"),
            models.UniqueConstraint(
                fields=["paragraph", "start", "end"], name="mention_unique_span"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="mention_span_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["suggested", "confirmed", "rejected"]),
                name="mention_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["derived", "curated", "import"]),
                name="mention_source_valid",
            ),
        ]
        indexes = [models.Index(fields=["article", "status"], name="mention_article_status")]

    def __str__(self):
        return f"{self.text} → {self.entity} ({self.article.slug} ¶{self.paragraph.position})"

    def natural_key(self):
        return (self.article.slug, self.paragraph.position, self.start, self.end)

    natural_key.dependencies = [
        "articles.article",
        "articles.paragraph",
        "people.person",
        "people.organization",
        "people.place",
    ]

    def get_absolute_url(self):
        return self.paragraph.get_absolute_url()

    @property
    def reviewed(self):
        return self.status != Status.SUGGESTED

    def clean(self):
        errors = {}
        try:
            self.clean_entity_link()
        except ValidationError as error:
            errors["person"] = error.messages
        if self.paragraph_id and self.text:
            errors.update(validate_span(self))
        if errors:
            raise ValidationError(errors)


class DismissedAlias(EntityLinkMixin, models.Model):
    """A name the importer proposed as another spelling of an entity, and a curator said is
    not: it is not proposed for this article again."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="dismissed_aliases")
    name = models.CharField(max_length=200, help_text="The name as the article writes it.")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name_plural = "dismissed aliases"
        ordering = ["article", "name"]
        constraints = [
            exactly_one_entity("dismissedalias"),
            *[
                models.UniqueConstraint(
                    fields=["article", "name", field], name=f"dismissedalias_unique_{field}"
                )
                for field in ENTITY_LINK_FIELDS
            ],
        ]

    def __str__(self):
        return f"“{self.name}” is not {self.entity} ({self.article.slug})"


__all__ = [
    "Article",
    "ArticleState",
    "Paragraph",
    "ParagraphKind",
    "Quote",
    "Mention",
    "DatePrecision",
    "Status",
    "DismissedAlias",
    "ENTITY_LINK_FIELDS",
    "sha256_of",
]

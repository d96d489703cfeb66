from django.db.models import Q
from haystack import indexes

from archive.search.analysis import tag_language
from archive.search.indexes import ArchiveIndex, EntityNames, by_key
from archive.search.marking import hl_parameter
from articles.models import Article, Mention, Paragraph, Quote
from people.models import ENTITY_MODELS


def entity_filter(instance, prefix=""):
    """A Q for the articles (or quotes, with prefix "article__") that name an entity."""
    field = getattr(instance, "link_field", None)
    if field is None:
        return None
    condition = Q(**{f"{prefix}mentions__{field}": instance.pk})
    if field == "person":
        condition |= Q(**{f"{prefix}authors": instance.pk}) | Q(**{f"{prefix}editors": instance.pk})
    elif field == "organization":
        condition |= Q(**{f"{prefix}outlet": instance.pk})
    return condition


def shown_mentions(**lookup):
    """The mentions the public sees (confirmed ones only), as rows with `paragraph_id`,
    `start`, `end` and one entity key each (`person_id`, `organization_id`, `place_id`)."""
    return (
        Mention.objects.shown()
        .filter(**lookup)
        .order_by()  # callers group the rows; the default order joins and sorts by article
        .values_list(
            "article_id",
            "paragraph_id",
            "start",
            "end",
            "person_id",
            "organization_id",
            "place_id",
            named=True,
        )
    )


def mentioned(mentions):
    """{"person"|"organization"|"place": {pk, …}} of what these mention rows name."""
    found = {field: set() for field in ENTITY_MODELS}
    for m in mentions:
        for field in ENTITY_MODELS:
            pk = getattr(m, f"{field}_id")
            if pk is not None:
                found[field].add(pk)
    return found


def entity_tables(pks_by_field, all_aliases=()):
    """{"person": EntityNames, …} for the entities a batch of documents names."""
    return {
        field: EntityNames(ENTITY_MODELS[field], pks, all_aliases=field in all_aliases)
        for field, pks in pks_by_field.items()
    }


def name_line(names, pk):
    """An entity's name and its global aliases, one line of an article's text."""
    return " ".join([names.name(pk), *names.alias_names(pk)])


class ArticleIndex(ArchiveIndex, indexes.Indexable):
    result_type = "article"
    watched = (
        "articles.paragraph",
        "articles.mention",
        "articles.quote",
        "people.person",
        "people.organization",
        "people.place",
        "people.alias",
    )

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.public()

    def read_queryset(self, using=None):
        return Article.objects.select_related("outlet").prefetch_related("paragraphs")

    def documents(self, pks):
        """The text: title, standfirst, the outlet with all its aliases, authors and editors,
        byline, the paragraphs, then one line per entity the article names (its name and
        global aliases, by name). The facets: the slugs of every person, organization and
        place it names, writes or publishes it."""
        rows = list(
            self.index_queryset()
            .filter(pk__in=pks)
            .order_by("pk")
            .values_list(
                "pk",
                "title",
                "standfirst",
                "outlet_id",
                "byline",
                "published",
                "source_name",
                "language",
            )
        )
        pks = [row[0] for row in rows]
        paragraphs = by_key(
            Paragraph.objects.filter(article_id__in=pks)
            .order_by("article_id", "position")
            .values_list("article_id", "text")
        )
        authors = by_key(
            Article.authors.through.objects.filter(article_id__in=pks).values_list(
                "article_id", "person_id"
            )
        )
        editors = by_key(
            Article.editors.through.objects.filter(article_id__in=pks).values_list(
                "article_id", "person_id"
            )
        )
        mentions = by_key((m.article_id, m) for m in shown_mentions(article_id__in=pks))
        named = {pk: mentioned(found) for pk, found in mentions.items()}
        wanted = {field: set() for field in ENTITY_MODELS}
        for found in named.values():
            for field, entity_pks in found.items():
                wanted[field] |= entity_pks
        for found in (*authors.values(), *editors.values()):
            wanted["person"].update(found)
        outlets = {row[3] for row in rows if row[3] is not None}
        tables = entity_tables(wanted)
        outlet_names = EntityNames(ENTITY_MODELS["organization"], outlets, all_aliases=True)
        people, places = tables["person"], tables["place"]
        docs = []
        for pk, title, standfirst, outlet, byline, published, source_name, language in rows:
            writers = (
                [people.name(p) for p in authors.get(pk, [])],
                [people.name(p) for p in editors.get(pk, [])],
            )
            found = named.get(pk) or {field: set() for field in ENTITY_MODELS}
            entities = sorted(
                (
                    (tables[field].name(e), field, e)
                    for field, entity_pks in found.items()
                    for e in entity_pks
                )
            )
            text = "".join(
                [
                    title,
                    "\n",
                    standfirst,
                    "\n",
                    " ".join([outlet_names.name(outlet), *outlet_names.alias_names(outlet)])
                    if outlet is not None
                    else "",
                    "\n",
                    *(f"{name} " for group in writers for name in sorted(group)),
                    "\n",
                    byline,
                    "\n",
                    *(f"{text}\n" for text in paragraphs.get(pk, [])),
                    "\n",
                    *(name_line(tables[field], e) + "\n" for _, field, e in entities),
                    "\n",
                ]
            )
            person_slugs = {people.slug(p) for p in found["person"]}
            person_slugs.update(people.slug(p) for p in authors.get(pk, []))
            person_slugs.update(people.slug(p) for p in editors.get(pk, []))
            organizations = {tables["organization"].slug(o) for o in found["organization"]}
            if outlet is not None:
                organizations.add(outlet_names.slug(outlet))
            docs.append(
                self.document(
                    # Serbian and Russian words are also indexed by their stems ("u Beogradu").
                    pk,
                    tag_language(language, text),
                    title,
                    outlet=outlet_names.slug(outlet) if outlet is not None else "",
                    year=self.year_value(published),
                    date=self.date_number(published),
                    source_name=source_name,
                    people=sorted(person_slugs),
                    organizations=sorted(organizations),
                    places=sorted({places.slug(p) for p in found["place"]}),
                )
            )
        return docs

    def passages(self, obj):
        return [(p.position, p.text) for p in obj.paragraphs.all()] + [
            (None, obj.title),
            (None, obj.standfirst),
        ]

    def hit_title(self, obj):
        return obj.title

    def hit_url(self, obj, paragraph, marked_text):
        url = obj.get_absolute_url()
        if paragraph is not None:
            url = f"{url}?{hl_parameter(marked_text)}#p{paragraph}"
        return url

    def stale(self, instance):
        label = instance._meta.label_lower
        if label in ("articles.paragraph", "articles.mention", "articles.quote"):
            return {instance.article_id}
        entity = instance.entity if label == "people.alias" else instance
        condition = entity_filter(entity)
        if condition is None:
            return super().stale(instance)
        return set(Article.objects.filter(condition).values_list("pk", flat=True))


class QuoteIndex(ArchiveIndex, indexes.Indexable):
    result_type = "quote"
    watched = ("articles.article", "articles.mention", "people.person", "people.alias")

    def get_model(self):
        return Quote

    def index_queryset(self, using=None):
        return Quote.objects.public()

    def read_queryset(self, using=None):
        return Quote.objects.select_related("speaker", "article__outlet", "paragraph")

    def documents(self, pks):
        """The text: the quote's words, then its speaker's name and global aliases (or the
        note on who spoke). Not the article's title, or every quote would match it. The
        facets: the article's outlet and date, the speaker and the names inside the quote."""
        rows = list(
            self.index_queryset()
            .filter(pk__in=pks)
            .order_by("pk")
            .values_list(
                "pk",
                "text",
                "speaker_id",
                "speaker_note",
                "paragraph_id",
                "start",
                "end",
                "article__outlet__slug",
                "article__published",
                "article__source_name",
                "article__language",
            )
        )
        # A quote's facets are the names inside it: the mentions within its span.
        mentions = by_key(
            (m.paragraph_id, m) for m in shown_mentions(paragraph_id__in={row[4] for row in rows})
        )
        inside = {}
        for pk, _, _, _, paragraph, start, end, *_ in rows:
            inside[pk] = mentioned(
                m for m in mentions.get(paragraph, ()) if start <= m.start and m.end <= end
            )
        wanted = {field: set() for field in ENTITY_MODELS}
        for found in inside.values():
            for field, entity_pks in found.items():
                wanted[field] |= entity_pks
        wanted["person"].update(row[2] for row in rows if row[2] is not None)
        tables = entity_tables(wanted)
        people = tables["person"]
        docs = []
        for (
            pk,
            words,
            speaker,
            speaker_note,
            _,
            _,
            _,
            outlet,
            published,
            source_name,
            language,
        ) in rows:
            found = inside[pk]
            said_by = name_line(people, speaker) if speaker is not None else speaker_note
            person_slugs = {people.slug(p) for p in found["person"]}
            if speaker is not None:
                person_slugs.add(people.slug(speaker))
            docs.append(
                self.document(
                    pk,
                    tag_language(language, f"{words}\n{said_by}\n"),
                    words,
                    outlet=outlet or "",
                    year=self.year_value(published),
                    date=self.date_number(published),
                    source_name=source_name,
                    people=sorted(person_slugs),
                    organizations=sorted(
                        {tables["organization"].slug(o) for o in found["organization"]}
                    ),
                    places=sorted({tables["place"].slug(p) for p in found["place"]}),
                )
            )
        return docs

    def passages(self, obj):
        return [(obj.paragraph.position, obj.text), (obj.paragraph.position, obj.speaker_label)]

    def snippet_text(self, obj):
        return obj.text

    def hit_title(self, obj):
        return f"{obj.speaker_label}: “{obj.words}”"

    def speaker(self, obj):
        return obj.speaker

    def stale(self, instance):
        label = instance._meta.label_lower
        quotes = Quote.objects.all()
        if label == "articles.article":
            quotes = quotes.filter(article=instance.pk)
        elif label == "articles.mention":  # a name inside a quote is one of its facets
            quotes = quotes.filter(paragraph_id=instance.paragraph_id)
        elif label in ("people.person", "people.alias"):
            person = instance.entity if label == "people.alias" else instance
            if getattr(person, "link_field", None) != "person":
                return set()
            quotes = quotes.filter(speaker=person.pk)
        else:
            return super().stale(instance)
        return set(quotes.values_list("pk", flat=True))

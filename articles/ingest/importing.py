"""Import raw captures as articles: one text, one transaction, a clear word per file.

A capture is kept verbatim with its SHA-256; the segmenter proposes its
fields and paragraphs; the mention finder links the names the archive knows
(unreviewed, source "import"); the extractor suggests quotes with speakers
and a confidence. The article is a draft, seen by curators only, until one
of them publishes it from the review screen. The same text imported again is
recognised by its checksum and changes nothing. A file that cannot be read (empty, binary, not
UTF-8, too big) is reported and nothing of it is written; the others go on.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from articles.ingest import store
from articles.ingest.attribution import suggest_quotes
from articles.ingest.candidates import find_candidates
from articles.ingest.language import RULES, identify
from articles.ingest.mentions import NameMatcher, derive_for_article
from articles.ingest.quotes import DEFAULT_THRESHOLD
from articles.ingest.segmenting import segment
from articles.ingest.variants import proposals_for
from articles.models import Article, sha256_of
from people.models import Organization, Person

log = logging.getLogger("archive.import")

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
SOURCE_NAME_LENGTH = Article._meta.get_field("source_name").max_length


def max_bytes():
    """The largest capture accepted: settings.ARCHIVE_IMPORT_MAX_BYTES, 2 MB by default."""
    return int(getattr(settings, "ARCHIVE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def human_size(size):
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


class ImportProblem(Exception):
    """Why a capture cannot be imported, in words a curator can act on."""


def too_big(size, limit):
    return ImportProblem(
        f"the file is {human_size(size)}, more than the {human_size(limit)} limit for one article."
    )


@dataclass
class ImportResult:
    name: str
    status: str  # "imported", "duplicate" or "failed"
    message: str
    article: Article | None = None
    paragraphs: int = 0
    body: int = 0
    mentions: int = 0
    quotes: int = 0
    candidates: int = 0
    notes: list = field(default_factory=list)
    created_entities: list = field(default_factory=list)

    @property
    def imported(self):
        return self.status == "imported"

    def __str__(self):
        return f"{self.name}: {self.message}"


# -- reading bytes as text ------------------------------------------------------


def decode(data, limit=None):
    """The text of a capture's bytes, or ImportProblem saying why there is none."""
    limit = limit or max_bytes()
    if not data:
        raise ImportProblem("the file is empty.")
    if len(data) > limit:
        raise too_big(len(data), limit)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportProblem("the file is UTF-16 text; save it as UTF-8 and import it again.")
    if b"\x00" in data[:65536]:
        raise ImportProblem("the file is binary (it contains NUL bytes), not text.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        hint = ""
        try:
            if sum(0x0400 <= ord(c) <= 0x04FF for c in data.decode("cp1251")) > len(data) // 4:
                hint = " It looks like Windows-1251 (Cyrillic);"
        except UnicodeDecodeError:
            pass
        raise ImportProblem(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start} cannot be read).{hint} save it as UTF-8 and import it again."
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 8 and controls > len(text[:65536]) // 100:
        raise ImportProblem("the file is binary (it is full of control characters), not text.")
    if not text.strip():
        raise ImportProblem("the file holds only white space.")
    return text


def read_path(path, limit=None):
    """The text of the file at `path`, reading no more of a huge file than needed."""
    limit = limit or max_bytes()
    size = path.stat().st_size
    if size > limit:
        raise too_big(size, limit)
    return decode(path.read_bytes(), limit)


def expand_paths(paths):
    """(files to import, problems) for command-line paths: files, or folders of .txt files."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
            if not found:
                problems.append(
                    ImportResult(str(path), "failed", "the folder holds no .txt files.")
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(ImportResult(str(path), "failed", "there is no such file or folder."))
    return files, problems


# -- one capture -------------------------------------------------------------------


def media_names():
    """{spelling: name} of every known media outlet: its name and its global aliases."""
    names = {}
    for org in Organization.objects.filter(kind=Organization.Kind.MEDIA).prefetch_related(
        "aliases"
    ):
        names[org.name] = org.name
        for alias in org.aliases.all():
            if alias.article_id is None:
                names[alias.name] = org.name
    return names


class Importer:
    """Imports captures one by one, sharing what it knows about names between them."""

    def __init__(self, threshold=DEFAULT_THRESHOLD, limit=None):
        self.threshold = threshold
        self.limit = limit or max_bytes()
        self._matcher = None

    @property
    def matcher(self):
        if self._matcher is None:
            self._matcher = NameMatcher()
        return self._matcher

    def import_bytes(self, data, name):
        try:
            text = decode(data, self.limit)
        except ImportProblem as problem:
            return ImportResult(name, "failed", str(problem))
        return self.import_text(text, name)

    def import_upload(self, upload):
        """An uploaded file; one over the limit is refused without being read."""
        if upload.size > self.limit:
            return ImportResult(upload.name, "failed", str(too_big(upload.size, self.limit)))
        return self.import_bytes(upload.read(), upload.name)

    def import_path(self, path, name=None):
        name = name or Path(path).name
        try:
            text = read_path(Path(path), self.limit)
        except ImportProblem as problem:
            return ImportResult(name, "failed", str(problem))
        except OSError as error:
            return ImportResult(name, "failed", f"the file cannot be read ({error.strerror}).")
        return self.import_text(text, name)

    def import_text(self, raw, name=None):
        """Import one capture in a transaction; an ImportResult in every case."""
        sha = sha256_of(raw)
        name = (name or f"pasted-{sha[:12]}.txt").strip()
        existing = Article.objects.filter(sha256=sha).first()
        if existing is not None:
            return ImportResult(
                name,
                "duplicate",
                f"already in the archive as “{existing}” (same SHA-256 checksum); nothing changed.",
                article=existing,
            )
        if len(name) > SOURCE_NAME_LENGTH:
            return ImportResult(
                name, "failed", f"the file name is longer than {SOURCE_NAME_LENGTH} characters."
            )
        taken = Article.objects.filter(source_name=name).first()
        if taken is not None:
            return ImportResult(
                name,
                "failed",
                f"a different text was already imported under this file name "
                f"(“{taken}”); rename the file to import it as a new article.",
            )
        try:
            with transaction.atomic():
                return self._create(raw, name)
        except ImportProblem as problem:
            return ImportResult(name, "failed", str(problem))
        except ValidationError as error:
            return ImportResult(
                name, "failed", "the proposed article is not valid: " + "; ".join(error.messages)
            )
        except DatabaseError as error:
            log.exception("Import of %s failed", name)
            return ImportResult(
                name, "failed", f"the database refused it ({error}); nothing was written."
            )

    def _create(self, raw, name):
        result = segment(raw, media_names())
        if not result.body_count:
            raise ImportProblem(
                "no article text found: every line looks like site furniture, "
                "a caption, a credit or a note."
            )
        report = ImportResult(name, "imported", "")
        language, probability = identify("\n".join(t for k, t in result.paragraphs if k == "body"))
        if language in RULES:
            report.notes.append(
                f"Language: {RULES[language]} ({language}, identified with "
                f"probability {probability:.2f})."
            )
        else:
            report.notes.append(
                f"Language: {language or 'not identified'}; the importer has rules for "
                f"{', '.join(RULES.values())} only, so quotes were read with the English rules."
            )
        article = Article(
            language=language or "en",
            title=result.title[:300],
            title_supplied=result.title_supplied,
            slug=unique_article_slug(result.slug()),
            standfirst=result.standfirst,
            byline=result.byline[:300],
            dateline=result.dateline[:100],
            published=result.published,
            date_precision=result.date_precision,
            date_note=result.date_note,
            source_name=name,
            raw_text=raw,
            sha256=sha256_of(raw),
            state=Article.State.DRAFT,
        )
        article.outlet = self.outlet_for(result, report)
        article.full_clean(exclude=["sha256"], validate_unique=False)
        paragraphs = store.save_article(
            article,
            authors=self.people_named(result.author_names),
            editors=self.people_named(result.editor_names),
            paragraphs=result.paragraphs,
        )
        if report.created_entities:
            self._matcher = None  # a new outlet: its name is now a known name
        derived = derive_for_article(article, self.matcher)
        store.mark_imported(article)
        quotes = suggest_quotes(article, matcher=self.matcher, threshold=self.threshold)
        report.article = article
        report.paragraphs = len(paragraphs)
        report.body = result.body_count
        report.mentions = derived.created
        report.quotes = quotes.created
        candidates = find_candidates(article, self.matcher)
        report.candidates = len(candidates)
        for proposal in proposals_for(article, candidates, self.matcher):
            report.notes.append(
                f"“{proposal.name}” looks like {proposal.entity} (a declined or "
                "respelled form): confirm it as an alias on the review screen "
                "if it is."
            )
        if derived.ambiguous:
            report.notes.append(
                f"{len(derived.ambiguous)} name(s) could be more than one "
                "entity and were left for a curator."
            )
        report.message = (
            f"imported as “{article}”: {report.paragraphs} paragraphs ({report.body} body), "
            f"{report.mentions} mentions and {report.quotes} quotes to review, "
            f"{report.candidates} unknown names. It is a draft until you publish it."
        )
        return report

    def outlet_for(self, result, report):
        if not result.outlet_name:
            return None
        matches = list(Organization.objects.matching_name(result.outlet_name))
        media = [org for org in matches if org.kind == Organization.Kind.MEDIA]
        if len(media) == 1:
            report.notes.append(f"Outlet: {media[0]}, from “{result.outlet_evidence}”.")
            return media[0]
        if media or matches:
            report.notes.append(
                f"The text names “{result.outlet_name}” as its source, but the "
                "archive has no single media outlet of that name; outlet left "
                "empty."
            )
            return None
        outlet = store.create_outlet(result.outlet_name, result.outlet_evidence)
        report.created_entities.append(outlet)
        report.notes.append(f"New media outlet “{outlet}”, from “{result.outlet_evidence}”.")
        return outlet

    @staticmethod
    def people_named(names):
        people = []
        for name in names:
            found = list(Person.objects.matching_name(name)[:2])
            if len(found) == 1:
                people.append(found[0])
        return people


def unique_article_slug(base):
    base = slugify(base)[:100].strip("-") or "article"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

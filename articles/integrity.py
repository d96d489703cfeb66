"""Checks that the stored archive is intact: fixity, and spans that match their text."""

from articles.models import Article, Mention, Paragraph, Quote, sha256_of, validate_span


def archive_problems():
    """A list of human-readable problems; empty when the archive is intact."""
    problems = []
    for article in Article.objects.only("slug", "raw_text", "sha256"):
        if article.sha256 != sha256_of(article.raw_text):
            problems.append(f"{article.slug}: the stored SHA-256 does not match the raw text.")
    for paragraph in Paragraph.objects.select_related("article"):
        if paragraph.text not in paragraph.article.raw_text:
            problems.append(f"{paragraph}: the paragraph text is not in the article's raw text.")
    for model in (Quote, Mention):
        for obj in model.objects.select_related("paragraph", "article"):
            for message in validate_span(obj).values():
                problems.append(
                    f"{model._meta.verbose_name} {obj.article.slug} "
                    f"¶{obj.paragraph.position}: {message}"
                )
    return problems

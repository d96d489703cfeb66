"""Search results and entity lists as CSV and JSON, streamed.

Rows are produced lazily (search results a page of the engine at a time,
entities a chunk of the database at a time) and written as they come, so an
export of the whole archive never sits in memory. Spreadsheet formula
injection is defused: a cell that a spreadsheet would read as a formula gets
a leading apostrophe.
"""

import csv
import html
import json
from bisect import bisect_left
from dataclasses import dataclass
from urllib.parse import urljoin

from django.http import StreamingHttpResponse
from django.utils.html import strip_tags
from django.utils.text import slugify

from archive.search.core import search
from archive.search.marking import hl_parameter
from archive.search.query import Filter
from archive.text import fold, words

SEARCH_PAGE_SIZE = 200
MAX_SEARCH_ROWS = 10_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SEARCH_COLUMNS = [
    "rank",
    "type",
    "title",
    "url",
    "snippet",
    "matched_via",
    "score",
    "paragraph",
    "article",
    "article_url",
    "outlet",
    "date",
    "date_precision",
    "speaker",
    "source_name",
]


def safe_cell(value):
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Echo:
    """A file-like object whose write() hands back what it was given."""

    def write(self, value):
        return value


def csv_response(rows, columns, filename):
    writer = csv.writer(Echo())

    def lines():
        yield "\ufeff" + writer.writerow(columns)  # a BOM: spreadsheets then read UTF-8
        for row in rows:
            yield writer.writerow([safe_cell(row.get(column)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(meta, rows, filename, key="results"):
    """{"…meta", key: [rows]}, written row by row."""

    def chunks():
        head = json.dumps(meta, ensure_ascii=False)[:-1]
        yield head + (", " if meta else "") + json.dumps(key) + ": ["
        for i, row in enumerate(rows):
            yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def precise_date(article):
    """ISO 8601 at the precision the text gives: 2022, 2025-02 or 2025-02-01; "" if unknown."""
    if not article.published:
        return ""
    return (
        {"year": "%Y", "month": "%Y-%m"}.get(article.date_precision, "%Y-%m-%d")
        .replace("%Y", f"{article.published.year:04d}")
        .replace("%m", f"{article.published.month:02d}")
        .replace("%d", f"{article.published.day:02d}")
    )


def export_filename(query, extension):
    stem = slugify(query)[:60] or "all"
    return f"search-{stem}.{extension}"


# -- search results ---------------------------------------------------------------


def first_page(data):
    """The first page of the search the form describes (it raises QueryError if bad)."""
    return search(
        data["q"], page=1, sort=data["sort"], filters=data["filters"], page_size=SEARCH_PAGE_SIZE
    )


def search_rows(data, first, base_url):
    """Every hit of the search, a page of the engine at a time, as flat rows."""
    page, rank = first, 0
    while True:
        for hit in page.hits:
            rank += 1
            if rank > MAX_SEARCH_ROWS:
                return
            yield hit_row(hit, rank, base_url)
        if not page.has_next or rank >= MAX_SEARCH_ROWS:
            return
        page = search(
            data["q"],
            page=page.page + 1,
            sort=data["sort"],
            filters=data["filters"],
            page_size=SEARCH_PAGE_SIZE,
            suggest=False,
        )


def hit_row(hit, rank, base_url):
    row = {
        "rank": rank,
        "type": hit.type,
        "title": hit.title,
        "url": urljoin(base_url, hit.url),
        "snippet": html.unescape(" ".join(strip_tags(str(hit.snippet)).split())),
        "matched_via": hit.matched_via or "",
        "score": round(hit.score, 4),
        "paragraph": hit.paragraph,
    }
    article = None
    if hit.type == "article":
        article = hit.obj
    elif hit.type == "quote":
        article = hit.obj.article
        row["speaker"] = hit.obj.speaker_label
    if article is not None:
        row.update(
            {
                "article": article.title,
                "article_url": urljoin(base_url, article.get_absolute_url()),
                "outlet": article.outlet.name if article.outlet_id else "",
                "date": precise_date(article),
                "date_precision": article.date_precision,
                "source_name": article.source_name,
            }
        )
    return row


def search_meta(page, total_rows):
    return {
        "query": page.query.text,
        "count": page.count,
        "exported": total_rows,
        "sort": page.sort,
        "filters": page.selected,
        "notices": page.notices,
        "suggestion": page.suggestion,
        "corrected": page.corrected,
    }


# -- lists --------------------------------------------------------------------------


def flatten(rows):
    """Lists joined with " | " for CSV."""
    for row in rows:
        yield {k: " | ".join(v) if isinstance(v, list) else v for k, v in row.items()}


# -- keyword in context ----------------------------------------------------------------

KWIC_CONTEXT = 50  # characters either side
KWIC_KEY_WORDS = 6  # words either side that the left/right orders sort by
KWIC_MAX_ARTICLES = 500
KWIC_ORDERS = {
    "article": "article",
    "left": "left context",
    "right": "right context",
    "match": "match",
}
KWIC_COLUMNS = ["article", "article_url", "date", "paragraph", "left", "match", "right", "url"]


@dataclass
class KwicLine:
    article: object
    position: int
    start: int
    left: str
    match: str
    right: str
    url: str
    left_key: tuple
    right_key: tuple
    match_key: tuple

    def row(self, base_url):
        return {
            "article": self.article.title,
            "article_url": urljoin(base_url, self.article.get_absolute_url()),
            "date": precise_date(self.article),
            "paragraph": self.position,
            "left": self.left,
            "match": self.match,
            "right": self.right,
            "url": urljoin(base_url, self.url),
        }


def clip_left(text, width):
    if len(text) <= width:
        return text
    cut = text[-width:]
    space = cut.find(" ")
    return "…" + (cut[space + 1 :] if 0 <= space < width // 3 else cut)


def clip_right(text, width):
    if len(text) <= width:
        return text
    cut = text[:width]
    space = cut.rfind(" ")
    return (cut[:space] if space > width * 2 // 3 else cut) + "…"


def folded_tokens(text):
    """(start, folded word) of every word of the text that folds to something, in order."""
    return [(start, folded) for start, _, surface in words(text) if (folded := fold(surface))]


def kwic_search(data):
    """The articles a search finds (up to KWIC_MAX_ARTICLES) and what to mark in them."""
    filters = [f for f in data["filters"] if f.field != "type"]
    filters.append(Filter("type", "article", label="type"))
    page = search(
        data["q"], page=1, sort=data["sort"], filters=filters, page_size=KWIC_MAX_ARTICLES
    )
    return page, page.highlighter


def kwic_lines(page, highlighter, width=KWIC_CONTEXT, order="article"):
    """Every occurrence of the searched words in the found articles, one line each."""
    lines = []
    hl = hl_parameter(page.searched_text)  # the reader marks what the search matched
    for hit in page.hits:
        article = hit.obj
        for paragraph in article.paragraphs.all():
            text = paragraph.text
            # Folded once per paragraph; each match then looks up its neighbours by offset,
            # so the work grows with the text, not with the text times its matches.
            tokens = folded_tokens(text)
            starts = [start for start, _ in tokens]
            keys = [folded for _, folded in tokens]
            for start, end, _ in highlighter.matches(text):
                first, after = bisect_left(starts, start), bisect_left(starts, end)
                lines.append(
                    KwicLine(
                        article=article,
                        position=paragraph.position,
                        start=start,
                        left=clip_left(text[max(0, start - width - 1) : start], width),
                        match=text[start:end],
                        right=clip_right(text[end : end + width + 1], width),
                        url=f"{article.get_absolute_url()}?{hl}#p{paragraph.position}",
                        left_key=tuple(reversed(keys[max(0, first - KWIC_KEY_WORDS) : first])),
                        right_key=tuple(keys[after : after + KWIC_KEY_WORDS]),
                        match_key=tuple(keys[first:after]),
                    )
                )
    by_article = {
        "article": lambda line: (
            line.article.published is None,
            -(line.article.published.toordinal() if line.article.published else 0),
            line.article.title,
            line.position,
            line.start,
        )
    }
    keys = {
        **by_article,
        "left": lambda line: (line.left_key, line.match_key, line.right_key),
        "right": lambda line: (line.right_key, line.match_key, line.left_key),
        "match": lambda line: (line.match_key, line.right_key, line.left_key),
    }
    lines.sort(key=keys[order])
    return lines

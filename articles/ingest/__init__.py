"""Ingest: a raw capture becomes a draft article, one step per module.

    lines        what one line of a capture is (patterns per language, the line's kind)
    segmenting   the capture as a whole: furniture, title, byline, date, outlet, body
    language     which language the body is in (py3langid)
    lexicon      the words the steps read, per language (speech verbs, pronouns, roles)
    quotes       the quoted spans, speech or scare quote, and the quotes of an article
    names        capitalised names in a paragraph and what kind of name each is
    attribution  who said each quote
    candidates   the names in an article that match nothing known
    variants     declined and respelled names proposed as aliases
    mentions     where the archive's known names occur in an article
    importing    reading files and writing one article, in one transaction
    curation     the curated fixtures (fixtures/curation/) applied to the archive
    evaluation   the held-out evaluation sets

The steps up to `variants` are pure (text in, records out). The database is written by
`importing` (a new article), `mentions.derive_for_article` and `attribution.suggest_quotes` (what
the machine suggests for an article, run again from the review screen) and `curation`.
"""

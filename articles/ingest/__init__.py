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
    importing    reading files and making one article, in one transaction
    store        every write ingest makes: the article, its outlet, its mentions and
                 quotes; the curated entities, aliases and affiliations
    curation     the curated fixtures (fixtures/curation/) applied to the archive
    evaluation   the held-out evaluation sets

The steps up to `variants` are pure (text in, records out). `mentions.plan_mentions` and
`attribution.plan_quotes` read the database and return the records to write, unsaved;
`store` writes them (`derive_for_article` and `suggest_quotes` are the two together, which
the importer and the review screen call). `curation`, a different entry point (the curated
fixtures, not captures), checks and resolves the records and hands them to `store` too.
No other module here writes (tests/archive/test_architecture.py).
"""

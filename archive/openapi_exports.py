"""OpenAPI descriptions of the export endpoints, which are plain Django views (streamed
CSV/JSON/GEXF downloads) rather than DRF views; drf-spectacular appends them to the schema."""

SEARCH_PARAMETERS = [
    {"name": name, "in": "query", "required": False, "schema": {"type": kind},
     "description": text}
    for name, kind, text in [
        ("q", "string", "The query, in the search page's query language."),
        ("type", "string", "article, quote, person, organization or place."),
        ("sort", "string", "relevance or date."),
        ("outlet", "string", "Slug, name or alias."),
        ("person", "string", "Slug, name or alias."),
        ("organization", "string", "Slug, name or alias."),
        ("place", "string", "Slug, name or alias."),
        ("year", "string", "Four digits, or unknown."),
    ]
]
ERROR = {"description": "Invalid parameters; the body says which."}


def download(operation_id, media_type, summary, parameters=(), tag="exports"):
    return {"get": {
        "operationId": operation_id,
        "summary": summary,
        "tags": [tag],
        "parameters": list(parameters),
        "responses": {"200": {"description": "A download (Content-Disposition: attachment).",
                              "content": {media_type: {"schema": {"type": "string"}}}},
                      "400": ERROR},
    }}


EXPORT_PATHS = {
    "/search/export.csv": download("search_export_csv", "text/csv", "Every result of a search, as CSV",
                                   SEARCH_PARAMETERS),
    "/search/export.json": download("search_export_json", "application/json", "Every result of a search, as JSON",
                                    SEARCH_PARAMETERS),
    "/search/kwic.csv": download("search_kwic_csv", "text/csv", "Keyword-in-context lines of a search, as CSV",
                                 SEARCH_PARAMETERS),
    "/search/kwic.json": download("search_kwic_json", "application/json",
                                  "Keyword-in-context lines of a search, as JSON",
                                  SEARCH_PARAMETERS),
    **{
        f"/{kind}/export.{extension}": download(f"{kind}_export_{extension}", media, f"Every {kind[:-1] if kind != 'people' else 'person'} "
                                                       f"with aliases and mention counts, as {extension.upper()}")
        for kind in ("people", "organizations", "places")
        for extension, media in (("csv", "text/csv"), ("json", "application/json"))
    },
    "/network.gexf": download("network_gexf", "application/gexf+xml",
                              "The network of people and organizations named together, as GEXF "
                              "1.3 for Gephi"),
}

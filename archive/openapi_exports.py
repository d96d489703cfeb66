"""OpenAPI descriptions of the export endpoints, which are plain Django views (streamed
CSV/JSON/GEXF downloads) rather than DRF views; drf-spectacular's post-processing hook
`add_export_paths` appends them to the schema. Their search parameters are the search
form's (`archive.forms.query_parameters`); the exports have no pages."""

from archive.forms import query_parameters

ERROR = {"description": "Invalid parameters; the body says which."}


def download(operation_id, media_type, summary, parameters=(), tag="exports"):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "tags": [tag],
            "parameters": list(parameters),
            "responses": {
                "200": {
                    "description": "A download (Content-Disposition: attachment).",
                    "content": {media_type: {"schema": {"type": "string"}}},
                },
                "400": ERROR,
            },
        }
    }


def export_paths():
    search_parameters = query_parameters(exclude=("page",))
    return {
        "/search/export.csv": download(
            "search_export_csv", "text/csv", "Every result of a search, as CSV", search_parameters
        ),
        "/search/export.json": download(
            "search_export_json",
            "application/json",
            "Every result of a search, as JSON",
            search_parameters,
        ),
        "/search/kwic.csv": download(
            "search_kwic_csv",
            "text/csv",
            "Keyword-in-context lines of a search, as CSV",
            search_parameters,
        ),
        "/search/kwic.json": download(
            "search_kwic_json",
            "application/json",
            "Keyword-in-context lines of a search, as JSON",
            search_parameters,
        ),
        **{
            f"/{kind}/export.{extension}": download(
                f"{kind}_export_{extension}",
                media,
                f"Every {kind[:-1] if kind != 'people' else 'person'} "
                f"with aliases and mention counts, as {extension.upper()}",
            )
            for kind in ("people", "organizations", "places")
            for extension, media in (("csv", "text/csv"), ("json", "application/json"))
        },
        "/network.gexf": download(
            "network_gexf",
            "application/gexf+xml",
            "The network of people and organizations named together, as GEXF 1.3 for Gephi",
        ),
    }


def add_export_paths(result, generator, request, public):
    """A drf-spectacular post-processing hook (settings.SPECTACULAR_SETTINGS)."""
    result["paths"].update(export_paths())
    return result

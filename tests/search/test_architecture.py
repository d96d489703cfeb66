"""The search core knows no model: adding a searchable model touches its app's
search_indexes.py only."""

import ast
from pathlib import Path

from django.conf import settings

CORE = Path(settings.BASE_DIR) / "archive" / "search"
MODEL_NAMES = {
    "Article",
    "Paragraph",
    "Quote",
    "Mention",
    "Person",
    "Organization",
    "Place",
    "Alias",
    "Affiliation",
}


def core_modules():
    return sorted(CORE.rglob("*.py"))


def test_the_search_core_imports_no_app_and_names_no_model():
    assert core_modules()
    for path in core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith(("articles", "people")), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith(("articles", "people")) for a in node.names)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not node.value.startswith(("articles.", "people.")), (path, node.value)
            elif isinstance(node, ast.Name):
                assert node.id not in MODEL_NAMES, (path, node.id)

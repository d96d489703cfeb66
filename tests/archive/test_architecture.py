"""The rooms of the code import each other in one direction only (docs/architecture.md):

    archive (shared pieces) < people < articles < the site (archive's pages, API, URLs)
    < workbench

A module may import its own room and the rooms below it, never one above: so the import
graph between the rooms is a tree, and a cycle (articles ↔ people, as there once was)
fails here. Lazy imports inside functions count, and so does `apps.get_model("app", …)`,
which is an import by another name. Migrations are history and are not checked.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ROOMS = ["archive", "people", "articles", "site", "workbench"]  # lowest first
# archive's modules that wire the apps together into the site (and every app's management
# commands, entry points like the URLs); the rest of archive is shared by the apps and
# imports none of them.
SITE = (
    "archive.urls",
    "archive.api_urls",
    "archive.views",
    "archive.api",
    "archive.forms",
    "archive.openapi_exports",
    "archive.backup",
    "archive.settings",
    "archive.wsgi",
)
APPS = ("archive", "people", "articles", "workbench")


def room_of(module):
    top = module.split(".")[0]
    if top not in APPS:
        return None  # Django, the standard library, a dependency
    if ".management." in f"{module}." or any(
        module == s or module.startswith(s + ".") for s in SITE
    ):
        return "site"
    return top


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def code_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield module_name(path), path


def imported(module, tree):
    """(line, module imported) for every import in the module, and every app named to
    apps.get_model."""
    package = module.rsplit(".", 1)[0] if "." in module else module
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's own package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # "from archive import views" imports archive.views
                yield node.lineno, f"{target}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value.split(".")[0]


def upward_imports():
    found = []
    for module, path in code_modules():
        room = room_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, target in imported(module, tree):
            other = room_of(target)
            if other is not None and ROOMS.index(other) > ROOMS.index(room):
                found.append(f"{path.relative_to(ROOT)}:{line} ({room}) imports {target} ({other})")
    return sorted(set(found))


def test_every_app_module_is_checked():
    modules = dict(code_modules())
    assert {
        "people.models",
        "people.views",
        "people.network",
        "articles.models",
        "articles.review.views",
        "archive.status",
        "archive.urls",
        "workbench.views",
    } <= set(modules)


def test_no_room_imports_a_room_above_it():
    assert upward_imports() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "from articles.models import Mention\n",
            "people.x:1 (people) imports articles.models (articles)",
        ),
        ("def f():\n    from articles.models import Mention\n", "imports articles.models"),
        ("apps.get_model('articles', 'Article')\n", "imports articles (articles)"),
        ("from archive import views\n", "imports archive.views (site)"),
    ],
)
def test_the_check_sees_an_import_upwards(source, expected):
    """The checker itself: a people module importing articles, lazily too, is caught."""
    tree = ast.parse(source)
    found = [
        f"people.x:{line} (people) imports {target} ({room_of(target)})"
        for line, target in imported("people.x", tree)
        if room_of(target) and ROOMS.index(room_of(target)) > ROOMS.index("people")
    ]
    assert any(expected in line for line in found), found


# -- ingest writes to the database in one place ----------------------------------------------

INGEST = ROOT / "articles" / "ingest"
WRITES = {
    "save",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "delete",
    "set",  # a many-to-many relation's
    "execute",
    "executemany",
}
# Names a dict, a set or a list has too: a write only when called on a QuerySet.
QUERYSET_WRITES = {"update", "add", "remove", "clear"}
QUERYSET_STEPS = {"objects", "filter", "exclude", "all", "select_related", "order_by"}


def receiver_names(node):
    """The attribute and method names a call's receiver is built from (`a.objects.filter(…)`
    gives objects and filter)."""
    names = set()
    while isinstance(node, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Call):
            node = node.func
        else:
            names.add(node.attr)
            node = node.value
    return names


def database_writes(tree):
    """(line, method) of every call in a module that writes to the database."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if method in WRITES or (
                method in QUERYSET_WRITES and receiver_names(node.func.value) & QUERYSET_STEPS
            ):
                yield node.lineno, method


def ingest_writes():
    """{module file name: ["name:line .method()" of each write]} over articles/ingest/."""
    found = {}
    for path in sorted(INGEST.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found[path.name] = [f"{path.name}:{n} .{method}()" for n, method in database_writes(tree)]
    return found


def test_ingest_writes_to_the_database_only_in_store():
    """The steps compute records and `articles/ingest/store.py` saves them
    (docs/architecture.md): a write anywhere else in the package fails here."""
    writes = ingest_writes()
    assert "curation.py" in writes and "importing.py" in writes
    assert len(writes.pop("store.py")) >= 10  # the check sees store's own writes
    assert [w for found in writes.values() for w in found] == []


@pytest.mark.parametrize(
    "source",
    [
        "quote.save()",
        "Alias.objects.create(name=name)",
        "Paragraph.objects.bulk_create(paragraphs)",
        "Affiliation.objects.get_or_create(role=role, defaults={})",
        "Person.objects.update_or_create(slug=slug)",
        "article.authors.set(people)",
        "mention.delete()",
        "article.mentions.filter(status=status).update(source=source)",
        "Quote.objects.all().delete()",
    ],
)
def test_the_write_check_sees_a_write(source):
    assert list(database_writes(ast.parse(source)))


@pytest.mark.parametrize(
    "source",
    ["seen.add(name)", "self.fields.update(other.fields)", "table.setdefault(k, set()).add(v)"],
)
def test_the_write_check_lets_sets_and_dicts_be(source):
    assert not list(database_writes(ast.parse(source)))


# -- size: a module of articles/ or people/ over about 400 lines says why (issue 12) ---------

MODULE_LINES = 400


def long_modules_without_a_reason(paths):
    """The modules of `paths` longer than MODULE_LINES whose docstring does not say why."""
    found = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        if source.count("\n") <= MODULE_LINES:
            continue
        docstring = ast.get_docstring(ast.parse(source)) or ""
        if f"{MODULE_LINES} lines" not in docstring:
            found.append(path)
    return found


def test_a_module_over_400_lines_says_why_at_its_top():
    paths = [
        path
        for app in ("articles", "people")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    assert len(paths) > 30
    assert [str(p.relative_to(ROOT)) for p in long_modules_without_a_reason(paths)] == []


def test_the_size_check_sees_a_long_module_without_a_reason(tmp_path):
    silent, explained = tmp_path / "silent.py", tmp_path / "explained.py"
    body = "x = 1\n" * (MODULE_LINES + 1)
    silent.write_text('"""A module."""\n' + body)
    explained.write_text('"""A module.\n\nOver 400 lines: one table."""\n' + body)
    assert long_modules_without_a_reason([silent, explained]) == [silent]

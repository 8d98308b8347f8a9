"""The layer rule: an app imports only the apps below it; no cycle; HTTP only in the audience apps.

The order (docs/architecture.md shows it as a diagram): each line may import the lines above it,
never a line below it nor another app of its own line. Modules are read with `ast`: nothing is
imported, no Django is needed, and there is no list of exceptions.
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "billetterie"

LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("accounts",),
    ("catalogue", "members"),
    ("campaigns",),
    ("outbox",),
    ("inventory",),
    ("requests",),
    ("allocation",),
    ("offers",),
    ("attendees",),
    ("delivery", "contest", "lodging"),
    ("reporting",),
    ("imports",),
    ("backoffice", "portal", "leaders", "jury", "demo", "callbacks"),
]
AUDIENCES = {"backoffice", "portal", "leaders", "jury", "callbacks"}
RANK = {app: rank for rank, line in enumerate(LAYERS) for app in line}
# The project's own modules outside any app (settings, URL map, WSGI, the command) sit on top.
TOP = len(LAYERS)
# Only the audience apps talk HTTP; below them, these modules are web plumbing with no rule
# (error pages, security headers, the sign-in pages and the front door).
HTTP_MODULES = ("django.http", "django.shortcuts", "django.contrib.messages", "django.views")
HTTP_ALLOWED_BELOW = {
    "core/views.py",
    "core/middleware.py",
    "core/web.py",
    "accounts/views.py",
    "accounts/urls.py",
    "accounts/middleware.py",
}


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if "migrations" in relative.parts:
            continue
        app = relative.parts[0] if len(relative.parts) > 1 else None
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package = ["billetterie", *relative.parts[:-1]]
        yield relative, app, tree, package


def _imports(tree, package=("billetterie",)):
    """(absolute module name, line, inside a function?) for every import of the tree."""
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = list(package[: len(package) - child.level + 1]) if child.level else []
                name = ".".join([*base, child.module] if child.module else base)
                found.append((name, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def _target_app(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "billetterie" or len(parts) < 2:
        return None
    return parts[1] if (SRC / parts[1]).is_dir() else None


def test_every_app_has_a_place_in_the_order():
    apps = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps - set(RANK) == set(), "place the new app in LAYERS and in docs/architecture.md"
    assert set(RANK) - apps == set()


def test_no_app_imports_an_app_above_it_or_beside_it():
    wrong = []
    for relative, app, tree, package in _modules():
        for module, line, _ in _imports(tree, package):
            target = _target_app(module)
            if target is None or target == app:
                continue
            if app is None:
                continue  # settings, urls, wsgi: the top of the project
            if RANK[target] >= RANK[app]:
                wrong.append(f"{relative}:{line}: {app} imports {module}")
    assert wrong == []


def test_no_cycle_between_apps():
    edges: dict[str, set[str]] = {}
    for _, app, tree, package in _modules():
        for module, _, _ in _imports(tree, package):
            target = _target_app(module)
            if app and target and target != app:
                edges.setdefault(app, set()).add(target)
    state: dict[str, str] = {}
    cycle: list[str] = []

    def walk(node, path):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                cycle.extend(path + [nxt])
                return True
            if nxt not in state and walk(nxt, path + [nxt]):
                return True
        state[node] = "done"
        return False

    for app in sorted(edges):
        if app not in state and walk(app, [app]):
            break
    assert cycle == []


def test_no_project_import_hides_inside_a_function():
    """Imports inside functions are how cycles hide; only an AppConfig.ready() may have them."""
    hidden = [
        f"{relative}:{line}: {module}"
        for relative, _, tree, package in _modules()
        if relative.name != "apps.py"
        for module, line, in_function in _imports(tree, package)
        if in_function and module.startswith("billetterie")
    ]
    assert hidden == []


def test_http_lives_in_the_audience_apps():
    wrong = [
        f"{relative}:{line}: {module}"
        for relative, app, tree, package in _modules()
        if app not in AUDIENCES and relative.as_posix() not in HTTP_ALLOWED_BELOW
        for module, line, _ in _imports(tree, package)
        if module.startswith(HTTP_MODULES)
    ]
    assert wrong == []


def test_audience_apps_never_import_each_other():
    # Already implied by the same-line rule; said on its own because it is the one people break.
    wrong = [
        f"{relative}:{line}: {module}"
        for relative, app, tree, package in _modules()
        if app in AUDIENCES
        for module, line, _ in _imports(tree, package)
        if _target_app(module) in AUDIENCES - {app}
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "source",
    [
        "import billetterie.offers.services",
        "from billetterie.offers import x",
        "from ..offers import x",
    ],
)
def test_the_reader_sees_imports_at_any_depth(source):
    tree = ast.parse(f"def f():\n    if True:\n        {source}\n")
    [(module, _, in_function)] = _imports(tree, ["billetterie", "requests"])
    assert _target_app(module) == "offers" and in_function


def test_installed_apps_follow_the_layer_order():
    """Hooks reach their receivers in the order of INSTALLED_APPS: it must be the layer order."""
    from django.conf import settings

    ours = [a.split(".")[1] for a in settings.INSTALLED_APPS if a.startswith("billetterie.")]
    assert [RANK[a] for a in ours] == sorted(RANK[a] for a in ours)

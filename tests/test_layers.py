"""The apps import one way only: lib, accounts, profiles, messaging, then the features
(search among them), then impact and pages. Features never import each other; they meet
through registries in a lower layer (profiles' block and connection sources, lib.ics's
calendar sources, lib.searchable's kinds of things search finds, lib.moderatable's kinds of
content members may report)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ideahautomo"
LAYERS = {
    "lib": 0,
    "accounts": 1,
    "profiles": 2,
    "messaging": 3,
    "impact": 5,
    "pages": 6,
    "testing": 7,  # the test kit: above every app, imported by tests only
}
FEATURE = 4  # every other app: ideas, events, circles, announcements, services, moderation, ...


def layer(app):
    return LAYERS.get(app, FEATURE)


def imported_apps(path):
    """The apps of ideahautomo that a module imports, anywhere in it."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "ideahautomo" and len(parts) > 1:
                found.add(parts[1])
    return found


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) < 2 or {"tests", "migrations"} & set(relative.parts):
            continue
        yield relative.parts[0], path


def test_every_app_imports_only_downward():
    wrong = []
    for app, path in modules():
        for other in imported_apps(path) - {app}:
            if not (PACKAGE / other).is_dir():
                continue
            below = layer(other) < layer(app)
            if not below:
                wrong.append(f"{path.relative_to(PACKAGE.parent)} imports ideahautomo.{other}")
    assert wrong == []


def test_the_check_finds_an_import_against_the_layers(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("def f():\n    from ideahautomo.circles import selectors\n")
    assert imported_apps(module) == {"circles"}
    assert not layer("circles") < layer("events")


def test_views_leave_the_audit_log_to_services_and_selectors():
    """Views and admin classes call services and selectors, which write the audit log;
    a view that wrote it itself would leave the rule to be remembered in every view."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if not (path.stem.endswith("views") or path.stem == "admin"):
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = node.func
                name = (
                    called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
                )
                if name == "audit_event_record":
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, "audit writes in views: " + ", ".join(offenders)

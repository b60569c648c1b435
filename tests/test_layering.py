"""The package is built in layers (README, "Project layout"): a module imports only from its
own layer and the layers below it, so the checks are imported only by the plugins, the
release code and the tasks."""

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "implant_guide"
LAYERS = (
    (
        "foundation",
        ("problems", "sources", "languages", "kept_results", "collation", "policy", "today"),
    ),
    ("content model", ("content_model",)),
    ("data files", ("clinic", "warning_signs", "glossary", "bibliography", "data_files")),
    (
        "components",
        (
            "theme_text",
            "illustrations",
            "care_card",
            "worksheet",
            "structured_data",
            "sign_off",
            "review_calendar",
        ),
    ),
    ("markdown", ("markdown", "article_template")),
    ("checks", ("checks",)),
    ("plugins", ("plugins",)),
    ("release", ("release",)),
)
"""Each layer and the modules or packages in it, lowest first."""


def layer_of(module: str) -> int:
    """The layer of `implant_guide.X...` (its first name after the package)."""
    top = module.split(".")[1] if "." in module else ""
    return next(number for number, (_, names) in enumerate(LAYERS) if top in names)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """The modules of the package that a file imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("implant_guide.")}


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def test_every_module_has_a_layer():
    for path in MODULES:
        layer_of(module_name(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_up_a_layer(path):
    mine = layer_of(module_name(path))
    upward = [name for name in imported(path) if layer_of(name) > mine]
    assert upward == [], f"{module_name(path)} ({LAYERS[mine][0]}) imports {upward}"


def test_only_plugins_release_and_tasks_import_the_checks():
    importers = {
        module_name(path)
        for path in [*MODULES, ROOT / "tasks.py", ROOT / "pelicanconf.py"]
        if any(name.startswith("implant_guide.checks") for name in imported(path))
    }
    allowed = ("implant_guide.checks", "implant_guide.plugins", "implant_guide.release", "tasks")
    assert {name for name in importers if not name.startswith(allowed)} == set()

"""The layering of style.md: the engine stands alone and nothing below the site imports it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_STACK = {"django", "channels", "daphne", "rest_framework", "whitenoise"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in the file, including string
    arguments of `importlib.import_module(...)` and `__import__(...)`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def forbidden_imports(package: str, forbidden: set[str]) -> list[str]:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no Python files under {package}/"
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in files
        for line, module in imported_modules(path)
        if module.split(".")[0] in forbidden
    ]


def test_engine_imports_neither_the_web_stack_nor_the_apps():
    assert forbidden_imports("engine", WEB_STACK | {"designer", "playground"}) == []


def test_designer_never_imports_playground():
    assert forbidden_imports("designer", {"playground"}) == []


def test_the_checker_sees_every_kind_of_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os, django.db\n"
        "from playground.views import gallery\n"
        "from . import sibling\n"
        "import importlib\n"
        "importlib.import_module('designer.models')\n"
        "__import__('channels')\n",
        encoding="utf-8",
    )

    assert sorted(imported_modules(sample)) == [
        (1, "django.db"),
        (1, "os"),
        (2, "playground.views"),
        (4, "importlib"),
        (5, "designer.models"),
        (6, "channels"),
    ]

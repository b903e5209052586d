"""The layering of style.md: the engine stands alone and nothing below the site imports it."""

import ast
import os
import subprocess
import sys
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


# --- Layers inside engine/ (style.md "Layers inside engine/") ------------------------------

ENGINE = ROOT / "engine"
# Each layer imports only layers before it (and its own modules); services only their own.
LAYERS = (
    ("engine.core",),
    ("engine.matching",),
    ("engine.runtime",),
    ("engine.polling",),
    ("engine.services",),
    ("engine.registry", "engine.schema"),
    ("engine.simulation",),
)
MAX_MODULES_PER_FOLDER = 15


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def import_targets(path: Path, name: str | None = None) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, wherever it stands (module level, inside
    functions, under `if TYPE_CHECKING`), relative ones resolved, `from p import m` naming
    the submodule `p.m` when m is a module. `name` is the file's module name when it does
    not live in the repository."""
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if is_module(sub) else base))
    return found


def engine_graph() -> dict[str, list[tuple[int, str]]]:
    return {
        module_name(path): [
            (line, target) for line, target in import_targets(path) if target.startswith("engine")
        ]
        for path in sorted(ENGINE.rglob("*.py"))
    }


def layer_of(module: str) -> int | None:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None  # engine/__init__, the contract's faces and the benchmark: above every layer


def service_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "services" else None


def layering_violations(graph: dict[str, list[tuple[int, str]]]) -> list[str]:
    found = []
    for module, targets in graph.items():
        rank = layer_of(module)
        for line, target in targets:
            theirs = layer_of(target)
            where = f"{module}:{line} imports {target}"
            if rank is not None and (theirs is None or theirs > rank):
                found.append(f"{where}, a later layer")
            if service_of(module) and service_of(target) not in (None, service_of(module)):
                found.append(f"{where}, another service")
            last = target.rpartition(".")[2]
            owner = target.rpartition(".")[0]
            if last.startswith("_") and last != "__init__" and not module.startswith(owner + "."):
                found.append(f"{where}, an underscore module of another package")
    return found


def import_cycles(graph: dict[str, list[tuple[int, str]]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself."""
    edges = {m: sorted({t for _line, t in targets if t in graph}) for m, targets in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in edges[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == module:
                    break
            if len(component) > 1 or module in edges[module]:
                cycles.append(sorted(component))

    for module in edges:
        if module not in index:
            visit(module)
    return cycles


def test_engine_layers_import_only_earlier_layers_and_no_service_another():
    assert layering_violations(engine_graph()) == []


def test_engine_has_no_import_cycle_of_any_kind():
    assert import_cycles(engine_graph()) == []


def test_no_engine_folder_holds_more_than_fifteen_modules():
    folders = {path.parent for path in ENGINE.rglob("*.py")}
    crowded = {
        str(folder.relative_to(ROOT)): count
        for folder in folders
        if (count := len(list(folder.glob("*.py")))) > MAX_MODULES_PER_FOLDER
    }
    assert crowded == {}


def test_nothing_outside_a_package_uses_its_underscore_modules():
    found = []
    for top in ("engine", "designer", "playground", "tests"):
        for path in sorted((ROOT / top).rglob("*.py")):
            importer = module_name(path)
            for line, target in import_targets(path):
                owner, _, last = target.rpartition(".")
                private = last.startswith("_") and last != "__init__"
                if private and target.startswith("engine") and not importer.startswith(owner + "."):
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert found == []


def test_the_layer_checker_catches_a_type_only_import_inside_a_function_and_a_cycle(tmp_path):
    graph = {
        "engine.core.a": [(3, "engine.services.sqs.queue")],
        "engine.services.sqs.queue": [(1, "engine.services.sns.topic")],
        "engine.services.sns.topic": [(1, "engine.matching._checks")],
        "engine.runtime.x": [(5, "engine.runtime.y")],
        "engine.runtime.y": [(9, "engine.runtime.x")],
    }
    assert layering_violations(graph) == [
        "engine.core.a:3 imports engine.services.sqs.queue, a later layer",
        "engine.services.sqs.queue:1 imports engine.services.sns.topic, another service",
        "engine.services.sns.topic:1 imports engine.matching._checks, an underscore module of "
        "another package",
    ]
    assert import_cycles(graph) == [["engine.runtime.x", "engine.runtime.y"]]
    sample = tmp_path / "probe.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from engine.simulation import Simulation\n"
        "def f():\n"
        "    from . import spec\n",
        encoding="utf-8",
    )
    assert import_targets(sample, "engine.core.probe") == [
        (1, "typing"),
        (3, "engine.simulation"),
        (5, "engine.core.spec"),
    ]


def test_every_engine_module_imports_first_in_a_fresh_interpreter():
    """Whatever module a caller imports first, it loads: no order of imports is needed."""
    modules = [module_name(path) for path in sorted(ENGINE.rglob("*.py"))]
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] == 'engine']:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {error!r}')\n"
        "print('\\n'.join(failed))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *modules],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert result.stdout.strip() == ""

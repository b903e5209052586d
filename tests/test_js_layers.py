"""The browser code's layout (style.md, "Browser code"): native ES modules under
static/designer/js/, in four folders that import only in these directions:

    model/  document, selection, history, catalogue, live run state: imports model/ only,
            and never touches the page (no `document`, `window`, storage, timers of frames,
            nor the network), so Node runs it (tests/js/);
    net/    the REST and WebSocket clients: imports net/ and model/;
    view/   canvas, palette, inspector, live panels (the DOM code): imports view/, model/
            and the import map's vendored libraries; never net/ (a view is handed the
            client it needs) nor app/;
    app/    page entry points, the wiring and the action registry's entries: imports any.

`main.js`, the one entry of every page, imports net/ and app/. Only net/ talks to the
server (`fetch`, `WebSocket`, `XMLHttpRequest`, `EventSource`, `sendBeacon`). Every relative
import names a file that exists and exports what is imported; exports are named (no
`export default`); nothing is put on `window`; no module is over 300 lines. The checker is
tested on a sample of bad modules, so it cannot pass by seeing nothing.
"""

import posixpath
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "static" / "designer" / "js"
MAX_LINES = 300
ALLOWED = {
    "model": {"model"},
    "net": {"net", "model"},
    "view": {"view", "model"},
    "app": {"app", "model", "net", "view"},
    "main.js": {"net", "app"},
}
BARE_ALLOWED = {"view"}  # '@joint/core', 'uplot': mapped by the import map (templates/base.html)
IMPORT = re.compile(
    r"""(?:^\s*(?:import|export)\b(?:[^;'"]*?\bfrom)?\s*|\bimport\(\s*)['"]([^'"]+)['"]""",
    re.M,
)
NAMED = re.compile(r"""^\s*import\s*\{([^}]*)\}\s*from\s*['"](\.[^'"]+)['"]""", re.M)
EXPORTED = re.compile(r"^export\s+(?:async\s+)?(?:const|let|function\*?|class)\s+([\w$]+)", re.M)
EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\}", re.M)
PAGE = re.compile(
    r"(?<![\w$.])(?:(document|window|localStorage|sessionStorage|navigator|location|CSS)\s*\.|"
    r"(requestAnimationFrame|cancelAnimationFrame|getComputedStyle)\s*\(|new\s+(ResizeObserver)\b)"
)
NETWORK = re.compile(
    r"(?<![\w$.])(fetch\s*\(|WebSocket\b|XMLHttpRequest\b|EventSource\b)|sendBeacon\b"
)
WINDOW_GLOBAL = re.compile(r"\b(?:window|globalThis|self)\.[\w$]+\s*=(?!=)")


def code_of(text: str) -> str:
    """The source without comments and without the text of '...' and "..." strings (a
    sentence about `document.` is not a use of it)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\"""", "''", text)
    return re.sub(r"(^|[^:\\])//.*$", r"\1", text, flags=re.M)


def layer_of(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else path


def exported_names(text: str) -> set[str]:
    names = set(EXPORTED.findall(text))
    for group in EXPORT_LIST.findall(text):
        names |= {part.split(" as ")[-1].strip() for part in group.split(",") if part.strip()}
    return names


def problems(files: dict[str, str]) -> list[str]:
    """What breaks the rules in `files` (path under js/ -> source)."""
    found = []
    for path, text in sorted(files.items()):
        layer = layer_of(path)
        code = code_of(text)
        if len(text.splitlines()) > MAX_LINES:
            found.append(f"{path}: {len(text.splitlines())} lines (at most {MAX_LINES})")
        if re.search(r"^\s*export\s+default\b", text, re.M):
            found.append(f"{path}: export default (named exports only)")
        if WINDOW_GLOBAL.search(code):
            found.append(f"{path}: puts a global on window")
        if layer != "net" and NETWORK.search(code):
            found.append(
                f"{path}: talks to the server ({NETWORK.search(code).group(0)}): only net/ does"
            )
        page = PAGE.search(code) if layer == "model" else None
        if page:
            found.append(f"{path}: touches the page ({page.group(0).strip()}): model/ has no DOM")
        found += import_problems(path, text, files)
    return found


def import_problems(path: str, text: str, files: dict[str, str]) -> list[str]:
    found = []
    layer = layer_of(path)
    folder = posixpath.dirname(path)
    for spec in IMPORT.findall(text):
        if not spec.startswith("."):
            if layer not in BARE_ALLOWED:
                found.append(
                    f"{path}: imports the library {spec!r} (only view/ draws with libraries)"
                )
            continue
        target = posixpath.normpath(posixpath.join(folder, spec))
        if target not in files:
            found.append(f"{path}: imports {spec}, which does not exist")
        elif layer_of(target) not in ALLOWED.get(layer, set()):
            found.append(f"{path}: {layer} imports {layer_of(target)} ({target})")
    for names, spec in NAMED.findall(text):
        target = posixpath.normpath(posixpath.join(folder, spec))
        if target not in files:
            continue
        have = exported_names(files[target])
        for name in (part.split(" as ")[0].strip() for part in names.split(",")):
            if name and name not in have:
                found.append(f"{path}: imports {name} from {target}, which does not export it")
    return found


def browser_modules() -> dict[str, str]:
    return {p.relative_to(JS).as_posix(): p.read_text(encoding="utf-8") for p in JS.rglob("*.js")}


def test_the_browser_modules_keep_the_folders_directions():
    files = browser_modules()
    assert {"main.js", "model/bus.js", "net/api.js", "view/canvas.js", "app/editor.js"} <= set(
        files
    )
    assert {layer_of(p) for p in files} <= set(ALLOWED), "a module outside model/ net/ view/ app/"
    assert problems(files) == []


def test_the_checker_sees_every_kind_of_breach():
    long = "export const x = 1;\n" + "// filler\n" * MAX_LINES
    files = {
        "main.js": "import('./app/page.js');\nimport { x } from './view/v.js';\n",
        "app/page.js": "import { gone } from '../model/m.js';\nexport function start() {}\n",
        "model/m.js": (
            "// document.title in a comment is fine, and so is 'window.x' in a string\n"
            "import { h } from '../view/v.js';\nexport const m = () => document.body;\n"
            "import { dia } from '@joint/core';\nconst t = 'http://example.org/x';\n"
        ),
        "model/ok.js": "export const f = (doc) => doc.title; // document.title\n",
        "net/n.js": (
            "import { start } from '../app/page.js';\nexport const n = () => fetch('/x');\n"
        ),
        "view/v.js": (
            "import { api } from '../net/n.js';\nimport { m } from '../model/missing.js';\n"
            "export default 1;\nwindow.eventyard = {};\nexport const x = () => fetch('/y');\n"
        ),
        "view/long.js": long,
    }
    found = "\n".join(problems(files))
    for expected in [
        "main.js: main.js imports view",
        "app/page.js: imports gone from model/m.js, which does not export it",
        "model/m.js: model imports view",
        "model/m.js: touches the page (document.)",
        "model/m.js: imports the library '@joint/core'",
        "net/n.js: net imports app",
        "view/v.js: view imports net",
        "view/v.js: imports ../model/missing.js, which does not exist",
        "view/v.js: export default",
        "view/v.js: puts a global on window",
        "view/v.js: talks to the server",
        f"view/long.js: {MAX_LINES + 1} lines",
    ]:
        assert expected in found, f"{expected!r} not reported in:\n{found}"
    assert "model/ok.js" not in found
    assert "net/n.js: talks to the server" not in found
    assert "main.js: main.js imports app" not in found


PAGE_KEYS = re.compile(r"\b(?:window|document)\.addEventListener\(\s*'keydown'")
REGISTERED = re.compile(r"""(?:\bname:\s*|\bentry\()'([\w-]+)'""")
BUTTON_ACTION = re.compile(r"""data-action(?:="|':\s*')([\w-]+)""")


def test_one_action_registry_serves_buttons_menus_and_keys():
    """model/actions.js is the only listener of bus `action`s; page-wide keys go to the
    registry (app/keyboard.js) except Space held to pan the canvas; and every `data-action`
    button of the editor (template, live panel) names a registered action."""
    files = browser_modules()
    listeners = [p for p, text in files.items() if re.search(r"\.on\(\s*'action'", text)]
    assert listeners == ["model/actions.js"]
    keys = [p for p, text in files.items() if PAGE_KEYS.search(text)]
    assert sorted(keys) == ["app/keyboard.js", "view/canvas-input.js"]
    registered = {
        name
        for path, text in files.items()
        if path.startswith("app/")
        for name in REGISTERED.findall(text)
    }
    template = (ROOT / "templates" / "playground" / "editor.html").read_text(encoding="utf-8")
    buttons = set(BUTTON_ACTION.findall(template + files["view/live/panel.js"])) - {"new"}
    assert {"undo", "run", "skip", "present", "export"} <= buttons
    assert sorted(buttons - registered) == []
    assert {
        "pause-resume",
        "seek-back",
        "seek-forward",
        "slower",
        "faster",
        "leave-presenter",
    } <= registered

"""`{% modulepreload %}`: the editor page names every module its entry imports statically,
each once, and nothing it loads only on demand."""

import re
from pathlib import Path

import pytest

from designer.models import Diagram
from playground.templatetags.modules import module_closure, static_imports
from tests.designer.builders import orders_doc

STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture
def diagram(db):
    return Diagram.objects.create(
        is_example=True, example_slug="orders", name="Orders", document=orders_doc()
    )


def test_static_imports_cover_named_bare_reexport_and_side_effect_forms():
    text = """import { a } from './a.js';
import b, {
  c,
} from "../b.js";
export { d } from './d.js';
import './side.js';
import { dia } from '@joint/core';
const lazy = () => import('./lazy.js');
// import { not } from './comment-in-prose.js' is still a line that starts with //
"""
    assert static_imports(text) == ["./a.js", "../b.js", "./d.js", "./side.js", "@joint/core"]


def test_closure_follows_relative_imports_once_and_skips_bare_specifiers():
    files = {
        "js/app/main.js": "import { x } from '../view/x.js';\nimport { y } from './y.js';",
        "js/view/x.js": "import { y } from '../app/y.js';\nimport { dia } from '@joint/core';",
        "js/app/y.js": "import { x } from '../view/x.js';",  # a cycle ends too
    }
    assert module_closure("js/app/main.js", read=files.__getitem__) == [
        "js/app/main.js",
        "js/view/x.js",
        "js/app/y.js",
    ]


@pytest.mark.parametrize("address", ["/diagrams/new/", "existing"])
def test_editor_page_preloads_the_editor_modules_and_the_canvas_library(client, diagram, address):
    html = client.get(address.replace("existing", f"/diagrams/{diagram.pk}/")).content.decode()
    links = re.findall(r'<link rel="modulepreload" href="/static/([^"]+)">', html)
    assert len(links) == len(set(links))
    assert "vendor/joint-core-4.3.3/joint.bundle.min.mjs" in links
    for module in ("app/editor.js", "view/canvas.js", "model/document.js", "app/live.js"):
        assert f"designer/js/{module}" in links
    assert "designer/js/view/gallery.js" not in links, "only what the editor imports"
    for link in links:
        assert (STATIC / link).is_file(), link
    # Preloads come after the import map, which must precede any module fetch.
    assert html.index('type="importmap"') < html.index('rel="modulepreload"')
    # Every module the editor's files import statically is in the list.
    for link in [x for x in links if x.startswith("designer/js/")]:
        folder = (STATIC / link).parent
        for spec in static_imports((STATIC / link).read_text()):
            if spec.startswith("."):
                target = (folder / spec).resolve().relative_to(STATIC).as_posix()
                assert target in links, f"{link} imports {target}, not preloaded"

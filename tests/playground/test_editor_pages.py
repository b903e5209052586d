"""The editor's pages and static files, without a browser: addresses, read-only examples,
one icon per node type, the vendored canvas library, and the house rules for browser code."""

import hashlib
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from designer.models import Diagram
from engine import registry
from playground.headers import IMPORTS
from tests.designer.builders import Api, orders_doc

STATIC = Path(__file__).resolve().parents[2] / "static"
APP_JS = STATIC / "designer" / "js"
JOINT = STATIC / "vendor" / "joint-core-4.3.3"
# Bare specifiers a module may import: the vendored libraries of the pages' import map.
IMPORT_MAP = set(IMPORTS)


@pytest.fixture
def example(db):
    return Diagram.objects.create(
        is_example=True, example_slug="orders", name="Orders", document=orders_doc()
    )


def test_gallery_is_a_shell_the_browser_code_fills(client):
    html = client.get("/").content.decode()
    assert 'data-page="gallery"' in html
    assert 'data-gallery-list="mine"' in html and 'data-gallery-list="examples"' in html
    assert 'src="/static/designer/js/main.js"' in html
    assert '"@joint/core": "/static/vendor/joint-core-4.3.3/joint.bundle.min.mjs"' in html
    assert "csrftoken" in client.cookies


def test_editor_opens_a_readable_diagram_and_examples_read_only(client, example):
    html = client.get(f"/diagrams/{example.pk}/").content.decode()
    assert f'data-diagram-id="{example.pk}"' in html
    assert 'data-read-only="true"' in html
    assert 'data-banner="example"' in html
    for action in ("new", "save", "export", "import", "undo", "redo", "delete"):
        assert f'data-action="{action}"' in html
    assert "data-canvas" in html and "data-palette" in html and "data-inspector" in html


def test_editor_answers_404_for_a_diagram_the_visitor_cannot_read(client, db):
    someone_else = Diagram.objects.create(
        name="Theirs", document=orders_doc(), session_key="x" * 32
    )
    assert client.get(f"/diagrams/{someone_else.pk}/").status_code == 404
    assert client.get("/diagrams/987654/").status_code == 404


def test_new_diagram_page_has_no_diagram_yet(client):
    html = client.get("/diagrams/new/").content.decode()
    assert 'data-diagram-id=""' in html
    assert "data-read-only" not in html.split("<body", 1)[1].split(">", 1)[0]


def test_editor_escapes_the_diagram_name(client, db):
    created = Api(client).create(name="<script>alert(1)</script>")

    response = client.get(f"/diagrams/{created['id']}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("node_type", registry.node_types())
def test_every_node_type_has_an_svg_icon(node_type):
    icon = STATIC / "designer" / "icons" / f"{node_type}.svg"
    assert icon.is_file(), f"no icon for {node_type}: add static/designer/icons/{node_type}.svg"
    root = ElementTree.parse(icon).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox")


def test_every_node_type_has_a_renderer_entry():
    shapes = (APP_JS / "view" / "shapes.js").read_text()
    for node_type in registry.node_types():
        assert f"['{node_type}'," in shapes, f"NODE_RENDERERS has no entry for {node_type}"


def test_every_edge_kind_has_a_style_entry():
    shapes = (APP_JS / "view" / "shapes.js").read_text()
    for kind in registry.edge_kinds():
        assert f"['{kind}'," in shapes, f"EDGE_STYLES has no entry for {kind}"


def test_joint_is_vendored_as_one_module_with_its_licence_version_and_checksum():
    assert "Mozilla Public License" in (JOINT / "LICENSE").read_text()
    package = (JOINT / "package.json").read_text()
    assert '"version": "4.3.3"' in package and '"license": "MPL-2.0"' in package
    notes = (JOINT / "VENDORED.md").read_text()
    assert "4.3.3" in notes and "MPL-2.0" in notes and "esbuild" in notes
    bundle = (JOINT / "joint.bundle.min.mjs").read_bytes()
    assert hashlib.sha256(bundle).hexdigest() in notes, "VENDORED.md names the bundle's sha256"
    text = bundle.decode()
    assert not re.search(r"""\bimport\s*(?:\(|[\w{*][^;]*?from)\s*['"]""", text), "one module"
    assert re.search(r"export\{[^}]*\bas dia\b", text), "exports dia, as the canvas imports it"
    assert sorted(p.name for p in JOINT.iterdir()) == [
        "LICENSE",
        "VENDORED.md",
        "joint.bundle.min.mjs",
        "package.json",
    ]


def app_modules():
    return sorted(APP_JS.rglob("*.js"))


@pytest.mark.parametrize("module", app_modules(), ids=lambda p: str(p.relative_to(APP_JS)))
def test_browser_modules_follow_the_house_rules(module):
    text = module.read_text()
    assert len(text.splitlines()) <= 300, "modules stay within 300 lines"
    assert "innerHTML" not in text and "outerHTML" not in text and "insertAdjacentHTML" not in text
    assert "export default" not in text, "named exports only"
    assert not re.search(r"\bwindow\.\w+\s*=[^=]", text), "no window globals"
    specs = re.findall(r"""^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]""", text, re.M)
    specs += re.findall(r"""\bimport\(\s*['"]([^'"]+)['"]""", text)
    for spec in specs:
        assert spec in IMPORT_MAP or (spec.startswith(".") and spec.endswith(".js")), spec
    if module.parent.name == "model":
        code = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
        assert not re.search(r"(?<![\w./'])(document|window)\.", code), "model/ has no DOM"

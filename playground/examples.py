"""The example diagrams that ship with the engine, read for the gallery.

Examples are diagram documents (contract section 1) in `engine/examples/*.json`. A broken
file is an error in the product, so it raises instead of being left out of the gallery.
"""

import json
from importlib.resources import files
from importlib.resources.abc import Traversable


class ExampleError(ValueError):
    """An example file that is not a diagram document the gallery can show."""


def examples_dir() -> Traversable:
    """The folder of example documents inside the installed `engine` package."""
    return files("engine") / "examples"


def list_examples() -> list[dict]:
    """Every example as `{slug, name, description, document}`, sorted by name.

    The slug is the file name without `.json`; a missing name falls back to the slug and a
    missing description to "". Raises `ExampleError` for a file that is not valid JSON or
    whose name or description is not text.
    """
    folder = examples_dir()
    if not folder.is_dir():
        return []
    entries = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".json") and item.is_file()),
        key=lambda item: item.name,
    )
    examples = [_read_example(item) for item in entries]
    return sorted(examples, key=lambda example: (example["name"].casefold(), example["slug"]))


def _read_example(item: Traversable) -> dict:
    slug = item.name.removesuffix(".json")
    try:
        document = json.loads(item.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ExampleError(
            f"{item.name}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    except UnicodeDecodeError as error:
        raise ExampleError(f"{item.name}: not UTF-8 text ({error.reason})") from error
    if not isinstance(document, dict):
        raise ExampleError(f"{item.name}: a diagram document must be a JSON object")
    name = document.get("name", slug)
    description = document.get("description", "")
    for field, value in (("name", name), ("description", description)):
        if not isinstance(value, str):
            raise ExampleError(f"{item.name}: {field} must be a string, not {value!r}")
    return {"slug": slug, "name": name, "description": description, "document": document}

"""`playground.examples`: the example files as the site reads them. The gallery page itself
is filled by the browser from `/api/diagrams/` (tests/browser/test_gallery.py).
"""

import pytest

from playground.examples import ExampleError, list_examples


def test_list_examples_gives_slug_name_description_and_document(example_folder, add_example):
    add_example("orders", name="Orders", description="One queue")
    (example_folder / "notes.txt").write_text("not an example", encoding="utf-8")

    [example] = list_examples()

    assert example["slug"] == "orders"
    assert example["name"] == "Orders"
    assert example["description"] == "One queue"
    assert example["document"]["format"] == "eventyard/1"


def test_list_examples_raises_on_invalid_json_with_line_and_column(example_folder, add_example):
    add_example("fine", name="Fine")
    (example_folder / "broken.json").write_text('{\n  "name": oops\n}', encoding="utf-8")

    with pytest.raises(ExampleError, match=r"broken\.json: invalid JSON at line 2, column 11"):
        list_examples()


def test_list_examples_raises_on_a_document_that_is_not_an_object(example_folder):
    (example_folder / "list.json").write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(ExampleError, match=r"list\.json: .*JSON object"):
        list_examples()


def test_shipped_examples_are_diagram_documents():
    for example in list_examples():
        assert example["document"].get("format") == "eventyard/1", example["slug"]
        assert example["name"], example["slug"]

import pytest

from playground.examples import ExampleError, list_examples


def test_gallery_lists_examples_sorted_by_name(client, add_example):
    add_example("b-zeta", name="Zeta fan-out", description="SNS to two queues")
    add_example("a-alpha", name="alpha retries", description="A DLQ catches")

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Eventyard" in html
    assert "SNS to two queues" in html and "A DLQ catches" in html
    assert html.index("alpha retries") < html.index("Zeta fan-out")
    assert 'data-example="a-alpha"' in html


def test_gallery_escapes_markup_in_names_and_descriptions(client, add_example):
    add_example(
        "evil",
        name="<script>alert('name')</script>",
        description='<img src=x onerror="alert(1)">',
    )

    html = client.get("/").content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_gallery_without_examples_says_there_are_none(client, example_folder):
    response = client.get("/")

    assert response.status_code == 200
    assert "No example diagrams yet." in response.content.decode()


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

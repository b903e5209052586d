"""No malformed input gets a 500: arbitrary JSON, arbitrary bytes, odd content types, huge
numbers, deep nesting, NUL and lone surrogates, and valid documents with one value
replaced by junk, sent to the create and save addresses. Every 400 has the problems shape."""

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.designer.builders import orders_doc

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ODD_TEXT = st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfff", "{{int 1 1e400}}", "1e400"])
ODD_NUMBERS = st.sampled_from([2**63, -(2**63) - 1, 10**400, 1e308, -1e-308, 0.1])
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    ODD_TEXT,
    ODD_NUMBERS,
)
JSON = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=10), ODD_TEXT), inner, max_size=4),
    ),
    max_leaves=20,
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json; charset=rot13",
        "application/json; charset=utf-16",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
    ]
)


def as_text(value) -> str:
    """JSON text; Python writes inf and NaN as Infinity and NaN, which is not JSON."""
    return json.dumps(value, allow_nan=True)


def paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*path, index))


def replace_at(document: dict, pick: int, junk) -> dict:
    """`document` with the value at one of its paths (chosen by `pick`) replaced by `junk`."""
    document = copy.deepcopy(document)
    candidates = [p for p in paths(document) if p]
    *parents, last = candidates[pick % len(candidates)]
    holder = document
    for key in parents:
        holder = holder[key]
    holder[last] = junk
    return document


def check(response) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code == 400:
        problems = response.json()["problems"]
        assert problems and all(set(p) == {"path", "code", "message"} for p in problems)


@pytest.fixture
def diagram_url(visitor) -> str:
    return f"/api/diagrams/{visitor.create()['id']}/"


@FUZZ
@given(body=JSON, method=st.sampled_from(["post", "put", "patch"]))
def test_arbitrary_json_never_gets_a_500(visitor, diagram_url, body, method):
    target = "/api/diagrams/" if method == "post" else diagram_url
    call = getattr(visitor.client, method)

    check(call(target, as_text(body), content_type="application/json"))


@FUZZ
@given(body=st.binary(max_size=300), content_type=CONTENT_TYPES, to_list=st.booleans())
def test_arbitrary_bytes_never_get_a_500(visitor, diagram_url, body, content_type, to_list):
    # `generic` sends the bytes as they are, whatever charset the content type names.
    method, target = ("POST", "/api/diagrams/") if to_list else ("PUT", diagram_url)

    check(visitor.client.generic(method, target, body, content_type=content_type))


@FUZZ
@given(pick=st.integers(min_value=0), junk=JSON, method=st.sampled_from(["post", "put"]))
def test_a_document_with_one_value_replaced_never_gets_a_500(
    visitor, diagram_url, pick, junk, method
):
    document = replace_at(orders_doc(), pick, junk)
    body = {"name": "Fuzzed", "document": document, "revision": 1}
    target = "/api/diagrams/" if method == "post" else diagram_url

    check(getattr(visitor, method)(target, body))


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"a":' * 5_000 + "1" + "}" * 5_000,
        '{"name": "x", "document": {"sim": {"seed": ' + "9" * 5000 + "}}}",
        '{"name": "x", "document": NaN}',
        '{"name": "x", "revision": 1e999}',
        "\ufeff{}",
        "",
    ],
)
def test_extreme_bodies_get_400(visitor, diagram_url, text):
    for response in (
        visitor.client.post("/api/diagrams/", text, content_type="application/json"),
        visitor.client.patch(diagram_url, text, content_type="application/json"),
    ):
        assert response.status_code == 400
        check(response)


def test_a_body_over_the_upload_limit_gets_400(visitor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"name": "Big", "document": {**orders_doc(), "description": "x" * 2000}}

    response = visitor.post("/api/diagrams/", body)

    assert response.status_code == 400
    assert "larger than 1000 bytes" in response.json()["problems"][0]["message"]


def _unknown_type_with_an_edge() -> dict:
    document = orders_doc()
    document["nodes"][2]["type"] = "lambda.functoin"
    return document


def _unhashable_edge_end() -> dict:
    document = orders_doc()
    document["edges"][0]["target"] = ["orders"]
    return document


def _template_overflow() -> dict:
    document = orders_doc()
    document["nodes"][1]["sim"]["payload"] = {"n": "{{int 1 1e400}}"}
    return document


def _null_timeout() -> dict:
    document = orders_doc()
    document["nodes"][2]["props"]["Timeout"] = None
    return document


def test_a_null_prop_means_the_aws_default(visitor):
    response = visitor.post("/api/diagrams/", {"name": "Null", "document": _null_timeout()})

    assert response.status_code == 201


@pytest.mark.parametrize(
    "make", [_unknown_type_with_an_edge, _unhashable_edge_end, _template_overflow]
)
def test_documents_that_crashed_the_engine_get_400(visitor, make):
    # Found by the fuzzer: the engine raised instead of reporting a problem (see the
    # report in designer.validation.check_document); the API answers 400 either way.
    response = visitor.post("/api/diagrams/", {"name": "Crash", "document": make()})

    assert response.status_code == 400
    check(response)

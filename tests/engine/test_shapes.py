"""The declarative JSON-shape checker (`engine.core.shapes`) and the props declared with it."""

from __future__ import annotations

import pytest

from engine import DiagramError, load_diagram
from engine.core.shapes import check_shape, integer, items, number, obj, one_of, string
from engine.services.dynamodb.table import KEY_SCHEMA

BURST_LIKE = obj(
    '{"size": 5, "every": 1}',
    required=("size", "every"),
    size=integer(1, 10),
    every=number(above=0),
)


def found(shape, value):
    return [(p.path, p.code) for p in check_shape(shape, value, "x")]


def test_an_object_of_the_right_shape_has_no_problems():
    assert found(BURST_LIKE, {"size": 10, "every": 0.5}) == []


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ([1], [("x", "invalid_type")]),
        ({"size": 1, "every": 1, "extra": 1}, [("x.extra", "unknown_field")]),
        ({"every": 1}, [("x.size", "required")]),
        ({"size": 11, "every": 1}, [("x.size", "out_of_range")]),
        ({"size": True, "every": 1}, [("x.size", "out_of_range")]),
        ({"size": 2.5, "every": 1}, [("x.size", "out_of_range")]),
        ({"size": 1, "every": 0}, [("x.every", "out_of_range")]),
        ({"size": 1, "every": float("inf")}, [("x.every", "out_of_range")]),
    ],
)
def test_each_misfit_is_reported_at_its_path(value, problems):
    assert found(BURST_LIKE, value) == problems


def test_a_list_checks_items_by_position_and_its_length():
    assert found(KEY_SCHEMA, [{"AttributeName": "id", "KeyType": "HASH"}]) == []
    assert found(KEY_SCHEMA, [{"AttributeName": "id", "KeyType": "RANGE"}]) == [
        ("x[0].KeyType", "invalid_choice")
    ]
    two = [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "HASH"}]
    assert found(KEY_SCHEMA, two) == [("x[1].KeyType", "invalid_choice")]
    assert found(KEY_SCHEMA, []) == [("x", "invalid_value")]
    assert found(KEY_SCHEMA, two + two[:1]) == [("x", "invalid_value")]


def test_scalars_and_messages_name_the_value_and_what_is_allowed():
    [problem] = check_shape(one_of("A", "B"), "C", "p")
    assert problem.message == "'C' is not one of A, B"
    [problem] = check_shape(string(), 3, "p")
    assert (problem.code, problem.message) == ("invalid_type", "3 is not a string")
    [problem] = check_shape(integer(2, 1000), 1, "p")
    assert problem.message == "1 is not a whole number in 2..1000"


def test_an_open_object_takes_any_keys():
    assert found(obj("{}", open=True), {"anything": [1]}) == []
    assert found(items("[]", obj("{}", open=True)), [{}, {"a": 1}]) == []


def doc_with_mapping(**props):
    return {
        "format": "eventyard/1",
        "nodes": [
            {"id": "q", "type": "sqs.queue"},
            {"id": "f", "type": "lambda.function"},
        ],
        "edges": [
            {"id": "e", "kind": "event-source", "source": "q", "target": "f", "props": props}
        ],
    }


def test_declared_shapes_guard_their_props_in_documents():
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc_with_mapping(ScalingConfig={"MaximumConcurrency": 1, "Other": 2}))
    assert sorted((p.path, p.code) for p in caught.value.problems) == [
        ("edges[0].props.ScalingConfig.MaximumConcurrency", "out_of_range"),
        ("edges[0].props.ScalingConfig.Other", "unknown_field"),
    ]
    assert load_diagram(doc_with_mapping(ScalingConfig={"MaximumConcurrency": 2}))

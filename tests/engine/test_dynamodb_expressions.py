"""DynamoDB's update, condition and projection expressions on the engine's items, each
case as "Using expressions in DynamoDB" describes it (placeholders, document paths, the
functions and comparators, every operand read before the update)."""

from __future__ import annotations

import pytest

from engine.services.dynamodb.expressions import (
    ExpressionError,
    condition_holds,
    projected,
    updated,
)

ITEM = {
    "id": "o-1",
    "qty": 3,
    "status": "NEW",
    "tags": ["a", "b"],
    "address": {"city": "Oslo", "lines": ["1 Main St"]},
}


def n(value):
    return {"N": str(value)}


def s(value):
    return {"S": value}


@pytest.mark.parametrize(
    ("expression", "values", "names", "changed"),
    [
        ("SET qty = qty + :one", {":one": n(1)}, None, {"qty": 4}),
        ("SET qty = qty - :one", {":one": n(1)}, None, {"qty": 2}),
        ("SET #s = :s", {":s": s("PAID")}, {"#s": "status"}, {"status": "PAID"}),
        ("SET seen = if_not_exists(seen, :zero)", {":zero": n(0)}, None, {"seen": 0}),
        ("SET qty = if_not_exists(qty, :zero)", {":zero": n(0)}, None, {}),
        (
            "SET tags = list_append(tags, :more)",
            {":more": {"L": [s("c")]}},
            None,
            {"tags": ["a", "b", "c"]},
        ),
        ("SET address.city = :c", {":c": s("Bergen")}, None, {"address.city": "Bergen"}),
        ("SET tags[0] = :x", {":x": s("z")}, None, {"tags": ["z", "b"]}),
        ("REMOVE #s, tags[0]", None, {"#s": "status"}, {"status": None, "tags": ["b"]}),
        ("ADD qty :two, visits :one", {":two": n(2), ":one": n(1)}, None, {"qty": 5, "visits": 1}),
        ("ADD tags :t", {":t": {"SS": ["b", "c"]}}, None, {"tags": ["a", "b", "c"]}),
        ("DELETE tags :t", {":t": {"SS": ["a"]}}, None, {"tags": ["b"]}),
        # every operand is read before the update: a swap
        (
            "SET qty = visits, visits = qty",
            None,
            None,
            {"qty": None, "visits": None},
        ),
    ],
)
def test_update_expressions(expression, values, names, changed):
    item = {**ITEM, "visits": 7} if "visits = qty" in expression else ITEM
    result = updated(item, expression, names, values, keys=["id"])
    if "visits = qty" in expression:
        assert (result["qty"], result["visits"]) == (7, 3)
        return
    for path, value in changed.items():
        where = result
        *parents, last = path.split(".")
        for part in parents:
            where = where[part]
        if value is None:
            assert last not in where
        else:
            assert where[last] == value
    assert ITEM["qty"] == 3 and ITEM["tags"] == ["a", "b"], "the item itself is not changed"


@pytest.mark.parametrize(
    ("expression", "values", "names", "message"),
    [
        ("SET id = :x", {":x": s("o-2")}, None, "part of the key"),
        ("SET qty = :missing", {}, None, "attribute value used in expression is not defined"),
        ("SET #nope = :x", {":x": n(1)}, None, "attribute name used in the document path"),
        ("SET qty = status + :one", {":one": n(1)}, None, "incorrect data type"),
        ("ADD status :one", {":one": n(1)}, None, "incorrect data type"),
        ("SET qty", None, None, "expected ="),
        ("FROB qty", None, None, "unexpected 'FROB'"),
        ("SET qty = :x SET qty = :x", {":x": n(1)}, None, "unexpected 'SET'"),
        ("", None, None, "empty"),
        ("SET qty = ;", None, None, "syntax error"),
        ("SET qty = " + "list_append(" * 40 + "tags" + ", tags)" * 40, None, None, "levels"),
        ("SET qty = :x" + " " * 5000, {":x": n(1)}, None, "longer than 4096 bytes"),
    ],
)
def test_update_expressions_dynamodb_refuses(expression, values, names, message):
    with pytest.raises(ExpressionError) as refused:
        updated(ITEM, expression, names, values, keys=["id"])
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("expression", "values", "holds"),
    [
        ("attribute_exists(id)", None, True),
        ("attribute_not_exists(id)", None, False),
        ("attribute_not_exists(shipped)", None, True),
        ("qty > :two", {":two": n(2)}, True),
        ("qty <= :two", {":two": n(2)}, False),
        ("qty BETWEEN :one AND :three", {":one": n(1), ":three": n(3)}, True),
        ("#s IN (:a, :b)", {":a": s("OLD"), ":b": s("NEW")}, True),
        ("#s = :a OR qty = :q", {":a": s("OLD"), ":q": n(3)}, True),
        ("#s = :a AND qty = :q", {":a": s("OLD"), ":q": n(3)}, False),
        ("NOT (#s = :a)", {":a": s("OLD")}, True),
        ("begins_with(address.city, :o)", {":o": s("Os")}, True),
        ("contains(tags, :b)", {":b": s("b")}, True),
        ("contains(#s, :w)", {":w": s("EW")}, True),
        ("size(tags) = :two", {":two": n(2)}, True),
        ("attribute_type(qty, :t)", {":t": s("N")}, True),
        ("attribute_type(qty, :t)", {":t": s("S")}, False),
        ("qty > :text", {":text": s("a")}, False),  # different types never compare
        ("address.lines[0] = :l", {":l": s("1 Main St")}, True),
    ],
)
def test_condition_expressions(expression, values, holds):
    assert condition_holds(ITEM, expression, {"#s": "status"}, values) is holds


def test_a_condition_on_no_item_sees_no_attributes():
    assert condition_holds(None, "attribute_not_exists(id)", None, None)
    assert not condition_holds(None, "qty > :z", None, {":z": n(0)})


def test_projection_keeps_only_what_it_names_nested_as_in_the_item():
    assert projected(ITEM, "id, #s, address.city, tags[1], nope", {"#s": "status"}) == {
        "id": "o-1",
        "status": "NEW",
        "address": {"city": "Oslo"},
        "tags": ["b"],
    }


@pytest.mark.parametrize(
    "text",
    ["(" * 3000 + "qty = :q" + ")" * 3000, "NOT " * 3000 + "qty = :q", "a" * 5000 + " = :q"],
)
def test_a_hostile_condition_is_refused_not_a_crash(text):
    with pytest.raises(ExpressionError):
        condition_holds(ITEM, text, None, {":q": n(3)})


def test_nesting_within_the_bound_is_fine():
    text = "(" * 30 + "qty = :q" + ")" * 30
    assert condition_holds(ITEM, text, None, {":q": n(3)})

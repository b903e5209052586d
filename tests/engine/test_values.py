"""JSON value helpers shared by every layer (`engine.core.values`), and the contract's thin
faces (`engine.patterns`, `engine.sns`, `engine.kinesis`)."""

from __future__ import annotations

import math

import pytest

from engine.core.values import is_int, is_number, show


@pytest.mark.parametrize(
    ("value", "number", "integer"),
    [
        (1, True, True),
        (10**30, True, True),
        (1.5, True, False),
        (True, False, False),
        (math.inf, False, False),
        (-math.inf, False, False),
        (math.nan, False, False),
        ("1", False, False),
        (None, False, False),
    ],
)
def test_numbers_are_ints_or_finite_floats_and_never_bools(value, number, integer):
    assert (is_number(value), is_int(value)) == (number, integer)


def test_values_are_shown_short_strings_quoted_and_the_rest_as_json():
    assert show("abc") == "'abc'"
    assert show({"a": [1, None, True]}) == '{"a": [1, null, true]}'
    assert show(math.inf) == "inf"
    long = show("x" * 100)
    assert len(long) == 60 and long.endswith("...")


def test_the_contracts_faces_keep_working():
    from engine import DiagramError, Simulation, load_diagram
    from engine.kinesis import shard_for_partition_key
    from engine.patterns import matches
    from engine.sns import filter_policy_matches

    assert matches({"source": ["a"]}, {"source": "a"}) is True
    attributes = {"k": {"Type": "String", "Value": "v"}}
    assert filter_policy_matches({"k": ["v"]}, attributes, None, "MessageAttributes") is True
    assert shard_for_partition_key("key", 1) == 0
    assert callable(load_diagram) and isinstance(Simulation, type)
    assert issubclass(DiagramError, Exception)

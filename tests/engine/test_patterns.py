"""EventBridge event patterns: matching and validation (`engine.patterns`).

Each test names the AWS documentation page whose behaviour it reproduces.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.core.errors import DiagramError
from engine.matching.event_patterns import compile_pattern, matches, validate_pattern

EC2_EVENT = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2",
    "account": "111122223333",
    "time": "2017-12-22T18:43:48Z",
    "region": "us-west-1",
    "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    "detail": {
        "instance-id": "i-1234567890abcdef0",
        "state": "terminated",
        "c-count": 5,
        "d-count": 3,
        "x-limit": 301.8,
        "source-ip": "10.0.0.33",
    },
}


def codes(problems) -> list[str]:
    return [problem.code for problem in problems]


# ---- exact values, null, empty string ("Amazon EventBridge event patterns") --------


def test_exact_value_matches_and_other_fields_are_ignored():
    """AWS docs, "Amazon EventBridge event patterns": unnamed fields are ignored."""
    assert matches({"source": ["aws.ec2"]}, EC2_EVENT)
    assert matches({"detail": {"state": ["running", "terminated"]}}, EC2_EVENT)


def test_every_named_field_must_match():
    """AWS docs, "Amazon EventBridge event patterns": all fields named must match (AND)."""
    assert not matches({"source": ["aws.ec2"], "region": ["us-east-1"]}, EC2_EVENT)


def test_matching_is_case_sensitive():
    """AWS docs, "Amazon EventBridge event patterns": matching is exact, character by character."""
    assert not matches({"source": ["AWS.EC2"]}, EC2_EVENT)


def test_missing_field_does_not_match_any_value():
    """AWS docs, "Amazon EventBridge event patterns": a field named in the pattern must exist."""
    assert not matches({"detail": {"owner": ["alice"]}}, EC2_EVENT)
    assert not matches({"detail": {"owner": [None]}}, EC2_EVENT)


def test_null_and_empty_string_are_different_values():
    """AWS docs, "Matching null values and empty strings in Amazon EventBridge event patterns"."""
    event = {"detail": {"eventVersion": "", "responseElements": None}}
    assert matches({"detail": {"eventVersion": [""]}}, event)
    assert matches({"detail": {"responseElements": [None]}}, event)
    assert not matches({"detail": {"eventVersion": [None]}}, event)
    assert not matches({"detail": {"responseElements": [""]}}, event)
    assert not matches({"detail": {"responseElements": ["null"]}}, event)


def test_booleans_and_numbers_match_only_their_own_type():
    """AWS docs, "Amazon EventBridge event patterns": values are JSON; true is not 1 nor "true"."""
    assert matches({"flag": [True]}, {"flag": True})
    assert not matches({"flag": [True]}, {"flag": 1})
    assert not matches({"flag": ["true"]}, {"flag": True})
    assert not matches({"n": [1]}, {"n": True})
    assert not matches({"n": ["5"]}, {"n": 5})
    assert not matches({"n": [5]}, {"n": "5"})


def test_numbers_written_differently_are_equal():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": 3.018e2 equals 301.8."""
    for written in (300, 300.0, 3e2):
        assert matches({"n": [300]}, {"n": written})
        assert matches({"n": [{"numeric": ["=", 3e2]}]}, {"n": written})
    assert matches({"x": [3.018e2]}, {"x": 301.8})


# ---- arrays ("Arrays in Amazon EventBridge event patterns") --------------------------


def test_event_array_matches_when_it_intersects_the_pattern_array():
    """AWS docs, "Arrays in Amazon EventBridge event patterns": a non-empty intersection matches."""
    pattern = {"resources": ["arn:a", "arn:b"]}
    assert matches(pattern, {"resources": ["arn:x", "arn:b"]})
    assert not matches(pattern, {"resources": ["arn:x"]})
    assert not matches(pattern, {"resources": []})


def test_operators_apply_to_each_element_of_an_event_array():
    """AWS docs, "Arrays in Amazon EventBridge event patterns": any element may match."""
    assert matches({"tags": [{"prefix": "ad"}]}, {"tags": ["user", "admin"]})
    assert matches({"n": [{"numeric": [">", 10]}]}, {"n": [1, 2, 30]})
    assert matches({"n": [{"numeric": [">", 10]}]}, {"n": [[1], [[30]]]})


def test_nested_pattern_must_hold_within_one_array_element():
    """AWS docs, "Arrays in Amazon EventBridge event patterns" (event-ruler's array consistency)."""
    event = {
        "employees": [
            {"firstName": "John", "lastName": "Doe"},
            {"firstName": "Anna", "lastName": "Smith"},
        ]
    }
    assert matches({"employees": {"firstName": ["Anna"]}}, event)
    assert matches({"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}}, event)
    assert not matches({"employees": {"firstName": ["Anna"], "lastName": ["Doe"]}}, event)


def test_nested_arrays_of_objects_are_flattened():
    """AWS docs, "Arrays in Amazon EventBridge event patterns": arrays of arrays are crushed out."""
    event = {"employees": [[{"firstName": "John"}], [[{"firstName": "Anna"}]]]}
    assert matches({"employees": {"firstName": ["Anna"]}}, event)
    assert not matches({"employees": {"firstName": ["Peter"]}}, event)


def test_nested_objects_match_at_the_same_depth():
    """AWS docs, "Amazon EventBridge event patterns": the pattern mirrors the event's structure."""
    event = {"detail": {"a": {"b": {"c": "x"}}}}
    assert matches({"detail": {"a": {"b": {"c": ["x"]}}}}, event)
    assert not matches({"detail": {"a": {"c": ["x"]}}}, event)
    assert not matches({"detail": {"a": ["x"]}}, event)


# ---- prefix, suffix, equals-ignore-case, wildcard ------------------------------------


def test_prefix_and_suffix_match_strings_only():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": prefix and suffix."""
    assert matches({"time": [{"prefix": "2017-12-22"}]}, EC2_EVENT)
    assert not matches({"time": [{"prefix": "2017-12-23"}]}, EC2_EVENT)
    assert matches({"f": [{"suffix": ".png"}]}, {"f": "a.png"})
    assert not matches({"f": [{"suffix": ".png"}]}, {"f": "a.PNG"})
    assert not matches({"n": [{"prefix": "1"}]}, {"n": 12})


def test_prefix_and_suffix_with_equals_ignore_case():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": ignore-case forms."""
    assert matches({"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}, {"s": "eventbridge"})
    assert matches({"f": [{"suffix": {"equals-ignore-case": ".png"}}]}, {"f": "A.PNG"})
    assert not matches({"f": [{"suffix": {"equals-ignore-case": ".png"}}]}, {"f": "a.jpg"})


def test_equals_ignore_case():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": equals-ignore-case."""
    assert matches({"name": [{"equals-ignore-case": "alice"}]}, {"name": "ALICE"})
    assert not matches({"name": [{"equals-ignore-case": "alice"}]}, {"name": "alicia"})


def test_wildcard_star_matches_any_run_including_none():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": wildcard matching."""
    pattern = {"arn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}
    assert matches(pattern, {"arn": "arn:aws:events:us-east-1:123:event-bus/main"})
    assert matches(pattern, {"arn": "arn:aws:events:us-east-1::event-bus/"})
    assert not matches(pattern, {"arn": "arn:aws:events:us-west-2:123:event-bus/main"})
    assert matches({"f": [{"wildcard": "dir/*.png"}]}, {"f": "dir/a/b.png"})
    assert not matches({"f": [{"wildcard": "dir/*.png"}]}, {"f": "dir/a.png.txt"})


def test_wildcard_escapes_match_literal_star_and_backslash():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": wildcard escapes."""
    assert matches({"f": [{"wildcard": "a\\*b"}]}, {"f": "a*b"})
    assert not matches({"f": [{"wildcard": "a\\*b"}]}, {"f": "axb"})
    assert matches({"f": [{"wildcard": "a\\\\*"}]}, {"f": "a\\anything"})
    assert not matches({"f": [{"wildcard": "a\\\\*"}]}, {"f": "ab"})


def test_wildcard_with_overlapping_runs():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": `*` is any characters."""
    assert matches({"a": [{"wildcard": "*bc"}]}, {"a": "abcbc"})
    assert matches({"a": [{"wildcard": "*ab*ab"}]}, {"a": "abab"})
    assert not matches({"a": [{"wildcard": "*ab*ab"}]}, {"a": "aba"})
    assert not matches({"b": [{"wildcard": "d*f"}]}, {"b": "ef"})


# ---- anything-but --------------------------------------------------------------------


def test_anything_but_single_values_and_lists():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": anything-but matching."""
    assert matches({"state": [{"anything-but": "initializing"}]}, {"state": "running"})
    assert not matches({"state": [{"anything-but": "initializing"}]}, {"state": "initializing"})
    stopped = {"state": [{"anything-but": ["stopped", "overloaded"]}]}
    assert not matches(stopped, {"state": "stopped"})
    assert matches({"x": [{"anything-but": [100, 200]}]}, {"x": 301.8})
    assert not matches({"x": [{"anything-but": [100, 200]}]}, {"x": 1e2})


def test_anything_but_needs_the_field_and_lets_other_types_through():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": anything-but matches any
    value except those listed, so a string list lets numbers and null through."""
    assert not matches({"state": [{"anything-but": "x"}]}, {})
    assert matches({"state": [{"anything-but": "x"}]}, {"state": None})
    assert matches({"state": [{"anything-but": "100"}]}, {"state": 100})
    assert matches({"n": [{"anything-but": [100]}]}, {"n": "100"})


def test_anything_but_on_an_array_matches_if_any_element_is_not_excluded():
    """AWS docs, "Arrays in Amazon EventBridge event patterns": any element may match."""
    assert matches({"t": [{"anything-but": "a"}]}, {"t": ["a", "b"]})
    assert not matches({"t": [{"anything-but": "a"}]}, {"t": ["a", "a"]})


def test_anything_but_with_modifiers():
    """AWS docs, "Comparison operators for use in event patterns in Amazon
    EventBridge": anything-but with prefix, suffix, equals-ignore-case and wildcard
    (event buses only)."""
    assert not matches({"r": [{"anything-but": {"prefix": "us-"}}]}, {"r": "us-east-1"})
    assert matches({"r": [{"anything-but": {"prefix": "us-"}}]}, {"r": "eu-west-1"})
    assert not matches({"f": [{"anything-but": {"suffix": ".png"}}]}, {"f": "a.png"})
    assert matches({"f": [{"anything-but": {"suffix": [".txt", ".jpg"]}}]}, {"f": "a.png"})
    ignore_case = {"s": [{"anything-but": {"equals-ignore-case": ["stopped", "init"]}}]}
    assert not matches(ignore_case, {"s": "STOPPED"})
    assert matches(ignore_case, {"s": "running"})
    not_lib = {"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}
    assert not matches(not_lib, {"p": "/usr/lib/x"})
    assert matches(not_lib, {"p": "/usr/bin/ls"})
    assert matches({"s": [{"anything-but": {"prefix": "init"}}]}, {"s": None})


# ---- numeric -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "inside", "outside"),
    [
        (["=", 5], [5, 5.0, 5e0], [4.9, 6]),
        (["<", 0], [-0.1, -5e9], [0, 1]),
        (["<=", 0], [0, -1], [0.000001, 1]),
        ([">", 0], [0.000001, 3], [0, -1]),
        ([">=", 10], [10, 11], [9.99]),
        ([">", 0, "<=", 5], [0.1, 5], [0, 5.1]),
        ([">=", -10, "<", -1], [-10, -1.5], [-1, -10.1]),
    ],
)
def test_numeric_operators_and_ranges(expression, inside, outside):
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": numeric matching."""
    pattern = {"n": [{"numeric": expression}]}
    for value in inside:
        assert matches(pattern, {"n": value}), value
    for value in outside:
        assert not matches(pattern, {"n": value}), value


def test_numeric_matches_only_json_numbers():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": numeric matching works
    with values that are JSON numbers (not strings, not booleans)."""
    assert not matches({"n": [{"numeric": ["=", 301.8]}]}, {"n": "301.8"})
    assert not matches({"n": [{"numeric": ["=", 1]}]}, {"n": True})


def test_numeric_compares_six_decimal_places():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": six digits to the right
    of the decimal point, in -5e9..5e9; numbers beyond take no part."""
    assert matches({"n": [{"numeric": ["=", 0.1234567]}]}, {"n": 0.1234568})
    assert not matches({"n": [{"numeric": [">", 0]}]}, {"n": 6e9})


# ---- cidr ----------------------------------------------------------------------------


def test_cidr_matches_ipv4_and_ipv6_networks():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": IP address matching."""
    assert matches({"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": "10.0.0.255"})
    assert not matches({"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": "10.0.1.0"})
    assert matches({"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}, {"ip": "2001:db8:1234:1a00::9"})
    assert not matches({"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}, {"ip": "2001:db8::1"})
    assert not matches({"ip": [{"cidr": "10.0.0.0/8"}]}, {"ip": "::ffff:10.0.0.1"})


def test_cidr_ignores_non_addresses_and_allows_host_bits():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": IP address matching
    (a network given with host bits, e.g. 220.160.153.171/31, covers its /31)."""
    assert not matches({"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": "not-an-ip"})
    assert not matches({"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": 167772161})
    assert matches({"ip": [{"cidr": "220.160.153.171/31"}]}, {"ip": "220.160.153.170"})


def test_exact_ip_matches_the_address_however_written():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": IP address matching."""
    assert matches({"ip": ["2001:db8::1"]}, {"ip": "2001:0DB8:0:0::1"})
    assert not matches({"ip": ["2001:db8::1"]}, {"ip": "2001:db8::2"})


# ---- exists --------------------------------------------------------------------------


def test_exists_true_and_false_on_leaf_fields():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": exists matching."""
    assert matches({"detail": {"state": [{"exists": True}]}}, EC2_EVENT)
    assert not matches({"detail": {"owner": [{"exists": True}]}}, EC2_EVENT)
    assert matches({"detail": {"owner": [{"exists": False}]}}, EC2_EVENT)
    assert not matches({"detail": {"state": [{"exists": False}]}}, EC2_EVENT)
    assert matches({"x": [{"exists": True}]}, {"x": None})


def test_exists_looks_only_at_leaf_nodes():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": exists works on leaf
    nodes only, so an object-valued field counts as absent."""
    event = {"detail": {"c-count": {"c1": 100}}}
    assert matches({"detail": {"c-count": [{"exists": False}]}}, event)
    assert not matches({"detail": {"c-count": [{"exists": True}]}}, event)


def test_exists_false_matches_when_the_parent_is_missing_or_the_array_empty():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": exists false matches an
    absent field; an empty array holds no leaf."""
    assert matches({"detail": {"c-count": [{"exists": False}]}}, {"source": "x"})
    assert matches({"resources": [{"exists": False}]}, {"resources": []})
    assert not matches({"resources": [None]}, {"resources": []})


def test_exists_false_inside_array_elements_is_per_element():
    """AWS docs, "Arrays in Amazon EventBridge event patterns" (array-consistent matching)."""
    pattern = {"d": {"a": [{"exists": True}], "b": [{"exists": False}]}}
    assert matches(pattern, {"d": [{"a": 1}]})
    assert not matches(pattern, {"d": [{"a": 1, "b": 2}]})


def test_alternatives_mix_values_and_exists():
    """AWS docs, "Amazon EventBridge event patterns": each listed alternative is OR'ed."""
    pattern = {"owner": ["alice", {"exists": False}]}
    assert matches(pattern, {"owner": "alice"})
    assert matches(pattern, {})
    assert not matches(pattern, {"owner": "bob"})


# ---- $or -----------------------------------------------------------------------------


def test_or_across_fields():
    """AWS docs, "Comparison operators for use in event patterns in Amazon EventBridge": $or."""
    pattern = {
        "source": ["aws.cloudwatch"],
        "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}],
    }
    assert matches(pattern, {"source": "aws.cloudwatch", "namespace": "AWS/EC2"})
    assert matches(pattern, {"source": "aws.cloudwatch", "metricName": "CPUUtilization"})
    assert not matches(pattern, {"source": "aws.cloudwatch"})
    assert not matches(pattern, {"source": "aws.ec2", "namespace": "AWS/EC2"})


def test_nested_or_with_and_inside_a_branch():
    """AWS docs, "Comparison operators for use in event patterns in Amazon EventBridge": $or."""
    pattern = {
        "source": ["aws.cloudwatch"],
        "$or": [
            {"metricName": ["CPUUtilization"]},
            {
                "metricType": ["MetricType"],
                "$or": [{"metricId": [1234]}, {"spaceId": [1000]}],
            },
        ],
    }
    assert matches(
        pattern, {"source": "aws.cloudwatch", "metricType": "MetricType", "spaceId": 1000}
    )
    assert not matches(pattern, {"source": "aws.cloudwatch", "metricId": 1234})


def test_or_inside_a_nested_object():
    """AWS docs, "Comparison operators for use in event patterns in Amazon EventBridge": $or."""
    pattern = {"detail": {"$or": [{"c": [{"numeric": [">", 5]}]}, {"d": ["x"]}]}}
    assert matches(pattern, {"detail": {"d": "x"}})
    assert not matches(pattern, {"detail": {"c": 5}})


def test_or_with_fewer_than_two_objects_is_a_plain_field_name():
    """SNS "AND/OR logic" (same engine): $or needs an array of at least two objects;
    otherwise it is an ordinary field name."""
    assert matches({"$or": {"a": ["x"]}}, {"$or": {"a": "x"}})


# ---- event shapes and compilation ----------------------------------------------------


def test_non_object_events_never_match():
    """AWS docs, "Amazon EventBridge events": an event is a JSON object."""
    assert not matches({"a": [{"exists": False}]}, ["a"])
    assert not matches({"a": [{"exists": False}]}, "a")


def test_compiled_pattern_matches_like_matches():
    """AWS docs, "Amazon EventBridge event patterns": compiling once does not change the result."""
    compiled = compile_pattern({"detail": {"state": ["terminated"]}})
    assert compiled.matches(EC2_EVENT)
    assert not compiled.matches({"detail": {"state": "running"}})


def test_malformed_pattern_raises_with_its_problems():
    """AWS docs, "Amazon EventBridge event patterns": leaf values are arrays."""
    with pytest.raises(DiagramError) as raised:
        matches({"source": "aws.ec2"}, EC2_EVENT)
    assert codes(raised.value.problems) == ["invalid_pattern"]


# ---- validate_pattern ----------------------------------------------------------------

BASE = "nodes[2].sim.failWhen"


def test_valid_patterns_have_no_problems():
    """AWS docs, "Comparison operators for use in event patterns in Amazon EventBridge"."""
    pattern = {
        "source": ["aws.ec2", {"prefix": {"equals-ignore-case": "aws."}}],
        "detail": {
            "amount": [{"numeric": [">", 0, "<=", 5]}, {"anything-but": [1, 2]}],
            "name": [{"wildcard": "a\\*b*"}, {"anything-but": {"wildcard": ["*x*"]}}],
            "ip": [{"cidr": "2001:db8::/32"}, {"exists": False}, None, True, ""],
            "$or": [{"a": ["1"]}, {"b": [{"suffix": "z"}]}],
        },
    }
    assert validate_pattern(pattern, BASE) == []


@pytest.mark.parametrize(
    ("pattern", "path", "code"),
    [
        ([], BASE, "invalid_pattern"),
        ({}, BASE, "empty_object"),
        ({"detail": {}}, f"{BASE}.detail", "empty_object"),
        ({"detail": {"amount": 5}}, f"{BASE}.detail.amount", "invalid_pattern"),
        ({"detail": {"amount": []}}, f"{BASE}.detail.amount", "empty_array"),
        ({"a": [[1]]}, f"{BASE}.a[0]", "invalid_value"),
        ({"a": [{"contains": "x"}]}, f"{BASE}.a[0]", "unknown_operator"),
        ({"a": [{"prefix": "x", "suffix": "y"}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"prefix": 5}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"exists": "yes"}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"equals-ignore-case": ["x"]}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"wildcard": "a**b"}]}, f"{BASE}.a[0]", "invalid_wildcard"),
        ({"a": [{"wildcard": "a\\b"}]}, f"{BASE}.a[0]", "invalid_wildcard"),
        ({"a": [{"cidr": "10.0.0.300/24"}]}, f"{BASE}.a[0]", "invalid_cidr"),
        ({"a": [{"cidr": "10.0.0.1"}]}, f"{BASE}.a[0]", "invalid_cidr"),
        ({"a": [{"anything-but": [1, "x"]}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"anything-but": []}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"anything-but": None}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"anything-but": {"exists": True}}]}, f"{BASE}.a[0]", "unknown_operator"),
        ({"a": [{"anything-but": {"prefix": ""}}]}, f"{BASE}.a[0]", "invalid_operator"),
        ({"a": [{"anything-but": [6e9]}]}, f"{BASE}.a[0]", "number_out_of_range"),
        ({"$or": [{"a": ["x"]}]}, f"{BASE}.$or", "invalid_or"),
        ({"$or": [{"a": ["x"]}, "b"]}, f"{BASE}.$or", "invalid_or"),
        ({"$or": [{"a": ["x"]}, {"prefix": ["b"]}]}, f"{BASE}.$or[1].prefix", "invalid_or"),
    ],
)
def test_malformed_patterns_are_reported_with_path_and_code(pattern, path, code):
    """AWS docs, "Comparison operators for use in event patterns in Amazon EventBridge": the
    operators and shapes EventBridge accepts; anything else is rejected."""
    problems = validate_pattern(pattern, BASE)
    assert [(p.path, p.code) for p in problems] == [(path, code)]
    assert problems[0].message.endswith(".")


@pytest.mark.parametrize(
    "expression",
    [
        [">"],
        ["!=", 5],
        [">", "5"],
        ["<", 5, ">", 1],
        [">", 5, "<", 1],
        [">", 1, "<", 5, "=", 3],
        [">", True],
        "> 5",
    ],
)
def test_numeric_expressions_with_a_bad_shape_are_reported(expression):
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": numeric matching takes
    [op, n] or a range [> or >=, low, < or <=, high]."""
    problems = validate_pattern({"detail": {"amount": [{"numeric": expression}]}}, BASE)
    assert [(p.path, p.code) for p in problems] == [(f"{BASE}.detail.amount[0]", "invalid_numeric")]


def test_numeric_values_beyond_five_billion_are_reported():
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": numeric matching is
    limited to -5.0e9..+5.0e9."""
    problems = validate_pattern({"n": [{"numeric": [">", -6e9]}]}, "")
    assert [(p.path, p.code) for p in problems] == [("n[0]", "number_out_of_range")]
    assert "-6000000000.0" in problems[0].message or "-6e9" in problems[0].message


def test_every_problem_is_collected():
    """Collect every problem, then report them all (house style)."""
    pattern = {"a": [], "b": [{"bogus": 1}], "c": {"d": "x"}}
    assert codes(validate_pattern(pattern, "")) == [
        "empty_array",
        "unknown_operator",
        "invalid_pattern",
    ]


def test_problem_messages_name_the_bad_value_and_what_is_allowed():
    """House style: a sentence naming the bad value and what is allowed."""
    [problem] = validate_pattern({"a": [{"contains": "x"}]}, "")
    assert '"contains"' in problem.message
    assert "prefix" in problem.message and "numeric" in problem.message


# ---- properties ----------------------------------------------------------------------

keys = st.text(min_size=1, max_size=8).filter(lambda key: key != "$or")
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(max_size=12),
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=3),
    max_leaves=12,
)
events = st.dictionaries(keys, json_values, min_size=1, max_size=4)


def pattern_from(event: dict) -> dict:
    """A pattern naming some of the event's own values: it must match the event."""
    pattern = {}
    for key, value in event.items():
        if isinstance(value, dict):
            nested = pattern_from(value)
            if nested:
                pattern[key] = nested
        elif isinstance(value, list):
            leaves = [item for item in value if not isinstance(item, dict | list)]
            if leaves:
                pattern[key] = [leaves[-1]]
        else:
            pattern[key] = [value]
    return pattern


@given(events)
def test_property_pattern_built_from_an_event_matches_it(event):
    """AWS docs, "Amazon EventBridge event patterns": an event's own values match it."""
    pattern = pattern_from(event)
    if pattern:
        assert validate_pattern(pattern, "") == []
        assert matches(pattern, event)


@given(st.one_of(st.text(max_size=12), st.integers(-(10**9), 10**9), st.floats(-1e9, 1e9)))
def test_property_anything_but_a_value_never_matches_it(value):
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": anything-but."""
    assert not matches({"f": [{"anything-but": value}]}, {"f": value})
    assert not matches({"f": [{"anything-but": [value]}]}, {"f": [value, value]})


@given(events, keys)
def test_property_exists_true_and_false_are_complementary(event, key):
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": exists matching."""
    present = matches({key: [{"exists": True}]}, event)
    absent = matches({key: [{"exists": False}]}, event)
    assert present != absent


@given(st.text(max_size=16))
def test_property_escaped_text_as_wildcard_matches_only_itself(text):
    """AWS docs, "Content filtering in Amazon EventBridge event patterns": wildcard escapes."""
    escaped = text.replace("\\", "\\\\").replace("*", "\\*")
    assert matches({"f": [{"wildcard": escaped}]}, {"f": text})
    assert not matches({"f": [{"wildcard": escaped}]}, {"f": text + "x"})
    assert matches({"f": [{"wildcard": escaped + "*"}]}, {"f": text + "xyz"})

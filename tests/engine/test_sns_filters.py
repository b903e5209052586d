"""SNS subscription filter policies: matching and validation (`engine.sns_filters`).

Each test names the Amazon SNS documentation page whose behaviour it reproduces.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.core.errors import DiagramError
from engine.matching.filter_policies import filter_policy_matches, validate_filter_policy

ATTRS = "MessageAttributes"
BODY = "MessageBody"


def string(value: str) -> dict:
    return {"Type": "String", "Value": value}


def number(value: str) -> dict:
    return {"Type": "Number", "Value": value}


def string_array(*values: object) -> dict:
    return {"Type": "String.Array", "Value": json.dumps(list(values))}


def on_attributes(policy: dict, **attributes: dict) -> bool:
    return filter_policy_matches(policy, attributes, None, ATTRS)


def on_body(policy: dict, body: object) -> bool:
    return filter_policy_matches(policy, None, body, BODY)


# ---- attribute scope -----------------------------------------------------------------


def test_exact_string_attribute_values_are_alternatives():
    """AWS docs, "String value matching" (Amazon SNS): exact matching, case-sensitive."""
    policy = {"customer_interests": ["rugby", "tennis"]}
    assert on_attributes(policy, customer_interests=string("rugby"))
    assert not on_attributes(policy, customer_interests=string("baseball"))
    assert not on_attributes(policy, customer_interests=string("RUGBY"))


def test_every_policy_key_must_match_and_others_are_ignored():
    """AWS docs, "AND/OR logic" (Amazon SNS): AND across keys, OR across values."""
    policy = {"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}
    assert on_attributes(
        policy,
        customer_interests=string("rugby"),
        price_usd=number("100.01"),
        store=string("example_corp"),
    )
    assert not on_attributes(policy, customer_interests=string("rugby"), price_usd=number("100"))
    assert not on_attributes(policy, customer_interests=string("rugby"))


def test_string_array_elements_are_tried_separately():
    """AWS docs, "String value matching" (Amazon SNS): String.Array elements one by one."""
    policy = {"customer_interests": ["rugby", "tennis"]}
    assert on_attributes(policy, customer_interests=string_array("baseball", "tennis"))
    assert not on_attributes(policy, customer_interests=string_array("baseball"))
    assert not on_attributes(policy, customer_interests=string('["rugby"]'))


def test_numeric_operators_see_only_number_attributes():
    """AWS docs, "Numeric value matching" (Amazon SNS): numbers are compared as numbers, so a
    String attribute holding digits does not match a numeric condition."""
    policy = {"price_usd": [{"numeric": ["=", 301.5]}]}
    assert on_attributes(policy, price_usd=number("301.5"))
    assert on_attributes(policy, price_usd=number("3.015e2"))
    assert not on_attributes(policy, price_usd=string("301.5"))


def test_numbers_inside_a_string_array_are_numbers():
    """AWS docs, "Numeric value matching" (Amazon SNS): an array attribute matches when one of its
    numbers does."""
    assert on_attributes({"n": [{"numeric": [">", 10]}]}, n=string_array("a", 5, 20))
    assert not on_attributes({"n": [{"numeric": [">", 10]}]}, n=string_array("20", 5))


def test_numeric_ranges_on_attributes():
    """AWS docs, "Numeric value matching" (Amazon SNS): value range matching."""
    policy = {"price_usd": [{"numeric": [">", 0, "<=", 150]}]}
    assert on_attributes(policy, price_usd=number("150"))
    assert not on_attributes(policy, price_usd=number("0"))
    assert not on_attributes(policy, price_usd=number("151"))
    assert on_attributes({"p": [{"numeric": ["<", 0]}]}, p=number("-0.5"))


def test_exact_number_in_policy_matches_number_attribute():
    """AWS docs, "Numeric value matching" (Amazon SNS): numbers compare by value, not spelling."""
    assert on_attributes({"price": [100]}, price=number("100.0"))
    assert not on_attributes({"price": [100]}, price=string("100"))


def test_anything_but_strings_and_numbers():
    """AWS docs, "String value matching" and "Numeric value matching" (Amazon SNS): anything-but."""
    assert on_attributes({"c": [{"anything-but": ["rugby", "tennis"]}]}, c=string("baseball"))
    assert not on_attributes({"c": [{"anything-but": ["rugby", "tennis"]}]}, c=string("rugby"))
    assert on_attributes({"price": [{"anything-but": [100, 500]}]}, price=number("100.1"))
    assert not on_attributes({"price": [{"anything-but": [100, 500]}]}, price=number("100"))


def test_anything_but_on_an_array_passes_if_one_element_is_not_excluded():
    """AWS docs, "Numeric value matching" (Amazon SNS): [100, 50] matches anything-but [100, 500]
    "because it contains a value that isn't 100 or 500"."""
    policy = {"price": [{"anything-but": [100, 500]}]}
    assert on_attributes(policy, price={"Type": "Number.Array", "Value": "[100, 50]"})
    assert not on_attributes(policy, price=string_array(100, 500))


def test_anything_but_prefix():
    """AWS docs, "String value matching" (Amazon SNS): anything-but with a prefix."""
    policy = {"event": [{"anything-but": {"prefix": "order-"}}]}
    assert on_attributes(policy, event=string("data-entry"))
    assert on_attributes(policy, event=string("order_number"))
    assert not on_attributes(policy, event=string("order-cancelled"))


def test_anything_but_does_not_match_a_missing_attribute_unless_exists_false():
    """AWS docs, "String value matching" (Amazon SNS): anything-but can be combined with
    "exists": false to also accept messages without the attribute."""
    policy = {"c": [{"anything-but": ["rugby"]}]}
    assert not on_attributes(policy, other=string("x"))
    with_absent = {"c": [{"anything-but": ["rugby"]}, {"exists": False}]}
    assert on_attributes(with_absent, other=string("x"))
    assert on_attributes(with_absent, c=string("hockey"))
    assert not on_attributes(with_absent, c=string("rugby"))


def test_prefix_suffix_and_equals_ignore_case():
    """AWS docs, "String value matching" (Amazon SNS): prefix, suffix and equals-ignore-case."""
    assert on_attributes({"c": [{"prefix": "bas"}]}, c=string("baseball"))
    assert not on_attributes({"c": [{"prefix": "bas"}]}, c=string("ba"))
    assert on_attributes({"c": [{"suffix": "ball"}]}, c=string("baseball"))
    assert on_attributes({"c": [{"equals-ignore-case": "tennis"}]}, c=string("TeNnIs"))
    assert not on_attributes({"c": [{"prefix": "1"}]}, c=number("12"))


def test_cidr_on_an_ip_address_attribute():
    """AWS docs, "String value matching" (Amazon SNS): IP address matching."""
    policy = {"source_ip": [{"cidr": "10.0.0.0/24"}]}
    assert on_attributes(policy, source_ip=string("10.0.0.255"))
    assert not on_attributes(policy, source_ip=string("10.1.1.0"))
    v6 = {"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}
    assert on_attributes(v6, ip=string("2001:db8:1234:1a00::1"))


def test_exists_true_and_false_on_attributes():
    """AWS docs, "Key matching in Amazon SNS": exists true and false."""
    assert on_attributes({"store": [{"exists": True}]}, store=string("fans"))
    assert not on_attributes({"store": [{"exists": True}]}, other=string("x"))
    assert on_attributes({"store": [{"exists": False}]}, other=string("x"))
    assert not on_attributes({"store": [{"exists": False}]}, store=string("fans"))


def test_a_message_without_attributes_matches_no_policy():
    """AWS docs, "Key matching in Amazon SNS": "exists": false only matches if at least one
    attribute is present."""
    assert not filter_policy_matches({"store": [{"exists": False}]}, {}, None, ATTRS)
    assert not filter_policy_matches({"store": [{"exists": False}]}, None, None, ATTRS)


def test_binary_attributes_are_not_compared():
    """AWS docs, "Filter policy constraints in Amazon SNS": only String, String.Array and Number
    attributes are compared with the policy."""
    blob = {"Type": "Binary", "Value": "AAE="}
    assert not on_attributes({"blob": ["AAE="]}, blob=blob, other=string("x"))
    assert on_attributes({"blob": [{"exists": False}]}, blob=blob, other=string("x"))


def test_or_operator_across_attributes():
    """AWS docs, "AND/OR logic" (Amazon SNS): the $or operator."""
    policy = {
        "source": ["aws.cloudwatch"],
        "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}],
    }
    assert on_attributes(policy, source=string("aws.cloudwatch"), namespace=string("AWS/EC2"))
    assert not on_attributes(policy, source=string("aws.cloudwatch"))


def test_empty_policy_accepts_everything():
    """AWS docs, "Amazon SNS subscription filter policies": no policy, no filtering."""
    assert filter_policy_matches({}, None, None, ATTRS)
    assert filter_policy_matches({}, None, "not json", BODY)


# ---- body scope ----------------------------------------------------------------------


def test_body_policy_on_dict_and_json_string_bodies():
    """AWS docs, "String value matching" (Amazon SNS): message body property values."""
    policy = {"customer_interests": ["rugby", "tennis"]}
    assert on_body(policy, {"customer_interests": "tennis"})
    assert on_body(policy, json.dumps({"customer_interests": ["baseball", "rugby"]}))
    assert not on_body(policy, {"customer_interests": "RUGBY"})


def test_body_policy_with_nested_keys():
    """AWS docs, "Amazon SNS message filtering": payload-based policies may nest properties."""
    policy = {"store": {"address": {"city": ["Seattle"]}}, "price": [{"numeric": [">", 1]}]}
    assert on_body(policy, {"store": {"address": {"city": "Seattle"}}, "price": 2})
    assert not on_body(policy, {"store": {"city": "Seattle"}, "price": 2})


def test_body_arrays_of_objects_match_within_one_element():
    """AWS docs, "Amazon SNS message filtering": nested arrays of objects (as in S3 events)."""
    policy = {
        "Records": {"eventName": [{"prefix": "ObjectCreated:"}], "size": [{"numeric": [">", 10]}]}
    }
    body = {
        "Records": [{"eventName": "ObjectCreated:Put", "size": 5}, {"eventName": "x", "size": 50}]
    }
    assert not on_body(policy, body)
    body["Records"][1]["eventName"] = "ObjectCreated:Copy"
    assert on_body(policy, body)


def test_body_that_is_not_a_json_object_never_matches():
    """AWS docs, "Amazon SNS message filtering": the body must be a JSON object."""
    policy = {"a": [{"exists": False}]}
    assert not on_body(policy, "plain text")
    assert not on_body(policy, json.dumps(["not", "an", "object"]))
    assert not on_body(policy, None)
    assert on_body(policy, "{}")


def test_body_null_empty_and_missing_are_different():
    """AWS docs, "Key matching in Amazon SNS": exists true needs a non-null, non-empty value."""
    assert on_body({"a": [None]}, {"a": None})
    assert not on_body({"a": [""]}, {"a": None})
    assert not on_body({"a": [None]}, {})
    assert not on_body({"a": [{"exists": True}]}, {"a": None})
    assert not on_body({"a": [{"exists": True}]}, {"a": ""})
    assert on_body({"a": [{"exists": True}]}, {"a": 0})


def test_unknown_scope_and_malformed_policy_raise():
    """AWS docs, "Filter policy constraints in Amazon SNS": the two scopes; leaves are arrays."""
    with pytest.raises(ValueError):
        filter_policy_matches({"a": ["x"]}, None, {"a": "x"}, "Body")
    with pytest.raises(DiagramError):
        filter_policy_matches({"a": "x"}, {"a": string("x")}, None, ATTRS)


# ---- validate_filter_policy ----------------------------------------------------------

BASE = "edges[1].props.FilterPolicy"


def test_valid_policies_have_no_problems():
    """AWS docs, "Filter policy constraints in Amazon SNS"."""
    policy = {
        "store": ["example_corp", None, True],
        "price_usd": [{"numeric": [">=", 0, "<", 1e9]}],
        "event": [{"anything-but": {"prefix": "order-"}}, {"exists": False}],
        "$or": [{"ip": [{"cidr": "10.0.0.0/24"}]}, {"name": [{"equals-ignore-case": "x"}]}],
    }
    assert validate_filter_policy(policy, BASE, ATTRS) == []
    assert validate_filter_policy({}, BASE, ATTRS) == []


def test_attribute_scope_rejects_nesting_and_body_scope_allows_it():
    """AWS docs, "Filter policy constraints in Amazon SNS": attribute-based policies cannot nest."""
    policy = {"store": {"city": ["Seattle"]}}
    problems = validate_filter_policy(policy, BASE, ATTRS)
    assert [(p.path, p.code) for p in problems] == [(f"{BASE}.store", "nested_policy")]
    assert validate_filter_policy(policy, BASE, BODY) == []


def test_more_than_five_keys_is_reported():
    """AWS docs, "Filter policy constraints in Amazon SNS": at most five keys."""
    policy = {f"k{index}": ["x"] for index in range(6)}
    problems = validate_filter_policy(policy, BASE, ATTRS)
    assert [(p.path, p.code) for p in problems] == [(BASE, "too_many_keys")]
    assert "6 keys" in problems[0].message


def test_leaf_keys_of_nested_body_policies_are_counted():
    """AWS docs, "Filter policy constraints in Amazon SNS": key counting example: "finding" holds
    an object and is not counted, its three leaf keys are."""
    policy = {
        "state": ["SUCCESS"],
        "severity": [{"exists": True}],
        "message": [{"exists": True}],
        "finding": {
            "standard_control": [{"exists": True}],
            "region": [{"exists": True}],
            "account": [{"exists": True}],
        },
    }
    assert [p.code for p in validate_filter_policy(policy, BASE, BODY)] == ["too_many_keys"]
    del policy["severity"]
    assert validate_filter_policy(policy, BASE, BODY) == []


def test_keys_are_counted_per_or_alternative():
    """AWS docs, "AND/OR logic" (Amazon SNS): the nested $or example names seven keys in all but
    each alternative at most four, and SNS accepts it."""
    policy = {
        "source": ["aws.cloudwatch"],
        "$or": [
            {"metricName": ["CPUUtilization", "ReadLatency"]},
            {
                "metricType": ["MetricType"],
                "namespace": ["AWS/EC2", "AWS/ES"],
                "$or": [{"metricId": [1234]}, {"spaceId": [1000]}],
            },
            {"scope": ["Service"]},
        ],
    }
    assert validate_filter_policy(policy, BASE, ATTRS) == []


def test_more_than_150_combinations_is_reported():
    """AWS docs, "Filter policy constraints in Amazon SNS": the product of the value counts of
    each array must not exceed 150 (3 x 1 x 2 = 6 in AWS's example)."""
    ok = {"a": list("abcde"), "b": list("abcde"), "c": list("abcdef")}
    assert validate_filter_policy(ok, BASE, ATTRS) == []
    too_many = {"a": list("abcde"), "b": list("abcde"), "c": list("abcdefg")}
    problems = validate_filter_policy(too_many, BASE, ATTRS)
    assert [(p.path, p.code) for p in problems] == [(BASE, "too_complex")]
    assert "175" in problems[0].message


@pytest.mark.parametrize(
    ("policy", "path", "code"),
    [
        ("store", BASE, "invalid_pattern"),
        ({"a": []}, f"{BASE}.a", "empty_array"),
        ({"a": "x"}, f"{BASE}.a", "invalid_pattern"),
        ({"a": [{"regex": "x"}]}, f"{BASE}.a[0]", "unknown_operator"),
        ({"a": [{"wildcard": "x*"}]}, f"{BASE}.a[0]", "unsupported_operator"),
        ({"a": [{"anything-but": {"suffix": "x"}}]}, f"{BASE}.a[0]", "unsupported_operator"),
        ({"a": [{"prefix": {"equals-ignore-case": "x"}}]}, f"{BASE}.a[0]", "unsupported_operator"),
        ({"a": [{"numeric": ["<=", 5, ">", 1]}]}, f"{BASE}.a[0]", "invalid_numeric"),
        ({"a": [{"numeric": [">", 2e9]}]}, f"{BASE}.a[0]", "number_out_of_range"),
        ({"a": [1000000001]}, f"{BASE}.a[0]", "number_out_of_range"),
        ({"a": [{"anything-but": [-2e9]}]}, f"{BASE}.a[0]", "number_out_of_range"),
        ({"a": [{"cidr": "10.0.0.0/33"}]}, f"{BASE}.a[0]", "invalid_cidr"),
        ({"a": [{"exists": 1}]}, f"{BASE}.a[0]", "invalid_operator"),
    ],
)
def test_malformed_policies_are_reported_with_path_and_code(policy, path, code):
    """AWS docs, "Filter policy constraints in Amazon SNS" and "String value matching": what SNS
    accepts in a policy; wildcard and anything-but suffix are event-bus features."""
    problems = validate_filter_policy(policy, BASE, ATTRS)
    assert [(p.path, p.code) for p in problems] == [(path, code)]


def test_unknown_scope_is_reported():
    """AWS docs, "Filter policy constraints in Amazon SNS": MessageAttributes or MessageBody."""
    problems = validate_filter_policy({"a": ["x"]}, BASE, "Headers")
    assert [(p.path, p.code) for p in problems] == [(BASE, "invalid_scope")]


# ---- properties ----------------------------------------------------------------------

names = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
texts = st.text(max_size=12)


@given(st.dictionaries(names, texts, min_size=1, max_size=5))
def test_property_policy_of_the_message_own_strings_matches(values):
    """AWS docs, "String value matching" (Amazon SNS): exact matching on every attribute."""
    attributes = {name: string(text) for name, text in values.items()}
    policy = {name: [text] for name, text in values.items()}
    assert validate_filter_policy(policy, "", ATTRS) == []
    assert filter_policy_matches(policy, attributes, None, ATTRS)
    assert filter_policy_matches(policy, None, json.dumps(values), BODY)


@given(names, st.lists(texts, min_size=1, max_size=5), st.data())
def test_property_string_array_matches_any_of_its_elements(name, elements, data):
    """AWS docs, "String value matching" (Amazon SNS): String.Array elements one by one."""
    chosen = data.draw(st.sampled_from(elements))
    attributes = {name: string_array(*elements)}
    assert filter_policy_matches({name: [chosen]}, attributes, None, ATTRS)
    assert not filter_policy_matches({name: [{"anything-but": elements}]}, attributes, None, ATTRS)


@given(st.floats(min_value=-1e9, max_value=1e9))
def test_property_number_attribute_equals_itself_however_written(value):
    """AWS docs, "Numeric value matching" (Amazon SNS): 301.5 and 3.015e2 are the same number."""
    policy = {"n": [{"numeric": ["=", value]}]}
    for written in (repr(value), f"{value:.17e}"):
        assert filter_policy_matches(policy, {"n": number(written)}, None, ATTRS)

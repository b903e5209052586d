"""Copies and their encodings (`engine.core.message`)."""

from __future__ import annotations

from engine.core.message import GONE, Copy, encode_attributes, encode_body


def test_size_counts_the_body_and_each_attributes_name_type_and_value_in_utf8():
    attributes = {"k": {"Type": "String", "Value": "é"}, "n": {"Type": "Number", "Value": "12"}}
    copy = Copy(id="m-1", origin="m-1", body="héllo", attributes=attributes, payload=None)
    assert copy.size == 6 + (1 + 6 + 2) + (1 + 6 + 2)
    copy.set_attributes({})
    assert copy.size == 6


def test_a_new_copy_is_its_own_message_and_held_by_nobody():
    copy = Copy(id="m-2", origin="m-1", body="", attributes={}, payload=None)
    assert (copy.message_id, copy.origin, copy.state, copy.holder) == ("m-2", "m-1", GONE, None)
    assert copy.body_sha256() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_bodies_are_strings_as_they_are_and_compact_json_otherwise():
    assert encode_body("text") == "text"
    assert encode_body({"a": [1, "é"]}) == '{"a":[1,"é"]}'


def test_attribute_values_take_the_sns_and_sqs_types():
    assert encode_attributes({"s": "x", "n": 2.5, "b": True, "l": ["a"]}) == {
        "s": {"Type": "String", "Value": "x"},
        "n": {"Type": "Number", "Value": "2.5"},
        "b": {"Type": "String", "Value": "true"},
        "l": {"Type": "String.Array", "Value": '["a"]'},
    }

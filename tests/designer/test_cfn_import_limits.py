"""Hostile templates: bounded memory and 400 problems (never a 500) for alias bombs, deep
nesting, non-scalar keys and numbers JSON cannot hold; the same refusals from `import_cfn`."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from designer.cloudformation.template_text import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_VALUES,
    TemplateError,
    load_text,
)
from tests.designer.test_cfn_commands import run


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """A few hundred bytes that expand to width**levels leaves (10**9 here)."""
    lines = ["Resources:", "  Q: {Type: AWS::SQS::Queue}", "Metadata:"]
    lines.append(f"  l0: &l0 [{', '.join(['x'] * width)}]")
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"  l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def few_aliases_many_values() -> str:
    """Under the alias limit, yet over the value limit: 8 aliases of a 100k-value list."""
    big = ", ".join(["1"] * 100_000)
    refs = "\n".join(f"  c{i}: *big" for i in range(8))
    return f"Resources:\n  Q: {{Type: AWS::SQS::Queue}}\nMetadata:\n  big: &big [{big}]\n{refs}\n"


def test_an_alias_bomb_is_refused_before_it_is_built_with_memory_bounded():
    text = alias_bomb()
    assert len(text) < 1000
    tracemalloc.start()
    try:
        with pytest.raises(TemplateError) as caught:
            load_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.problems[0]["code"] == "too_large"
    # Building it would take gigabytes; refusing it takes next to nothing.
    assert peak < 2_000_000, f"peak {peak} bytes"


def test_a_template_whose_aliases_expand_past_the_limit_is_refused():
    with pytest.raises(TemplateError) as caught:
        load_text(few_aliases_many_values())
    problem = caught.value.problems[0]
    assert problem["code"] == "too_large"
    assert f"{MAX_VALUES:,}" in problem["message"]


def test_a_few_aliases_are_still_read():
    value = load_text("Resources:\n  Q: &q {Type: AWS::SQS::Queue}\n  R: *q\n")
    assert value["Resources"]["R"] == {"Type": "AWS::SQS::Queue"}


@pytest.mark.parametrize(
    ("text", "code", "path"),
    [
        ("? [a]\n: 1\n", "invalid_yaml", "template"),
        ("Resources: " + "[" * 900 + "]" * 900 + "\n", "too_deep", "template"),
        ("{" + '"a": {' * 100_000 + "}" * 100_001, "too_deep", "template"),
        ('{"Resources": {}, "Metadata": {"x": NaN}}', "invalid_number", "template"),
        (
            "Resources:\n  Q: {Type: AWS::SQS::Queue}\nMetadata:\n  Eventyard:\n    sim: .nan\n",
            "invalid_number",
            "template.Metadata.Eventyard.sim",
        ),
        ("Resources: {}\nMetadata: {x: [-.inf]}\n", "invalid_number", "template.Metadata.x[0]"),
    ],
    ids=["unhashable-key", "yaml-900-deep", "json-100k-deep", "json-nan", "yaml-nan", "yaml-inf"],
)
def test_hostile_templates_are_400_problems(visitor, text, code, path):
    response = visitor.post("/api/import/", {"template": text})

    assert response.status_code == 400, response.content[:300]
    (problem,) = response.json()["problems"]
    assert (problem["code"], problem["path"]) == (code, path)


def test_the_api_refuses_an_alias_bomb_naming_the_limit(visitor):
    response = visitor.post("/api/import/", {"template": alias_bomb()})

    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert problem["code"] == "too_large"
    assert f"{MAX_VALUES:,}" in problem["message"]


def test_more_aliases_than_the_limit_are_refused_even_when_small(visitor):
    refs = "\n".join(f"  k{i}: *a" for i in range(MAX_ALIASES + 1))
    text = f"Resources: {{}}\nMetadata:\n  a: &a x\n{refs}\n"

    response = visitor.post("/api/import/", {"template": text})

    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert problem["code"] == "too_many_aliases"
    assert f"more than {MAX_ALIASES} YAML aliases" in problem["message"]


def test_nesting_up_to_the_limit_is_accepted():
    nested = json.dumps(
        {
            "Resources": {},
            "Metadata": {"x": json.loads("[" * (MAX_DEPTH - 3) + "]" * (MAX_DEPTH - 3))},
        }
    )
    assert load_text(nested)["Resources"] == {}


def test_import_cfn_exits_2_on_an_alias_bomb(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")

    status, out, err = run("import_cfn", str(path))

    assert (status, out) == (2, "")
    assert f"more than {MAX_VALUES:,} values" in err
    assert "Traceback" not in err

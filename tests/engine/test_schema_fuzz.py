"""`load_diagram` answers any JSON with a diagram or a DiagramError, never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import DiagramError, load_diagram, registry

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# Values that look like a diagram's parts, so the fuzzing reaches deep into the checks.
names = st.sampled_from(["id", "type", "props", "sim", "kind", "source", "target", "label"])
types = st.sampled_from([*registry.node_types(), "nope"]) | json_values
node = st.fixed_dictionaries(
    {"id": st.sampled_from(["a", "b", "c"]) | json_values, "type": types},
    optional={
        "props": st.dictionaries(st.text(max_size=30), json_values, max_size=3) | json_values,
        "sim": st.dictionaries(
            st.sampled_from(["duration", "payload", "rate", "failWhen", "burst", "attributes"]),
            json_values,
            max_size=3,
        ),
    },
)
edge = st.fixed_dictionaries(
    {
        "id": st.text(max_size=4) | json_values,
        "kind": st.sampled_from([*registry.edge_kinds(), "x"]) | json_values,
        "source": st.sampled_from(["a", "b", "c"]) | json_values,
        "target": st.sampled_from(["a", "b", "c"]) | json_values,
    },
    optional={"props": st.dictionaries(st.text(max_size=30), json_values, max_size=3)},
)
documents = (
    st.fixed_dictionaries(
        {
            "format": st.just("eventyard/1") | json_values,
            "nodes": st.lists(node, max_size=4) | json_values,
            "edges": st.lists(edge, max_size=4) | json_values,
        },
        optional={"sim": json_values, "name": json_values},
    )
    | json_values
    | st.dictionaries(names, json_values)
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents)
def test_any_json_gives_a_diagram_or_a_diagram_error(doc):
    try:
        load_diagram(doc)
    except DiagramError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.code and problem.message

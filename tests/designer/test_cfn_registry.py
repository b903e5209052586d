"""Every node type and edge kind of `engine.registry` has its CloudFormation mapping, so a
type added without an exporter (or importer) entry fails here."""

from __future__ import annotations

from designer.cloudformation import export, import_props, importer, services
from engine import registry


def test_every_node_type_has_an_exporter_or_is_listed_as_exporting_nothing():
    mapped = set(export.NODE_EXPORTERS) | set(export.NO_RESOURCE_TYPES)
    missing = set(registry.node_types()) - mapped
    assert not missing, f"no exporter entry for {sorted(missing)}"
    assert set(export.NODE_EXPORTERS).isdisjoint(export.NO_RESOURCE_TYPES)


def test_exporters_name_registered_types_only():
    assert set(export.NODE_EXPORTERS) | set(export.NO_RESOURCE_TYPES) == set(registry.node_types())
    assert set(export.EDGE_EXPORTERS) == set(registry.edge_kinds())


def test_types_that_export_nothing_are_not_aws_resources():
    for spec in registry.NODE_SPECS:
        exports_nothing = spec.type in export.NO_RESOURCE_TYPES
        assert (spec.cfn_type is None) == exports_nothing, spec.type


def test_every_edge_kind_has_an_exporter():
    missing = set(registry.edge_kinds()) - set(export.EDGE_EXPORTERS)
    assert not missing, f"no exporter entry for {sorted(missing)}"


def test_every_resource_type_has_an_importer():
    for spec in registry.NODE_SPECS:
        if spec.cfn_type is not None:
            assert spec.type in services.NODE_IMPORTERS, spec.type
            # A resource several types live in (a broker) reads back, without Metadata, as
            # the first of them (a broker's queue).
            first = next(s for s in registry.NODE_SPECS if s.cfn_type == spec.cfn_type)
            assert import_props.node_type_of(spec.cfn_type) is first


def test_resources_that_carry_edges_are_traced():
    """Each edge kind that a template keeps has a tracer on the resource that holds it."""
    holders = {
        "subscription": "AWS::SNS::Subscription",
        "event-source": "AWS::Lambda::EventSourceMapping",
        "dead-letter": "AWS::SQS::Queue",
        "destination": "AWS::Lambda::EventInvokeConfig",
        "notification": "AWS::S3::Bucket",
        "rule": "AWS::Events::Rule",
        "target": "AWS::Events::Rule",
        "alarm-action": "AWS::CloudWatch::Alarm",
        "publish": "AWS::Lambda::Function",
        "enrichment": "AWS::Pipes::Pipe",  # and the pipe's event-source and target edges
        "idempotency": "AWS::Lambda::Function",  # its environment names the store
        "delivery": "AWS::KinesisFirehose::DeliveryStream",  # and its transform and source
        "transform": "AWS::KinesisFirehose::DeliveryStream",
        "task": "AWS::StepFunctions::StateMachine",  # its definition names each target
        "discover": "AWS::EventSchemas::Discoverer",
        "binding": None,  # a broker's configuration: in the template's Metadata only
    }
    assert set(holders) == set(registry.edge_kinds())
    assert set(holders.values()) - {None} <= set(importer.EDGE_TRACERS)


def test_every_node_type_has_one_cloudformation_entry_in_the_services_table():
    """A new type needs its line in `services.NODE_MAPPINGS` (or an explicit NOTHING)."""
    assert set(services.NODE_MAPPINGS) == set(registry.node_types())
    for spec in registry.NODE_SPECS:
        mapping = services.NODE_MAPPINGS[spec.type]
        if spec.cfn_type is None:
            assert mapping is services.NOTHING, spec.type
        else:
            assert mapping.export is not None and mapping.read is not None, spec.type


def test_the_drivers_read_the_services_table_and_no_table_of_their_own():
    assert export.NODE_EXPORTERS is services.NODE_EXPORTERS
    assert importer.NODE_IMPORTERS is services.NODE_IMPORTERS
    assert export.NO_RESOURCE_TYPES == ("producer", "worker")


def test_each_service_module_holds_its_own_export_and_import():
    """Mappings live in the module of their service, not in a module per mechanism."""
    for node_type, mapping in services.NODE_MAPPINGS.items():
        for function in (mapping.export, mapping.read):
            if function is None or function is import_props.import_plain:
                continue
            assert function.__module__.startswith("designer.cloudformation.services."), (
                node_type,
                function.__module__,
            )


def test_edge_exporters_and_tracers_live_in_service_modules():
    functions = list(export.EDGE_EXPORTERS.values()) + list(importer.EDGE_TRACERS.values())
    for function in functions:
        assert function.__module__.startswith("designer.cloudformation.services."), function
    # The function's role is read last, once its destinations and mappings are known.
    assert list(importer.EDGE_TRACERS)[-1] == "AWS::Lambda::Function"

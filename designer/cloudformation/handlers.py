"""The inline code of exported functions: one small handler per language, the same for all.

The handler is a stand-in that says what it is: it logs each record and succeeds. Its
first lines name the function's place in the diagram (by node id, which is safe to put in
code; labels are free text and are not). `REPORT_BATCH_ITEM_FAILURES` is on when one of
its event source mappings has `FunctionResponseTypes: [ReportBatchItemFailures]`: then a
failing record and every later one are reported ("Handling errors for an SQS event
source", "Configuring partial batch response with Kinesis Data Streams").
"""

from __future__ import annotations

from engine.core.diagram import Node

from .context import ExportContext

PYTHON = '''\
{header}
import json

REPORT_BATCH_ITEM_FAILURES = {report}


def process(record):
    """The function's work on one record: here, logging it."""
    print(json.dumps(record, default=str))


def item_id(record):
    """How Lambda names a record in batchItemFailures."""
    if "messageId" in record:
        return record["messageId"]
    if "kinesis" in record:
        return record["kinesis"]["sequenceNumber"]
    return record["dynamodb"]["SequenceNumber"]


def records_of(event):
    """The records of an event: SQS, Kinesis and DynamoDB list them in Records, MSK by
    topic and partition in records, ActiveMQ in messages, RabbitMQ by queue."""
    if "Records" in event:
        return event["Records"]
    if isinstance(event.get("records"), dict):
        return [r for part in event["records"].values() for r in part]
    if "messages" in event:
        return event["messages"]
    if "rmqMessagesByQueue" in event:
        return [m for queue in event["rmqMessagesByQueue"].values() for m in queue]
    return [event]


def handler(event, context):
    records = records_of(event)
    for index, record in enumerate(records):
        try:
            process(record)
        except Exception:
            if not REPORT_BATCH_ITEM_FAILURES:
                raise
            # This record and every later one: FIFO queues and streams keep their order.
            failed = records[index:]
            return {{"batchItemFailures": [{{"itemIdentifier": item_id(r)}} for r in failed]}}
    if REPORT_BATCH_ITEM_FAILURES:
        return {{"batchItemFailures": []}}
    return {{"processed": len(records)}}
'''

NODE = """\
{header}
const REPORT_BATCH_ITEM_FAILURES = {report};

// The function's work on one record: here, logging it.
const processRecord = async (record) => {{
  console.log(JSON.stringify(record));
}};

// How Lambda names a record in batchItemFailures.
const itemId = (record) =>
  record.messageId ?? record.kinesis?.sequenceNumber ?? record.dynamodb?.SequenceNumber;

// The records of an event: SQS, Kinesis and DynamoDB list them in Records, MSK by topic
// and partition in records, ActiveMQ in messages, RabbitMQ by queue.
const recordsOf = (event) =>
  event.Records ??
  (event.records && Object.values(event.records).flat()) ??
  event.messages ??
  (event.rmqMessagesByQueue && Object.values(event.rmqMessagesByQueue).flat()) ?? [event];

exports.handler = async (event) => {{
  const records = recordsOf(event);
  for (const [index, record] of records.entries()) {{
    try {{
      await processRecord(record);
    }} catch (error) {{
      if (!REPORT_BATCH_ITEM_FAILURES) throw error;
      // This record and every later one: FIFO queues and streams keep their order.
      const failed = records.slice(index);
      return {{ batchItemFailures: failed.map((r) => ({{ itemIdentifier: itemId(r) }})) }};
    }}
  }}
  return REPORT_BATCH_ITEM_FAILURES ? {{ batchItemFailures: [] }} : {{ processed: records.length }};
}};
"""


def reports_failures(ctx: ExportContext, node: Node) -> bool:
    return any(
        "ReportBatchItemFailures" in (edge.props.get("FunctionResponseTypes") or [])
        for edge in ctx.diagram.edges_to(node.id, "event-source")
    )


def describe(ctx: ExportContext, node: Node) -> list[str]:
    """What the function is wired to, by node id: its sources and where it sends."""
    sources = [f"{edge.source} ({edge.kind})" for edge in ctx.diagram.edges_to(node.id)]
    targets = [f"{edge.target} ({edge.kind})" for edge in ctx.diagram.edges_from(node.id)]
    return [
        f"Exported by Eventyard for the function '{node.id}': a stand-in that logs each "
        "record; put the real work in the process function.",
        "Invoked by: " + (", ".join(sources) or "nothing in the diagram") + ".",
        "Sends to: " + (", ".join(targets) or "nothing in the diagram") + ".",
    ]


def handler_code(ctx: ExportContext, node: Node) -> str:
    report = reports_failures(ctx, node)
    if node.props["Runtime"].startswith("python"):
        header = "\n".join("# " + line for line in describe(ctx, node))
        return PYTHON.format(header=header, report=report)
    header = "\n".join("// " + line for line in describe(ctx, node))
    return NODE.format(header=header, report=str(report).lower())

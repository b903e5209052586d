// Live counters on the nodes: a compact row under each node card with the two or three
// metrics that say most about that kind of node, each a `data-metric="<CloudWatch name>"`
// element whose text is the value (contract section 7), inside the node's `data-metrics`
// group. Which metrics a node shows is `countersFor` (no DOM); the rest are in the chart.

const SVG = 'http://www.w3.org/2000/svg';
const ROW_WIDTH = 172;
const STREAM_SOURCES = new Set(['kinesis.stream', 'dynamodb.table']);

// type -> [[metric, label], ...]; a dlq-role queue and a stream-fed function differ.
const COUNTERS = {
  producer: [['MessagesPublished', 'sent']],
  'sqs.queue': [
    ['ApproximateNumberOfMessagesVisible', 'visible'],
    ['ApproximateNumberOfMessagesNotVisible', 'in flight'],
    ['ApproximateAgeOfOldestMessage', 'oldest s'],
  ],
  'sqs.queue:dlq': [
    ['ApproximateNumberOfMessagesVisible', 'in DLQ'],
    ['ApproximateAgeOfOldestMessage', 'oldest s'],
  ],
  'sns.topic': [
    ['NumberOfNotificationsDelivered', 'delivered'],
    ['NumberOfNotificationsFilteredOut', 'filtered'],
    ['NumberOfNotificationsFailed', 'failed'],
  ],
  'lambda.function': [['RunningExecutions', 'running'], ['Errors', 'errors'], ['Throttles', 'throttled']],
  'lambda.function:stream': [['RunningExecutions', 'running'], ['Errors', 'errors'], ['IteratorAge', 'iter age ms']],
  worker: [['BusyPollers', 'busy'], ['Errors', 'errors'], ['Batches', 'batches']],
  'kinesis.stream': [
    ['IncomingRecords', 'in'],
    ['GetRecords.IteratorAgeMilliseconds', 'iter age ms'],
    ['WriteProvisionedThroughputExceeded', 'throttled'],
  ],
  'eventbridge.bus': [['PutEventsEntriesCount', 'events'], ['MatchedEvents', 'matched']],
  'eventbridge.rule': [['MatchedEvents', 'matched'], ['Invocations', 'sent'], ['FailedInvocations', 'failed']],
  's3.bucket': [['PutRequests', 'puts'], ['NotificationsSent', 'notified']],
  'dynamodb.table': [['WriteRequests', 'writes'], ['StreamRecords', 'stream']],
  'cloudwatch.alarm': [['State', 'state']],
};

// The counters of one node of the document: [[metric, label], ...].
export function countersFor(node, edges = []) {
  if (node.type === 'sqs.queue' && node.role === 'dlq') return COUNTERS['sqs.queue:dlq'];
  if (node.type === 'lambda.function') {
    const streamFed = edges.some((edge) => edge.kind === 'event-source' && edge.target === node.id && STREAM_SOURCES.has(edge.sourceType));
    return COUNTERS[streamFed ? 'lambda.function:stream' : 'lambda.function'];
  }
  return COUNTERS[node.type] || [];
}

// A metric's value as the counter shows it: integers as they are, others to one decimal.
export function formatValue(value) {
  if (typeof value !== 'number') return value === undefined || value === null ? '–' : String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export class NodeCounters {
  constructor({ bus, canvas, model }) {
    Object.assign(this, { bus, canvas, model });
    this.rows = new Map(); // node id -> {group, values: Map<metric, element>}
    this.metrics = {};
    bus.on('live:metrics', ({ metrics }) => this.show(metrics));
    bus.on('live:cleared', () => this.show({}));
    canvas.paper.on('render:done', () => this.metrics && this.show(this.metrics));
  }

  show(metrics) {
    this.metrics = metrics;
    const edges = this.model.edgeList().map((edge) => ({ ...edge, sourceType: this.model.node(edge.source)?.type }));
    for (const node of this.model.nodeList()) {
      const row = this.rowFor(node, edges);
      if (!row) continue;
      const values = metrics[node.id] || {};
      for (const [name, el] of row.values) {
        const text = formatValue(values[name] ?? (Object.keys(metrics).length ? 0 : undefined));
        if (el.textContent !== text) el.textContent = text;
      }
    }
  }

  // The node's counter row, made (again) if the node's view has none: a redrawn node
  // loses what was added to its group.
  rowFor(node, edges) {
    const group = this.canvas.el.querySelector(`[data-node-id="${CSS.escape(node.id)}"] [data-metrics]`);
    if (!group) return null;
    const counters = countersFor(node, edges);
    const known = this.rows.get(node.id);
    const signature = counters.map(([name]) => name).join(',');
    if (known && known.group === group && known.signature === signature && known.row.isConnected) return known;
    group.querySelector(':scope > .live-counters')?.remove();
    const row = document.createElementNS(SVG, 'g');
    row.setAttribute('class', 'live-counters');
    const back = document.createElementNS(SVG, 'rect');
    Object.entries({ width: ROW_WIDTH, height: 17, rx: 4, class: 'live-counters-bg' }).forEach(([k, v]) => back.setAttribute(k, v));
    row.append(back);
    const values = new Map();
    const slot = ROW_WIDTH / Math.max(1, counters.length);
    counters.forEach(([name, label], index) => {
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', String(index * slot + 5));
      text.setAttribute('y', '12.5');
      text.setAttribute('class', 'live-counter');
      const caption = document.createElementNS(SVG, 'tspan');
      caption.setAttribute('class', 'live-counter-label');
      caption.textContent = `${label} `;
      const value = document.createElementNS(SVG, 'tspan');
      value.setAttribute('class', 'live-counter-value');
      value.setAttribute('data-metric', name);
      value.textContent = '–';
      const title = document.createElementNS(SVG, 'title');
      title.textContent = name;
      text.append(caption, value, title);
      row.append(text);
      values.set(name, value);
    });
    group.append(row);
    const entry = { group, row, signature, values };
    this.rows.set(node.id, entry);
    return entry;
  }

  // Removes every counter row (the live panel was closed).
  remove() {
    for (const { row } of this.rows.values()) row.remove();
    this.rows.clear();
  }
}

// Which live counters a node shows (no DOM): the two or three CloudWatch-named metrics that
// say most about that kind of node, from the catalogue (`/api/catalog/`, each type's
// `counters`: `default`, `dlq` for a queue in the dlq role, `stream` for a function a stream
// feeds, `idempotency` for consumers in a diagram with an idempotency store and for a table
// that is one; the types read as streams are those the catalogue flags `stream`). The rest
// of a node's metrics are in the chart.

// The counters of one node of the document: [[metric, label], ...]. `edges` carry their
// source's type (`sourceType`); `catalog` is model/catalog.js's (null: not loaded, none).
export function countersFor(catalog, node, edges = []) {
  const counters = catalog?.nodeType(node.type)?.counters || {};
  if (node.role === 'dlq' && counters.dlq) return counters.dlq;
  const stores = edges.filter((edge) => edge.kind === 'idempotency');
  const isStoreOrConsumer = node.type !== 'dynamodb.table' || stores.some((edge) => edge.target === node.id);
  if (counters.idempotency && stores.length && isStoreOrConsumer) return counters.idempotency;
  const streamFed = edges.some((edge) => edge.kind === 'event-source' && edge.target === node.id && catalog.nodeType(edge.sourceType)?.stream);
  if (streamFed && counters.stream) return counters.stream;
  return counters.default || [];
}

// The document's edges, each with its source node's type, as countersFor reads them.
export function edgesWithTypes(model) {
  return model.edgeList().map((edge) => ({ ...edge, sourceType: model.node(edge.source)?.type }));
}

// A metric's value as a counter shows it: integers as they are, others to one decimal.
export function formatValue(value) {
  if (typeof value !== 'number') return value === undefined || value === null ? '–' : String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

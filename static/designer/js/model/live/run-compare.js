// Two runs of one diagram compared (no DOM): each node's outcomes from its event counts,
// what changed between the two documents, and every metric before -> after. The end-of-run
// summary card (view/live/summary.js) shows them.

export const OUTCOME_EVENTS = {
  delivered: ['deliver', 'invoke', 'publish', 'put-record'],
  filtered: ['filter-out'],
  failed: ['error', 'execution-fail', 'execution-timeout'],
  'dead-lettered': ['dead-letter'],
  dropped: ['drop', 'expire'],
};

// node -> {delivered, filtered, ...} from per-node event counts.
export function outcomes(counts, nodeIds) {
  const table = {};
  for (const node of nodeIds) {
    const kinds = counts?.[node] || {};
    table[node] = Object.fromEntries(Object.entries(OUTCOME_EVENTS).map(([name, events]) => [name, events.reduce((sum, e) => sum + (kinds[e] || 0), 0)]));
  }
  return table;
}

// A document as path -> leaf value (nodes and edges by id; positions left out).
function flatten(doc) {
  const out = {};
  const walk = (value, path) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    } else out[path] = JSON.stringify(value);
  };
  for (const node of doc?.nodes || []) {
    const { id, position, ...rest } = node;
    walk(rest, `nodes.${id}`);
  }
  for (const edge of doc?.edges || []) {
    const { id, vertices, ...rest } = edge;
    walk(rest, `edges.${id}`);
  }
  walk(doc?.sim || {}, 'sim');
  return out;
}

// What changed between two documents: [{path, before, after}] (null: absent).
export function diffDocuments(before, after) {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return paths.filter((path) => a[path] !== b[path]).map((path) => ({ path, before: a[path] ?? null, after: b[path] ?? null }));
}

// Every metric of two runs: [{metric, before, after}], the changed ones first.
export function compareRuns(before, after) {
  const rows = [];
  const add = (metric, x, y) => rows.push({ metric, before: x ?? null, after: y ?? null });
  // Rows are named `<node id> · <metric>` (`ledger · <bucket>` for the ledger).
  for (const key of new Set([...Object.keys(before.report?.ledger || {}), ...Object.keys(after.report?.ledger || {})])) {
    add(`ledger · ${key}`, before.report?.ledger?.[key], after.report?.ledger?.[key]);
  }
  const nodes = [...new Set([...Object.keys(after.report?.nodes || {}), ...Object.keys(before.report?.nodes || {})])];
  const was = outcomes(before.counts, nodes);
  const now = outcomes(after.counts, nodes);
  for (const node of nodes) {
    for (const name of Object.keys(OUTCOME_EVENTS)) add(`${node} · ${name}`, was[node][name], now[node][name]);
    const metrics = { ...before.report?.nodes?.[node]?.metrics, ...after.report?.nodes?.[node]?.metrics };
    for (const name of Object.keys(metrics)) {
      add(`${node} · ${name}`, before.report?.nodes?.[node]?.metrics?.[name], after.report?.nodes?.[node]?.metrics?.[name]);
    }
  }
  const changed = rows.filter((row) => row.before !== row.after);
  return [...changed, ...rows.filter((row) => row.before === row.after)];
}

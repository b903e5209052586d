// Two runs of one diagram compared: outcomes per node from event counts (contract section
// 4's event kinds), what changed in the document (positions are not a change), and each
// metric before -> after with the changed ones first.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compareRuns, diffDocuments, outcomes } from '../../../../static/designer/js/model/live/run-compare.js';

test('outcomes add up the event kinds of each', () => {
  const table = outcomes({ q: { deliver: 3, publish: 1, 'filter-out': 2, 'dead-letter': 1, expire: 4 }, fn: { error: 2, 'execution-timeout': 1 } }, ['q', 'fn', 'idle']);
  assert.deepEqual(table.q, { delivered: 4, filtered: 2, failed: 0, 'dead-lettered': 1, dropped: 4 });
  assert.deepEqual(table.fn, { delivered: 0, filtered: 0, failed: 3, 'dead-lettered': 0, dropped: 0 });
  assert.deepEqual(table.idle, { delivered: 0, filtered: 0, failed: 0, 'dead-lettered': 0, dropped: 0 });
});

test('a document diff names leaf paths by node and edge id, ignoring layout', () => {
  const before = { nodes: [{ id: 'q', type: 'sqs.queue', position: { x: 0, y: 0 }, props: { VisibilityTimeout: 30 } }], edges: [{ id: 'e1', kind: 'k', vertices: [1] }], sim: { seed: 1 } };
  const after = { nodes: [{ id: 'q', type: 'sqs.queue', position: { x: 99, y: 5 }, props: { VisibilityTimeout: 60, DelaySeconds: 5 } }], edges: [{ id: 'e1', kind: 'k', vertices: [2] }], sim: { seed: 2 } };
  assert.deepEqual(diffDocuments(before, after), [
    { path: 'nodes.q.props.DelaySeconds', before: null, after: '5' },
    { path: 'nodes.q.props.VisibilityTimeout', before: '30', after: '60' },
    { path: 'sim.seed', before: '1', after: '2' },
  ]);
  assert.deepEqual(diffDocuments(before, before), []);
});

test('metrics and ledger compared, the changed rows first', () => {
  const run = (sent, counts, dropped) => ({ report: { ledger: { delivered: 5, dropped }, nodes: { q: { metrics: { NumberOfMessagesSent: sent } } } }, counts });
  const rows = compareRuns(run(10, { q: { deliver: 5 } }, 0), run(12, { q: { deliver: 5 } }, 2));
  assert.deepEqual(rows.slice(0, 2), [
    { metric: 'ledger · dropped', before: 0, after: 2 },
    { metric: 'q · NumberOfMessagesSent', before: 10, after: 12 },
  ]);
  assert.ok(rows.slice(2).every((row) => row.before === row.after));
  assert.ok(rows.some((row) => row.metric === 'q · delivered' && row.after === 5));
});

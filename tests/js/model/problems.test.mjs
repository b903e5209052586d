// Problems (contract: `{path, code, message}`) are tied to the node, edge or field their
// path names, and server sentences name nodes by their labels.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DiagramModel } from '../../../static/designer/js/model/document.js';
import { ProblemSet, describeTarget, documentPath, locateProblems, namedByLabel } from '../../../static/designer/js/model/problems.js';
import { recordingBus } from '../support.mjs';

const ids = { nodes: ['orders', 'fn'], edges: ['e1'] };

test('a 400’s document paths lose their `document.` prefix', () => {
  assert.equal(documentPath('document.nodes[0].props.X'), 'nodes[0].props.X');
  assert.equal(documentPath('document'), '');
  assert.equal(documentPath('name'), 'name');
});

test('paths by index become targets by id, with their section and field', () => {
  const [a, b, c, d] = locateProblems([
    { path: 'document.nodes[1].props.Timeout', code: 'range', message: 'too long' },
    { path: 'edges[0].props.BatchSize', code: 'range', message: 'x' },
    { path: 'nodes[7].props.X', code: 'x', message: 'x' },
    { path: 'sim.duration', code: 'x', message: 'x' },
  ], ids, 'error');
  assert.deepEqual(a.target, { kind: 'node', id: 'fn', section: 'props', field: 'Timeout' });
  assert.equal(a.severity, 'error');
  assert.equal(a.path, 'nodes[1].props.Timeout');
  assert.deepEqual(b.target, { kind: 'edge', id: 'e1', section: 'props', field: 'BatchSize' });
  assert.deepEqual(c.target, { kind: 'diagram', id: null, section: null, field: 'nodes[7].props.X' }, 'an index past the list');
  assert.deepEqual(d.target, { kind: 'diagram', id: null, section: null, field: 'sim.duration' });
});

test('a problem set answers what concerns one item or field', () => {
  const { bus, seen } = recordingBus('problems:change');
  const set = new ProblemSet(bus);
  set.replace({
    errors: locateProblems([{ path: 'nodes[0].props.A', code: 'x', message: 'x' }], ids, 'error'),
    warnings: locateProblems([{ path: 'nodes[0]', code: 'y', message: 'y' }], ids, 'warning'),
    source: 'validate',
  });
  assert.equal(set.about('node', 'orders').length, 2);
  assert.equal(set.about('node', 'orders', 'A').length, 1);
  assert.equal(set.about('node', 'fn').length, 0);
  assert.equal(seen.at(-1)[1].problems.length, 2);
  set.replace({ errors: [] });
  assert.equal(set.all().length, 1, 'warnings kept when only errors are replaced');
});

test('quoted node ids become labels, with the id only where labels repeat', () => {
  const model = new DiagramModel(recordingBus().bus, {
    format: 'eventyard/1', name: 'x',
    nodes: [{ id: 'q1', type: 'sqs.queue', label: 'Orders' }, { id: 'q2', type: 'sqs.queue', label: 'Jobs' }, { id: 'q3', type: 'sqs.queue', label: 'Jobs' }],
    edges: [{ id: 'e1', kind: 'dead-letter', source: 'q1', target: 'q2' }],
  });
  assert.equal(namedByLabel("queue 'q1' feeds 'q2' and 'other'", model), "queue 'Orders' feeds 'Jobs' (id q2) and 'other'");
  assert.equal(describeTarget({ kind: 'node', id: 'q1', field: 'VisibilityTimeout' }, model), 'Orders.VisibilityTimeout');
  assert.equal(describeTarget({ kind: 'edge', id: 'e1', field: null }, model), 'dead-letter Orders → Jobs (id q2)');
  assert.equal(describeTarget({ kind: 'edge', id: 'gone', field: null }, model), 'edge gone');
  assert.equal(describeTarget({ kind: 'diagram', id: null, field: null }, model), 'diagram');
});

// Auto-layout: layers by longest path from a source, cycles allowed, crossings reduced.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { layeredLayout } from '../../../static/designer/js/model/layout.js';

const nodes = (...ids) => ids.map((id) => ({ id }));
const edges = (...pairs) => pairs.map(([source, target], i) => ({ id: `e${i}`, source, target }));

test('each node sits one layer right of its furthest predecessor', () => {
  const at = layeredLayout(nodes('a', 'b', 'c', 'd'), edges(['a', 'b'], ['b', 'c'], ['a', 'c'], ['c', 'd']));
  const x = (id) => at.get(id).x;
  assert.equal(x('a'), 60);
  assert.ok(x('a') < x('b') && x('b') < x('c') && x('c') < x('d'));
  assert.equal(x('c') - x('b'), x('b') - x('a'), 'layers are evenly spaced');
});

test('a cycle (a DLQ redriven back) still gets every node a place', () => {
  const at = layeredLayout(nodes('q', 'fn', 'dlq'), edges(['q', 'fn'], ['fn', 'dlq'], ['dlq', 'q']));
  assert.equal(at.size, 3);
  assert.ok(at.get('q').x < at.get('fn').x && at.get('fn').x < at.get('dlq').x);
});

test('wide nodes push the next layer right', () => {
  const plain = layeredLayout(nodes('a', 'b'), edges(['a', 'b']));
  const wide = layeredLayout(nodes('a', 'b'), edges(['a', 'b']), { widthOf: (id) => (id === 'a' ? 272 : 172) });
  assert.equal(wide.get('b').x - plain.get('b').x, 100);
});

test('ordering a layer by its neighbours removes a crossing', () => {
  // a1 -> b2 and a2 -> b1 cross if b1 stays above b2.
  const at = layeredLayout(nodes('a1', 'a2', 'b1', 'b2'), edges(['a1', 'b2'], ['a2', 'b1']));
  const above = (p, q) => at.get(p).y < at.get(q).y;
  assert.equal(above('a1', 'a2'), above('b2', 'b1'));
});

test('edges to unknown nodes and self-loops are ignored; no nodes, no positions', () => {
  const at = layeredLayout(nodes('a'), edges(['a', 'a'], ['a', 'ghost']));
  assert.deepEqual([...at.entries()], [['a', { x: 60, y: 60 }]]);
  assert.equal(layeredLayout([], []).size, 0);
});

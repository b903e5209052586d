// Builders of ops (see document.js) for every kind of change the editor makes.

import { clone } from './clone.js';

export function addNodeOps(node) {
  return [{ type: 'node', id: node.id, before: null, after: clone(node) }];
}

export function addEdgeOps(edge) {
  return [{ type: 'edge', id: edge.id, before: null, after: clone(edge) }];
}

// Changes one node with `change(copy)`, which edits the copy in place.
export function updateNodeOps(model, id, change) {
  const before = model.node(id);
  if (!before) return [];
  const after = clone(before);
  change(after);
  return [{ type: 'node', id, before: clone(before), after }];
}

export function updateEdgeOps(model, id, change) {
  const before = model.edge(id);
  if (!before) return [];
  const after = clone(before);
  change(after);
  return [{ type: 'edge', id, before: clone(before), after }];
}

export function updateMetaOps(model, change) {
  const after = clone(model.meta);
  change(after);
  return [{ type: 'meta', before: clone(model.meta), after }];
}

// Moves: a map of node id to its new {x, y}; unchanged positions are left out.
export function moveOps(model, positions) {
  const ops = [];
  for (const [id, position] of positions) {
    const node = model.node(id);
    if (!node) continue;
    const { x, y } = node.position || { x: 0, y: 0 };
    if (x === position.x && y === position.y) continue;
    ops.push(...updateNodeOps(model, id, (copy) => (copy.position = { x: position.x, y: position.y })));
  }
  return ops;
}

// Deletes nodes and edges, with every edge that touches a deleted node.
export function deleteOps(model, { nodeIds = [], edgeIds = [] }) {
  const nodes = new Set(nodeIds.filter((id) => model.node(id)));
  const edges = new Set(edgeIds.filter((id) => model.edge(id)));
  for (const edge of model.edgeList()) {
    if (nodes.has(edge.source) || nodes.has(edge.target)) edges.add(edge.id);
  }
  return [
    ...[...edges].map((id) => ({ type: 'edge', id, before: clone(model.edge(id)), after: null })),
    ...[...nodes].map((id) => ({ type: 'node', id, before: clone(model.node(id)), after: null })),
  ];
}

// Sets (or, with undefined/null/'', removes) one prop or sim field of a node or edge.
export function setFieldOps(model, { kind, id, section, name, value }) {
  const update = kind === 'node' ? updateNodeOps : updateEdgeOps;
  return update(model, id, (copy) => {
    copy[section] = copy[section] || {};
    if (value === undefined || value === null || value === '') delete copy[section][name];
    else copy[section][name] = value;
  });
}

// The diagram document (contract section 1) being edited: nodes and edges by id, plus the
// top-level fields. Every change is a list of ops, each the whole before and after state of
// one node, edge or the top level, so any change can be undone by applying its inverse.

import { clone } from './clone.js';

const FORMAT = 'eventyard/1';

export function emptyDocument(name = 'Untitled diagram') {
  return { format: FORMAT, name, description: '', nodes: [], edges: [], sim: { seed: 1, duration: 60 } };
}

// The inverse of a list of ops: before and after swapped, in reverse order.
export function invertOps(ops) {
  return ops.slice().reverse().map((op) => ({ ...op, before: op.after, after: op.before }));
}

export class DiagramModel {
  constructor(bus, document = emptyDocument()) {
    this.bus = bus;
    this.load(document);
  }

  // Replaces the whole document (a load, a reload after a conflict); emits `doc:load`.
  load(document) {
    const { nodes = [], edges = [], ...meta } = clone(document);
    this.meta = { format: FORMAT, ...meta };
    this.nodes = new Map(nodes.map((node) => [node.id, normaliseNode(node)]));
    this.edges = new Map(edges.map((edge) => [edge.id, { props: {}, ...edge }]));
    this.bus.emit('doc:load', { model: this });
  }

  node(id) {
    return this.nodes.get(id);
  }

  edge(id) {
    return this.edges.get(id);
  }

  nodeList() {
    return [...this.nodes.values()];
  }

  edgeList() {
    return [...this.edges.values()];
  }

  edgesOf(nodeId) {
    return this.edgeList().filter((edge) => edge.source === nodeId || edge.target === nodeId);
  }

  // Applies ops ({type: 'node'|'edge'|'meta', id, before, after}); emits `doc:change`.
  apply(ops, { reason = 'edit' } = {}) {
    for (const op of ops) {
      if (op.type === 'meta') {
        this.meta = clone(op.after);
        continue;
      }
      const table = op.type === 'node' ? this.nodes : this.edges;
      if (op.after === null) table.delete(op.id);
      else table.set(op.id, clone(op.after));
    }
    this.bus.emit('doc:change', { ops, reason, model: this });
  }

  // The document as JSON, nodes and edges in their current order.
  toJSON() {
    const { format, name, description, sim, ...rest } = this.meta;
    return clone({
      format,
      name,
      ...(description !== undefined ? { description } : {}),
      ...rest,
      nodes: this.nodeList(),
      edges: this.edgeList(),
      sim: sim || { seed: 1, duration: 60 },
    });
  }
}

function normaliseNode(node) {
  return { props: {}, sim: {}, position: { x: 0, y: 0 }, label: node.id, ...node };
}

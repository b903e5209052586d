// What is selected: node and edge ids. Emits `selection:change`; drops ids the document
// no longer has after every change.

export class Selection {
  constructor(model, bus) {
    this.model = model;
    this.bus = bus;
    this.nodes = new Set();
    this.edges = new Set();
    bus.on('doc:change', () => this.prune());
    bus.on('doc:load', () => this.set({}));
  }

  set({ nodes = [], edges = [] }) {
    this.nodes = new Set(nodes);
    this.edges = new Set(edges);
    this.announce();
  }

  // Adds (or, with `toggle`, flips) one item; without `additive`, it becomes the selection.
  pick(kind, id, { additive = false, toggle = false } = {}) {
    const table = kind === 'node' ? this.nodes : this.edges;
    if (!additive && !toggle) {
      this.set(kind === 'node' ? { nodes: [id] } : { edges: [id] });
      return;
    }
    if (toggle && table.has(id)) table.delete(id);
    else table.add(id);
    this.announce();
  }

  clear() {
    if (this.isEmpty()) return;
    this.set({});
  }

  has(kind, id) {
    return (kind === 'node' ? this.nodes : this.edges).has(id);
  }

  isEmpty() {
    return this.nodes.size === 0 && this.edges.size === 0;
  }

  // The one selected item ({kind, id}), or null when none or several are selected.
  single() {
    if (this.nodes.size + this.edges.size !== 1) return null;
    if (this.nodes.size) return { kind: 'node', id: [...this.nodes][0] };
    return { kind: 'edge', id: [...this.edges][0] };
  }

  prune() {
    const before = this.nodes.size + this.edges.size;
    this.nodes = new Set([...this.nodes].filter((id) => this.model.node(id)));
    this.edges = new Set([...this.edges].filter((id) => this.model.edge(id)));
    if (this.nodes.size + this.edges.size !== before) this.announce();
  }

  announce() {
    this.bus.emit('selection:change', { nodes: [...this.nodes], edges: [...this.edges] });
  }
}

// The canvas: a JointJS paper showing the document. The document model is the truth: this
// view rebuilds cells on `doc:load`, patches them on `doc:change`, and shows the selection
// and the problems. What the user does on it is handled in canvas-input.js.

import { dia } from '@joint/core';
import { namedByLabel } from '../model/problems.js';
import {
  LABEL_BOX, NodeShape, cellNamespace, edgeAttrs, edgeLabels, newLink, nodeAttrs, nodePorts, nodeSize,
} from './shapes.js';
import { ZoomCulling } from './zoom-culling.js';

const MIN_SCALE = 0.2;
const MAX_SCALE = 2.5;
export const GRID = 20;
const MINIMAP_ROOM = 100;
const WIRE_Z = -1;
const LINK_INTERACTION = {
  linkMove: false, labelMove: false, arrowheadMove: false, vertexMove: false, vertexAdd: false,
  vertexRemove: false, useLinkTools: false,
};

export class Canvas {
  constructor({ el, bus, model, selection, catalog, readOnly }) {
    Object.assign(this, { el, bus, model, selection, catalog, readOnly });
    this.graph = new dia.Graph({}, { cellNamespace });
    this.paper = new dia.Paper({
      el,
      model: this.graph,
      width: '100%',
      height: '100%',
      gridSize: GRID,
      drawGrid: { name: 'dot', args: { color: '#c3c8d4', thickness: 1.2 } },
      background: { color: '#f6f7fb' },
      async: true,
      frozen: true,
      viewport: (view) => this.culling?.keeps(view.model) ?? true,
      sorting: dia.Paper.sorting.APPROX,
      cellViewNamespace: cellNamespace,
      interactive: readOnly ? false : (view) => (view.model.isLink() ? LINK_INTERACTION : { elementMove: true }),
      defaultLink: () => newLink(),
      linkPinning: false,
      snapLinks: { radius: 36 },
      markAvailable: true,
      clickThreshold: 4,
      magnetThreshold: 'onleave',
      validateMagnet: (view, magnet) => !readOnly && magnet.getAttribute('data-port') === 'out',
      // Only in-ports of nodes an edge kind may join light up and take the wire; a drop
      // anywhere else on a node is refused with the allowed pairs (canvas-input.js).
      validateConnection: (sourceView, sourceMagnet, targetView, targetMagnet) =>
        Boolean(targetMagnet) && targetMagnet.getAttribute('data-port') === 'in' && sourceView !== targetView
        && this.mayWire(sourceView.model, targetView.model),
      defaultConnector: { name: 'smooth' },
      defaultConnectionPoint: { name: 'anchor' },
      highlighting: {
        magnetAvailability: { name: 'addClass', options: { className: 'is-available' } },
        connecting: { name: 'addClass', options: { className: 'is-connecting' } },
      },
    });
    this.selected = { nodes: new Set(), edges: new Set() };
    this.flagged = new Set();
    bus.on('doc:load', () => this.rebuild());
    bus.on('doc:change', ({ ops }) => this.patch(ops));
    bus.on('selection:change', (detail) => this.showSelection(detail));
    bus.on('problems:change', ({ problems }) => this.showProblems(problems));
    this.culling = new ZoomCulling(this.paper, el);
    this.paper.on('scale translate', () => {
      el.dataset.zoom = this.paper.scale().sx.toFixed(2);
      this.bus.emit('viewport:change', this.viewport());
    });
    el.dataset.zoom = '1.00';
    this.paper.on('render:done', () => this.bus.emit('canvas:rendered', { cells: this.graph.getCells().length }));
    new ResizeObserver(() => this.bus.emit('viewport:change', this.viewport())).observe(el);
  }

  mayWire(sourceCell, targetCell) {
    const source = this.model.node(splitKey(String(sourceCell.id))[1]);
    const target = this.model.node(splitKey(String(targetCell.id))[1]);
    return Boolean(source && target) && this.catalog.kindsFor(source.type, target.type).length > 0;
  }

  rebuild() {
    this.paper.freeze();
    const cells = [
      ...this.model.nodeList().map((node) => this.elementFor(node)),
      ...this.model.edgeList().map((edge) => this.linkFor(edge)).filter(Boolean),
    ];
    this.graph.resetCells(cells);
    this.selected = { nodes: new Set(), edges: new Set() };
    this.flagged = new Set();
    this.paper.unfreeze();
  }

  elementFor(node) {
    const spec = this.catalog.nodeType(node.type);
    const element = new NodeShape({
      id: cellId('node', node.id),
      position: { ...(node.position || { x: 0, y: 0 }) },
      size: { ...nodeSize(node) },
      attrs: nodeAttrs(node, spec),
    });
    element.addPorts(nodePorts({ hasIn: this.catalog.canBeTarget(node.type), hasOut: this.catalog.canBeSource(node.type) }));
    return element;
  }

  linkFor(edge) {
    const link = newLink();
    link.set({
      id: cellId('edge', edge.id),
      // Wires sit under the nodes, so a wire's end never covers the port it starts from:
      // every out port starts another wire however many it already has.
      z: WIRE_Z,
      source: { id: cellId('node', edge.source), port: 'out' },
      target: { id: cellId('node', edge.target), port: 'in' },
      labels: edgeLabels(edge),
    });
    link.attr(edgeAttrs(edge));
    return link;
  }

  // Applies the ops of one change (or undo/redo) to the cells they concern.
  patch(ops) {
    for (const op of ops) {
      if (op.type === 'node') this.patchNode(op);
      else if (op.type === 'edge') this.patchEdge(op);
    }
  }

  patchNode({ id, after }) {
    const cell = this.graph.getCell(cellId('node', id));
    if (!after) {
      cell?.remove();
      return;
    }
    if (!cell) {
      this.graph.addCell(this.elementFor(after));
      return;
    }
    const { x, y } = after.position || { x: 0, y: 0 };
    const now = cell.position();
    if (now.x !== x || now.y !== y) cell.position(x, y);
    const size = nodeSize(after);
    const was = cell.size();
    if (was.width !== size.width || was.height !== size.height) cell.resize(size.width, size.height);
    cell.attr(nodeAttrs(after, this.catalog.nodeType(after.type)));
  }

  patchEdge({ id, after }) {
    const cell = this.graph.getCell(cellId('edge', id));
    cell?.remove();
    if (after) {
      const link = this.linkFor(after);
      this.graph.addCell(link);
      if (this.selected.edges.has(id)) link.attr(['root', 'data-selected'], 'true');
      this.decorateEdge(link, id);
    }
  }

  showSelection({ nodes, edges }) {
    const next = { nodes: new Set(nodes), edges: new Set(edges) };
    for (const kind of ['nodes', 'edges']) {
      const prefix = kind === 'nodes' ? 'node' : 'edge';
      for (const id of this.selected[kind]) {
        if (!next[kind].has(id)) this.graph.getCell(cellId(prefix, id))?.attr(['root', 'data-selected'], null);
      }
      for (const id of next[kind]) {
        if (!this.selected[kind].has(id)) this.graph.getCell(cellId(prefix, id))?.attr(['root', 'data-selected'], 'true');
      }
    }
    this.selected = next;
  }

  showProblems(problems) {
    this.problems = problems;
    const touched = new Set();
    for (const problem of problems) {
      if (problem.target.kind !== 'diagram') touched.add(`${problem.target.kind}:${problem.target.id}`);
    }
    for (const key of new Set([...this.flagged, ...touched])) {
      const [kind, id] = splitKey(key);
      const cell = this.graph.getCell(cellId(kind, id));
      if (!cell) continue;
      if (kind === 'node') this.decorateNode(cell, id);
      else this.decorateEdge(cell, id);
    }
    this.flagged = touched;
  }

  concerning(kind, id) {
    return (this.problems || []).filter((p) => p.target.kind === kind && p.target.id === id);
  }

  decorateNode(cell, id) {
    const found = this.concerning('node', id);
    const isError = found.some((p) => p.severity === 'error');
    cell.attr({
      badge: { display: found.length ? 'inline' : 'none', 'data-problem': found[0]?.path ?? null,
        'data-severity': found.length ? (isError ? 'error' : 'warning') : null },
      badgeBody: { fill: isError ? '#c62828' : '#b26a00' },
      badgeText: { text: found.length ? String(found.length) : '' },
      badgeTitle: { text: found.map((p) => namedByLabel(p.message, this.model)).join('\n') },
    });
  }

  decorateEdge(link, id) {
    const found = this.concerning('edge', id);
    const edge = this.model.edge(id);
    if (!edge) return;
    const labels = edgeLabels(edge);
    if (found.length) {
      const isError = found.some((p) => p.severity === 'error');
      labels.push({
        position: { distance: 0.5, offset: -24 },
        attrs: {
          text: { text: `! ${found.length}`, fill: '#ffffff', fontSize: 11, fontWeight: 700, 'data-problem': found[0].path },
          rect: { ...LABEL_BOX, fill: isError ? '#c62828' : '#b26a00', stroke: 'none' },
        },
      });
    }
    link.labels(labels);
  }

  // Viewport: scale and translation of the paper.
  viewport() {
    const { sx } = this.paper.scale();
    const { tx, ty } = this.paper.translate();
    const { width, height } = this.el.getBoundingClientRect();
    return { scale: sx, tx, ty, width, height };
  }

  zoomAt(scale, point) {
    const clamped = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    this.culling.start(clamped);
    this.paper.scaleUniformAtPoint(clamped, point);
  }

  zoomBy(factor) {
    const { width, height } = this.el.getBoundingClientRect();
    const rect = this.el.getBoundingClientRect();
    const centre = this.paper.clientToLocalPoint(rect.left + width / 2, rect.top + height / 2);
    this.zoomAt(this.paper.scale().sx * factor, centre);
  }

  panBy(dx, dy) {
    const { tx, ty } = this.paper.translate();
    this.paper.translate(tx + dx, ty + dy);
  }

  fit() {
    if (!this.graph.getElements().length) {
      this.paper.scale(1, 1);
      this.paper.translate(0, 0);
      return;
    }
    // Presenter mode sets `fitStyle` (no minimap to keep clear, a larger largest scale).
    const { maxScale = 1.25, room = MINIMAP_ROOM, pad = 40, useModelGeometry = true } = this.fitStyle || {};
    this.paper.transformToFitContent({
      padding: { top: pad, left: pad, right: pad, bottom: pad + room }, maxScale, minScale: MIN_SCALE, useModelGeometry,
      verticalAlign: 'middle', horizontalAlign: 'middle',
    });
  }

  // Centres the view on a point of the diagram (the minimap's clicks).
  centreOn(point) {
    const { scale, width, height } = this.viewport();
    this.paper.translate(width / 2 - point.x * scale, height / 2 - point.y * scale);
  }

  clientToLocal(clientX, clientY) {
    return this.paper.clientToLocalPoint(clientX, clientY);
  }

  // A node's rectangle in client coordinates (for the in-place label editor).
  clientRectOf(nodeId) {
    const cell = this.graph.getCell(cellId('node', nodeId));
    if (!cell) return null;
    return this.paper.localToClientRect(cell.getBBox());
  }
}

export function cellId(kind, id) {
  return `${kind}:${id}`;
}

export function splitKey(key) {
  const index = key.indexOf(':');
  return [key.slice(0, index), key.slice(index + 1)];
}

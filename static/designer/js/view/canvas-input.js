// What the user does on the canvas: click and shift-click to select, drag to move (the
// whole selection), a rubber band on the blank area, Space-drag, middle-drag or the wheel
// to pan, Ctrl+wheel (or a pinch) to zoom, drag from an out-port to wire, double-click to
// rename, and drops from the palette. It changes nothing itself: it emits intents
// (`intent:move`, `intent:connect`, `intent:drop`, `canvas:label-edit`) for the app.

import { splitKey } from './canvas.js';
import { h } from './dom.js';

const READ_ONLY_HINT = 'This diagram is read-only: “Duplicate to edit” makes a copy you can change.';

export const PALETTE_MIME = 'application/x-eventyard-palette';

export function attachCanvasInput(canvas, { bus, selection, readOnly }) {
  const { paper, graph, el } = canvas;
  const state = { drag: null, band: null, pan: null, space: false };
  const band = h('div', { class: 'rubber-band', hidden: true });
  el.append(band);

  const nodeId = (cell) => splitKey(String(cell.id))[1];

  attachNodeKeys(canvas, { bus, selection, readOnly });

  window.addEventListener('keydown', (evt) => {
    if (evt.code === 'Space' && !isTyping(evt.target) && !evt.target.closest?.('button, a, dialog, [data-node-id]')) {
      state.space = true;
      el.classList.add('is-panning');
      evt.preventDefault();
    }
  });
  window.addEventListener('keyup', (evt) => {
    if (evt.code === 'Space') {
      state.space = false;
      el.classList.remove('is-panning');
    }
  });

  paper.on('element:pointerdown', (view, evt) => {
    const id = nodeId(view.model);
    if (!evt.shiftKey && !selection.has('node', id)) selection.pick('node', id);
    const ids = new Set([...selection.nodes, id]);
    const start = new Map();
    for (const other of ids) {
      const cell = graph.getCell(`node:${other}`);
      if (cell) start.set(other, cell.position());
    }
    state.drag = { id, start, moved: false };
  });

  paper.on('element:pointermove', (view) => {
    const drag = state.drag;
    if (drag && readOnly && !drag.told) {
      drag.told = true;
      bus.emit('canvas:hint', { message: READ_ONLY_HINT });
    }
    if (!drag || readOnly) return;
    const origin = drag.start.get(drag.id);
    const now = view.model.position();
    const dx = now.x - origin.x;
    const dy = now.y - origin.y;
    drag.moved = drag.moved || dx !== 0 || dy !== 0;
    for (const [other, position] of drag.start) {
      if (other !== drag.id) graph.getCell(`node:${other}`)?.position(position.x + dx, position.y + dy);
    }
  });

  paper.on('element:pointerup', () => {
    const drag = state.drag;
    state.drag = null;
    if (!drag?.moved || readOnly) return;
    const positions = new Map();
    for (const other of drag.start.keys()) {
      const cell = graph.getCell(`node:${other}`);
      if (cell) positions.set(other, cell.position());
    }
    bus.emit('intent:move', { positions });
  });

  paper.on('element:pointerclick', (view, evt) => {
    const id = nodeId(view.model);
    if (evt.shiftKey) selection.pick('node', id, { toggle: true });
    else selection.pick('node', id);
  });

  paper.on('element:pointerdblclick', (view) => {
    if (!readOnly) bus.emit('canvas:label-edit', { id: nodeId(view.model) });
  });

  paper.on('link:pointerclick', (view, evt) => {
    const [kind, id] = splitKey(String(view.model.id));
    if (kind !== 'edge') return;
    selection.pick('edge', id, { toggle: evt.shiftKey });
  });

  // Wires do not move: a drag that starts on one says how to add another instead of doing
  // nothing silently.
  paper.on('link:pointerdown', (view, evt) => {
    state.wireDrag = String(view.model.id).startsWith('edge:') ? { x: evt.clientX, y: evt.clientY, told: false } : null;
  });
  paper.on('link:pointermove', (view, evt) => {
    const drag = state.wireDrag;
    if (!drag || drag.told || Math.hypot(evt.clientX - drag.x, evt.clientY - drag.y) < 8) return;
    drag.told = true;
    bus.emit('canvas:hint', { message: readOnly ? READ_ONLY_HINT : 'Wires stay put: to add one, drag from the round handle on a node’s right side.' });
  });

  // A wire being drawn is a temporary link: on release it is removed and, if it ended on a
  // node, the app decides (an edge of the right kind, a question, or a refusal).
  paper.on('link:pointerup', (view, evt) => {
    const link = view.model;
    if (String(link.id).startsWith('edge:')) return;
    const source = link.source();
    const point = canvas.clientToLocal(evt.clientX, evt.clientY);
    let targetId = link.target().id;
    if (!targetId) {
      const under = graph.findModelsFromPoint(point).filter((cell) => cell.id !== source.id);
      targetId = under.at(-1)?.id;
    }
    link.remove();
    if (source.id && targetId) {
      bus.emit('intent:connect', { source: splitKey(source.id)[1], target: splitKey(targetId)[1], point });
    } else if (source.id) {
      bus.emit('canvas:hint', { message: 'No wire: drop its end on another node (its left handle lights up when a wire may join them).' });
    }
  });

  paper.on('blank:pointerdown', (evt) => {
    if (state.space || evt.button === 1 || evt.altKey) {
      const { tx, ty } = paper.translate();
      state.pan = { x: evt.clientX, y: evt.clientY, tx, ty };
      el.classList.add('is-panning');
      return;
    }
    const rect = el.getBoundingClientRect();
    state.band = { x: evt.clientX - rect.left, y: evt.clientY - rect.top, clientX: evt.clientX, clientY: evt.clientY, additive: evt.shiftKey, moved: false };
  });

  paper.on('blank:pointermove', (evt) => {
    if (state.pan) {
      paper.translate(state.pan.tx + evt.clientX - state.pan.x, state.pan.ty + evt.clientY - state.pan.y);
      return;
    }
    if (!state.band) return;
    const rect = el.getBoundingClientRect();
    const x = evt.clientX - rect.left;
    const y = evt.clientY - rect.top;
    state.band.moved = true;
    Object.assign(band.style, {
      left: `${Math.min(x, state.band.x)}px`, top: `${Math.min(y, state.band.y)}px`,
      width: `${Math.abs(x - state.band.x)}px`, height: `${Math.abs(y - state.band.y)}px`,
    });
    band.hidden = false;
  });

  paper.on('blank:pointerup', (evt) => {
    if (state.pan) {
      state.pan = null;
      if (!state.space) el.classList.remove('is-panning');
      return;
    }
    const start = state.band;
    state.band = null;
    band.hidden = true;
    if (!start?.moved) return;
    const a = canvas.clientToLocal(start.clientX, start.clientY);
    const b = canvas.clientToLocal(evt.clientX, evt.clientY);
    const area = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
    const found = graph.findModelsInArea(area).map(nodeId);
    const nodes = start.additive ? [...new Set([...selection.nodes, ...found])] : found;
    selection.set({ nodes, edges: start.additive ? [...selection.edges] : [] });
  });

  paper.on('blank:pointerclick', (evt) => {
    if (!evt.shiftKey && !state.space) selection.clear();
  });

  paper.on('paper:pinch', (evt, x, y, scale) => {
    canvas.zoomAt(paper.scale().sx * scale, { x, y });
  });

  paper.on('paper:pan', (evt, dx, dy) => {
    evt.preventDefault();
    canvas.panBy(-dx, -dy);
  });

  el.addEventListener('dragover', (evt) => {
    if (readOnly || !evt.dataTransfer.types.includes(PALETTE_MIME)) return;
    evt.preventDefault();
    evt.dataTransfer.dropEffect = 'copy';
  });

  el.addEventListener('drop', (evt) => {
    const key = evt.dataTransfer.getData(PALETTE_MIME);
    if (readOnly || !key) return;
    evt.preventDefault();
    const point = canvas.clientToLocal(evt.clientX, evt.clientY);
    bus.emit('intent:drop', { key, x: point.x, y: point.y });
  });
}

export function isTyping(target) {
  if (!(target instanceof Element)) return false;
  return Boolean(target.closest('input, textarea, select, [contenteditable="true"]'));
}

// The keyboard on the canvas: a focused node is selected with Enter or Space (Shift adds
// it), and arrow keys move the selection one grid step (Shift: one pixel).
function attachNodeKeys(canvas, { bus, selection, readOnly }) {
  const { el, graph } = canvas;
  const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  el.addEventListener('keydown', (evt) => {
    const focused = evt.target.closest?.('[data-node-id]');
    if (focused && (evt.key === 'Enter' || evt.key === ' ') && !evt.ctrlKey && !evt.metaKey) {
      evt.preventDefault();
      selection.pick('node', focused.dataset.nodeId, { toggle: evt.shiftKey });
      return;
    }
    const step = ARROWS[evt.key];
    if (!step || readOnly || !selection.nodes.size || evt.ctrlKey || evt.metaKey || evt.altKey) return;
    evt.preventDefault();
    const by = evt.shiftKey ? 1 : canvas.paper.options.gridSize;
    const positions = new Map();
    for (const id of selection.nodes) {
      const cell = graph.getCell(`node:${id}`);
      if (cell) positions.set(id, { x: cell.position().x + step[0] * by, y: cell.position().y + step[1] * by });
    }
    bus.emit('intent:move', { positions });
  });
}

// What the user's intents and the editing actions do to the document: each becomes ops
// run through the history (so every change can be undone), or a change of view. The
// actions (undo, copy, layout, zoom, ...) are entries of the one action registry
// (model/actions.js) with their labels and keys; toolbar, menu and keyboard all use them.

import { copySelection, pasteOps } from '../model/clipboard.js';
import { layeredLayout } from '../model/layout.js';
import { baseIdFor, newEdgeId, uniqueId } from '../model/ids.js';
import {
  addEdgeOps, addNodeOps, deleteOps, moveOps, setFieldOps, updateEdgeOps, updateMetaOps, updateNodeOps,
} from '../model/ops.js';
import { GRID } from '../view/canvas.js';
import { openDialog, toast } from '../view/dialogs.js';
import { h } from '../view/dom.js';
import { NODE_SIZE, nodeSize } from '../view/shapes.js';

const CLIPBOARD_KEY = 'eventyard:clipboard';
const snap = (value) => Math.round(value / GRID) * GRID;

export function attachActions({ bus, model, history, selection, catalog, canvas, readOnly, actions }) {
  const run = (ops, label) => !readOnly && history.execute(ops, label);

  bus.on('intent:drop', ({ key, x, y, atCentre }) => {
    const entry = catalog.paletteEntry(key);
    if (!entry || readOnly) return;
    let point = { x, y };
    if (atCentre) {
      const view = canvas.viewport();
      point = { x: (view.width / 2 - view.tx) / view.scale, y: (view.height / 2 - view.ty) / view.scale };
    }
    // A preset's node is named after it (`zendesk` for producer:zendesk) unless it has a role.
    const named = entry.role || (entry.key !== entry.type ? entry.key.split(':').pop() : null);
    const id = uniqueId(baseIdFor(entry.type, named), new Set(model.nodes.keys()));
    const node = {
      id, type: entry.type, label: id,
      position: { x: snap(point.x - NODE_SIZE.width / 2), y: snap(point.y - NODE_SIZE.height / 2) },
      props: { ...entry.props }, sim: structuredClone(entry.sim || {}),
    };
    if (entry.role) node.role = entry.role;
    run(addNodeOps(node), `add ${entry.label}`);
    selection.set({ nodes: [id] });
  });

  bus.on('intent:connect', async ({ source, target, kind: chosen, keepSelection }) => {
    const from = model.node(source);
    const to = model.node(target);
    if (!from || !to || readOnly) return;
    if (source === target) {
      refuse({ sentence: 'A node cannot be wired to itself.' });
      return;
    }
    const kinds = catalog.kindsFor(from.type, to.type);
    if (!kinds.length) {
      refuse(catalog.refusal(from.type, to.type));
      return;
    }
    const kind = kinds.includes(chosen) ? chosen : kinds.length === 1 ? kinds[0] : await askKind(kinds, from, to, catalog);
    if (!kind) return;
    const id = newEdgeId(new Set(model.edges.keys()));
    run(addEdgeOps({ id, kind, source, target, props: requiredDefaults(catalog.edgeKind(kind)) }), `wire ${kind}`);
    if (keepSelection) toast(`Wired ${from.label || source} → ${to.label || target} (${kind}).`);
    else selection.set({ edges: [id] });
  });

  const refuse = ({ sentence, allowed }) => {
    toast(sentence, { kind: 'error', ms: 9000, details: allowed, more: 'allowed…' });
    bus.emit('wire:refused', { message: sentence, allowed });
  };

  bus.on('canvas:hint', ({ message }) => toast(message, { kind: 'hint', ms: 6000 }));

  bus.on('intent:move', ({ positions }) => {
    const snapped = new Map([...positions].map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]));
    const ops = moveOps(model, snapped);
    if (!run(ops, ops.length === 1 ? 'move' : `move ${ops.length} nodes`)) canvas.patch(ops);
  });

  bus.on('intent:field', (change) => run(setFieldOps(model, change), `change ${change.name}`));
  bus.on('intent:label', ({ id, label }) => run(updateNodeOps(model, id, (node) => (node.label = label)), 'rename'));
  bus.on('intent:edge-kind', ({ id, kind }) => run(updateEdgeOps(model, id, (edge) => {
    edge.kind = kind;
    edge.props = requiredDefaults(catalog.edgeKind(kind));
  }), 'change edge kind'));
  bus.on('intent:meta', ({ field, value }) => run(updateMetaOps(model, (meta) => {
    if (field.startsWith('sim.')) {
      meta.sim = { ...(meta.sim || {}) };
      if (value === undefined) delete meta.sim[field.slice(4)];
      else meta.sim[field.slice(4)] = value;
    } else {
      meta[field] = value ?? '';
    }
  }), `change ${field}`));

  // "Make this a goal" from the live chart: the metric's highest value stays at most what it
  // is now (a starting point the user edits in the Diagram panel's goals).
  bus.on('intent:goal', ({ node, metric, value }) => {
    if (readOnly) return;
    const goals = [...(model.meta.sim?.goals || [])];
    const base = `${node} ${metric}`;
    let name = base;
    for (let n = 2; goals.some((goal) => goal.name === name); n += 1) name = `${base} ${n}`;
    const bound = typeof value === 'number' && Number.isFinite(value) ? value : 0;
    goals.push({ name, metric: `${node}.${metric}`, stat: 'max', op: '<=', value: bound });
    bus.emit('intent:meta', { field: 'sim.goals', value: goals });
    toast(`Goal added: ${name} stays at most ${bound} (edit it in the Diagram panel).`);
  });

  registerEditActions(actions, { bus, model, history, selection, canvas, readOnly, run });
}

const READ_ONLY = 'Read-only: duplicate it to edit';

// The editing and view actions of the one registry (model/actions.js), with their keys.
function registerEditActions(actions, { bus, model, history, selection, canvas, readOnly, run }) {
  const writable = (entry) => ({ ...entry, enabled: () => !readOnly && (entry.enabled?.() ?? true), title: readOnly ? () => READ_ONLY : entry.title });
  actions.register(
    writable({ name: 'undo', label: 'Undo', keys: ['Ctrl+Z'], run: () => history.undo(), enabled: () => history.canUndo(),
      title: () => (history.canUndo() ? `Undo ${history.undoLabel()}` : 'Nothing to undo') }),
    writable({ name: 'redo', label: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], run: () => history.redo(), enabled: () => history.canRedo(),
      title: () => (history.canRedo() ? `Redo ${history.redoLabel()}` : 'Nothing to redo') }),
    writable({ name: 'delete', label: 'Delete the selection', keys: ['Delete', 'Backspace'], enabled: () => !selection.isEmpty(), run: () => {
      const ops = deleteOps(model, { nodeIds: [...selection.nodes], edgeIds: [...selection.edges] });
      run(ops, `delete ${ops.length} items`);
    } }),
    { name: 'select-all', label: 'Select everything', keys: ['Ctrl+A'], run: () => selection.set({ nodes: [...model.nodes.keys()], edges: [...model.edges.keys()] }) },
    ...clipboardActions({ bus, model, selection, run, writable }),
    ...viewActions({ canvas }),
    writable({ name: 'layout', label: 'Auto-layout', keys: ['L'], run: () => {
      const widthOf = (id) => nodeSize(model.node(id)).width;
      const positions = layeredLayout(model.nodeList(), model.edgeList(), { widthOf });
      run(moveOps(model, positions), 'auto-layout');
      requestAnimationFrame(() => canvas.fit());
    } }),
    { name: 'deselect', label: 'Clear the selection', keys: ['Escape'], run: () => selection.clear() },
  );
}

// Copy, paste and duplicate: the clipboard is this browser's (localStorage), so a copy
// pastes into another diagram; each paste of the same copy lands a little further on.
function clipboardActions({ bus, model, selection, run, writable }) {
  let pastes = 0;
  const paste = (clip) => {
    pastes += 1;
    const { ops, ids } = pasteOps(model, clip, GRID * 2 * Math.min(pastes, 10));
    if (run(ops, `paste ${ids.nodes.length} nodes`)) selection.set(ids);
  };
  bus.on('selection:change', () => (pastes = 0));
  return [
    { name: 'copy', label: 'Copy the selected nodes (and the edges between them)', keys: ['Ctrl+C'], run: () => {
      if (!selection.nodes.size) return;
      const clip = copySelection(model, selection);
      localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(clip));
      toast(`Copied ${clip.nodes.length} nodes and ${clip.edges.length} edges.`);
    } },
    writable({ name: 'paste', label: 'Paste', keys: ['Ctrl+V'], run: () => {
      const text = localStorage.getItem(CLIPBOARD_KEY);
      if (text) paste(JSON.parse(text));
    } }),
    writable({ name: 'duplicate-selection', label: 'Duplicate the selection', keys: ['Ctrl+D'], run: () => {
      if (selection.nodes.size) paste(copySelection(model, selection));
    } }),
  ];
}

function viewActions({ canvas }) {
  const group = 'View';
  return [
    { name: 'zoom-in', label: 'Zoom in', keys: ['+', '='], group, run: () => canvas.zoomBy(1.2) },
    { name: 'zoom-out', label: 'Zoom out', keys: ['-'], group, run: () => canvas.zoomBy(1 / 1.2) },
    { name: 'zoom-reset', label: 'Zoom to 100%', keys: ['0'], group, run: () => canvas.zoomAt(1, canvas.clientToLocal(...centreOf(canvas.el))) },
    { name: 'fit', label: 'Fit the diagram in view', keys: ['F'], group, run: () => canvas.fit() },
    { name: 'snap', label: 'Snap to grid on/off', keys: ['G'], group, run: () => {
      const on = canvas.paper.options.gridSize !== GRID;
      // JointJS 4 sets the drawn grid with setGrid (drawGrid is only an option there).
      canvas.paper.setGrid(on ? { name: 'dot', args: { color: '#c3c8d4', thickness: 1.2 } } : false);
      canvas.paper.setGridSize(on ? GRID : 1);
      document.querySelector('[data-action="snap"]')?.setAttribute('aria-pressed', String(on));
    } },
  ];
}

function centreOf(el) {
  const rect = el.getBoundingClientRect();
  return [rect.left + rect.width / 2, rect.top + rect.height / 2];
}

// Props an edge of this kind needs from the start: a required choice gets its first choice.
function requiredDefaults(spec) {
  const props = {};
  for (const field of spec?.props || []) {
    if (field.required && field.choices?.length) props[field.name] = field.choices[0];
    else if (field.required && field.default !== null && field.default !== undefined) props[field.name] = field.default;
  }
  return props;
}

function askKind(kinds, from, to, catalog) {
  return openDialog({
    title: `Which kind of edge joins ${from.label} → ${to.label}?`,
    name: 'edge-kind',
    body: [h('ul', { class: 'kind-choices' }, kinds.map((kind) => h('li', {},
      h('strong', { text: kind }), ` ${catalog.edgeKind(kind)?.description || ''}`)))],
    buttons: [...kinds.map((kind) => ({ label: kind, value: kind })), { label: 'Cancel', value: null }],
  });
}

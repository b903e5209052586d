// The editor page: builds the models, the views and the saver for one diagram and wires
// them through one bus. `/diagrams/new/` opens an empty, editable canvas at once: the
// diagram is created on the server by the first save after the first change, and the
// address becomes the diagram's own then (history API, no reload).

import { api } from '../net/api.js';
import { ActionRegistry } from '../model/actions.js';
import { Bus } from '../model/bus.js';
import { Catalog } from '../model/catalog.js';
import { DiagramModel, emptyDocument } from '../model/document.js';
import { History } from '../model/history.js';
import { layeredLayout } from '../model/layout.js';
import { ProblemSet } from '../model/problems.js';
import { Selection } from '../model/selection.js';
import { Canvas } from '../view/canvas.js';
import { attachCanvasInput } from '../view/canvas-input.js';
import { openDialog, toast } from '../view/dialogs.js';
import { h, rememberIcons } from '../view/dom.js';
import { attachEmptyHint } from '../view/empty-hint.js';
import { openExportDialog, openImportDialog } from '../view/exchange.js';
import { showShortcuts } from '../view/help.js';
import { openShareDialog } from '../view/share.js';
import { Inspector } from '../view/inspector.js';
import { attachPanelToggles } from '../view/panels.js';
import { Presenter } from '../view/presenter.js';
import { attachLabelEditor } from '../view/label-editor.js';
import { attachMinimap } from '../view/minimap.js';
import { renderPalette } from '../view/palette.js';
import { renderProblems } from '../view/problems.js';
import { attachToolbar } from '../view/toolbar.js';
import { attachActions } from './actions.js';
import { attachKeyboard } from './keyboard.js';
import { Saver } from './saver.js';
import { attachLive } from './live.js';

const IMPORT_NOTES = 'eventyard:import-warnings';
// After these, actions may have become enabled or disabled: the toolbar is told again.
const ACTIONS_CHANGE_ON = ['history:change', 'selection:change', 'doc:change', 'doc:load', 'live:state', 'live:socket', 'presenter:change', 'save:state'];

// `early` holds the catalogue and diagram requests if the page started them already.
export async function startEditor(root, early = {}) {
  const id = root.dataset.diagramId;
  const token = root.dataset.shareToken;
  const [rawCatalog, diagram] = await Promise.all([
    early.catalog || api.catalog(),
    early.diagram || (token ? api.getShared(token) : id ? api.getDiagram(id) : unsavedDiagram()),
  ]);
  const catalog = new Catalog(rawCatalog);
  rememberIcons(rawCatalog.node_types);
  const readOnly = Boolean(diagram.is_example || token);
  const bus = new Bus();
  const model = new DiagramModel(bus);
  const history = new History(model, bus);
  const selection = new Selection(model, bus);
  const problems = new ProblemSet(bus);
  const part = (name) => root.querySelector(`[data-${name}]`);
  const actions = new ActionRegistry(bus, { refreshOn: ACTIONS_CHANGE_ON });
  const context = { bus, model, history, selection, catalog, problems, readOnly, actions };

  const canvas = new Canvas({ el: part('canvas'), ...context });
  attachCanvasInput(canvas, context);
  attachLabelEditor({ bus, canvas, model });
  attachMinimap(part('minimap'), { bus, model, canvas });
  attachEmptyHint(part('canvas').parentElement, context);
  renderPalette(part('palette'), context);
  new Inspector(part('inspector'), context);
  renderProblems(part('problems-panel'), context);
  attachToolbar(root, context);
  attachPanelToggles(root, context);
  attachActions({ ...context, canvas });
  attachKeyboard({ actions });
  const saver = new Saver({ ...context, diagram, onConflict: askAboutConflict });
  const live = token ? null : attachLive({ root, ...context, canvas, saver, diagram });
  const presenter = new Presenter({ root, bus, canvas, model }); // after the live panel: it refits last
  if (root.dataset.lessonPage) {
    (await import('./lesson.js')).attachLesson({ root, bus, actions, model, readOnly, session: live?.session });
  }

  bus.on('diagram:created', ({ id: created }) => {
    root.dataset.diagramId = created;
    window.history.replaceState(null, '', `/diagrams/${created}/`);
    // Sign in / sign up return to where the visitor is: the diagram, no longer /diagrams/new/.
    for (const link of document.querySelectorAll('a[data-account-link]')) {
      const url = new URL(link.href);
      url.searchParams.set('next', `/diagrams/${created}/`);
      link.href = url.toString();
    }
  });
  const title = document.querySelector('[data-diagram-name]');
  const showName = () => (title.textContent = model.meta.name || 'Untitled diagram');
  bus.on('doc:load', showName);
  bus.on('doc:change', showName);

  registerPageActions(actions, { saver, presenter, diagram, token, readOnly });

  model.load({ ...diagram.document, name: diagram.document.name || diagram.name });
  history.clear();
  const kept = readOnly ? null : saver.pendingBackup();
  if (kept) {
    saver.restore(kept);
    toast(`Restored the unsaved changes this browser kept (${new Date(kept.savedAt).toLocaleString()}).`, { kind: 'info', ms: 9000 });
  } else {
    saver.say(readOnly ? 'read-only' : 'saved', readOnly ? `${token ? 'Shared' : 'Example'}: read-only` : savedNote(diagram));
  }
  requestAnimationFrame(() => canvas.fit());
  const doc = model.toJSON();
  saver.validate({ nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) });
  showImportNotes();
  root.dataset.ready = 'true';
  return { bus, model, history, selection, canvas, saver, catalog };
}

// The page's own entries of the one action registry: saving, sharing, export and import,
// presenter mode and the shortcuts overlay.
function registerPageActions(actions, { saver, presenter, diagram, token, readOnly }) {
  const writable = () => !readOnly;
  const title = readOnly ? () => 'Read-only: duplicate it to edit' : null;
  actions.register(
    { name: 'save', label: 'Save now', keys: ['Ctrl+S'], run: () => saver.save({ force: true }), enabled: writable, title },
    { name: 'retry-save', label: 'Retry saving', run: () => saver.save({ force: true }) },
    { name: 'duplicate', label: 'Duplicate to edit', run: () => duplicateAndOpen(diagram.id, token, lessonOf()) },
    { name: 'share-diagram', label: 'Share the diagram: a read-only link', run: () => shareDiagram(saver), enabled: writable, title },
    { name: 'export', label: 'Export a CloudFormation template', run: () => exportTemplate(saver) },
    { name: 'import', label: 'Import a template or a diagram file', run: () => openImportDialog({ importFile }) },
    { name: 'present', label: 'Presenter mode on/off (Esc leaves it)', keys: ['P'], group: 'View', run: () => presenter.toggle() },
    { name: 'leave-presenter', label: 'Leave presenter mode', keys: ['Escape'], group: 'View', run: () => presenter.toggle(false), enabled: () => presenter.isOn() },
    { name: 'help', label: 'Show these shortcuts', keys: ['?'], group: 'View', run: () => showShortcuts(actions.shortcuts()) },
  );
}

// A diagram that exists only in this page until its first change is saved.
async function unsavedDiagram() {
  return { id: null, name: 'Untitled diagram', document: emptyDocument(), revision: 0, is_example: false };
}

function savedNote(diagram) {
  return diagram.id ? `Saved · revision ${diagram.revision}` : 'New diagram · saved as soon as you change it';
}

async function askAboutConflict(body) {
  return openDialog({
    title: 'This diagram was changed elsewhere',
    name: 'conflict',
    body: [
      h('p', { text: `Someone (perhaps you, in another tab) saved revision ${body.revision} after you opened this diagram.` }),
      h('p', { text: 'Reload shows their version and drops your changes here. Overwrite saves your version over theirs.' }),
    ],
    buttons: [
      { label: 'Reload their version', value: 'reload' },
      { label: 'Overwrite with mine', value: 'overwrite', primary: true },
      { label: 'Decide later', value: null },
    ],
  });
}

// The lesson a page belongs to: its copy opens with the lesson's panel too.
function lessonOf() {
  return document.querySelector('[data-editor]')?.dataset.lessonPage || null;
}

async function duplicateAndOpen(id, token, lesson = null) {
  try {
    const copy = token ? await api.duplicateShared(token) : await api.duplicateDiagram(id);
    window.location.assign(`/diagrams/${copy.id}/${lesson ? `?lesson=${encodeURIComponent(lesson)}` : ''}`);
  } catch (error) {
    toast(`Could not duplicate: ${error.message}`, { kind: 'error' });
  }
}

// The link shows the saved diagram: pending changes (or a new diagram's first save) go first.
async function shareDiagram(saver) {
  if (saver.isDirty() || !saver.diagram.id) await saver.save({ force: true });
  const id = saver.diagram.id;
  if (!id) {
    toast('Sharing needs a saved diagram: fix the problems so it can be saved first.', { kind: 'error' });
    return;
  }
  await openShareDialog({ share: () => api.shareDiagram(id), unshare: () => api.unshareDiagram(id) });
}

async function exportTemplate(saver) {
  if (!saver.readOnly && (saver.isDirty() || !saver.diagram.id)) await saver.save({ force: true });
  if (!saver.readOnly && saver.isDirty()) {
    toast('Export uses the saved diagram: fix the problems so it can be saved first.', { kind: 'error' });
    return;
  }
  const id = saver.diagram.id;
  await openExportDialog({
    load: (format) => api.exportTemplate(id, format),
    lint: (format) => api.lintTemplate(id, format),
  });
}

// A file or pasted text from the import dialog: an Eventyard document as it is, anything else a template.
async function importFile(text, filename) {
  let document = null;
  let warnings = [];
  try {
    const parsed = JSON.parse(text);
    if (parsed && parsed.format === 'eventyard/1') document = parsed;
  } catch {
    // Not JSON: a YAML template, for the server to read.
  }
  if (!document) ({ document, warnings } = await api.importTemplate(text));
  const nodes = document.nodes || [];
  if (nodes.some((node) => !node.position)) {
    const positions = layeredLayout(nodes, document.edges || []);
    for (const node of nodes) node.position ||= positions.get(node.id);
  }
  const name = document.name || filename.replace(/\.[^.]+$/, '') || 'Imported diagram';
  // A template says nothing of the simulation: the new diagram gets the usual seed and duration.
  const sim = { ...emptyDocument().sim, ...(document.sim || {}) };
  const created = await api.createDiagram(name.slice(0, 200), { ...document, name, sim });
  sessionStorage.setItem(IMPORT_NOTES, JSON.stringify(warnings || []));
  window.location.assign(`/diagrams/${created.id}/`);
}

function showImportNotes() {
  const text = sessionStorage.getItem(IMPORT_NOTES);
  if (text === null) return;
  sessionStorage.removeItem(IMPORT_NOTES);
  const warnings = JSON.parse(text);
  if (!warnings.length) {
    toast('Imported.');
    return;
  }
  openDialog({
    title: `Imported, with ${warnings.length} ${warnings.length === 1 ? 'note' : 'notes'}`,
    name: 'import-notes',
    body: [h('ul', {}, warnings.map((w) => h('li', { 'data-problem': w.path, text: `${w.path}: ${w.message}` })))],
  });
}

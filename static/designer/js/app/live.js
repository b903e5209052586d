// The live playground's parts, wired for a page: the run's state and socket, tokens on the
// wires, counters on the nodes, the chart, the event log and journey, and the status bar.
// `attachLive` is the editor's (with the run controls and the inject form); `watchRun`
// (app/watch.js) uses `assembleLive` without controls. Everything talks over the page's
// one bus; the parts find the canvas's nodes and edges by their `data-*` hooks and the
// paper's public API.

import { NodeCounters } from '../view/live/counters.js';
import { MetricChart } from '../view/live/chart.js';
import { attachControls } from '../view/live/controls.js';
import { EventStore } from '../model/live/event-store.js';
import { EventLog } from '../view/live/log-view.js';
import { StatusBar, buildPanel } from '../view/live/panel.js';
import { RunState } from '../model/live/run-state.js';
import { runApi } from '../net/run-api.js';
import { RunSummary } from '../view/live/summary.js';
import { LiveSession } from './live-session.js';
import { TokenLayer } from '../view/live/tokens.js';
import { DeliveryLogs } from '../model/delivery-logs.js';
import { DeliveryLogsView } from '../view/live/delivery-logs.js';
import { GoalsView } from '../view/live/goals.js';
import { StatesView } from '../view/live/states.js';
import { SchemasView } from '../view/live/schemas.js';
import { registerLiveActions } from './live-actions.js';

// At most this many tokens move at once (past it they are sampled); `?tokens=N` in the
// page's address changes it, 0..5000 (README "Live runs": the frame-rate measurement).
const DEFAULT_TOKENS = 1000;
const MAX_TOKENS = 5000;

export function tokenCap(search = window.location.search) {
  const text = new URLSearchParams(search).get('tokens');
  const wanted = Number(text);
  if (text === null || text === '' || !Number.isInteger(wanted)) return DEFAULT_TOKENS;
  return Math.min(MAX_TOKENS, Math.max(0, wanted));
}

// The parts every live view has (owner or watcher), in the panel element `panelEl`.
export function assembleLive({ panelEl, bus, model, selection, catalog, canvas, owner, session: makeSession, diagramId = () => null, documentOf = () => null, watch = null }) {
  const state = new RunState(bus);
  const session = makeSession(state);
  const parts = buildPanel(panelEl, { owner });
  const bar = new StatusBar(parts, { bus, state, owner });
  const store = new EventStore(bus);
  const log = new EventLog({ logEl: parts.log, journeyEl: parts.journey, bus, store, model, canvas });
  const chart = new MetricChart(parts.chart, { bus, state, model, selection, catalog, goals: owner && !watch });
  const tokens = new TokenLayer({ bus, canvas, cap: tokenCap() });
  const counters = new NodeCounters({ bus, canvas, model, catalog });
  const summary = new RunSummary(parts.summary, { bus, state, model, api: runApi, diagramId, documentOf, watch });
  const deliveryLogs = new DeliveryLogsView(parts.logs, { bus, logs: new DeliveryLogs(bus) });
  const goals = new GoalsView(parts.goals, { bus, state });
  const states = new StatesView(parts.states, { bus, state, model, tab: parts.statesTab });
  const schemas = new SchemasView(parts.schemas, { bus, state, model, tab: parts.schemasTab });
  return { state, session, parts, bar, store, log, chart, tokens, counters, summary, deliveryLogs, goals, states, schemas };
}

// The editor's live playground: the toolbar's run controls and the panel below the
// canvas (shown from the first run until the run is closed).
export function attachLive({ root, bus, model, selection, catalog, canvas, saver, diagram, actions }) {
  const panelEl = root.querySelector('[data-live-panel]');
  if (!panelEl) return null;
  let madeFrom = null; // the document the current run was made from, for comparisons
  bus.on('live:opened', () => (madeFrom = model.toJSON()));
  const live = assembleLive({
    panelEl, bus, model, selection, catalog, canvas, owner: true,
    diagramId: () => live?.session.diagramId, documentOf: () => madeFrom,
    session: (state) => new LiveSession({
      bus, state, diagramId: diagram.id, prepare: () => savedFirst(saver), signature: () => runSignature(model),
    }),
  });
  const { parts, session, state } = live;
  bus.on('diagram:created', ({ id }) => (session.diagramId = id));
  const controls = attachControls(root, { bus, state, session, selection, model });
  parts.inject.append(controls.injectEl);
  registerLiveActions(actions, { bus, state, session, controls });

  const show = (on) => {
    if (panelEl.hidden !== !on) {
      panelEl.hidden = !on;
      root.toggleAttribute('data-live-open', on);
      requestAnimationFrame(() => (on ? fitAboveMinimap(canvas) : canvas.fit()));
    }
  };
  bus.on('live:opened', () => {
    live.bar.clearErrors();
    show(true);
  });
  bus.on('live:error', () => show(true));
  parts.close?.addEventListener('click', async () => {
    await session.close();
    show(false);
  });
  closeWithThePage(session, state);
  return live;
}

// A run ends with its page: closed when the page is left (pagehide: a keepalive DELETE,
// which outlives the page), or hidden for HIDDEN_CLOSE_MS (another tab, a closed laptop).
// The server also closes a run whose owner's socket has been gone for a while.
const HIDDEN_CLOSE_MS = 10 * 60 * 1000;

function closeWithThePage(session, state) {
  let timer = null;
  const leave = () => {
    const id = state.run?.id;
    if (!id || !state.isOwner() || !state.isActive()) return;
    session.socket?.close();
    session.socket = null;
    runApi.closeOnLeave(id);
    state.status = 'stopped';
  };
  window.addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', () => {
    clearTimeout(timer);
    if (document.visibilityState === 'hidden') timer = setTimeout(() => session.close(), HIDDEN_CLOSE_MS);
  });
}

// Runs use the saved diagram: save pending changes first; a sentence if that fails.
async function savedFirst(saver) {
  if (!saver || saver.readOnly) return null;
  if (saver.isDirty() || !saver.diagram.id) await saver.save({ force: true });
  if (saver.isDirty() || !saver.diagram.id) return 'A run uses the saved diagram: fix the problems so it can be saved, then press Run again.';
  return null;
}

// Fits the diagram into the (now shorter) canvas, leaving the minimap's corner free; the
// editor's own fit keeps a band below for it, which costs too much height here.
export function fitAboveMinimap(canvas, { right = 190 } = {}) {
  if (!canvas.graph.getElements().length) return;
  canvas.paper.transformToFitContent({
    padding: { top: 24, left: 24, right, bottom: 34 }, maxScale: 1.25, minScale: 0.2, useModelGeometry: true,
    verticalAlign: 'middle', horizontalAlign: 'middle',
  });
}

// What of the diagram a run depends on: everything but where the nodes are drawn.
function runSignature(model) {
  const doc = model.toJSON();
  return JSON.stringify({ ...doc, nodes: doc.nodes.map(({ position, ...rest }) => rest) });
}

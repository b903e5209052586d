// The watch page, `/runs/<id>/?watch=<token>`: a read-only view of someone's live run,
// the same canvas, counters, tokens, chart and log as the owner's, and no controls (the
// server refuses a watcher's controls anyway). It reads the run and its diagram with the
// token (GET /api/runs/<id>/?watch=...), then follows the run's socket as a watcher.

import { api } from '../net/api.js';
import { Bus } from '../model/bus.js';
import { Catalog } from '../model/catalog.js';
import { rememberIcons } from '../view/dom.js';
import { DiagramModel } from '../model/document.js';
import { Selection } from '../model/selection.js';
import { Canvas } from '../view/canvas.js';
import { attachCanvasInput } from '../view/canvas-input.js';
import { assembleLive, fitAboveMinimap } from './live.js';
import { runApi } from '../net/run-api.js';
import { attachClassQuestion } from './class-question.js';
import { LiveSession } from './live-session.js';

export async function startWatch(root) {
  const runId = root.dataset.runId;
  const token = new URLSearchParams(window.location.search).get('watch');
  const [rawCatalog, run] = await Promise.all([api.catalog(), runApi.get(runId, token)]);
  const bus = new Bus();
  const catalog = new Catalog(rawCatalog);
  rememberIcons(rawCatalog.node_types);
  const model = new DiagramModel(bus);
  const selection = new Selection(model, bus);
  const part = (name) => root.querySelector(`[data-${name}]`);
  const canvas = new Canvas({ el: part('canvas'), bus, model, selection, catalog, readOnly: true });
  attachCanvasInput(canvas, { bus, selection, readOnly: true });

  const live = assembleLive({
    panelEl: part('live-panel'), bus, model, selection, catalog, canvas, owner: false, watch: token,
    session: (state) => new LiveSession({ bus, state }),
  });
  const document_ = run.diagram.document;
  model.load({ ...document_, name: document_.name || run.diagram.name });
  const title = window.document.querySelector('[data-diagram-name]');
  if (title) title.textContent = run.diagram.name || document_.name || 'Live run';
  attachClassQuestion(window.document.body, { bus, session: live.session });
  live.session.watch(run, token);
  requestAnimationFrame(() => fitAboveMinimap(canvas, { right: 24 }));
  root.dataset.ready = 'true';
  return { bus, model, canvas, live };
}

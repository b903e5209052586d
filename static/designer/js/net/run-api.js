// The live runs' REST calls (README "Live runs"): make a run of a diagram, read one (a
// watcher with its token), close one (also as its page is left: a keepalive DELETE, which
// outlives the page), share one, through net/api.js's client.

import { ApiError, request as send } from './api.js';

// net/api.js's request, with refusals described field by field (`document.nodes[2]...: ...`).
async function request(method, url, json) {
  try {
    return await send(method, url, json === undefined ? {} : { json });
  } catch (error) {
    const problems = error instanceof ApiError ? error.body?.problems : null;
    if (!problems?.length) throw error;
    const text = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
    throw new ApiError(error.status, error.body, text);
  }
}

const runUrl = (id) => `/api/runs/${encodeURIComponent(id)}/`;

export const runApi = {
  create: (diagramId) => request('POST', '/api/runs/', { diagram: Number(diagramId) }),
  get: (id, watch) => request('GET', `${runUrl(id)}${watch ? `?watch=${encodeURIComponent(watch)}` : ''}`),
  close: (id) => request('DELETE', runUrl(id)),
  closeOnLeave: (id) => send('DELETE', runUrl(id), { keepalive: true }).catch(() => null),
  report: (id, watch) => request('GET', `${runUrl(id)}report/${watch ? `?watch=${encodeURIComponent(watch)}` : ''}`),
  share: (id) => request('POST', `${runUrl(id)}share/`),
};

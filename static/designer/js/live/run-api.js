// The live runs' REST calls (README "Live runs"): make a run of a diagram, read one (a
// watcher with its token), close one, share one. Same conventions as net/api.js: JSON in
// and out, Django's CSRF token on unsafe requests, failures as ApiError.

import { ApiError } from '../net/api.js';

function csrfToken() {
  const match = document.cookie.split('; ').find((part) => part.startsWith('csrftoken='));
  return match ? decodeURIComponent(match.slice('csrftoken='.length)) : '';
}

async function request(method, url, json) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET') init.headers['X-CSRFToken'] = csrfToken();
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, null, 'The server could not be reached: check your connection.');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { detail: text.slice(0, 200) };
  }
  if (!response.ok) throw new ApiError(response.status, data, describe(response.status, data));
  return data;
}

function describe(status, data) {
  if (data?.problems?.length) return data.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
  if (data?.detail) return String(data.detail);
  return status >= 500 ? `The server failed (${status}).` : `The request failed (${status}).`;
}

const runUrl = (id) => `/api/runs/${encodeURIComponent(id)}/`;

export const runApi = {
  create: (diagramId) => request('POST', '/api/runs/', { diagram: Number(diagramId) }),
  get: (id, watch) => request('GET', `${runUrl(id)}${watch ? `?watch=${encodeURIComponent(watch)}` : ''}`),
  close: (id) => request('DELETE', runUrl(id)),
  share: (id) => request('POST', `${runUrl(id)}share/`),
};

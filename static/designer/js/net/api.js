// The REST client (README "API"): JSON in and out, Django's CSRF token on unsafe requests.
// Failures become an ApiError with the status (0: no answer at all) and the parsed body.

export class ApiError extends Error {
  constructor(status, body, message) {
    super(message);
    this.status = status;
    this.body = body;
  }

  isOffline() {
    return this.status === 0;
  }
}

function csrfToken() {
  const match = document.cookie.split('; ').find((part) => part.startsWith('csrftoken='));
  return match ? decodeURIComponent(match.slice('csrftoken='.length)) : '';
}

// `keepalive`: the request outlives the page (a run closed as its page is left).
export async function request(method, url, { json, body, headers = {}, raw = false, keepalive = false } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (keepalive) init.keepalive = true;
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  } else if (body !== undefined) {
    init.body = body;
  }
  if (!['GET', 'HEAD'].includes(method)) init.headers['X-CSRFToken'] = csrfToken();
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, null, 'The server could not be reached: check your connection.');
  }
  if (raw && response.ok) return response;
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
  if (data?.detail) return String(data.detail);
  if (data?.problems?.length) return data.problems.map((p) => p.message).join('; ');
  if (status >= 500) return `The server failed (${status}).`;
  return `The request failed (${status}).`;
}

const diagramUrl = (id) => `/api/diagrams/${encodeURIComponent(id)}/`;

// The catalogue is the same for the page's whole life: one request, however many ask.
let catalogOnce = null;

export const api = {
  catalog: () => {
    catalogOnce ??= request('GET', '/api/catalog/').catch((error) => {
      catalogOnce = null;
      throw error;
    });
    return catalogOnce;
  },
  listDiagrams: () => request('GET', '/api/diagrams/'),
  getDiagram: (id) => request('GET', diagramUrl(id)),
  createDiagram: (name, document) => request('POST', '/api/diagrams/', { json: { name, document } }),
  saveDiagram: (id, { name, document, revision }) =>
    request('PUT', diagramUrl(id), { json: { name, document, revision } }),
  deleteDiagram: (id) => request('DELETE', diagramUrl(id)),
  duplicateDiagram: (id, name) => request('POST', `${diagramUrl(id)}duplicate/`, { json: name ? { name } : {} }),
  shareDiagram: (id) => request('POST', `${diagramUrl(id)}share/`),
  unshareDiagram: (id) => request('DELETE', `${diagramUrl(id)}share/`),
  getShared: (token) => request('GET', `/api/shared/${encodeURIComponent(token)}/`),
  duplicateShared: (token, name) => request('POST', `/api/shared/${encodeURIComponent(token)}/duplicate/`, { json: name ? { name } : {} }),
  validate: (id) => request('GET', `${diagramUrl(id)}validate/`),
  // The template as text (a Response), so the page can show it and offer it as a download.
  exportTemplate: async (id, format) => {
    const response = await request('GET', `${diagramUrl(id)}export/?format=${format}`, { raw: true });
    const fallback = format === 'sam' ? 'diagram-sam.yaml' : `diagram.${format}`;
    return { text: await response.text(), filename: filenameOf(response) || fallback };
  },
  // cfn-lint's findings for the template the export gives in `format`.
  lintTemplate: (id, format) => request('GET', `${diagramUrl(id)}lint/?format=${format}`),
  importTemplate: (text) => request('POST', '/api/import/', { json: { template: text } }),
  getLesson: (slug) => request('GET', `/api/lessons/${encodeURIComponent(slug)}/`),
  checkLesson: (slug, document) => request('POST', `/api/lessons/${encodeURIComponent(slug)}/check/`, { json: { document } }),
};

function filenameOf(response) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  return match ? match[1] : null;
}

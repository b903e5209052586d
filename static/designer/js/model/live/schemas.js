// What the live Schemas tab shows of a run's schema registries: while the run goes, each
// schema with its number of versions (the frames' `schemas`); once it ends, the report's
// versions (time, what changed, OpenAPI 3 and JSON Schema content) and code bindings. And a
// line diff between two versions' documents, for "what changed".

export const REGISTRY_TYPE = 'schemas.registry';

// [{registry, name, versions, detail}] in registry then schema order; `detail` is the
// report's entry (null until the run has ended).
export function schemaList(summary = {}, report = null) {
  const rows = [];
  const fromReport = report?.schemas || {};
  const registries = new Set([...Object.keys(summary || {}), ...Object.keys(fromReport)]);
  for (const registry of registries) {
    const counts = summary?.[registry] || {};
    const details = fromReport[registry] || {};
    const names = new Set([...Object.keys(counts), ...Object.keys(details)]);
    for (const name of names) {
      const detail = details[name] || null;
      rows.push({ registry, name, versions: detail ? detail.versions.length : Number(counts[name]) || 0, detail });
    }
  }
  return rows;
}

// The lines of `before` and `after` (arrays of strings) as [{op: ' ' | '-' | '+', text}]:
// a longest-common-subsequence diff, enough for documents of a few hundred lines.
export function lineDiff(before, after) {
  const n = before.length;
  const m = after.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i][j] = before[i] === after[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: ' ', text: before[i] });
      i += 1;
      j += 1;
    } else if (table[i + 1][j] >= table[i][j + 1]) {
      out.push({ op: '-', text: before[i] });
      i += 1;
    } else {
      out.push({ op: '+', text: after[j] });
      j += 1;
    }
  }
  while (i < n) out.push({ op: '-', text: before[i++] });
  while (j < m) out.push({ op: '+', text: after[j++] });
  return out;
}

// Two versions' OpenAPI documents, diffed line by line (the version number itself aside).
export function versionDiff(detail, from, to) {
  const lines = (index) => {
    const doc = structuredClone(detail.versions[index].openapi);
    if (doc.info) doc.info.version = '';
    return JSON.stringify(doc, null, 2).split('\n');
  };
  return lineDiff(lines(from), lines(to));
}

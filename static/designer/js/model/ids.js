// New ids for nodes and edges: `^[A-Za-z][A-Za-z0-9_-]{0,63}$`, unique in the document.

export function baseIdFor(type, role) {
  if (role) return role;
  const last = type.split('.').pop() || 'node';
  const clean = last.replace(/[^A-Za-z0-9_-]/g, '');
  return /^[A-Za-z]/.test(clean) ? clean.slice(0, 50) : `n${clean}`.slice(0, 50);
}

// `base` itself if free, else base2, base3, ...
export function uniqueId(base, taken) {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}

export function newEdgeId(taken) {
  for (let n = taken.size + 1; ; n += 1) {
    if (!taken.has(`e${n}`)) return `e${n}`;
  }
}

// Auto-layout: a small layered ("Sugiyama-style") layout. Sources go left, each node one
// layer right of its furthest predecessor; nodes in a layer are ordered by the mean position
// of their neighbours, a few sweeps each way, which removes most crossings. Pure: node and
// edge lists in, a Map of node id to {x, y} out.

const LAYER_GAP = 260;
const NODE_WIDTH = 172;
const ROW_GAP = 120;
const SWEEPS = 4;

// `widthOf(id)` is a node's width on the canvas (nodes widen for long labels): a layer
// starts that much further right than the standard card would need.
export function layeredLayout(nodes, edges, { origin = { x: 60, y: 60 }, widthOf = () => NODE_WIDTH } = {}) {
  const ids = nodes.map((node) => node.id);
  const known = new Set(ids);
  const links = edges.filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target);
  const layer = assignLayers(ids, acyclic(ids, links));
  const layers = [];
  for (const id of ids) (layers[layer.get(id)] ||= []).push(id);
  orderLayers(layers, links);
  const tallest = Math.max(...layers.map((rows) => rows.length), 1);
  const positions = new Map();
  let x = origin.x;
  layers.forEach((rows) => {
    const offset = ((tallest - rows.length) * ROW_GAP) / 2;
    rows.forEach((id, row) => positions.set(id, { x, y: origin.y + offset + row * ROW_GAP }));
    x += LAYER_GAP + Math.max(0, ...rows.map((id) => widthOf(id) - NODE_WIDTH));
  });
  return positions;
}

// The links with the back edges of a depth-first search left out, so layering terminates.
function acyclic(ids, links) {
  const out = new Map(ids.map((id) => [id, []]));
  for (const link of links) out.get(link.source).push(link);
  const state = new Map();
  const kept = [];
  for (const start of ids) {
    if (state.has(start)) continue;
    const stack = [[start, 0]];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack.at(-1);
      const [id, index] = top;
      const next = out.get(id)[index];
      if (!next) {
        state.set(id, 'done');
        stack.pop();
        continue;
      }
      top[1] += 1;
      if (state.get(next.target) === 'open') continue; // a back edge: drop it
      kept.push(next);
      if (!state.has(next.target)) {
        state.set(next.target, 'open');
        stack.push([next.target, 0]);
      }
    }
  }
  return kept;
}

// Longest path from a source, by relaxing edges in topological order (Kahn's algorithm).
function assignLayers(ids, links) {
  const incoming = new Map(ids.map((id) => [id, 0]));
  const out = new Map(ids.map((id) => [id, []]));
  for (const link of links) {
    incoming.set(link.target, incoming.get(link.target) + 1);
    out.get(link.source).push(link.target);
  }
  const layer = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => incoming.get(id) === 0);
  while (queue.length) {
    const id = queue.shift();
    for (const target of out.get(id)) {
      layer.set(target, Math.max(layer.get(target), layer.get(id) + 1));
      incoming.set(target, incoming.get(target) - 1);
      if (incoming.get(target) === 0) queue.push(target);
    }
  }
  return layer;
}

function orderLayers(layers, links) {
  const neighbours = new Map();
  for (const { source, target } of links) {
    (neighbours.get(source) || neighbours.set(source, []).get(source)).push(target);
    (neighbours.get(target) || neighbours.set(target, []).get(target)).push(source);
  }
  const rowOf = new Map();
  const remember = () => layers.forEach((rows) => rows?.forEach((id, row) => rowOf.set(id, row)));
  remember();
  for (let sweep = 0; sweep < SWEEPS; sweep += 1) {
    const order = sweep % 2 === 0 ? layers.keys() : [...layers.keys()].reverse();
    for (const index of order) {
      const rows = layers[index];
      if (!rows) continue;
      const weight = new Map(rows.map((id, row) => [id, barycentre(id, neighbours, rowOf, row)]));
      rows.sort((a, b) => weight.get(a) - weight.get(b));
      remember();
    }
  }
}

function barycentre(id, neighbours, rowOf, fallback) {
  const rows = (neighbours.get(id) || []).map((other) => rowOf.get(other)).filter((r) => r !== undefined);
  if (!rows.length) return fallback;
  return rows.reduce((sum, row) => sum + row, 0) / rows.length;
}

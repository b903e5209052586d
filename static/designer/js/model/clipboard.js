// Copy and paste: the selected nodes with the edges among them, pasted with fresh ids and
// offset, references to copied nodes (a DLQ's id in a RedrivePolicy, say) following along.

import { clone } from './clone.js';
import { newEdgeId, uniqueId } from './ids.js';

export function copySelection(model, selection) {
  const nodeIds = new Set(selection.nodes);
  const nodes = [...nodeIds].map((id) => model.node(id)).filter(Boolean);
  const edges = model.edgeList().filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target));
  return clone({ format: 'eventyard/clipboard', nodes, edges });
}

// Ops that add the clipboard's contents, and the new ids ({nodes, edges}).
export function pasteOps(model, clip, offset = 40) {
  const takenNodes = new Set(model.nodes.keys());
  const takenEdges = new Set(model.edges.keys());
  const renamed = new Map();
  for (const node of clip.nodes) {
    const id = uniqueId(node.id.replace(/\d+$/, '') || 'node', takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
  }
  const ops = [];
  const ids = { nodes: [], edges: [] };
  for (const node of clip.nodes) {
    const id = renamed.get(node.id);
    const position = node.position || { x: 0, y: 0 };
    const copy = { ...renameRefs(node, renamed), id, position: { x: position.x + offset, y: position.y + offset } };
    ops.push({ type: 'node', id, before: null, after: copy });
    ids.nodes.push(id);
  }
  for (const edge of clip.edges) {
    const id = newEdgeId(takenEdges);
    takenEdges.add(id);
    const copy = { ...renameRefs(edge, renamed), id, source: renamed.get(edge.source), target: renamed.get(edge.target) };
    ops.push({ type: 'edge', id, before: null, after: copy });
    ids.edges.push(id);
  }
  return { ops, ids };
}

// A copy of an item whose prop and sim strings equal to a copied node's id name its copy.
function renameRefs(item, renamed) {
  const swap = (value) => {
    if (typeof value === 'string') return renamed.has(value) ? renamed.get(value) : value;
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, swap(inner)]));
    }
    return value;
  };
  const copy = clone(item);
  if (copy.props) copy.props = swap(copy.props);
  if (copy.sim) copy.sim = swap(copy.sim);
  return copy;
}

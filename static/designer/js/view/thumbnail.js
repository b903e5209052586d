// A small picture of a diagram for the gallery, drawn from the document's positions: one
// rounded box (with its service icon) per node and a line per edge, scaled to fit.

import { iconUrl } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE = { width: 172, height: 56 };
const PAD = 24;

function svgEl(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

export function diagramThumbnail(document_, { width = 240, height = 120 } = {}) {
  const nodes = (document_?.nodes || []).filter((node) => node.position);
  const svg = svgEl('svg', { class: 'thumbnail', viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-thumbnail': '' });
  svg.setAttribute('aria-label', nodes.length ? `A picture of the diagram: ${nodes.length} nodes` : 'An empty diagram');
  if (!nodes.length) return svg;
  const xs = nodes.flatMap((n) => [n.position.x, n.position.x + NODE.width]);
  const ys = nodes.flatMap((n) => [n.position.y, n.position.y + NODE.height]);
  const [minX, minY] = [Math.min(...xs) - PAD, Math.min(...ys) - PAD];
  const spanX = Math.max(...xs) + PAD - minX;
  const spanY = Math.max(...ys) + PAD - minY;
  const scale = Math.min(width / spanX, height / spanY);
  const g = svgEl('g', {
    transform: `translate(${(width - spanX * scale) / 2} ${(height - spanY * scale) / 2}) scale(${scale}) translate(${-minX} ${-minY})`,
  });
  const at = new Map(nodes.map((n) => [n.id, n.position]));
  for (const edge of document_.edges || []) {
    const a = at.get(edge.source);
    const b = at.get(edge.target);
    if (!a || !b) continue;
    g.append(svgEl('line', {
      x1: a.x + NODE.width, y1: a.y + NODE.height / 2, x2: b.x, y2: b.y + NODE.height / 2, class: 'thumbnail-edge', 'data-thumbnail-edge': '',
    }));
  }
  for (const node of nodes) {
    const { x, y } = node.position;
    g.append(svgEl('rect', { x, y, width: NODE.width, height: NODE.height, rx: 10, class: 'thumbnail-node', 'data-thumbnail-node': node.id }));
    g.append(svgEl('image', { href: iconUrl(node.type), x: x + 14, y: y + 10, width: 36, height: 36 }));
  }
  svg.append(g);
  return svg;
}

// The minimap: every node as a small rectangle and the visible part of the canvas as a
// frame; click or drag on it to move the view there. Drawn from the document, not from the
// canvas's SVG, so it costs one rectangle per node.

import { nodeSize } from './shapes.js';

const SVG = 'http://www.w3.org/2000/svg';
const PAD = 40;

function svgEl(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

export function attachMinimap(root, { bus, model, canvas }) {
  const svg = svgEl('svg', { class: 'minimap-svg', 'aria-label': 'Minimap', role: 'img' });
  root.replaceChildren(svg);
  let frame = 0;
  let box = null;

  const draw = () => {
    frame = 0;
    const { width, height } = root.getBoundingClientRect();
    const view = canvas.viewport();
    const visible = { x: -view.tx / view.scale, y: -view.ty / view.scale, w: view.width / view.scale, h: view.height / view.scale };
    const nodes = model.nodeList();
    const xs = [visible.x, visible.x + visible.w];
    const ys = [visible.y, visible.y + visible.h];
    for (const node of nodes) {
      const size = nodeSize(node);
      xs.push(node.position.x, node.position.x + size.width);
      ys.push(node.position.y, node.position.y + size.height);
    }
    const minX = Math.min(...xs) - PAD;
    const minY = Math.min(...ys) - PAD;
    const spanX = Math.max(...xs) + PAD - minX;
    const spanY = Math.max(...ys) + PAD - minY;
    const scale = Math.min(width / spanX, height / spanY) || 1;
    box = { minX, minY, scale, offX: (width - spanX * scale) / 2, offY: (height - spanY * scale) / 2 };
    const at = (x, y) => [box.offX + (x - minX) * scale, box.offY + (y - minY) * scale];
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const shapes = nodes.map((node) => {
      const [x, y] = at(node.position.x, node.position.y);
      const size = nodeSize(node);
      return svgEl('rect', { x, y, width: size.width * scale, height: size.height * scale, rx: 2, class: 'minimap-node' });
    });
    const [vx, vy] = at(visible.x, visible.y);
    shapes.push(svgEl('rect', { x: vx, y: vy, width: visible.w * scale, height: visible.h * scale, class: 'minimap-view' }));
    svg.replaceChildren(...shapes);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const jump = (evt) => {
    if (!box) return;
    const rect = svg.getBoundingClientRect();
    const x = (evt.clientX - rect.left - box.offX) / box.scale + box.minX;
    const y = (evt.clientY - rect.top - box.offY) / box.scale + box.minY;
    canvas.centreOn({ x, y });
  };
  svg.addEventListener('pointerdown', (evt) => {
    svg.setPointerCapture(evt.pointerId);
    jump(evt);
  });
  svg.addEventListener('pointermove', (evt) => {
    if (svg.hasPointerCapture(evt.pointerId)) jump(evt);
  });

  for (const type of ['doc:load', 'doc:change', 'viewport:change']) bus.on(type, schedule);
  schedule();
}

// How nodes and edges look on the canvas. Node renderers register by type string in one
// map (`NODE_RENDERERS`); a type without one gets the default look. Every element carries
// the contract's hooks: `data-node-id`, `data-node-type`, `data-port` on its handles, a
// `metrics` group for live counters; edges carry `data-edge-id` and `data-edge-kind`.

import { dia, shapes } from '@joint/core';
import { iconUrl } from './dom.js';

export const NODE_SIZE = { width: 172, height: 56 };

const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const TEXT_LEFT = 51;
const TEXT_WIDTH = NODE_SIZE.width - 58;
const PORT = { r: 7, fill: '#ffffff', stroke: '#7a8499', strokeWidth: 2 };
const PORT_HIT = { r: 14, fill: 'transparent', stroke: 'none' };
// A node's role shows in its kind line and its dashed outline: a queue used as a DLQ, a
// producer import added as starter traffic.
const ROLE_TAGS = { dlq: 'DLQ', starter: 'starter' };
const ROLE_STROKES = { dlq: '#c62828', starter: '#2e7d32' };

export const NodeShape = dia.Element.define(
  'ey.Node',
  {
    size: NODE_SIZE,
    attrs: {
      body: { width: 'calc(w)', height: 'calc(h)', rx: 8, ry: 8, fill: '#ffffff', stroke: '#c5cad6', strokeWidth: 1.5 },
      stripe: { width: 6, height: 'calc(h)', rx: 3, fill: '#5b6475' },
      icon: { x: 13, y: 'calc(0.5*h-15)', width: 30, height: 30, pointerEvents: 'none' },
      label: {
        x: TEXT_LEFT, y: 'calc(0.5*h-8)', fontSize: 14, fontWeight: 600, fill: '#1d2330', lineHeight: '1.25em',
        textVerticalAnchor: 'middle', fontFamily: FONT_FAMILY, pointerEvents: 'none',
      },
      kindLabel: {
        x: 51, y: 'calc(0.5*h+11)', fontSize: 11, fill: '#5b6475', textVerticalAnchor: 'middle',
        fontFamily: FONT_FAMILY, pointerEvents: 'none',
      },
      metrics: { transform: 'translate(0, calc(h+4))' },
      badge: { transform: 'translate(calc(w-4), -6)', display: 'none', cursor: 'help' },
      badgeBody: { r: 10, fill: '#c62828', stroke: '#ffffff', strokeWidth: 2 },
      badgeText: { fontSize: 12, fontWeight: 700, fill: '#ffffff', textAnchor: 'middle', textVerticalAnchor: 'middle' },
    },
    // A port is a group: the visible handle and a larger, invisible ring around it, so a
    // drag that starts near the handle (on the node's edge) still starts a wire.
    ports: {
      groups: {
        in: { position: { name: 'left' }, attrs: { portRoot: { magnet: 'passive', 'data-port': 'in' }, portBody: PORT, portHit: PORT_HIT } },
        out: {
          position: { name: 'right' },
          attrs: { portRoot: { magnet: true, 'data-port': 'out', cursor: 'crosshair' }, portBody: PORT, portHit: PORT_HIT },
        },
      },
    },
  },
  {
    markup: [
      { tagName: 'rect', selector: 'body' },
      { tagName: 'rect', selector: 'stripe' },
      { tagName: 'image', selector: 'icon' },
      { tagName: 'text', selector: 'label' },
      { tagName: 'title', selector: 'tooltip' },
      { tagName: 'text', selector: 'kindLabel' },
      { tagName: 'g', selector: 'metrics', attributes: { 'data-metrics': '' } },
      {
        tagName: 'g',
        selector: 'badge',
        children: [
          { tagName: 'circle', selector: 'badgeBody' },
          { tagName: 'text', selector: 'badgeText' },
          { tagName: 'title', selector: 'badgeTitle' },
        ],
      },
    ],
    portMarkup: [{ tagName: 'circle', selector: 'portHit' }, { tagName: 'circle', selector: 'portBody' }],
  },
);

export const cellNamespace = { ...shapes, ey: { Node: NodeShape } };

// type string → {accent}: the stripe colour; the icon is the catalogue's (`spec.icon`).
export const NODE_RENDERERS = new Map([
  ['producer', defaultRenderer('#4b5565')],
  ['s3.bucket', defaultRenderer('#3f8624')],
  ['sns.topic', defaultRenderer('#d6246e')],
  ['sqs.queue', defaultRenderer('#c7207d')],
  ['kinesis.stream', defaultRenderer('#7b4dd9')],
  ['lambda.function', defaultRenderer('#e07000')],
  ['eventbridge.bus', defaultRenderer('#c2185b')],
  ['eventbridge.rule', defaultRenderer('#ad1457')],
  ['eventbridge.apidestination', defaultRenderer('#8e1b52')],
  ['worker', defaultRenderer('#37628f')],
  ['dynamodb.table', defaultRenderer('#3b48cc')],
  ['cloudwatch.alarm', defaultRenderer('#b0206e')],
  ['pipes.pipe', defaultRenderer('#ad1457')],
  ['elasticache.cache', defaultRenderer('#c92a2a')],
  ['kinesisvideo.stream', defaultRenderer('#6a3fc4')],
  ['firehose.deliverystream', defaultRenderer('#8c4fff')],
  ['stepfunctions.statemachine', defaultRenderer('#e7157b')],
  ['schemas.registry', defaultRenderer('#b0085c')],
  ['kafka.topic', defaultRenderer('#5b3fc4')],
  ['flink.application', defaultRenderer('#6b3fa0')],
  ['mq.queue', defaultRenderer('#b0084d')],
  ['mq.topic', defaultRenderer('#b0084d')],
  ['mq.exchange', defaultRenderer('#e05c00')],
]);

function defaultRenderer(accent) {
  return (node, spec) => ({
    stripe: { fill: accent },
    icon: { href: spec?.icon || iconUrl(node.type) },
    kindLabel: { text: fitText(ROLE_TAGS[node.role] ? `${spec?.label || node.type} · ${ROLE_TAGS[node.role]}` : spec?.label || node.type, `11px ${FONT_FAMILY}`) },
  });
}

export function rendererFor(type) {
  return NODE_RENDERERS.get(type) || defaultRenderer('#5b6475');
}

// The element's attributes for a node (label via the text attribute: never markup). The
// label is never cut: it wraps onto two lines and the node widens as far as they need.
export function nodeAttrs(node, spec) {
  const label = String(node.label ?? node.id);
  const look = rendererFor(node.type)(node, spec);
  const { lines } = labelLayout(label);
  return {
    // Focusable, so Tab reaches every node and Enter selects it (canvas-input.js).
    root: {
      'data-node-id': node.id, 'data-node-type': node.type, 'data-role': node.role || null,
      tabindex: 0, role: 'button', 'aria-label': `${label}, ${spec?.label || node.type}`,
    },
    label: { text: lines.join('\n'), y: lines.length > 1 ? 'calc(0.5*h-9)' : 'calc(0.5*h-8)' },
    tooltip: { text: `${label} (${node.type}, id ${node.id})` },
    body: { stroke: ROLE_STROKES[node.role] || '#c5cad6', strokeDasharray: node.role ? '5 3' : null },
    ...look,
    kindLabel: { ...look.kindLabel, y: lines.length > 1 ? 'calc(0.5*h+22)' : 'calc(0.5*h+11)' },
  };
}

// A node's size: the standard card, taller when its label takes two lines, wider when
// even two lines need more room.
export function nodeSize(node) {
  return labelLayout(String(node.label ?? node.id)).size;
}

const LABEL_FONT = `600 14px ${FONT_FAMILY}`;
const TWO_LINE_HEIGHT = 78;
const layouts = new Map();

// {lines, size} for a label: one line when it fits the card, else the most even split in
// two (at a space, dash, underscore, dot, slash or colon when there is one).
export function labelLayout(label) {
  if (layouts.has(label)) return layouts.get(label);
  measurer.font = LABEL_FONT;
  const width = (text) => measurer.measureText(text).width;
  let result = { lines: [label], size: NODE_SIZE };
  if (width(label) > TEXT_WIDTH) {
    const [first, second] = evenSplit(label, width);
    const widest = Math.ceil(Math.max(width(first), width(second)));
    result = { lines: [first, second], size: { width: Math.max(NODE_SIZE.width, TEXT_LEFT + widest + 18), height: TWO_LINE_HEIGHT } };
  }
  if (layouts.size > 5000) layouts.clear();
  layouts.set(label, result);
  return result;
}

function evenSplit(label, width) {
  let cuts = [];
  for (let i = 1; i < label.length; i += 1) if (/[\s\-_./:]/.test(label[i - 1])) cuts.push(i);
  if (!cuts.length) cuts = Array.from({ length: label.length - 1 }, (_, i) => i + 1);
  let best = null;
  for (const cut of cuts) {
    const pair = [label.slice(0, cut).trimEnd(), label.slice(cut).trimStart()];
    const widest = Math.max(width(pair[0]), width(pair[1]));
    if (pair[0] && pair[1] && (!best || widest < best.widest)) best = { pair, widest };
  }
  return best ? best.pair : [label, ''];
}

// The text cut to the label's width with an ellipsis, measured in the font it is shown in.
const measurer = document.createElement('canvas').getContext('2d');
const fitted = new Map();

export function fitText(text, font, width = TEXT_WIDTH) {
  const key = `${font}|${text}`;
  if (fitted.has(key)) return fitted.get(key);
  measurer.font = font;
  let result = text;
  if (measurer.measureText(text).width > width) {
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (measurer.measureText(`${text.slice(0, mid)}…`).width <= width) low = mid;
      else high = mid - 1;
    }
    result = `${text.slice(0, low)}…`;
  }
  if (fitted.size > 5000) fitted.clear();
  fitted.set(key, result);
  return result;
}

export function nodePorts({ hasIn, hasOut }) {
  const items = [];
  if (hasIn) items.push({ id: 'in', group: 'in' });
  if (hasOut) items.push({ id: 'out', group: 'out' });
  return items;
}

export const EDGE_STYLES = new Map([
  ['publish', { stroke: '#4b5565' }],
  ['subscription', { stroke: '#d6246e' }],
  ['event-source', { stroke: '#e07000' }],
  ['dead-letter', { stroke: '#c62828', strokeDasharray: '6 4' }],
  ['destination', { stroke: '#b35c00', strokeDasharray: '2 3' }],
  ['notification', { stroke: '#3f8624' }],
  ['rule', { stroke: '#ad1457' }],
  ['target', { stroke: '#7b4dd9' }],
  ['alarm-action', { stroke: '#b0206e', strokeDasharray: '6 4' }],
  ['enrichment', { stroke: '#00897b', strokeDasharray: '4 3' }],
  ['idempotency', { stroke: '#3b48cc', strokeDasharray: '1 4' }],
  ['delivery', { stroke: '#3f8624' }],
  ['transform', { stroke: '#e07000', strokeDasharray: '4 3' }],
  ['task', { stroke: '#e7157b' }],
  ['discover', { stroke: '#b0085c', strokeDasharray: '2 4' }],
  ['binding', { stroke: '#e05c00' }],
]);

export function newLink() {
  return new shapes.standard.Link({
    attrs: { line: { stroke: '#7a8499', strokeWidth: 2, targetMarker: { type: 'path', d: 'M 8 -4 0 0 8 4 z' } } },
  });
}

export function edgeAttrs(edge) {
  const style = EDGE_STYLES.get(edge.kind) || { stroke: '#4b5565' };
  return {
    root: { 'data-edge-id': edge.id, 'data-edge-kind': edge.kind },
    line: { stroke: style.stroke, strokeWidth: 2, strokeDasharray: style.strokeDasharray || null,
      targetMarker: { type: 'path', d: 'M 9 -5 0 0 9 5 z', fill: style.stroke, stroke: style.stroke } },
    wrapper: { strokeWidth: 12 },
  };
}

export const LABEL_BOX = {
  ref: 'text', x: 'calc(x-4)', y: 'calc(y-2)', width: 'calc(w+8)', height: 'calc(h+4)',
  fill: '#ffffff', stroke: '#dde1ea', rx: 4, ry: 4,
};

// A wire's label: its kind, and for a state machine's task the state that calls it, for a
// RabbitMQ binding its binding key.
export function edgeText(edge) {
  const state = edge.kind === 'task' ? edge.props?.State : null;
  if (state) return `task · ${state}`;
  const key = edge.kind === 'binding' ? edge.props?.BindingKey : null;
  return key ? `binding · ${key}` : edge.kind;
}

export function edgeLabels(edge) {
  return [{
    position: { distance: 0.5, offset: -9 },
    attrs: {
      text: {
        text: edgeText(edge), fontSize: 10, fill: '#3b4252', fontFamily: FONT_FAMILY,
        stroke: '#f6f7fb', strokeWidth: 3, paintOrder: 'stroke', strokeLinejoin: 'round',
      },
      rect: { ...LABEL_BOX, fill: 'transparent', stroke: 'none' },
    },
  }];
}

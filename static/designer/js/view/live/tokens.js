// Messages moving along the wires: one SVG circle per token (`data-token` with the
// `data-edge-id` of its edge, `data-outcome` for its colour). They sit in an SVG of their
// own laid over the canvas, given the paper's transform, so they pan and zoom with the
// diagram. One requestAnimationFrame loop moves them all: each edge's path is sampled once
// into a lookup table (through JointJS's public link view API) and re-sampled only after
// the canvas redraws, so a frame costs one attribute write per token. (SVG's own
// animateMotion was measured too: with a thousand tokens starting and ending every second
// its timing bookkeeping cost more than this loop; README "Live runs".) Circles are
// pooled; one is in the DOM only while its token moves. TokenPlan decides which tokens
// there are (and samples past its cap).

import { cellId } from '../canvas.js';
import { TokenPlan } from '../../model/live/token-plan.js';

const SVG = 'http://www.w3.org/2000/svg';
const SAMPLES = 48; // points per edge path in the lookup table
const SPEED = 260; // px per second along a wire (at zoom 1)
const MIN_MS = 450;
const MAX_MS = 1600;
const DEFAULT_SPAN_MS = 50; // a frame's events are spread over the time until the next
const MAX_SPAN_MS = 250;
const STALE_MS = 1000;
// How far along the wire a token goes before it fades, by outcome (1: all the way); a
// throttled token goes most of the way and backs off.
const REACH = { filtered: 0.45, dropped: 0.55, throttled: 0.8 };

export class TokenLayer {
  constructor({ bus, canvas, cap = 1000 }) {
    this.bus = bus;
    this.canvas = canvas;
    this.plan = new TokenPlan({ cap });
    this.paths = new Map(); // edge id -> {points: Float32Array, length}, or null
    this.pool = [];
    this.lastFrameAt = 0;
    this.span = DEFAULT_SPAN_MS;
    this.overlay = document.createElementNS(SVG, 'svg');
    this.overlay.setAttribute('class', 'live-token-overlay');
    this.overlay.setAttribute('aria-hidden', 'true');
    this.layer = document.createElementNS(SVG, 'g');
    this.layer.setAttribute('data-tokens', '');
    this.overlay.append(this.layer);
    this.matrix = '';
    this.attachLayer();
    canvas.paper.on('transform', () => this.follow());
    const stale = () => this.paths.clear();
    canvas.graph.on('change add remove reset', stale);
    canvas.paper.on('render:done', stale);
    bus.on('live:events', ({ frame }) => this.ingest(frame));
    bus.on('live:cleared', () => this.clear());
    this.tick = this.tick.bind(this);
    this.running = false;
  }

  attachLayer() {
    if (this.overlay.parentNode !== this.canvas.el) this.canvas.el.append(this.overlay);
    this.follow();
  }

  // The overlay shows the diagram's coordinates as the paper does (zoom and pan).
  follow() {
    const { a, b, c, d, e, f } = this.canvas.paper.matrix();
    const matrix = `matrix(${a} ${b} ${c} ${d} ${e} ${f})`;
    if (matrix !== this.matrix) {
      this.matrix = matrix;
      this.layer.setAttribute('transform', matrix);
    }
  }

  ingest(frame) {
    const now = performance.now();
    if (this.lastFrameAt) {
      const gap = now - this.lastFrameAt;
      this.span = Math.min(MAX_SPAN_MS, 0.7 * this.span + 0.3 * gap);
    }
    this.lastFrameAt = now;
    // A step's frame (one event) starts at once; a stream spreads over the frame gap.
    const spanMs = (frame.events || []).length <= 1 ? 0 : this.span;
    this.plan.plan(frame, { now, spanMs, hasEdge: (id) => this.pathOf(id) !== null });
    this.bus.emit('live:sampling', { every: this.plan.sampling(now), tokens: this.plan.count() });
    this.start();
  }

  start() {
    if (this.running) return;
    this.running = true;
    requestAnimationFrame(this.tick);
  }

  tick(now) {
    this.attachLayer();
    for (const token of this.plan.due(now)) this.launch(token, now);
    const still = [];
    for (const token of this.plan.live) {
      if (token.el === null || !this.move(token, now)) this.land(token);
      else still.push(token);
    }
    this.plan.live = still;
    if (still.length || this.plan.pending.length) {
      requestAnimationFrame(this.tick);
    } else {
      this.running = false;
      this.bus.emit('live:sampling', { every: this.plan.sampling(), tokens: 0 });
    }
  }

  launch(token, now) {
    // Long overdue (the tab was hidden, so no frames ran): not worth drawing now.
    if (now - token.start > STALE_MS) return;
    const path = this.pathOf(token.edge);
    if (!path) return;
    token.path = path;
    token.duration = Math.min(MAX_MS, Math.max(MIN_MS, (path.length / SPEED) * 1000));
    token.begun = now;
    const el = this.pool.pop() || this.makeToken();
    el.setAttribute('data-edge-id', token.edge);
    el.setAttribute('data-outcome', token.outcome);
    el.removeAttribute('opacity');
    token.el = el;
    token.shown = token.outcome;
    this.layer.append(el);
  }

  makeToken() {
    const el = document.createElementNS(SVG, 'circle');
    el.setAttribute('r', '5');
    el.setAttribute('data-token', '');
    el.setAttribute('class', 'live-token');
    return el;
  }

  // Places a token for time `now`; false once it has arrived.
  move(token, now) {
    const progress = (now - token.begun) / token.duration;
    if (progress >= 1) return false;
    const reach = REACH[token.outcome] ?? 1;
    let along = progress * reach;
    if (token.outcome === 'throttled') along = progress < 0.6 ? (progress / 0.6) * reach : reach * (1 - (progress - 0.6) / 0.4) * 0.9;
    if (token.reverse) along = 1 - along;
    const { points } = token.path;
    const exact = along * SAMPLES;
    const index = Math.min(SAMPLES - 1, Math.floor(exact));
    const frac = exact - index;
    const x = points[2 * index] + (points[2 * index + 2] - points[2 * index]) * frac;
    const y = points[2 * index + 1] + (points[2 * index + 3] - points[2 * index + 1]) * frac;
    token.el.setAttribute('transform', `translate(${Math.round(x * 10) / 10} ${Math.round(y * 10) / 10})`);
    if (token.shown !== token.outcome) {
      token.el.setAttribute('data-outcome', token.outcome);
      token.shown = token.outcome;
    }
    if (reach < 1 && progress > 0.7) token.el.setAttribute('opacity', String(Math.round((1 - progress) * 33) / 10));
    return true;
  }

  land(token) {
    this.plan.finish(token);
    if (!token.el) return;
    token.el.remove();
    this.pool.push(token.el);
    token.el = null;
  }

  // The edge's path as a lookup table of SAMPLES + 1 points, or null without a drawn edge.
  pathOf(edgeId) {
    if (this.paths.has(edgeId)) return this.paths.get(edgeId);
    const cell = this.canvas.graph.getCell(cellId('edge', edgeId));
    const view = cell && this.canvas.paper.findViewByModel(cell);
    let path = null;
    const length = view?.getConnectionLength?.() || 0;
    if (length > 0) {
      const points = new Float32Array(2 * (SAMPLES + 1));
      for (let i = 0; i <= SAMPLES; i += 1) {
        const point = view.getPointAtLength((length * i) / SAMPLES);
        points[2 * i] = point.x;
        points[2 * i + 1] = point.y;
      }
      path = { points, length };
    }
    this.paths.set(edgeId, path);
    return path;
  }

  clear() {
    for (const token of this.plan.clear()) {
      if (token.el) {
        token.el.remove();
        this.pool.push(token.el);
      }
    }
    this.bus.emit('live:sampling', { every: 1, tokens: 0 });
  }

  liveCount() {
    return this.plan.live.length;
  }
}

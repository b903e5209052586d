// Zooming a large diagram: a zoom repaints every mounted cell each frame, and most of that
// is software rasterising of text. While a zoom is under way (until ZOOM_SETTLE_MS after its
// last step) only the cells in view, plus a margin, stay mounted (the paper's `viewport`
// callback, asked by its async render loop every frame), and below FAR_SCALE, where text is
// 7 px or less, text and icons are left out (editor.css, `data-zooming="far"`). Everything
// returns once the zoom settles.

const CULL_MARGIN = 200; // screen pixels around the view
const FAR_SCALE = 0.5;
const ZOOM_SETTLE_MS = 250;

export class ZoomCulling {
  constructor(paper, el) {
    Object.assign(this, { paper, el });
    this.zooming = false;
    this.area = null;
    paper.on('scale translate', () => {
      if (this.zooming) this.area = this.visibleArea();
    });
  }

  // Called before each zoom step with the scale it goes to.
  start(scale) {
    this.zooming = true;
    this.el.dataset.zooming = scale < FAR_SCALE ? 'far' : 'near';
    clearTimeout(this.settling);
    this.settling = setTimeout(() => {
      this.zooming = false;
      delete this.el.dataset.zooming;
    }, ZOOM_SETTLE_MS);
  }

  // The part of the diagram on screen, with the margin around it.
  visibleArea() {
    return this.paper.getArea().inflate(CULL_MARGIN / this.paper.scale().sx);
  }

  // Whether a cell stays mounted now (always, unless a zoom is under way).
  keeps(cell) {
    return !this.zooming || !this.area || this.area.intersect(cell.getBBox()) !== null;
  }
}

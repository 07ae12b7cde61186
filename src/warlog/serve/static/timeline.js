// Events per day on a canvas, with a brush: drag to pick a date range, double-click to clear.
// Days are binned to whole pixels, so ten years of data draw as fast as ten days.
"use strict";

W.Timeline = class {
  constructor(canvas, onBrush) {
    this.canvas = canvas;
    this.onBrush = onBrush;
    this.days = [];          // [{key: "YYYY-MM-DD", events: n}]
    this.brush = null;       // [fromX, toX] in CSS pixels while dragging or selected
    this.dragFrom = null;
    canvas.addEventListener("mousedown", (ev) => { this.dragFrom = this._x(ev); this.brush = [this.dragFrom, this.dragFrom]; this.draw(); });
    canvas.addEventListener("mousemove", (ev) => {
      if (this.dragFrom === null) return this._hover(ev);
      this.brush = [Math.min(this.dragFrom, this._x(ev)), Math.max(this.dragFrom, this._x(ev))];
      this.draw();
    });
    window.addEventListener("mouseup", () => {
      if (this.dragFrom === null) return;
      this.dragFrom = null;
      if (!this.brush || this.brush[1] - this.brush[0] < 2) { this.brush = null; this.draw(); return; }
      this.onBrush(this._day(this.brush[0]), this._day(this.brush[1]));
    });
    canvas.addEventListener("dblclick", () => { this.brush = null; this.draw(); this.onBrush(null, null); });
    window.addEventListener("resize", () => this.draw());
  }

  _x(ev) { const r = this.canvas.getBoundingClientRect(); return Math.max(0, Math.min(r.width, ev.clientX - r.left)); }

  _range() {
    if (!this.days.length) return null;
    const first = Date.parse(this.days[0].key), last = Date.parse(this.days[this.days.length - 1].key);
    return [first, Math.max(last, first + 86400000)];
  }

  _day(x) {
    const range = this._range();
    if (!range) return null;
    const t = range[0] + (x / this.canvas.clientWidth) * (range[1] - range[0]);
    return new Date(t).toISOString().slice(0, 10);
  }

  _hover(ev) {
    const day = this._day(this._x(ev));
    this.canvas.title = day ? day : "";
  }

  setData(days, selected) {
    this.days = days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.key));
    const range = this._range();
    this.brush = null;
    if (range && selected && (selected[0] || selected[1])) {
      const w = this.canvas.clientWidth, span = range[1] - range[0];
      const a = selected[0] ? (Date.parse(selected[0]) - range[0]) / span * w : 0;
      const b = selected[1] ? (Date.parse(selected[1]) - range[0]) / span * w : w;
      this.brush = [Math.max(0, a), Math.min(w, b)];
    }
    this.draw();
  }

  draw() {
    const c = this.canvas, ratio = window.devicePixelRatio || 1;
    const w = c.clientWidth, h = c.clientHeight;
    c.width = Math.round(w * ratio); c.height = Math.round(h * ratio);
    const g = c.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, h);
    const range = this._range();
    if (!range || w === 0) { g.fillStyle = "#888"; g.fillText("no dated events", 8, 20); return; }
    const bins = new Float64Array(Math.max(1, Math.floor(w)));
    const span = range[1] - range[0];
    for (const d of this.days) {
      const i = Math.min(bins.length - 1, Math.floor((Date.parse(d.key) - range[0]) / span * bins.length));
      bins[i] += d.events;
    }
    const max = Math.max(1, ...bins);
    g.fillStyle = "#4a6fa5";
    const plot = h - 14;
    for (let i = 0; i < bins.length; i++) {
      if (!bins[i]) continue;
      const bh = Math.max(1, bins[i] / max * plot);
      g.fillRect(i, plot - bh, 1, bh);
    }
    g.fillStyle = "#555"; g.font = "10px sans-serif";
    g.fillText(this.days[0].key, 2, h - 2);
    const lastLabel = this.days[this.days.length - 1].key;
    g.fillText(lastLabel, w - g.measureText(lastLabel).width - 2, h - 2);
    g.fillText(`max ${max}/px`, 2, 10);
    if (this.brush) {
      g.fillStyle = "rgba(255, 165, 0, 0.25)";
      g.fillRect(this.brush[0], 0, Math.max(1, this.brush[1] - this.brush[0]), plot);
    }
  }
};

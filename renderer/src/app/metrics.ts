/**
 * Drawing metrics the performance scripts read (see docs/workspace.md): how long each plot
 * raster took, a `postnet:panes-drawn` performance mark when input and output were first drawn
 * with data, and when each pane was last drawn with data (and what: its header). Bounded, so a
 * long session does not grow memory.
 */
import type { PaneKind } from './panes';

const MAX_SAMPLES = 4096;

export interface DrawMetrics {
  /** Milliseconds per plot draw (rasterise + blit), newest last. */
  drawMs: number[];
  /** performance.now() when input and output had both been drawn with data, or null. */
  panesDrawnAt: number | null;
  /** Per pane kind: performance.now() of its last draw with data, and the header it showed. */
  lastDrawn: Partial<Record<PaneKind, { at: number; header: string }>>;
}

const metrics: DrawMetrics = { drawMs: [], panesDrawnAt: null, lastDrawn: {} };

/** Called after every plot draw with data. */
export function recordDraw(kind: PaneKind, header: string, ms: number): void {
  const now = performance.now();
  metrics.drawMs.push(ms);
  if (metrics.drawMs.length > MAX_SAMPLES) metrics.drawMs.splice(0, metrics.drawMs.length - MAX_SAMPLES);
  metrics.lastDrawn[kind] = { at: now, header };
  if (metrics.panesDrawnAt !== null) return;
  if (metrics.lastDrawn.input && metrics.lastDrawn.output) {
    metrics.panesDrawnAt = now;
    performance.mark('postnet:panes-drawn');
  }
}

declare global {
  interface Window {
    /** Read by the end-to-end tests and the pan benchmark. */
    __postnetMetrics?: DrawMetrics;
  }
}
window.__postnetMetrics = metrics;

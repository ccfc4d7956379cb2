/**
 * Drawing metrics the performance scripts read (see docs/workspace.md): how long each plot
 * raster took, and a `postnet:panes-drawn` performance mark when input and output were first
 * drawn with data. Bounded, so a long session does not grow memory.
 */
import type { PaneKind } from './panes';

const MAX_SAMPLES = 4096;

export interface DrawMetrics {
  /** Milliseconds per plot draw (rasterise + blit), newest last. */
  drawMs: number[];
  /** performance.now() when input and output had both been drawn with data, or null. */
  panesDrawnAt: number | null;
}

const metrics: DrawMetrics = { drawMs: [], panesDrawnAt: null };
const drawnWithData = new Set<PaneKind>();

export function recordDraw(kind: PaneKind, ms: number, hadData: boolean): void {
  metrics.drawMs.push(ms);
  if (metrics.drawMs.length > MAX_SAMPLES) metrics.drawMs.splice(0, metrics.drawMs.length - MAX_SAMPLES);
  if (!hadData || metrics.panesDrawnAt !== null) return;
  drawnWithData.add(kind);
  if (drawnWithData.has('input') && drawnWithData.has('output')) {
    metrics.panesDrawnAt = performance.now();
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

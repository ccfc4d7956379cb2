/**
 * The e2e tests' draw metrics, collected in the page from the app's `postnet:draw` User Timing
 * measures (renderer/src/app/draw-timing.ts) by a PerformanceObserver that `launchApp` installs
 * before the page's own scripts run. The app ships no metrics of its own.
 */

/** Per pane kind, as the app names them in the measure's `detail.pane`. */
export type DrawnPane = 'clean' | 'input' | 'output' | 'residual' | 'layer' | 'window';

export interface DrawMetrics {
  /** Milliseconds per plot draw (rasterise + blit), newest last, at most 4096. */
  drawMs: number[];
  /** performance.now() when input and output had both been drawn with data, or null. */
  panesDrawnAt: number | null;
  /** Per pane: performance.now() at the end of its last draw with data, and the header it showed. */
  lastDrawn: Partial<Record<DrawnPane, { at: number; header: string }>>;
}

/**
 * Runs in the page (serialised by Playwright's addInitScript, so it must be self-contained):
 * observes the app's draw measures into `window.__e2eDrawMetrics`.
 */
export function installDrawProbe(): void {
  const metrics: DrawMetrics = { drawMs: [], panesDrawnAt: null, lastDrawn: {} };
  (window as unknown as Record<string, DrawMetrics>)['__e2eDrawMetrics'] = metrics;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'postnet:draw') continue;
      const { pane, header } = (entry as PerformanceMeasure).detail as { pane: DrawnPane; header: string };
      const at = entry.startTime + entry.duration;
      metrics.drawMs.push(entry.duration);
      if (metrics.drawMs.length > 4096) metrics.drawMs.splice(0, metrics.drawMs.length - 4096);
      metrics.lastDrawn[pane] = { at, header };
      if (metrics.panesDrawnAt === null && metrics.lastDrawn.input && metrics.lastDrawn.output) {
        metrics.panesDrawnAt = at;
      }
    }
  }).observe({ type: 'measure' });
}

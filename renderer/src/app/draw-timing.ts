/**
 * Every plot draw with data is a User Timing measure, `postnet:draw`, with its pane and header in
 * `detail`: DevTools' Performance panel shows them, and any PerformanceObserver sees them as they
 * happen (the e2e tests and the pan benchmark collect them: test/e2e/helpers/draw-probe.ts). The
 * entry is cleared from the page's timeline at once (observers still get it), so a long session
 * keeps nothing.
 */
import type { PaneKind } from './panes';

export const DRAW_MEASURE = 'postnet:draw';

/** What a `postnet:draw` measure carries in `detail`. */
export interface DrawDetail {
  pane: PaneKind;
  header: string;
}

/** Called after a plot draw with data that started at `startMs` (performance.now()). */
export function measureDraw(pane: PaneKind, header: string, startMs: number): void {
  const detail: DrawDetail = { pane, header };
  performance.measure(DRAW_MEASURE, { start: startMs, detail });
  performance.clearMeasures(DRAW_MEASURE);
}

import { describe, expect, it } from 'vitest';
import { fitView, MIN_FRAMES_PER_PIXEL } from '../../../renderer/src/render/view';
import {
  BAND_ZOOM_STEP,
  bandsAfter,
  bandsZoomed,
  createNavigationStores,
  fitted,
  panned,
  withBounds,
  zoomed,
  ZOOM_STEP,
} from '../../../renderer/src/state/navigation';
import type { Navigation } from '../../../renderer/src/state/navigation';
import { expectClose } from '../../helpers/close';

const bounds = { nFrames: 862, widthPx: 431 };
const fit: Navigation = { view: fitView(bounds), bounds };

describe('navigation: withBounds', () => {
  it('unchanged bounds without a refit return the same navigation (the store does not notify)', () => {
    const zoomedIn = zoomed(fit, 4);
    expect(withBounds(zoomedIn, { ...bounds }, false)).toBe(zoomedIn);
    const stores = createNavigationStores();
    const start = withBounds(stores.navigation.get(), bounds, true);
    stores.navigation.set(start);
    let notified = 0;
    stores.navigation.subscribe(() => notified++);
    stores.navigation.set(withBounds(stores.navigation.get(), { ...bounds }, false));
    expect(notified).toBe(0);
  });

  it('a refit with unchanged bounds still refits (a re-analysed input of the same length)', () => {
    const zoomedIn = zoomed(fit, 4);
    expect(withBounds(zoomedIn, bounds, true)).toEqual(fit);
  });

  it('a resize of a fitted view refits it to the new width', () => {
    const wider = { nFrames: 862, widthPx: 862 };
    expect(withBounds(fit, wider, false)).toEqual({
      view: { startFrame: 0, framesPerPixel: 1 },
      bounds: wider,
    });
  });

  it('a resize of a zoomed view keeps its zoom and clamps its start inside the data', () => {
    const atEnd = panned(zoomed(fit, 4), 10_000);
    const wider = { nFrames: 862, widthPx: 600 };
    const next = withBounds(atEnd, wider, false);
    expect(next.view.framesPerPixel).toBe(atEnd.view.framesPerPixel);
    expectClose(next.view.startFrame + 600 * next.view.framesPerPixel, 862);
  });

  it('fails clearly when a zoomed view outlives its frames: fewer frames clamp it, a refit fits them', () => {
    const late = panned(zoomed(fit, 4), 10_000);
    const fewer = { nFrames: 200, widthPx: 431 };
    const clamped = withBounds(late, fewer, false);
    expect(clamped.view.startFrame + 431 * clamped.view.framesPerPixel).toBeLessThanOrEqual(200 + 1e-9);
    expect(withBounds(late, fewer, true).view).toEqual(fitView(fewer));
  });
});

describe('navigation: zoomed, panned, fitted', () => {
  it('zooming in by ZOOM_STEP about the centre keeps the centre frame there', () => {
    const zoomedIn = zoomed(fit, ZOOM_STEP);
    expectClose(zoomedIn.view.framesPerPixel, fit.view.framesPerPixel / ZOOM_STEP);
    const centre = (n: Navigation) => n.view.startFrame + (n.bounds.widthPx / 2) * n.view.framesPerPixel;
    expectClose(centre(zoomedIn), centre(fit));
    expect(zoomedIn.bounds).toBe(fit.bounds);
  });

  it('zooming keeps the frame under the anchor where it is', () => {
    const zoomedIn = zoomed(fit, 3, 100);
    expectClose(zoomedIn.view.startFrame + 100 * zoomedIn.view.framesPerPixel, 100 * fit.view.framesPerPixel);
  });

  it('fails clearly when zooming past the limits: never beyond fit, never beyond 32 px per frame', () => {
    expect(zoomed(fit, 1 / ZOOM_STEP).view).toEqual(fit.view);
    expect(zoomed(fit, 1e6).view.framesPerPixel).toBe(MIN_FRAMES_PER_PIXEL);
  });

  it('panning moves the start by dx × frames per pixel, clamped to the data', () => {
    const zoomedIn = zoomed(fit, 4, 0);
    const moved = panned(zoomedIn, 50);
    expectClose(moved.view.startFrame, zoomedIn.view.startFrame + 50 * zoomedIn.view.framesPerPixel);
    expect(panned(zoomedIn, -1e6).view.startFrame).toBe(0);
    expect(panned(fit, 50).view).toEqual(fit.view);
  });

  it('fitted shows every frame again', () => {
    expect(fitted(panned(zoomed(fit, 8), 123)).view).toEqual(fit.view);
  });
});

describe('band zoom', () => {
  it('zooms in around the anchor band and back out to every band (null)', () => {
    const inMiddle = bandsZoomed(null, 2, 0.5, 80);
    expect(inMiddle).toEqual({ first: 20, count: 40 });
    // The band at the top of the plot stays at the top.
    expect(bandsZoomed(null, 2, 0, 80)).toEqual({ first: 40, count: 40 });
    expect(bandsZoomed(inMiddle, 1 / 2, 0.5, 80)).toBeNull();
    expect(bandsZoomed(inMiddle, 1 / 100, 0.5, 80)).toBeNull();
  });

  it('a tiny wheel step still changes the count by a band; no fewer than 4 bands', () => {
    expect(bandsZoomed(null, 1.001, 0.5, 80)?.count).toBe(79);
    expect(bandsZoomed(null, 1e6, 0.5, 80)?.count).toBe(4);
  });

  it('the commands: in and out by BAND_ZOOM_STEP around the middle, reset to all', () => {
    const once = bandsAfter(null, 'in', 80);
    expect(once?.count).toBe(Math.round(80 / BAND_ZOOM_STEP));
    expect(bandsAfter(once, 'out', 80)).toBeNull();
    expect(bandsAfter(once, 'reset', 80)).toBeNull();
    expect(bandsAfter(null, 'out', 80)).toBeNull();
    expect(bandsAfter(null, 'in', 0)).toBeNull(); // nothing open
  });
});

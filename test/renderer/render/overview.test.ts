import { describe, expect, it } from 'vitest';
import {
  frameAtOverviewPx,
  grabOffset,
  overviewBox,
  overviewKeyView,
  viewGrabbedAt,
  visibleFrames,
} from '../../../renderer/src/render/overview';
import { fitView, zoomAt } from '../../../renderer/src/render/view';
import type { TimeView } from '../../../renderer/src/render/view';

const bounds = { nFrames: 1000, widthPx: 500 };
/** 250 frames shown (0.5 frames per pixel), starting at frame 400. */
const zoomed: TimeView = { startFrame: 400, framesPerPixel: 0.5 };
const STRIP = 800;

describe('overview strip', () => {
  it('at fit the box is the whole strip', () => {
    expect(overviewBox(fitView(bounds), bounds, STRIP)).toEqual({ leftPx: 0, widthPx: STRIP });
    expect(visibleFrames(fitView(bounds), bounds)).toEqual({ first: 0, count: 1000 });
  });

  it('zoomed in, the box spans the visible frames on the strip’s scale', () => {
    expect(visibleFrames(zoomed, bounds)).toEqual({ first: 400, count: 250 });
    const box = overviewBox(zoomed, bounds, STRIP);
    expect(box.leftPx).toBeCloseTo(320, 9);
    expect(box.widthPx).toBeCloseTo(200, 9);
  });

  it('a box narrower than 2 px is drawn 2 px wide and stays inside the strip', () => {
    const long = { nFrames: 100_000, widthPx: 500 };
    const deep = zoomAt(fitView(long), 1e6, 500, long); // at the end, fully zoomed in: 15.6 frames
    const box = overviewBox(deep, long, STRIP);
    expect(box.widthPx).toBe(2);
    expect(box.leftPx + box.widthPx).toBeLessThanOrEqual(STRIP);
  });

  it('maps strip pixels to frames, clamped to the file', () => {
    expect(frameAtOverviewPx(400, 1000, STRIP)).toBe(500);
    expect(frameAtOverviewPx(-10, 1000, STRIP)).toBe(0);
    expect(frameAtOverviewPx(STRIP + 10, 1000, STRIP)).toBe(1000);
  });

  it('a press outside the box centres the view on it; inside, it grabs the box where it is', () => {
    expect(grabOffset(zoomed, bounds, 100)).toBe(125);
    expect(viewGrabbedAt(zoomed, bounds, 100, 125).startFrame).toBe(0); // clamped at the start
    expect(viewGrabbedAt(zoomed, bounds, 200, 125).startFrame).toBe(75);
    expect(grabOffset(zoomed, bounds, 450)).toBe(50);
    // Dragging the grabbed point 100 frames left moves the view 100 frames left.
    expect(viewGrabbedAt(zoomed, bounds, 350, 50)).toEqual({ startFrame: 300, framesPerPixel: 0.5 });
    // Never past the end.
    expect(viewGrabbedAt(zoomed, bounds, 2000, 50).startFrame).toBe(750);
  });

  it('keys: arrows by an eighth (Shift: half), Page Up / Down by a view, Home / End to the ends', () => {
    const start = (key: string, shift = false) => overviewKeyView(zoomed, bounds, key, shift)?.startFrame;
    expect(start('ArrowRight')).toBeCloseTo(431.25, 9);
    expect(start('ArrowLeft', true)).toBeCloseTo(275, 9);
    expect(start('PageDown')).toBe(650);
    expect(start('PageUp')).toBe(150);
    expect(start('Home')).toBe(0);
    expect(start('End')).toBe(750);
    expect(overviewKeyView(zoomed, bounds, 'x', false)).toBeNull();
  });
});

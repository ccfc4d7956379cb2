import { describe, expect, it } from 'vitest';
import {
  MIN_FRAMES_PER_PIXEL,
  clampView,
  fitView,
  frameAtPx,
  isFit,
  panBy,
  pxAtFrame,
  zoomAt,
} from '../../../renderer/src/render/view';

const bounds = { nFrames: 51_680, widthPx: 1000 };

describe('time view', () => {
  it('fit shows every frame', () => {
    const view = fitView(bounds);
    expect(view.startFrame).toBe(0);
    expect(view.framesPerPixel).toBeCloseTo(51.68, 12);
    expect(isFit(view, bounds)).toBe(true);
  });

  it('zoomAt keeps the frame under the cursor where it is', () => {
    const view = zoomAt(fitView(bounds), 4, 300, bounds);
    expect(view.framesPerPixel).toBeCloseTo(51.68 / 4, 12);
    expect(frameAtPx(view, 300)).toBeCloseTo(300 * 51.68, 9);
  });

  it('pan moves by pixels and stops at both ends', () => {
    const zoomed = zoomAt(fitView(bounds), 10, 0, bounds);
    const moved = panBy(zoomed, 100, bounds);
    expect(moved.startFrame - zoomed.startFrame).toBeCloseTo(100 * zoomed.framesPerPixel, 9);
    expect(panBy(zoomed, -1e9, bounds).startFrame).toBe(0);
    const end = panBy(zoomed, 1e9, bounds);
    expect(end.startFrame + bounds.widthPx * end.framesPerPixel).toBeCloseTo(bounds.nFrames, 6);
  });

  it('zoom stops at 32 px per frame and at fit', () => {
    expect(zoomAt(fitView(bounds), 1e9, 0, bounds).framesPerPixel).toBe(MIN_FRAMES_PER_PIXEL);
    expect(zoomAt(fitView(bounds), 1e-9, 0, bounds).framesPerPixel).toBeCloseTo(51.68, 12);
  });

  it('pxAtFrame inverts frameAtPx', () => {
    const view = { startFrame: 123.5, framesPerPixel: 0.25 };
    expect(pxAtFrame(view, frameAtPx(view, 77))).toBeCloseTo(77, 9);
  });

  it('fails clearly when a view is out of range: clampView pulls it back inside the data', () => {
    const clamped = clampView({ startFrame: -50, framesPerPixel: 1e6 }, bounds);
    expect(clamped.startFrame).toBe(0);
    expect(clamped.framesPerPixel).toBeCloseTo(51.68, 12);
  });
});

import { describe, expect, it } from 'vitest';
import {
  advance,
  followPlayhead,
  playSpan,
  playheadFrame,
  secondsAtFrame,
  startPosition,
  stepPosition,
  visibleSpan,
} from '../../../renderer/src/app/playback-math';

const clock = { secondsPerFrame: 0.01, originS: -0.005 };

describe('playback math', () => {
  it('advance: ends at the span end, or wraps inside the span when looping', () => {
    expect(advance(1, 0.5, { startS: 0, endS: 2 }, false)).toEqual({ positionS: 1.5, ended: false });
    expect(advance(1, 1.5, { startS: 0, endS: 2 }, false)).toEqual({ positionS: 2, ended: true });
    const looped = advance(1.5, 1, { startS: 1, endS: 2 }, true);
    expect(looped.ended).toBe(false);
    expect(looped.positionS).toBeCloseTo(1.5, 12);
  });

  it('Play starts at the play position inside the span, else at its start', () => {
    expect(startPosition(1.2, { startS: 1, endS: 2 })).toBe(1.2);
    expect(startPosition(2, { startS: 1, endS: 2 })).toBe(1);
    expect(startPosition(0.5, { startS: 1, endS: 2 })).toBe(1);
  });

  it('the play span is the clip, or the visible range clipped to it', () => {
    expect(playSpan(5, null)).toEqual({ startS: 0, endS: 5 });
    expect(playSpan(5, { startS: 4, endS: 7 })).toEqual({ startS: 4, endS: 5 });
    expect(playSpan(5, { startS: 6, endS: 7 })).toEqual({ startS: 0, endS: 5 });
  });

  it('the visible span in seconds, and frames ↔ seconds round trip', () => {
    const span = visibleSpan(
      { startFrame: 100, framesPerPixel: 0.5 },
      { nFrames: 1000, widthPx: 200 },
      clock,
    );
    expect(span.startS).toBeCloseTo(0.995, 12);
    expect(span.endS).toBeCloseTo(1.995, 12);
    expect(secondsAtFrame(playheadFrame(1.234, clock), clock)).toBeCloseTo(1.234, 12);
  });

  it('the view pages to the play position once it leaves the view, and stays while it is visible', () => {
    const view = { startFrame: 0, framesPerPixel: 1 };
    const bounds = { nFrames: 1000, widthPx: 100 };
    expect(followPlayhead(view, bounds, 50)).toBe(view);
    expect(followPlayhead(view, bounds, 120)).toEqual({ startFrame: 120, framesPerPixel: 1 });
    expect(followPlayhead(view, bounds, 950)).toEqual({ startFrame: 900, framesPerPixel: 1 });
  });

  it('Rewind / Fast Forward step to the time ruler’s notches within the clip', () => {
    const view = { startFrame: 0, framesPerPixel: 1 }; // 80 px = 0.8 s → 1 s notches
    expect(stepPosition(2.3, 1, view, clock, 10)).toBe(3);
    expect(stepPosition(2.3, -1, view, clock, 10)).toBe(2);
    expect(stepPosition(2, -1, view, clock, 10)).toBe(1);
    expect(stepPosition(9.5, 1, view, clock, 10)).toBe(10);
    expect(stepPosition(0.4, -1, view, clock, 10)).toBe(0);
  });
});

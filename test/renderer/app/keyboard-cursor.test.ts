import { describe, expect, it } from 'vitest';
import {
  cursorHover,
  cursorStart,
  rowsShowing,
  stepCursor,
  viewShowing,
} from '../../../renderer/src/app/keyboard-cursor';
import { isClick } from '../../../renderer/src/hooks/usePaneClick';
import { rowAtFractionIn } from '../../../renderer/src/render/row-window';
import { rowAtFraction } from '../../../renderer/src/render/pane-layout';
import { fitView, frameAtPx, zoomAt } from '../../../renderer/src/render/view';

const limits = { nFrames: 562, nRows: 80 };
const bounds = { nFrames: 562, widthPx: 781 };

describe('keyboard crosshair', () => {
  it('starts at the frame in the middle of the view and the middle band', () => {
    expect(cursorStart(fitView(bounds), bounds, limits)).toEqual({ frame: 281, row: 40 });
    const zoomed = zoomAt(fitView(bounds), 8, 100, bounds);
    const start = cursorStart(zoomed, bounds, limits);
    expect(start.frame).toBe(Math.floor(frameAtPx(zoomed, bounds.widthPx / 2)));
  });

  it('← → move one frame, ↑ ↓ one band (up is higher), Shift ten, Home / End to the ends', () => {
    const at = { frame: 100, row: 40 };
    expect(stepCursor(at, 'ArrowRight', false, limits)).toEqual({ frame: 101, row: 40 });
    expect(stepCursor(at, 'ArrowLeft', true, limits)).toEqual({ frame: 90, row: 40 });
    expect(stepCursor(at, 'ArrowUp', false, limits)).toEqual({ frame: 100, row: 41 });
    expect(stepCursor(at, 'ArrowDown', true, limits)).toEqual({ frame: 100, row: 30 });
    expect(stepCursor(at, 'Home', false, limits)).toEqual({ frame: 0, row: 40 });
    expect(stepCursor(at, 'End', false, limits)).toEqual({ frame: 561, row: 40 });
  });

  it('the hover it makes reads back as the same frame and band in every pane', () => {
    for (const row of [0, 1, 40, 79]) {
      const hover = cursorHover({ frame: 7, row }, limits.nRows);
      expect(hover.frame).toBe(7);
      expect(rowAtFraction(hover.yFraction, 80)).toBe(row);
    }
  });

  it('scrolls the view just enough to show the cursor, and leaves it when it is visible', () => {
    const zoomed = zoomAt(fitView(bounds), 16, 0, bounds);
    expect(viewShowing(zoomed, 3, bounds)).toBe(zoomed);
    const moved = viewShowing(zoomed, 400, bounds);
    expect(frameAtPx(moved, 0)).toBeLessThanOrEqual(400);
    expect(frameAtPx(moved, bounds.widthPx)).toBeGreaterThanOrEqual(401);
  });

  it('fails clearly at the edges: the cursor stops at the first and last frame and band', () => {
    expect(stepCursor({ frame: 0, row: 0 }, 'ArrowLeft', true, limits)).toEqual({ frame: 0, row: 0 });
    expect(stepCursor({ frame: 0, row: 0 }, 'ArrowDown', false, limits)).toEqual({ frame: 0, row: 0 });
    expect(stepCursor({ frame: 561, row: 79 }, 'ArrowRight', true, limits)).toEqual({ frame: 561, row: 79 });
    expect(stepCursor({ frame: 561, row: 79 }, 'ArrowUp', true, limits)).toEqual({ frame: 561, row: 79 });
  });

  it('fails clearly on other keys: null, so they reach the window’s shortcuts', () => {
    for (const key of ['+', '-', '0', 'l', 'Enter', 'PageUp']) {
      expect(stepCursor({ frame: 5, row: 5 }, key, false, limits)).toBeNull();
    }
  });
});

describe('keyboard crosshair under a band zoom', () => {
  const window = { first: 20, count: 10 };
  it('keeps the window while the row is inside it, else moves it just enough', () => {
    expect(rowsShowing(window, 25, 80)).toBe(window);
    expect(rowsShowing(null, 79, 80)).toBeNull();
    expect(rowsShowing(window, 30, 80)).toEqual({ first: 21, count: 10 });
    expect(rowsShowing(window, 5, 80)).toEqual({ first: 5, count: 10 });
  });

  it('puts the crosshair at the row’s centre inside the window, and reads it back', () => {
    const hover = cursorHover({ frame: 3, row: 29 }, 80, window);
    expect(hover.yFraction).toBeCloseTo(0.05, 9);
    expect(rowAtFractionIn(hover.yFraction, window)).toBe(29);
    expect(rowAtFractionIn(cursorHover({ frame: 3, row: 20 }, 80, window).yFraction, window)).toBe(20);
  });
});

describe('click or drag', () => {
  it('a press released within 4 px is a click; further is a drag', () => {
    expect(isClick({ x: 10, y: 10 }, { x: 12, y: 7 })).toBe(true);
    expect(isClick({ x: 10, y: 10 }, { x: 14, y: 10 })).toBe(true);
    expect(isClick({ x: 10, y: 10 }, { x: 13, y: 7 })).toBe(false);
    expect(isClick({ x: 10, y: 10 }, { x: 10, y: 30 })).toBe(false);
  });
});

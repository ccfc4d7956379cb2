import { describe, expect, it } from 'vitest';
import { initialBounds, MIN_HEIGHT, MIN_WIDTH } from '../../../electron/main/window-state';
import { windowTitle } from '../../../shared/host/io';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1080 };

describe('initialBounds', () => {
  it('restores saved bounds and the maximised state when they are on a display', () => {
    const saved = { x: 100, y: 50, width: 1400, height: 900, maximized: true };
    expect(initialBounds(saved, [SCREEN])).toEqual(saved);
  });

  it('centres the saved size when its display is gone (no x, y)', () => {
    const saved = { x: 3000, y: 50, width: 1400, height: 900, maximized: false };
    expect(initialBounds(saved, [SCREEN])).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('never opens below the minimum size, and uses defaults with nothing saved', () => {
    expect(initialBounds({ x: 0, y: 0, width: 300, height: 200, maximized: false }, [SCREEN])).toMatchObject({
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
    });
    expect(initialBounds(null, [SCREEN])).toEqual({ width: 1280, height: 800, maximized: false });
  });
});

describe('windowTitle', () => {
  it('puts the open file first: name — Postnet Studio', () => {
    expect(windowTitle('speech.wav')).toBe('speech.wav — Postnet Studio');
    expect(windowTitle(null)).toBe('Postnet Studio');
  });
});

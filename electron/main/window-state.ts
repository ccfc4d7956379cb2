/** Window geometry: restoring saved bounds only where a display can show them. */
import type { WindowState } from './app-state';

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
/** A saved window must keep at least this much of itself on some display to be restored there. */
const MIN_VISIBLE_PX = 64;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface InitialBounds {
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open with: the saved ones if they are still visible on one of `workAreas`
 * (displays change between runs), else the default size, centred. Never below the minimum size.
 */
export function initialBounds(saved: WindowState | null, workAreas: readonly Rect[]): InitialBounds {
  if (saved) {
    const size = { width: Math.max(MIN_WIDTH, saved.width), height: Math.max(MIN_HEIGHT, saved.height) };
    const rect = { x: saved.x, y: saved.y, ...size };
    const visible = workAreas.some((area) => {
      const shared = overlap(rect, area);
      return shared.width >= MIN_VISIBLE_PX && shared.height >= MIN_VISIBLE_PX;
    });
    if (visible) return { ...rect, maximized: saved.maximized };
    return { ...size, maximized: saved.maximized };
  }
  return { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, maximized: false };
}

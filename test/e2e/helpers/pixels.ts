/** Reading what a pane's canvas actually shows, to check drawing by pixels rather than by DOM. */
import type { Page } from 'playwright-core';
import type { PaneKindName } from './browser';

export interface CanvasStats {
  width: number;
  height: number;
  /** Distinct RGB colours among the sampled pixels. */
  distinctColours: number;
  /** Variance of luminance (0…255²) over the sampled pixels. */
  luminanceVariance: number;
}

export async function paneCanvasStats(page: Page, kind: PaneKindName): Promise<CanvasStats> {
  return page.evaluate((kind) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas.pane-plot[data-kind="${kind}"]`);
    if (!canvas) throw new Error(`no plot canvas for ${kind}`);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    let sum = 0;
    let sumSquares = 0;
    let n = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      const luminance = 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
      sum += luminance;
      sumSquares += luminance * luminance;
      n++;
    }
    const mean = sum / n;
    return {
      width: canvas.width,
      height: canvas.height,
      distinctColours: colours.size,
      luminanceVariance: sumSquares / n - mean * mean,
    };
  }, kind);
}

/** A short fingerprint of a canvas's pixels, to tell whether a redraw changed anything. */
export async function paneCanvasHash(page: Page, kind: PaneKindName): Promise<number> {
  return page.evaluate((kind) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas.pane-plot[data-kind="${kind}"]`);
    const data = canvas!.getContext('2d')!.getImageData(0, 0, canvas!.width, canvas!.height).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i]!, 16777619);
    return hash >>> 0;
  }, kind);
}

/**
 * Pixels of a pane's frame canvas (axes and colour bar) inside its colour bar's slot that are not
 * transparent: 0 when the pane draws no colour bar.
 */
export async function colourBarInk(page: Page, kind: PaneKindName): Promise<number> {
  return page.evaluate((kind) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas.pane-frame[data-kind="${kind}"]`);
    if (!canvas) throw new Error(`no frame canvas for ${kind}`);
    const ratio = canvas.width / canvas.clientWidth;
    // The colour bar sits 54 … 42 CSS px from the right edge (renderer/src/render/pane-layout.ts).
    const x = Math.round(canvas.width - 54 * ratio);
    const { data } = canvas.getContext('2d')!.getImageData(x, 0, Math.round(12 * ratio), canvas.height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
    return ink;
  }, kind);
}

/**
 * The time axis of the text microscope: the characters themselves under their frames (a space as
 * `␣`, an ARPAbet phoneme as `HH`), thinned to every n-th when they would overlap, each with its
 * index on a second line at every fifth. Pure ticks, then one canvas draw.
 */
import type { CanvasTheme } from './draw';
import type { Rect } from './pane-layout';
import type { TimeView } from './view';
import { pxAtFrame } from './view';

/** A symbol as the axis writes it: `␣` for the space, `HH` for `@HH`. */
export function charLabel(symbol: string): string {
  if (symbol === ' ') return '␣';
  return symbol.length > 1 && symbol.startsWith('@') ? symbol.slice(1) : symbol;
}

export interface CharTick {
  /** Centre of the character's frame, CSS px from the plot's left. */
  position: number;
  char: number;
  label: string;
}

/** The characters to label: every n-th, n the smallest step whose labels are `minSpacingPx` apart. */
export function charTicks(
  view: TimeView,
  widthPx: number,
  symbols: readonly string[],
  minSpacingPx = 14,
): CharTick[] {
  const pxPerChar = 1 / view.framesPerPixel;
  const longest = symbols.reduce((most, s) => Math.max(most, charLabel(s).length), 1);
  const spacing = Math.max(minSpacingPx, longest * 7 + 4);
  const step = Math.max(1, Math.ceil(spacing / pxPerChar));
  const ticks: CharTick[] = [];
  const first = Math.max(0, Math.floor(view.startFrame / step) * step);
  for (let char = first; char < symbols.length; char += step) {
    const position = pxAtFrame(view, char + 0.5);
    if (position > widthPx + 8) break;
    if (position < -8) continue;
    ticks.push({ position, char, label: charLabel(symbols[char]!) });
  }
  return ticks;
}

export function drawCharAxis(
  ctx: CanvasRenderingContext2D,
  rect: Rect,
  view: TimeView,
  symbols: readonly string[],
  theme: CanvasTheme,
): void {
  ctx.font = theme.font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.strokeStyle = theme.line;
  ctx.beginPath();
  ctx.moveTo(rect.x, rect.y + 0.5);
  ctx.lineTo(rect.x + rect.width, rect.y + 0.5);
  ctx.stroke();
  for (const tick of charTicks(view, rect.width, symbols)) {
    const x = Math.round(rect.x + tick.position) + 0.5;
    ctx.fillStyle = theme.text;
    ctx.fillText(tick.label, x, rect.y + 3);
    if (tick.char % 5 === 0) {
      ctx.fillStyle = theme.mutedText;
      ctx.fillText(String(tick.char), x, rect.y + 17);
    }
  }
  ctx.textAlign = 'left';
  ctx.fillStyle = theme.mutedText;
  ctx.fillText('char', rect.x + rect.width + 16, rect.y + 3);
}

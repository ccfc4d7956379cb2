/** Axis ticks at "nice" steps (1, 2, 5 × 10^k) for the time axis and the colour bar. */

export interface Tick {
  value: number;
  label: string;
}

/** The smallest step of the form {1, 2, 5} × 10^k that is at least `rawStep`. */
export function niceStep(rawStep: number): number {
  if (!(rawStep > 0) || !Number.isFinite(rawStep))
    throw new RangeError(`niceStep: step must be > 0, got ${rawStep}`);
  const power = Math.pow(10, Math.floor(Math.log10(rawStep)));
  for (const m of [1, 2, 5, 10]) if (m * power >= rawStep * (1 - 1e-9)) return m * power;
  return 10 * power;
}

/** Digits after the point that a step needs to print exactly (0.25 → 2, 5 → 0). */
export function decimalsFor(step: number): number {
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6)
    decimals++;
  return decimals;
}

/**
 * Ticks inside [lo, hi] at a nice step such that neighbours are at least `minSpacing` units apart
 * (callers pass pixels-per-unit converted to units).
 */
export function niceTicks(lo: number, hi: number, minSpacing: number, unit = ''): Tick[] {
  if (!(hi > lo)) return [];
  const step = niceStep(minSpacing);
  const decimals = decimalsFor(step);
  const ticks: Tick[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let i = first; i <= last; i++) {
    const value = i === 0 ? 0 : i * step;
    ticks.push({ value, label: `${value.toFixed(decimals)}${unit}` });
  }
  return ticks;
}

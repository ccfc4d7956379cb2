/** The middle value (the upper one of an even count): what the bench and the e2e timings quote. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) throw new Error('medianOf: no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, throttleProgress } from '../../../shared/jobs/progress';

describe('throttleProgress', () => {
  it('passes the first update at once and then at most one per interval (~10 per second)', () => {
    let now = 0;
    const seen: number[] = [];
    const report = throttleProgress(
      (n: number) => seen.push(n),
      PROGRESS_INTERVAL_MS,
      () => now,
    );
    for (let i = 0; i < 1000; i++) {
      report(i);
      now += 2; // 1000 updates over 2 s
    }
    expect(seen[0]).toBe(0);
    expect(seen.length).toBe(20);
    expect(seen[1]).toBe(50);
  });

  it('drops updates that come too soon after one that passed', () => {
    let now = 1000;
    const seen: string[] = [];
    const report = throttleProgress(
      (s: string) => seen.push(s),
      100,
      () => now,
    );
    report('a');
    now += 99;
    report('b');
    now += 1;
    report('c');
    expect(seen).toEqual(['a', 'c']);
  });
});

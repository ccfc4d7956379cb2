/**
 * Test-only ways to break the worker, so tests can prove a crash fails only the job in flight.
 * Reached only through a `fault` job on a worker started with `testFaults: true` (index.ts
 * hands `runFault` to the shared runner only then).
 */
import type { JobOf } from '../../shared/jobs/protocol';
import { assertNever } from '../../shared/errors';

export function runFault(job: JobOf<'fault'>): Promise<null> | null {
  switch (job.fault) {
    case 'exit':
      process.exit(3);
      break;
    case 'throw-async':
      setTimeout(() => {
        throw new Error('test fault: thrown from a timer');
      }, 0);
      return new Promise<null>(() => undefined);
    case 'hang': {
      const until = Date.now() + job.ms;
      while (Date.now() < until) {
        // Spins without checking the cancel flag: only terminate() stops it.
      }
      return null;
    }
    case 'grow-heap': {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array<number>(1 << 20).fill(hoard.length));
    }
    default:
      return assertNever(job, 'test fault');
  }
  return null;
}

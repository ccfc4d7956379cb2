/**
 * `npm run fuzz -- --seconds N [--seed S]`: the suite's fuzz properties (properties.ts) for N
 * seconds (default 60), each round a new seed; a failure prints the property, the seed and the
 * smallest input fast-check found, and the run exits 1. Replay one with `FUZZ_SEED=S npx vitest
 * run test/fuzz`.
 */
import fc from 'fast-check';
import { RUN_TARGET, TARGETS } from './properties';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const seconds = Number(option('seconds') ?? 60);
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error(`error: --seconds must be a positive number, got '${option('seconds')}'`);
  process.exit(2);
}
let seed = Number(option('seed') ?? Date.now() % 2 ** 31);
const deadline = Date.now() + seconds * 1000;
const ROUND = 100;
let cases = 0;
let failures = 0;
const started = Date.now();
while (Date.now() < deadline) {
  for (const { name, property } of [...TARGETS, RUN_TARGET]) {
    if (Date.now() >= deadline) break;
    const details = await fc.check(property as fc.IAsyncProperty<[unknown]>, { seed, numRuns: ROUND });
    cases += details.numRuns;
    if (details.failed) {
      failures++;
      console.log(
        `FAIL ${name} (seed ${seed}): ${fc.defaultReportMessage(details)?.split('\n').slice(0, 6).join('\n')}`,
      );
    }
  }
  seed = (seed + 1) % 2 ** 31;
}
const elapsed = ((Date.now() - started) / 1000).toFixed(0);
console.log(`fuzz: ${cases} cases in ${elapsed} s over ${TARGETS.length + 1} properties, ${failures} failed`);
process.exitCode = failures > 0 ? 1 : 0;

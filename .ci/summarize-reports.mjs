// Prints `N passed, N failed` summed over vitest JSON reports; a missing report counts as a
// failure so a suite that never ran cannot look green.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const path of process.argv.slice(2)) {
  if (!existsSync(path)) {
    console.error(`missing test report ${path}: that suite did not run`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  if ((report.numTotalTestSuites ?? 0) > 0 && report.success === false && report.numFailedTests === 0) {
    // A suite that failed to load (syntax error, missing module) has no failed tests: count it.
    failed += report.numFailedTestSuites ?? 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

// Prints `N passed, N failed` (always the last line) summed over vitest JSON reports:
//   node .ci/summarize-reports.mjs [--npm-test-status N] report.json…
// A missing report counts as a failure so a suite that never ran cannot look green. When npm
// test exited non-zero but no counted test failed (lint, typecheck, or vitest exiting 1 on an
// unhandled error while its JSON says success), that counts as one failure, said on a line first.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let npmTestStatus = 0;
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] !== '--npm-test-status') {
    paths.push(args[i]);
    continue;
  }
  const text = args[++i];
  if (text === undefined || !/^\d+$/.test(text)) {
    console.error(
      `--npm-test-status needs npm test's exit status (a whole number), got ${text ?? 'nothing'}`,
    );
    process.exit(2);
  }
  npmTestStatus = Number(text);
}

let passed = 0;
let failed = 0;
for (const path of paths) {
  if (!existsSync(path)) {
    console.log(`missing test report ${path}: that suite did not run`);
    failed += 1;
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.log(`unreadable test report ${path} (${error.message}): counted as a failure`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  if ((report.numTotalTestSuites ?? 0) > 0 && report.success === false && report.numFailedTests === 0) {
    // A suite that failed to load (syntax error, missing module) has no failed tests: count it.
    failed += report.numFailedTestSuites ?? 1;
  }
}
if (npmTestStatus !== 0 && failed === 0) {
  console.log(
    `npm test exited with status ${npmTestStatus} but no counted test failed: ` +
      'lint, typecheck or an error outside the tests (an unhandled error in vitest) failed it; see the log above',
  );
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/**
 * .ci/summarize-reports.mjs, run as CI runs it on fake vitest JSON reports: its last line is
 * always `N passed, N failed`, and a red `npm test` never summarises as 0 failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '..', '..', '.ci', 'summarize-reports.mjs');

interface FakeReport {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  success: boolean;
}

const green = (passed: number): FakeReport => ({
  numPassedTests: passed,
  numFailedTests: 0,
  numTotalTestSuites: 3,
  numFailedTestSuites: 0,
  success: true,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postnet-summarize-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function reportFile(name: string, report: FakeReport | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof report === 'string' ? report : JSON.stringify(report));
  return path;
}

function summarize(args: string[]): { lines: string[]; status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { lines: run.stdout.trimEnd().split('\n'), status: run.status, stderr: run.stderr };
}

describe('summarize-reports', () => {
  it('sums passed and failed tests over the reports when npm test passed', async () => {
    const unit = await reportFile('unit-green.json', green(120));
    const e2e = await reportFile('e2e-green.json', green(30));
    const { lines, status } = summarize(['--npm-test-status', '0', unit, e2e]);
    expect(lines).toEqual(['150 passed, 0 failed']);
    expect(status).toBe(0);
  });

  it('counts failed tests from the reports, and adds nothing for the status they explain', async () => {
    const unit = await reportFile('unit-red.json', { ...green(118), numFailedTests: 2, success: false });
    const e2e = await reportFile('e2e-green2.json', green(30));
    const { lines, status } = summarize(['--npm-test-status', '1', unit, e2e]);
    expect(lines).toEqual(['148 passed, 2 failed']);
    expect(status).toBe(1);
  });

  it('counts a non-zero npm test status as one failure when every counted test passed, and says so first', async () => {
    // vitest exits 1 on an unhandled error while its JSON says success; lint and typecheck
    // failures leave no failed test either.
    const unit = await reportFile('unit-green3.json', green(120));
    const e2e = await reportFile('e2e-green3.json', green(30));
    const { lines, status } = summarize(['--npm-test-status', '1', unit, e2e]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('npm test exited with status 1 but no counted test failed');
    expect(lines.at(-1)).toBe('150 passed, 1 failed');
    expect(status).toBe(1);
  });

  it('counts a missing report (the suite never ran) as a failure, with the summary still last', async () => {
    const unit = await reportFile('unit-green4.json', green(120));
    const { lines, status } = summarize(['--npm-test-status', '1', unit, join(dir, 'absent.json')]);
    expect(lines[0]).toContain('missing test report');
    expect(lines.at(-1)).toBe('120 passed, 1 failed');
    expect(status).toBe(1);
  });

  it('counts a suite that failed to load (no failed test, success false) as a failure', async () => {
    const unit = await reportFile('unit-load.json', {
      ...green(100),
      numFailedTestSuites: 1,
      success: false,
    });
    const { lines } = summarize(['--npm-test-status', '1', unit]);
    expect(lines).toEqual(['100 passed, 1 failed']);
  });

  it('counts an unreadable report as a failure instead of crashing before the summary', async () => {
    const unit = await reportFile('unit-broken.json', '{"numPassedTests": 12');
    const { lines, status } = summarize(['--npm-test-status', '0', unit]);
    expect(lines[0]).toContain('unreadable test report');
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
    expect(status).toBe(1);
  });

  it('fails clearly when --npm-test-status is not given a whole number', () => {
    const { status, stderr } = summarize(['--npm-test-status', 'oops', 'reports/unit.json']);
    expect(status).toBe(2);
    expect(stderr).toContain("--npm-test-status needs npm test's exit status (a whole number), got oops");
  });
});

/** Runs the CLI in-process through `main()` with stdout/stderr captured, in a scratch folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { main } from '../../electron/cli/main';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** `postnet-studio …argv`: the exit status and everything written to stdout and stderr. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    const status = await main(argv);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

/**
 * A temporary folder for one test file, removed after it. `file(name, bytes?)` gives a path in
 * it, writing the bytes first when given.
 */
export function useScratchFolder(prefix: string) {
  const scratch = { dir: '' };
  beforeAll(() => {
    scratch.dir = mkdtempSync(join(tmpdir(), `postnet-${prefix}-`));
  });
  afterAll(() => rmSync(scratch.dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());
  return {
    get dir(): string {
      return scratch.dir;
    },
    file(name: string, bytes?: Uint8Array): string {
      const path = join(scratch.dir, name);
      if (bytes) writeFileSync(path, bytes);
      return path;
    },
  };
}

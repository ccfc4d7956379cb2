import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** Static imports and re-exports that survive compilation (`import type` / `export type` are erased). */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.(ts|tsx|json)$/)) return candidate;
  }
  return null;
}

/** Every module reachable from `entry` and every bare (package or node:) specifier they import. */
function importGraph(entry: string): { modules: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || file.endsWith('.json')) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) {
        const target = resolveLocal(file, specifier);
        if (!target) throw new Error(`${relative(ROOT, file)}: cannot resolve '${specifier}'`);
        queue.push(target);
      } else if (!packages.has(specifier)) {
        packages.set(specifier, relative(ROOT, file));
      }
    }
  }
  return { modules: [...seen].map((file) => relative(ROOT, file)), packages };
}

const electronImports = (packages: Map<string, string>) =>
  [...packages]
    .filter(([name]) => name === 'electron' || name.startsWith('electron/'))
    .map(([n, f]) => `${f} → ${n}`);

describe('what each bundle pulls in', () => {
  it('the worker never imports electron (it runs in worker_threads, and tests run it without Electron)', () => {
    const { modules, packages } = importGraph('electron/worker/index.ts');
    expect(modules).toContain('shared/jobs/run-job.ts');
    expect(electronImports(packages)).toEqual([]);
  });

  it('both workers run the one shared runner; the browser worker reaches nothing of Node or Electron', () => {
    const browser = importGraph('renderer/src/host/browser/worker.ts');
    expect(browser.modules).toContain('shared/jobs/run-job.ts');
    expect(browser.modules).toContain('shared/jobs/serve.ts');
    expect(importGraph('electron/worker/index.ts').modules).toContain('shared/jobs/serve.ts');
    expect(
      browser.modules.filter((file) => !file.startsWith('shared/') && !file.startsWith('renderer/')),
    ).toEqual([]);
    const nodeOrElectron = [...browser.packages.keys()].filter(
      (name) => name.startsWith('node:') || name === 'electron' || name.startsWith('electron/'),
    );
    expect(nodeOrElectron).toEqual([]);
  });

  it('the CLI never imports electron (it runs with plain node)', () => {
    expect(electronImports(importGraph('electron/cli/index.ts').packages)).toEqual([]);
  });

  it('the worker owner and main’s host I/O never import electron (tests run them without Electron)', () => {
    for (const entry of ['electron/main/worker-owner.ts', 'electron/main/host-io.ts']) {
      expect(electronImports(importGraph(entry).packages)).toEqual([]);
    }
  });

  it('the sandboxed preload imports only electron, nothing from node', () => {
    const { packages } = importGraph('electron/preload/index.ts');
    const allowed = ['electron', 'fflate'];
    expect([...packages.keys()].filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it('fails clearly when a module reached from the worker imports electron (the check itself works)', () => {
    const { packages } = importGraph('electron/main/app.ts');
    expect(electronImports(packages).length).toBeGreaterThan(0);
  });
});

/**
 * Vitest global setup: builds the WASM conv1d kernel module if its sources changed (wasm/build.mjs
 * is a no-op when they did not), so `npx vitest run` works without going through an npm script.
 */
import { execFileSync } from 'node:child_process';

export function setup(): void {
  execFileSync(process.execPath, ['wasm/build.mjs'], { stdio: 'inherit' });
}

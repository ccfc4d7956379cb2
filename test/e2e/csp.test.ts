/**
 * The Content-Security-Policy as Chromium enforces it (shared/csp.ts). The production build, as
 * `npm run web` serves it, opens <head> with the production policy and refuses an injected inline
 * script. The renderer on the Vite dev server (`vite --config vite.web.config.ts`, the renderer
 * half of `npm run dev`) runs under the development policy with no violation and no console
 * error — where the production policy would block Vite's inline React-refresh preamble.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/csp';
import { launchApp, launchOnSample, paneHeader, waitFirstDraw, type App } from './helpers/browser';

const CONFIG = resolve(import.meta.dirname, '..', '..', 'vite.web.config.ts');

/** Records every CSP violation the page reports, from before its first script runs. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
}

const violations = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]);

const metaPolicy = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
  );

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('the production build (npm run web)', () => {
  it('opens <head> with <meta charset> and the production policy, before any script or style', async () => {
    const html = await (await fetch(inject('baseUrl'))).text();
    const head =
      /<head>\s*<meta charset="UTF-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(
        html,
      );
    expect(head, 'the first two elements of <head>').not.toBeNull();
    expect(head![1]!.replaceAll('&#39;', "'")).toBe(contentSecurityPolicy({ delivery: 'meta' }));
    expect(html.indexOf('<script')).toBeGreaterThan(head!.index + head![0].length);
  });

  it('fails clearly when a script is injected inline: the policy blocks it and the page reports the violation', async () => {
    app = await launchApp(inject('baseUrl'), { beforeLoad: recordViolations });
    await waitFirstDraw(app.page);
    expect(await violations(app.page)).toEqual([]);
    const ran = await app.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injectedRan = true;';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __injectedRan?: boolean }).__injectedRan ?? false;
    });
    expect(ran).toBe(false);
    expect(await violations(app.page)).toEqual(['script-src-elem inline']);
  });
});

describe('the renderer on the Vite dev server', () => {
  let server: ViteDevServer;
  let cacheDir = '';
  let url = '';

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'postnet-vite-cache-')); // a fresh clone has no pre-bundled deps
    server = await createServer({
      configFile: CONFIG,
      cacheDir,
      logLevel: 'warn',
      server: { host: '127.0.0.1', port: 0, strictPort: true },
    });
    await server.listen();
    url = server.resolvedUrls!.local[0]!;
  });

  afterAll(async () => {
    await server?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('renders the sample under the development policy with no CSP violation and no console error', async () => {
    app = await launchOnSample(url, { beforeLoad: recordViolations });
    expect(await paneHeader(app.page, 'input')).toContain('sample.wav');
    expect(await paneHeader(app.page, 'output')).toContain(
      'demo post-net (trained to undo decoder-like smoothing',
    );
    expect(await metaPolicy(app.page)).toBe(
      contentSecurityPolicy({ dev: { serverOrigin: null }, delivery: 'meta' }),
    );
    expect(await violations(app.page)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('fails clearly under the production policy: Vite’s inline preamble is blocked (why dev has its own)', async () => {
    const production = contentSecurityPolicy({ delivery: 'meta' });
    app = await launchApp(url, {
      beforeLoad: async (page) => {
        await recordViolations(page);
        await page.route(url, async (route) => {
          const response = await route.fetch();
          const html = (await response.text()).replace(
            /(<meta http-equiv="Content-Security-Policy" content=")[^"]*"/,
            `$1${production}"`,
          );
          await route.fulfill({ response, body: html });
        });
      },
    });
    await expect.poll(() => violations(app!.page), { timeout: 10_000 }).toContain('script-src-elem inline');
    expect(app.errors.join('\n')).toMatch(
      /violates the following Content Security Policy directive 'script-src 'self' 'wasm-unsafe-eval''/,
    );
  });
});

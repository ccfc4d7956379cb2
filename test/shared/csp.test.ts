/** The renderer's Content-Security-Policy (shared/csp.ts): one policy, as a header and as a <meta>. */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspMetaPlugin } from '../../shared/csp';

const PRODUCTION =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
  "object-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const directive = (policy: string, name: string) =>
  policy.split('; ').find((d) => d.split(' ')[0] === name) ?? null;

describe('contentSecurityPolicy', () => {
  it('production header: only our own origin, no inline or eval’d script, no objects, no frames', () => {
    expect(contentSecurityPolicy()).toBe(PRODUCTION);
  });

  it('the <meta> policy is the header’s without frame-ancestors (ignored in <meta>, with an error)', () => {
    const meta = contentSecurityPolicy({ delivery: 'meta' });
    expect(directive(meta, 'frame-ancestors')).toBeNull();
    expect(meta).toBe(PRODUCTION.replace(" frame-ancestors 'none';", ''));
  });

  it('development allows inline script (the React-refresh preamble) and names the HMR socket when known', () => {
    const dev = contentSecurityPolicy({ dev: { serverOrigin: 'http://localhost:5173' } });
    expect(directive(dev, 'script-src')).toBe("script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'");
    expect(directive(dev, 'connect-src')).toBe("connect-src 'self' ws://localhost:5173");
    const unknownOrigin = contentSecurityPolicy({ dev: { serverOrigin: null }, delivery: 'meta' });
    expect(directive(unknownOrigin, 'connect-src')).toBe("connect-src 'self'");
  });

  it('fails closed: no policy ever allows eval (only WebAssembly compilation), any host, or plain http(s) sources', () => {
    for (const policy of [
      contentSecurityPolicy(),
      contentSecurityPolicy({ delivery: 'meta' }),
      contentSecurityPolicy({ dev: { serverOrigin: 'http://localhost:5173' } }),
    ]) {
      expect(policy.replaceAll("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
      expect(policy).not.toMatch(/(^|\s)\*(\s|;|$)/);
      expect(policy).not.toMatch(/(^|\s)https?:(\s|;|$)/);
      expect(directive(policy, 'default-src')).toBe("default-src 'none'");
    }
  });
});

describe('cspMetaPlugin', () => {
  const { handler, order } = cspMetaPlugin().transformIndexHtml;
  const html =
    '<!doctype html><html><head>\n    <meta charset="UTF-8" />\n    <title>x</title></head></html>';

  it('a build gets the production policy; the charset and the policy open <head>, before anything else', () => {
    const { html: rest, tags } = handler(html, {});
    expect(order).toBe('post'); // after other plugins, so prepended before their tags
    expect(tags).toEqual([
      { tag: 'meta', attrs: { charset: 'UTF-8' }, injectTo: 'head-prepend' },
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicy({ delivery: 'meta' }),
        },
        injectTo: 'head-prepend',
      },
    ]);
    expect(rest).not.toMatch(/charset/i); // moved, not doubled
  });

  it('the dev server (context.server set) gets the development policy, not the production one', () => {
    const { tags } = handler(html, { server: {} });
    expect(tags[1]!.attrs['content']).toBe(
      contentSecurityPolicy({ dev: { serverOrigin: null }, delivery: 'meta' }),
    );
    expect(tags[1]!.attrs['content']).not.toBe(contentSecurityPolicy({ delivery: 'meta' }));
  });
});

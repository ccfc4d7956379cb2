/**
 * The renderer's Content-Security-Policy, stated once, and how it is delivered: Electron's main
 * sends it as a response header (electron/main/security.ts); the Vite configs put it into
 * index.html as a `<meta>` (`cspMetaPlugin`), so the browser host served by `npm run web` has
 * the same policy. Where both apply (Electron), the browser enforces both.
 */

export interface CspOptions {
  /**
   * Development (a Vite dev server): Vite's React-refresh preamble is an inline script, so
   * scripts may be inline; `serverOrigin`, when known, names the HMR socket (`'self'` already
   * covers a WebSocket to the page's own host and port in CSP 3 browsers).
   */
  dev?: { serverOrigin: string | null };
  /**
   * `meta` leaves out what a `<meta>` policy cannot carry: browsers ignore `frame-ancestors`
   * there and log an error. The header carries it.
   */
  delivery?: 'header' | 'meta';
}

/**
 * Production: only our own origin; no inline or eval'd script, no plugins, no frames, no
 * remote anything. `'wasm-unsafe-eval'` lets the page and its workers (a blob: or same-origin
 * worker takes the page's policy) compile the post-net's WebAssembly kernel (shared/backend/wasm);
 * it allows WebAssembly compilation only, not `eval` of script. Images, media and workers may also come from `blob:`/`data:` (the page makes
 * them itself).
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const { dev, delivery = 'header' } = options;
  const devSocket = dev?.serverOrigin ? ` ${dev.serverOrigin.replace(/^http/, 'ws')}` : '';
  const directives = [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'" : "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self'${devSocket}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-src 'none'",
    delivery === 'header' ? "frame-ancestors 'none'" : null,
    "base-uri 'none'",
    "form-action 'none'",
  ];
  return directives.filter((directive) => directive !== null).join('; ');
}

/** A tag as Vite's `transformIndexHtml` takes it (an `HtmlTagDescriptor`). */
export interface HeadTag {
  tag: 'meta';
  attrs: Record<string, string>;
  injectTo: 'head-prepend';
}

export function cspMetaTag(policy: string): HeadTag {
  return {
    tag: 'meta',
    attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
    injectTo: 'head-prepend',
  };
}

/** The part of a Vite plugin used here, written out so that shared/ does not import Vite. */
export interface CspMetaPlugin {
  name: string;
  transformIndexHtml: {
    order: 'post';
    handler: (html: string, context: { server?: unknown }) => { html: string; tags: HeadTag[] };
  };
}

const CHARSET_META = /<meta\s+charset=["']?utf-8["']?\s*\/?>\s*/i;

/**
 * A Vite plugin that opens `<head>` with `<meta charset>` then the policy, before any script or
 * style: the production policy in a build, the development one on the dev server
 * (`context.server` is set only there). `post`, so it lands before the tags other plugins
 * prepend (the React-refresh preamble), and the policy governs them too; the charset moves to
 * the front with it so it stays within the first 1024 bytes, as HTML requires.
 */
export function cspMetaPlugin(): CspMetaPlugin {
  return {
    name: 'postnet:csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) => {
        const dev = context.server ? { dev: { serverOrigin: null } } : {};
        const policy = contentSecurityPolicy({ delivery: 'meta', ...dev });
        const charset: HeadTag = { tag: 'meta', attrs: { charset: 'UTF-8' }, injectTo: 'head-prepend' };
        return { html: html.replace(CHARSET_META, ''), tags: [charset, cspMetaTag(policy)] };
      },
    },
  };
}

/**
 * Every security setting of the app, stated once: the renderer's web preferences, the content
 * security policy (shared/csp.ts, sent as a response header by our own protocol and added to the
 * dev server's responses), the `app://postnet` protocol that serves the built renderer (no file:// pages),
 * no remote requests, no navigation, no new windows, no webviews, no permissions, and the check
 * that an IPC call comes from our window's main frame at our own origin.
 * The file-level rule (the renderer reads only files the user gave) lives in grants.ts.
 */
import {
  app,
  protocol,
  type BrowserWindow,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type Session,
  type WebPreferences,
} from 'electron';
import { extname } from 'node:path';
import { contentSecurityPolicy } from '../../shared/csp';
import { isDevBuild } from './build-mode';
import { readAppFile, resolveInside } from './files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'postnet';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The one permission granted: writing plain text to the clipboard (a "copy" button); all others are denied. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: isDevBuild(),
  };
}

/**
 * The CSP header for the renderer's documents (the policy itself is shared/csp.ts): production,
 * or with `devServerOrigin` the development policy for the Vite dev server.
 */
export function cspHeader(devServerOrigin: string | null): string {
  return contentSecurityPolicy(devServerOrigin ? { dev: { serverOrigin: devServerOrigin } } : {});
}

/** True for a URL of our own renderer: `app://postnet/…`, or the dev server's origin in development. */
export function isOwnRendererUrl(url: string, devServerOrigin: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devServerOrigin !== null) return parsed.origin === new URL(devServerOrigin).origin;
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** Requests the renderer may make: our own origin, data:/blob:, DevTools; nothing remote. */
export function isAllowedRequestUrl(url: string, devServerOrigin: string | null): boolean {
  if (/^(data|blob|devtools):/i.test(url)) return true;
  if (isOwnRendererUrl(url, null)) return true;
  if (devServerOrigin === null) return false;
  const dev = new URL(devServerOrigin);
  try {
    const parsed = new URL(url);
    return parsed.host === dev.host && ['http:', 'ws:'].includes(parsed.protocol);
  } catch {
    return false;
  }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Before `ready`: `app:` behaves like https (standard, secure, fetch); cross-origin reads stay off. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Answers one `app://postnet/…` request from the built renderer folder, with the CSP header. */
export async function rendererResponse(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path =
    url.host === APP_HOST && request.method === 'GET'
      ? resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname)
      : null;
  const bytes = path ? await readAppFile(path) : null;
  if (!path || !bytes) return new Response('not found', { status: 404 });
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': contentTypeFor(path),
      'content-security-policy': cspHeader(null),
      'x-content-type-options': 'nosniff',
    },
  });
}

/** After `ready`: serve the built renderer on `app://postnet/`. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request));
}

/** Session-wide rules: no permissions, no remote requests, CSP on dev-server responses. */
export function hardenSession(session: Session, devServerOrigin: string | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) =>
    callback({ cancel: !isAllowedRequestUrl(details.url, devServerOrigin) }),
  );
  if (devServerOrigin) {
    session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) =>
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [cspHeader(devServerOrigin)],
        },
      }),
    );
  }
}

/** Every web contents the app ever creates: no navigation away, no new windows, no webviews. */
export function hardenAllWebContents(devServerOrigin: string | null): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isOwnRendererUrl(event.url, devServerOrigin)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isOwnRendererUrl(event.url, devServerOrigin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** True when an IPC message comes from `window`'s main frame showing our own renderer. */
export function isTrustedSender(
  event: IpcMainInvokeEvent | IpcMainEvent,
  window: BrowserWindow | null,
  devServerOrigin: string | null,
): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isOwnRendererUrl(frame.url, devServerOrigin);
}

import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeFrame, FakeWebContents } from './electron-stub';

const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
vi.mock('electron', () => electron);

const security = await import('../../../electron/main/security');
const { contentSecurityPolicy } = await import('../../../shared/csp');

describe('secureWebPreferences', () => {
  it('turns on isolation, the sandbox and web security, and node integration off everywhere', () => {
    expect(security.secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('cspHeader (the policy of shared/csp.ts as main sends it)', () => {
  it('allows only our own origin in production: no inline script, no eval (WebAssembly only), no objects, no frames', () => {
    const csp = security.cspHeader(null);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/); // WebAssembly compilation only, no eval
    expect(csp.replaceAll("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self';");
  });

  it('opens only what the dev server needs in development (inline preamble, HMR socket)', () => {
    const csp = security.cspHeader('http://localhost:5173');
    expect(csp).toContain("script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'");
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
  });
});

describe('URL rules', () => {
  it('recognises our renderer: app://postnet in a build, the dev server origin in development', () => {
    expect(security.isOwnRendererUrl('app://postnet/index.html', null)).toBe(true);
    expect(security.isOwnRendererUrl('app://evil/index.html', null)).toBe(false);
    expect(security.isOwnRendererUrl('file:///app/out/renderer/index.html', null)).toBe(false);
    expect(security.isOwnRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(security.isOwnRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(security.isOwnRendererUrl('not a url', null)).toBe(false);
  });

  it('blocks every remote request, allowing our origin, data:, blob: and the dev server', () => {
    expect(security.isAllowedRequestUrl('https://example.com/x.js', null)).toBe(false);
    expect(security.isAllowedRequestUrl('file:///etc/passwd', null)).toBe(false);
    expect(security.isAllowedRequestUrl('app://postnet/assets/a.js', null)).toBe(true);
    expect(security.isAllowedRequestUrl('data:image/png;base64,AA', null)).toBe(true);
    expect(security.isAllowedRequestUrl('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(security.isAllowedRequestUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'postnet-renderer-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'index.js'), 'export {}');
    await writeFile(join(root, '..', `${root.split('/').pop()}-secret.txt`), 'secret');
  });
  afterAll(async () => {
    await rm(join(root, '..', `${root.split('/').pop()}-secret.txt`), { force: true });
    await rm(root, { recursive: true, force: true });
  });

  it('serves the built renderer with its content type and the CSP header', async () => {
    const response = await security.rendererResponse(root, new Request('app://postnet/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(security.cspHeader(null));
    const script = await security.rendererResponse(root, new Request('app://postnet/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('fails clearly (404) for files outside the renderer, other hosts, other methods and missing files', async () => {
    const secret = `app://postnet/..%2F${root.split('/').pop()}-secret.txt`;
    for (const request of [
      new Request(secret),
      new Request('app://other/index.html'),
      new Request('app://postnet/index.html', { method: 'POST', body: 'x' }),
      new Request('app://postnet/missing.js'),
    ]) {
      expect((await security.rendererResponse(root, request)).status).toBe(404);
    }
  });

  it('registers app: as a standard, secure scheme without CORS for other origins', () => {
    security.registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });
});

describe('hardenSession', () => {
  it('denies permissions except writing text to the clipboard, and cancels remote requests', () => {
    const session = electron.session.defaultSession;
    security.hardenSession(session as never, null);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    const answers: boolean[] = [];
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-sanitized-write',
    ]) {
      request(null, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, true]);
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string) => boolean;
    expect(check(null, 'media')).toBe(false);
    const beforeRequest = session.webRequest.onBeforeRequest.mock.calls[0]![1] as (
      d: { url: string },
      cb: (r: { cancel: boolean }) => void,
    ) => void;
    const cancelled: boolean[] = [];
    beforeRequest({ url: 'https://cdn.example.com/lib.js' }, (r) => cancelled.push(r.cancel));
    beforeRequest({ url: 'app://postnet/assets/a.js' }, (r) => cancelled.push(r.cancel));
    expect(cancelled).toEqual([true, false]);
  });

  it('in development adds the development policy as a header to the dev server’s responses only', () => {
    const session = electron.session.defaultSession;
    session.webRequest.onHeadersReceived.mockClear();
    security.hardenSession(session as never, 'http://localhost:5173');
    const [filter, listener] = session.webRequest.onHeadersReceived.mock.calls[0]! as [
      { urls: string[] },
      (d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void,
    ];
    expect(filter).toEqual({ urls: ['http://localhost:5173/*'] });
    let answer: unknown;
    listener({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (answer = r));
    expect(answer).toEqual({
      responseHeaders: {
        'content-type': ['text/html'],
        'Content-Security-Policy': [
          contentSecurityPolicy({ dev: { serverOrigin: 'http://localhost:5173' } }),
        ],
      },
    });
  });

  it('in production rewrites no response headers (app:// responses carry the policy themselves)', () => {
    const session = electron.session.defaultSession;
    session.webRequest.onHeadersReceived.mockClear();
    security.hardenSession(session as never, null);
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });
});

describe('hardenAllWebContents', () => {
  it('denies navigation away, new windows and webviews in every web contents', () => {
    security.hardenAllWebContents(null);
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const away = { url: 'https://example.com/', preventDefault: vi.fn() };
    const home = { url: 'app://postnet/index.html', preventDefault: vi.fn() };
    contents.emit('will-navigate', away);
    contents.emit('will-navigate', home);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('isTrustedSender', () => {
  const window = () => {
    const contents = new FakeWebContents();
    return { webContents: contents, isDestroyed: () => false };
  };

  it('accepts our window’s main frame at our origin', () => {
    const win = window();
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(security.isTrustedSender(event as never, win as never, null)).toBe(true);
  });

  it('fails clearly (false) for a subframe, another page, another window or no window', () => {
    const win = window();
    const sub = {
      sender: win.webContents,
      senderFrame: new FakeFrame('app://postnet/x.html', win.webContents.mainFrame),
    };
    const elsewhere = { sender: win.webContents, senderFrame: new FakeFrame('https://evil.example/', null) };
    const other = { sender: new FakeWebContents(), senderFrame: win.webContents.mainFrame };
    const gone = { sender: win.webContents, senderFrame: null };
    for (const event of [sub, elsewhere, other, gone]) {
      expect(security.isTrustedSender(event as never, win as never, null)).toBe(false);
    }
    expect(
      security.isTrustedSender(
        { sender: win.webContents, senderFrame: win.webContents.mainFrame } as never,
        null,
        null,
      ),
    ).toBe(false);
  });
});

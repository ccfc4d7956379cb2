/**
 * `npm start`'s decisions (scripts/launch/plan.mjs) with stubbed facts and effects: the binary
 * present, fetched (the online path) or not fetchable (offline: the browser host), and Chromium's
 * sandbox on Linux (root, SUID helper, disabled user namespaces, Ubuntu 24.04's AppArmor).
 */
import { describe, expect, it } from 'vitest';
import {
  browserCommand,
  cannotFetchLine,
  electronBinary,
  fetchFailureReason,
  launch,
  sandboxCheck,
  sandboxFailed,
  type BinaryFacts,
  type LaunchEffects,
  type SandboxFacts,
} from '../../scripts/launch/plan.mjs';

const INSTALLED: BinaryFacts = {
  version: '45.5.0',
  platformPath: 'electron',
  pathTxt: 'electron',
  distVersion: 'v45.5.0',
  executableExists: true,
};
const MISSING: BinaryFacts = { ...INSTALLED, pathTxt: null, distVersion: null, executableExists: false };

const SANDBOX = '/repo/node_modules/electron/dist/chrome-sandbox';
const USERNS_OK: SandboxFacts = {
  platform: 'linux',
  uid: 1000,
  sandboxPath: SANDBOX,
  sandboxStat: { uid: 1000, mode: 0o100755 },
  maxUserNamespaces: 63_000,
  unprivilegedUsernsClone: null,
  apparmorRestrictsUserns: null,
};

/** What the installer prints offline: Node's fetch error and its stack. */
const OFFLINE_STDERR = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///repo/node_modules/@electron/get/dist/FetchDownloader.js:46:30)
`;

describe('electronBinary (the installer’s own test)', () => {
  it('is present when path.txt, dist/version and the executable agree', () => {
    expect(electronBinary(INSTALLED)).toEqual({ present: true });
  });

  it.each([
    [MISSING, 'not downloaded yet'],
    [{ ...INSTALLED, pathTxt: 'electron.exe' }, 'installed for another platform (electron.exe)'],
    [{ ...INSTALLED, distVersion: '44.0.0' }, 'dist/ holds version 44.0.0, not 45.5.0'],
    [{ ...INSTALLED, executableExists: false }, 'dist/electron is missing'],
  ])('is absent: %j → %s', (facts, reason) => {
    expect(electronBinary(facts)).toEqual({ present: false, reason });
  });
});

describe('why the installer failed, in a few words', () => {
  it.each([
    [OFFLINE_STDERR, 'offline: fetch failed'],
    [
      'HTTPError: Response code 404 (Not Found) for https://mirror.invalid/v45.5.0/electron-v45.5.0-linux-x64.zip\n    at x',
      'Response code 404 (Not Found)',
    ],
    [
      'Error: Generated checksum for "electron.zip" did not match expected checksum.\n    at y',
      'Generated checksum for "electron.zip" did not match expected checksum.',
    ],
    ['', 'the installer failed'],
  ])('%j → %s', (stderr, reason) => {
    expect(fetchFailureReason(stderr)).toBe(reason);
  });

  it('says it in one line, with the mirror variable and npm run web', () => {
    const line = cannotFetchLine('45.5.0', 'offline: fetch failed');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('ELECTRON_MIRROR');
    expect(line).toContain('npm run web');
    expect(line).toContain('in your browser instead');
  });
});

describe('sandboxCheck', () => {
  it('is ok off Linux, and on Linux with user namespaces', () => {
    expect(sandboxCheck({ ...USERNS_OK, platform: 'darwin', uid: 0 })).toEqual({ status: 'ok' });
    expect(sandboxCheck(USERNS_OK)).toEqual({ status: 'ok' });
  });

  it('is ok with namespaces off when chrome-sandbox is root-owned with mode 4755', () => {
    const suid = { ...USERNS_OK, maxUserNamespaces: 0, sandboxStat: { uid: 0, mode: 0o104755 } };
    expect(sandboxCheck(suid)).toEqual({ status: 'ok' });
  });

  it('is blocked as root, saying to run as one’s own user', () => {
    const check = sandboxCheck({ ...USERNS_OK, uid: 0 });
    expect(check).toMatchObject({
      status: 'blocked',
      line: expect.stringContaining('run npm start as your own user'),
    });
  });

  it('is blocked with user namespaces disabled and no SUID helper, giving the chown/chmod fix', () => {
    const check = sandboxCheck({ ...USERNS_OK, unprivilegedUsernsClone: 0 });
    expect(check).toEqual({
      status: 'blocked',
      line:
        "npm start: Electron's sandbox cannot start: unprivileged user namespaces are disabled on this system and " +
        `${SANDBOX} is not owned by root with mode 4755; fix it once with: sudo chown root:root ${SANDBOX} && ` +
        `sudo chmod 4755 ${SANDBOX} (or use npm run web). Opening the same window in your browser instead.`,
    });
  });

  it('is doubtful under Ubuntu 24.04’s AppArmor restriction (a profile may allow it): the fix and the profile', () => {
    const check = sandboxCheck({ ...USERNS_OK, apparmorRestrictsUserns: 1 });
    expect(check.status).toBe('doubtful');
    expect(check).toMatchObject({
      line: expect.stringMatching(
        /kernel\.apparmor_restrict_unprivileged_userns = 1.*sudo chmod 4755 .*AppArmor profile/,
      ),
    });
  });

  it('recognises Chromium aborting on its sandbox, and nothing else', () => {
    const suidAbort =
      "FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now.";
    expect(sandboxFailed({ code: 133, stderr: suidAbort, uptimeMs: 400 })).toBe(true);
    expect(sandboxFailed({ code: 1, stderr: 'Error: Cannot find module', uptimeMs: 400 })).toBe(false);
    expect(sandboxFailed({ code: 0, stderr: suidAbort, uptimeMs: 400 })).toBe(false);
  });
});

describe('browserCommand', () => {
  const url = 'http://127.0.0.1:4173/';
  it('uses the platform’s opener, or none without a display, in CI or with BROWSER=none', () => {
    expect(browserCommand('darwin', {}, url)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand('win32', {}, url)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
    expect(browserCommand('linux', { DISPLAY: ':0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand('linux', {}, url)).toBeNull();
    expect(browserCommand('linux', { DISPLAY: ':0', CI: 'true' }, url)).toBeNull();
    expect(browserCommand('darwin', { BROWSER: 'none' }, url)).toBeNull();
  });
});

/** Effects that record what `launch` did; `facts` is what binaryFacts returns on each call. */
function stubs(options: {
  facts: BinaryFacts[];
  fetch?: { ok: boolean; stderr: string };
  sandbox?: SandboxFacts;
  electronExit?: { code: number | null; stderr: string; uptimeMs: number };
}) {
  const did: string[] = [];
  const lines: string[] = [];
  let call = 0;
  const effects: LaunchEffects = {
    binaryFacts: () => options.facts[Math.min(call++, options.facts.length - 1)]!,
    fetchElectron: async (version) => (
      did.push(`fetch ${version}`),
      options.fetch ?? { ok: true, stderr: '' }
    ),
    sandboxFacts: () => options.sandbox ?? USERNS_OK,
    buildApp: async () => (did.push('build'), true),
    runElectron: async () => (
      did.push('electron'),
      options.electronExit ?? { code: 0, stderr: '', uptimeMs: 60_000 }
    ),
    serveInBrowser: async () => void did.push('browser'),
    say: (line) => void lines.push(line),
  };
  return { effects, did, lines };
}

describe('launch', () => {
  it('binary present: builds and runs Electron, nothing fetched, nothing said', async () => {
    const { effects, did, lines } = stubs({ facts: [INSTALLED] });
    expect(await launch(effects)).toBe(0);
    expect(did).toEqual(['build', 'electron']);
    expect(lines).toEqual([]);
  });

  it('online: fetches the missing binary with the installer, then builds and runs Electron', async () => {
    const { effects, did, lines } = stubs({ facts: [MISSING, MISSING, INSTALLED] });
    expect(await launch(effects)).toBe(0);
    expect(did).toEqual(['fetch 45.5.0', 'build', 'electron']);
    expect(lines).toEqual([]);
  });

  it('offline: one line, then the browser host; Electron is neither built nor run', async () => {
    const { effects, did, lines } = stubs({ facts: [MISSING], fetch: { ok: false, stderr: OFFLINE_STDERR } });
    expect(await launch(effects)).toBe(0);
    expect(did).toEqual(['fetch 45.5.0', 'browser']);
    expect(lines).toEqual([cannotFetchLine('45.5.0', 'offline: fetch failed')]);
  });

  it('an installer that exits 0 without installing counts as not fetched', async () => {
    const { effects, did, lines } = stubs({ facts: [MISSING] });
    await launch(effects);
    expect(did).toEqual(['fetch 45.5.0', 'browser']);
    expect(lines).toEqual([cannotFetchLine('45.5.0', 'not downloaded yet')]);
  });

  it('sandbox certain to fail: its line, then the browser host', async () => {
    const sandbox = { ...USERNS_OK, maxUserNamespaces: 0 };
    const { effects, did, lines } = stubs({ facts: [INSTALLED], sandbox });
    await launch(effects);
    expect(did).toEqual(['browser']);
    expect(lines).toEqual([(sandboxCheck(sandbox) as { line: string }).line]);
  });

  it('sandbox doubtful and Electron aborting on it: the AppArmor line, then the browser host', async () => {
    const sandbox = { ...USERNS_OK, apparmorRestrictsUserns: 1 };
    const electronExit = { code: 133, stderr: 'No usable sandbox! Update your kernel', uptimeMs: 900 };
    const { effects, did, lines } = stubs({ facts: [INSTALLED], sandbox, electronExit });
    expect(await launch(effects)).toBe(0);
    expect(did).toEqual(['build', 'electron', 'browser']);
    expect(lines).toEqual([(sandboxCheck(sandbox) as { line: string }).line]);
  });

  it('Electron failing otherwise: its exit status, no fallback', async () => {
    const electronExit = { code: 3, stderr: 'Error: something else', uptimeMs: 900 };
    const { effects, did } = stubs({ facts: [INSTALLED], electronExit });
    expect(await launch(effects)).toBe(3);
    expect(did).toEqual(['build', 'electron']);
  });
});

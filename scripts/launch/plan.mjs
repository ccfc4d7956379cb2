// @ts-check
// What `npm start` does, decided from facts gathered elsewhere (facts.mjs) so that every branch is
// tested with stubs (test/scripts/launch-plan.test.ts): is the Electron binary there, could it be
// fetched, will its sandbox start on this Linux, or does the app open in the browser instead.

/**
 * @typedef {object} BinaryFacts
 * @property {string} version          the electron package's version (45.5.0)
 * @property {string} platformPath     where its installer puts the executable inside dist/
 * @property {string | null} pathTxt   node_modules/electron/path.txt, or null when missing
 * @property {string | null} distVersion node_modules/electron/dist/version, or null
 * @property {boolean} executableExists whether dist/<platformPath> (or the override) exists
 */

/**
 * Whether Electron's binary is installed, by its installer's own test (install.js isInstalled):
 * path.txt names this platform's executable, dist/version is the package's, the file exists.
 * @param {BinaryFacts} facts
 * @returns {{ present: true } | { present: false, reason: string }}
 */
export function electronBinary(facts) {
  if (facts.pathTxt === null) return { present: false, reason: 'not downloaded yet' };
  if (facts.pathTxt !== facts.platformPath) {
    return { present: false, reason: `installed for another platform (${facts.pathTxt})` };
  }
  if (facts.distVersion?.replace(/^v/, '') !== facts.version) {
    return {
      present: false,
      reason: `dist/ holds version ${facts.distVersion ?? 'none'}, not ${facts.version}`,
    };
  }
  if (!facts.executableExists) return { present: false, reason: `dist/${facts.platformPath} is missing` };
  return { present: true };
}

/** Texts in the installer's output that mean no network or no mirror answering. */
const OFFLINE =
  /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up/;

/**
 * Why the installer failed, in a few words, from its stderr (it prints an error's stack): the
 * error's message without URLs, `offline` when it could reach nothing.
 * @param {string} stderr
 * @returns {string}
 */
export function fetchFailureReason(stderr) {
  const line =
    stderr.split('\n').find((text) => /^\s*(\w*Error|Error)\b.*:/.test(text)) ?? stderr.split('\n')[0] ?? '';
  const message = line
    .replace(/^\s*\w*Error:\s*/, '')
    .replace(/\s+(for|at)\s+\S+:\/\/\S+/g, '')
    .trim();
  if (OFFLINE.test(stderr)) return `offline: ${message || 'no connection'}`;
  return message || 'the installer failed';
}

/**
 * The one line printed when Electron cannot be had, before the browser fallback.
 * @param {string} version
 * @param {string} reason
 * @returns {string}
 */
export function cannotFetchLine(version, reason) {
  return (
    `npm start: Electron ${version}'s binary could not be fetched (${reason}); set ELECTRON_MIRROR to a mirror of ` +
    "Electron's releases and run npm start again, or use npm run web. Opening the same window in your browser instead."
  );
}

/**
 * @typedef {object} SandboxFacts
 * @property {NodeJS.Platform} platform
 * @property {number | null} uid                 process.getuid() (null off POSIX)
 * @property {string} sandboxPath                node_modules/electron/dist/chrome-sandbox
 * @property {{ uid: number, mode: number } | null} sandboxStat  its owner and mode, null when missing
 * @property {number | null} maxUserNamespaces   /proc/sys/user/max_user_namespaces
 * @property {number | null} unprivilegedUsernsClone  /proc/sys/kernel/unprivileged_userns_clone (Debian)
 * @property {number | null} apparmorRestrictsUserns  /proc/sys/kernel/apparmor_restrict_unprivileged_userns (Ubuntu ≥ 23.10)
 */

/**
 * Whether Chromium's sandbox can start: with unprivileged user namespaces (the usual way), or with
 * the SUID helper chrome-sandbox, which must be owned by root with mode 4755. `blocked` is certain
 * (Electron would abort); `doubtful` is Ubuntu 24.04's AppArmor restriction, which an AppArmor
 * profile for the binary lifts (we cannot see one), so Electron is tried and its failure recognised.
 * @param {SandboxFacts} facts
 * @returns {{ status: 'ok' } | { status: 'blocked' | 'doubtful', line: string }}
 */
export function sandboxCheck(facts) {
  if (facts.platform !== 'linux') return { status: 'ok' };
  const fixSuid = `sudo chown root:root ${facts.sandboxPath} && sudo chmod 4755 ${facts.sandboxPath}`;
  if (facts.uid === 0) {
    return {
      status: 'blocked',
      line:
        "npm start: Electron's sandbox refuses to run as root; run npm start as your own user (or use npm run web). " +
        'Opening the same window in your browser instead.',
    };
  }
  const stat = facts.sandboxStat;
  const suidReady = stat !== null && stat.uid === 0 && (stat.mode & 0o4755) === 0o4755;
  if (suidReady) return { status: 'ok' };
  const helper =
    stat === null
      ? `${facts.sandboxPath} is missing`
      : `${facts.sandboxPath} is not owned by root with mode 4755`;
  if (facts.maxUserNamespaces === 0 || facts.unprivilegedUsernsClone === 0) {
    return {
      status: 'blocked',
      line:
        `npm start: Electron's sandbox cannot start: unprivileged user namespaces are disabled on this system and ${helper}; ` +
        `fix it once with: ${fixSuid} (or use npm run web). Opening the same window in your browser instead.`,
    };
  }
  if (facts.apparmorRestrictsUserns === 1) {
    return {
      status: 'doubtful',
      line:
        "npm start: Electron's sandbox cannot start: AppArmor restricts unprivileged user namespaces " +
        `(kernel.apparmor_restrict_unprivileged_userns = 1, as on Ubuntu 24.04) and ${helper}; fix it once with: ${fixSuid} ` +
        '(or add an AppArmor profile allowing userns for the electron binary, see docs/DEVELOPERS.md; or use npm run web). ' +
        'Opening the same window in your browser instead.',
    };
  }
  return { status: 'ok' };
}

/** What Chromium prints when its sandbox cannot start (then it aborts). */
const SANDBOX_FAILURE =
  /SUID sandbox helper binary was found, but is not configured correctly|No usable sandbox!|Running as root without --no-sandbox is not supported|Failed to move to new namespace/;

/**
 * Whether Electron's exit was its sandbox failing to start (then the browser fallback opens).
 * @param {{ code: number | null, stderr: string, uptimeMs: number }} exit
 * @returns {boolean}
 */
export function sandboxFailed(exit) {
  return exit.code !== 0 && exit.uptimeMs < 30_000 && SANDBOX_FAILURE.test(exit.stderr);
}

/**
 * The generic sandbox line, when Electron failed in a way the facts did not foresee.
 * @param {string} sandboxPath
 * @returns {string}
 */
export function sandboxFailedLine(sandboxPath) {
  return (
    `npm start: Electron's sandbox could not start here; fix it once with: sudo chown root:root ${sandboxPath} && ` +
    `sudo chmod 4755 ${sandboxPath} (or use npm run web). Opening the same window in your browser instead.`
  );
}

/**
 * The command that opens `url` in the user's browser, or null where there is none to call
 * (a Linux without a display, a CI job, BROWSER=none).
 * @param {NodeJS.Platform} platform
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {string} url
 * @returns {{ command: string, args: string[] } | null}
 */
export function browserCommand(platform, env, url) {
  if (env['BROWSER'] === 'none' || env['CI']) return null;
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [url] };
    case 'win32':
      return { command: 'cmd', args: ['/c', 'start', '""', url] };
    default:
      return env['DISPLAY'] || env['WAYLAND_DISPLAY'] ? { command: 'xdg-open', args: [url] } : null;
  }
}

/**
 * @typedef {object} LaunchEffects  what `launch` does to the machine (real in start.mjs, stubs in tests)
 * @property {() => BinaryFacts} binaryFacts
 * @property {(version: string) => Promise<{ ok: boolean, stderr: string }>} fetchElectron
 * @property {() => SandboxFacts} sandboxFacts
 * @property {() => Promise<boolean>} buildApp
 * @property {() => Promise<{ code: number | null, stderr: string, uptimeMs: number }>} runElectron
 * @property {() => Promise<void>} serveInBrowser
 * @property {(line: string) => void} say
 */

/**
 * `npm start`'s whole course: the binary (fetched when missing), the sandbox, the build, Electron;
 * the browser host whenever Electron cannot be had, with one line saying why and what to do.
 * Resolves with the exit status.
 * @param {LaunchEffects} effects
 * @returns {Promise<number>}
 */
export async function launch(effects) {
  const { version } = effects.binaryFacts();
  let binary = electronBinary(effects.binaryFacts());
  if (!binary.present) {
    const fetched = await effects.fetchElectron(version);
    binary = electronBinary(effects.binaryFacts());
    if (!fetched.ok || !binary.present) {
      const reason = !fetched.ok ? fetchFailureReason(fetched.stderr) : binary.present ? '' : binary.reason;
      effects.say(cannotFetchLine(version, reason));
      await effects.serveInBrowser();
      return 0;
    }
  }
  const facts = effects.sandboxFacts();
  const sandbox = sandboxCheck(facts);
  if (sandbox.status === 'blocked') {
    effects.say(sandbox.line);
    await effects.serveInBrowser();
    return 0;
  }
  if (!(await effects.buildApp())) return 1;
  const exit = await effects.runElectron();
  if (sandboxFailed(exit)) {
    effects.say(sandbox.status === 'doubtful' ? sandbox.line : sandboxFailedLine(facts.sandboxPath));
    await effects.serveInBrowser();
    return 0;
  }
  return exit.code ?? 1;
}

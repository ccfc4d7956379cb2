// @ts-check
// The facts plan.mjs decides from, read from this machine: the electron package's install state
// and, on Linux, what Chromium's sandbox needs. Nothing here decides anything.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The executable inside dist/ per platform, as Electron's install.js names it. */
function platformPath(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

const readText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const readNumber = (path) => {
  const text = readText(path);
  const value = text === null ? NaN : Number(text.trim());
  return Number.isFinite(value) ? value : null;
};

/**
 * @param {string} electronDir node_modules/electron
 * @returns {import('./plan.mjs').BinaryFacts}
 */
export function binaryFacts(electronDir, env = process.env, platform = process.platform) {
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  const executable = platformPath(env.ELECTRON_INSTALL_PLATFORM || platform);
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  return {
    version,
    platformPath: executable,
    pathTxt: readText(join(electronDir, 'path.txt')),
    distVersion: readText(join(electronDir, 'dist', 'version'))?.trim() ?? null,
    executableExists: existsSync(override ? override : join(electronDir, 'dist', executable)),
  };
}

/**
 * @param {string} electronDir node_modules/electron
 * @returns {import('./plan.mjs').SandboxFacts}
 */
export function sandboxFacts(electronDir, platform = process.platform) {
  const sandboxPath = join(electronDir, 'dist', 'chrome-sandbox');
  let sandboxStat = null;
  try {
    const stat = statSync(sandboxPath);
    sandboxStat = { uid: stat.uid, mode: stat.mode };
  } catch {
    // missing: sandboxStat stays null
  }
  return {
    platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    sandboxPath,
    sandboxStat,
    maxUserNamespaces: readNumber('/proc/sys/user/max_user_namespaces'),
    unprivilegedUsernsClone: readNumber('/proc/sys/kernel/unprivileged_userns_clone'),
    apparmorRestrictsUserns: readNumber('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
  };
}

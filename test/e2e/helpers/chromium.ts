/**
 * Which Chromium the end-to-end tests drive: CHROMIUM_PATH when set, else the first of the usual
 * places on this platform that exists (Debian's /usr/bin/chromium first, as CI installs it).
 * None found: the e2e suite is skipped with one line saying so (vitest.e2e.config.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** The usual install locations of Chromium, Chrome (and Edge, also Chromium) per platform. */
export function chromiumCandidates(platform: NodeJS.Platform, env: Env): string[] {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
      ];
    case 'darwin': {
      const apps = ['/Applications', ...(env['HOME'] ? [join(env['HOME'], 'Applications')] : [])];
      return apps.flatMap((dir) => [
        `${dir}/Chromium.app/Contents/MacOS/Chromium`,
        `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
      ]);
    }
    case 'win32': {
      const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
        (root): root is string => Boolean(root),
      );
      return [
        ...roots.map((root) => `${root}\\Google\\Chrome\\Application\\chrome.exe`),
        ...roots.map((root) => `${root}\\Chromium\\Application\\chrome.exe`),
        ...roots.map((root) => `${root}\\Microsoft\\Edge\\Application\\msedge.exe`),
      ];
    }
    default:
      return [];
  }
}

export type ChromiumLookup =
  { found: true; path: string; from: 'CHROMIUM_PATH' | 'usual place' } | { found: false; reason: string };

/** CHROMIUM_PATH (which must exist) or the first usual place that does. */
export function findChromium(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): ChromiumLookup {
  const chosen = env['CHROMIUM_PATH'];
  if (chosen) {
    return exists(chosen)
      ? { found: true, path: chosen, from: 'CHROMIUM_PATH' }
      : { found: false, reason: `CHROMIUM_PATH is ${chosen}, which does not exist` };
  }
  const candidates = chromiumCandidates(platform, env);
  const path = candidates.find(exists);
  if (path) return { found: true, path, from: 'usual place' };
  const looked = candidates.length > 0 ? ` (looked in ${candidates.join(', ')})` : '';
  return { found: false, reason: `no Chromium or Chrome found${looked}; set CHROMIUM_PATH to one` };
}

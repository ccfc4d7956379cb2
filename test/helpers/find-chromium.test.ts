/** Where the e2e suite finds Chromium on each platform (test/e2e/helpers/chromium.ts), with stubbed file checks. */
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium } from '../e2e/helpers/chromium';

const only =
  (...present: string[]) =>
  (path: string): boolean =>
    present.includes(path);

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, when it exists', () => {
    expect(
      findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, 'linux', only('/opt/c/chrome', '/usr/bin/chromium')),
    ).toEqual({ found: true, path: '/opt/c/chrome', from: 'CHROMIUM_PATH' });
  });

  it('fails clearly when CHROMIUM_PATH does not exist (no silent fallback)', () => {
    expect(findChromium({ CHROMIUM_PATH: '/nope' }, 'linux', only('/usr/bin/chromium'))).toEqual({
      found: false,
      reason: 'CHROMIUM_PATH is /nope, which does not exist',
    });
  });

  it.each([
    ['linux', '/usr/bin/chromium-browser', {}],
    ['linux', '/usr/bin/google-chrome', {}],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', { HOME: '/Users/a' }],
    ['darwin', '/Users/a/Applications/Chromium.app/Contents/MacOS/Chromium', { HOME: '/Users/a' }],
    [
      'win32',
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      { PROGRAMFILES: 'C:\\Program Files' },
    ],
    [
      'win32',
      'C:\\Users\\a\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' },
    ],
  ] as const)('on %s finds %s', (platform, path, env) => {
    expect(findChromium(env, platform, only(path))).toEqual({ found: true, path, from: 'usual place' });
  });

  it('prefers Debian’s /usr/bin/chromium (what CI installs) over Chrome', () => {
    const lookup = findChromium({}, 'linux', only('/usr/bin/google-chrome', '/usr/bin/chromium'));
    expect(lookup).toMatchObject({ path: '/usr/bin/chromium' });
  });

  it('says where it looked when there is none', () => {
    const lookup = findChromium({}, 'linux', only());
    expect(lookup.found).toBe(false);
    expect(lookup).toMatchObject({
      reason: expect.stringMatching(
        /^no Chromium or Chrome found \(looked in \/usr\/bin\/chromium, .*\); set CHROMIUM_PATH to one$/,
      ),
    });
    expect(chromiumCandidates('aix', {})).toEqual([]);
  });
});

/** `npm run cli -- …` resolves paths from where the user typed it (INIT_CWD), nothing else does. */
import { describe, expect, it } from 'vitest';
import { callerDirectory } from '../../../electron/cli/caller';

const npmRunCli = {
  npm_lifecycle_event: 'cli',
  npm_package_name: 'postnet-studio',
  INIT_CWD: '/home/a/data',
};

describe('callerDirectory', () => {
  it('is INIT_CWD under our own `npm run cli`', () => {
    expect(callerDirectory(npmRunCli)).toBe('/home/a/data');
  });

  it('is null for the bin, npx, node out/main/cli.js and other packages’ scripts', () => {
    expect(callerDirectory({})).toBeNull();
    expect(callerDirectory({ INIT_CWD: '/home/a' })).toBeNull();
    expect(callerDirectory({ ...npmRunCli, npm_package_name: 'my-tts' })).toBeNull();
    expect(callerDirectory({ ...npmRunCli, npm_lifecycle_event: 'mel' })).toBeNull();
    expect(callerDirectory({ ...npmRunCli, INIT_CWD: '' })).toBeNull();
  });
});

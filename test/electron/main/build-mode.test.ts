/** The build mode comes from electron-vite's command: a development build is `electron-vite dev` only. */
import { describe, expect, it } from 'vitest';
import { isDevBuild, mainDefines } from '../../../electron/main/build-mode';

describe('the development-build flag', () => {
  it('is true for electron-vite dev (serve) and false for every build', () => {
    expect(mainDefines('serve')).toEqual({ __POSTNET_DEV_BUILD__: 'true' });
    expect(mainDefines('build')).toEqual({ __POSTNET_DEV_BUILD__: 'false' });
  });

  it('counts as false when nothing defines it (the sources under test)', () => {
    expect(isDevBuild()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { filesFromCommandLine } from '../../../electron/main/command-line';
import { appPaths } from '../../../electron/main/paths';

describe('filesFromCommandLine', () => {
  it('takes WAV (and npy/npz) paths, resolving relative ones against the working directory', () => {
    const argv = [
      '.',
      '--inspect',
      'take 1.wav',
      '/data/b.WAV',
      'mel.npy',
      'out/main/index.js',
      '/w/postnet.npz',
    ];
    expect(filesFromCommandLine(argv, '/home/u')).toEqual([
      '/home/u/take 1.wav',
      '/data/b.WAV',
      '/home/u/mel.npy',
      '/w/postnet.npz',
    ]);
  });

  it('ignores Chromium switches and duplicates, and finds nothing in a bare launch', () => {
    expect(filesFromCommandLine(['--allow-file-access-from-files', 'a.wav', './a.wav'], '/x')).toEqual([
      '/x/a.wav',
    ]);
    expect(filesFromCommandLine([], '/x')).toEqual([]);
  });
});

describe('appPaths', () => {
  it('uses the built renderer’s sample in a build and renderer/public in development', () => {
    const built = appPaths('/app/out/main', '/app', undefined, false);
    expect(built).toEqual({
      preload: '/app/out/preload/index.cjs',
      rendererDir: '/app/out/renderer',
      worker: '/app/out/main/worker.js',
      sampleWav: '/app/out/renderer/samples/sample.wav',
      devServerUrl: null,
    });
    const dev = appPaths('/app/out/main', '/app', 'http://localhost:5173', true);
    expect(dev.sampleWav).toBe('/app/renderer/public/samples/sample.wav');
    expect(dev.devServerUrl).toBe('http://localhost:5173');
  });

  it('ignores a dev server URL in any production build (npm start, packaged): the built renderer and its sample', () => {
    const packaged = appPaths('/app/out/main', '/app', 'http://localhost:5173', false);
    expect(packaged.devServerUrl).toBeNull();
    expect(packaged.sampleWav).toBe('/app/out/renderer/samples/sample.wav');
  });
});

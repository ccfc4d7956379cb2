/**
 * The `wavefile` package's WaveFile class, whichever way the package was loaded. Bundlers read its
 * ES module (`module` field: a named export); Node reads its UMD build (CommonJS: the class is on
 * the default export). A namespace import plus this lookup works in both.
 */
import * as wavefileModule from 'wavefile';

export type WaveFileClass = typeof wavefileModule.WaveFile;

function findWaveFile(): WaveFileClass {
  const namespace = wavefileModule as unknown as Record<string, unknown>;
  const named = namespace['WaveFile'];
  if (typeof named === 'function') return named as WaveFileClass;
  const fallback = namespace['default'] as Record<string, unknown> | undefined;
  const fromDefault = fallback?.['WaveFile'];
  if (typeof fromDefault === 'function') return fromDefault as WaveFileClass;
  throw new Error('the wavefile package did not provide a WaveFile class');
}

export const WaveFile: WaveFileClass = findWaveFile();

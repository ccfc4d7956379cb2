import { describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { WavFormatError } from '../../../shared/errors';
import { makeWav, packInts, rf64Wav } from '../../helpers/make-wav';

const VALUES = [0, 16384, -32768, 32767, -1, 5, -6, 7];

describe('parseWav reads RF64 and WAVs cut short', () => {
  it.each(['RF64', 'BW64'] as const)('%s (64-bit sizes in ds64) decodes like the same RIFF file', (id) => {
    const spec = { data: packInts(VALUES, 16), nChannels: 2, sampleRateHz: 16000 };
    const riff = parseWav(makeWav(spec));
    const rf64 = parseWav(rf64Wav(spec, id));
    expect(rf64).toEqual(riff);
    expect(rf64.nSamples).toBe(4);
  });

  it('a data chunk cut short: what is there, with a warning saying how much is missing', () => {
    const bytes = makeWav({ data: packInts(VALUES, 16), sampleRateHz: 8000 });
    const audio = parseWav(bytes.subarray(0, bytes.length - 5)); // 2.5 samples gone: 5 remain whole
    expect(audio.nSamples).toBe(5);
    expect(Array.from(audio.samples)).toEqual(VALUES.slice(0, 5).map((v) => v / 32768));
    expect(audio.warnings).toEqual([
      'truncated WAV: the data chunk declares 16 bytes (8 samples) but the file ends after 5 samples: ' +
        '3 samples (0.000 s) missing; reading the 5 there are',
    ]);
  });

  it('a whole WAV has no warnings', () => {
    expect(parseWav(makeWav({ data: packInts(VALUES, 16) })).warnings).toEqual([]);
  });

  it('fails clearly when the cut leaves no whole sample, or comes before the fmt chunk', () => {
    const bytes = makeWav({ data: packInts(VALUES, 16) });
    expect(() => parseWav(bytes.subarray(0, 45))).toThrow(
      "the WAV's data chunk holds no samples (PCM 16-bit) (it declares 16 bytes, but the file ends after 1)",
    );
    const dataFirst = makeWav({ data: packInts(VALUES, 16) });
    // move data before fmt: swap the two chunks, then cut inside data
    const fmt = dataFirst.subarray(12, 36);
    const data = dataFirst.subarray(36);
    const swapped = new Uint8Array([...dataFirst.subarray(0, 12), ...data, ...fmt]);
    expect(() => parseWav(swapped.subarray(0, 30))).toThrow(WavFormatError);
    expect(() => parseWav(swapped.subarray(0, 30))).toThrow(/no 'fmt ' chunk/);
  });

  it('fails clearly on a ds64 chunk too short to hold the sizes', () => {
    const bytes = rf64Wav({ data: packInts(VALUES, 16) });
    new DataView(bytes.buffer).setUint32(16, 8, true);
    expect(() => parseWav(bytes)).toThrow(
      /malformed RF64: the 'ds64' chunk has 8 bytes, it needs at least 28/,
    );
  });
});

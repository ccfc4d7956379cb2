import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../shared/errors';
import { csvHeader, encodeCsv, formatFloat32, frameCentreS } from '../../../shared/export/csv';
import { HIFIGAN_MEL, TACOTRON2_MEL } from '../../../shared/mel/config';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('encodeCsv', () => {
  it('writes one row per frame, transposing [nMels, nFrames] to frame-major, with the header', () => {
    // [2 bands, 3 frames]: band 0 = 1, 2, 3; band 1 = -1, -2, -3
    const data = Float32Array.from([1, 2, 3, -1, -2, -3]);
    const csv = text(encodeCsv(data, { nMels: 2, nFrames: 3, config: TACOTRON2_MEL }));
    expect(csv).toBe('frame,time_s,mel_0,mel_1\n0,0,1,-1\n1,0.01161,2,-2\n2,0.02322,3,-3\n');
  });

  it('has the header frame,time_s,mel_0,…,mel_79 for 80 bands', () => {
    const header = csvHeader(80).trim().split(',');
    expect(header).toHaveLength(82);
    expect(header.slice(0, 3)).toEqual(['frame', 'time_s', 'mel_0']);
    expect(header.at(-1)).toBe('mel_79');
  });

  it('writes values that read back as exactly the same float32', () => {
    const data = Float32Array.from([-11.512925148010254, 0.1, 1e-7, 3.4028234663852886e38, -0]);
    const csv = text(encodeCsv(data, { nMels: 1, nFrames: 5, config: TACOTRON2_MEL }));
    const values = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => Number(row.split(',')[2]));
    const bits = (array: Float32Array) => [...new Uint32Array(array.buffer)];
    expect(bits(Float32Array.from(values))).toEqual(bits(data)); // exact: same float32 bit patterns
    expect(csv).toContain(',-11.512925\n');
    expect(csv).toContain(',0.1\n');
  });

  it('fails clearly when the data does not hold [nMels, nFrames] values', () => {
    expect(() => encodeCsv(new Float32Array(5), { nMels: 2, nFrames: 3, config: TACOTRON2_MEL })).toThrow(
      'encodeCsv: [2, 3] holds 6 values, data has 5',
    );
  });

  it('stops between chunks when cancelled, after reporting progress', () => {
    const signal = { aborted: false };
    const progress: number[] = [];
    const run = () =>
      encodeCsv(
        new Float32Array(2 * 1000),
        { nMels: 2, nFrames: 1000, config: TACOTRON2_MEL },
        {
          signal,
          rowsPerChunk: 100,
          onProgress: ({ done }) => {
            progress.push(done);
            if (done === 300) signal.aborted = true;
          },
        },
      );
    expect(run).toThrow(CancelledError);
    expect(progress).toEqual([100, 200, 300]);
  });
});

describe('formatFloat32 and frameCentreS', () => {
  it('spells non-finite values the way numpy.loadtxt reads them', () => {
    expect([formatFloat32(Number.NaN), formatFloat32(Infinity), formatFloat32(-Infinity)]).toEqual([
      'nan',
      'inf',
      '-inf',
    ]);
  });

  it('centres Tacotron 2 frames on hop·t and HiFi-GAN frames half a hop later', () => {
    expect(frameCentreS(TACOTRON2_MEL, 86)).toBeCloseTo((86 * 256) / 22050, 12);
    expect(frameCentreS(HIFIGAN_MEL, 0)).toBeCloseTo(128 / 22050, 12);
  });

  it('centres HiFi-GAN frames with odd nFft − hop (1024, hop 255) on hop·t + 128, where its pad floors', () => {
    const config = { ...HIFIGAN_MEL, preset: 'custom' as const, hopLength: 255 };
    expect(frameCentreS(config, 10)).toBeCloseTo((2550 + 128) / 22050, 12);
  });

  it('fails clearly when the half-hop rule is used for odd nFft − hop: it is half a sample early', () => {
    const config = { ...HIFIGAN_MEL, preset: 'custom' as const, hopLength: 255 };
    expect(Math.abs(frameCentreS(config, 10) - (10.5 * 255) / 22050)).toBeCloseTo(0.5 / 22050, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { describeComparison, expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { readNpyFloat32 } from './npy-fixture';
import { COMPARE_ABOVE, accuracyRows } from './torchaudio-reference';

const rows = accuracyRows();

/** The accuracy each comparison must reach where the reference log-mel is above −9. */
function toleranceFor(what: string): number | undefined {
  if (what.includes('float64')) return 1e-5;
  if (what.startsWith('our Kaiser')) return undefined; // different resamplers: measured, see below
  return 1e-3;
}

describe('log-mel matches the torchaudio references (test/fixtures/mel, made by make_fixtures.py)', () => {
  it('covers every encoding, both presets, a custom config and the resampled rates', () => {
    const encodings = new Set(rows.map((r) => r.encoding));
    for (const e of [
      'PCM 8-bit unsigned',
      'PCM 16-bit',
      'PCM 24-bit',
      'PCM 32-bit',
      'IEEE float 32-bit',
      'IEEE float 64-bit',
      'A-law',
      'µ-law',
      'PCM 24-bit (extensible)',
      'PCM 16-bit (extensible)',
    ]) {
      expect(encodings, e).toContain(e);
    }
    expect(new Set(rows.map((r) => r.reference))).toEqual(
      new Set(['tacotron2', 'tacotron2_float64', 'hifigan', 'custom16k', 'tacotron2_ta_default']),
    );
  });

  it.each(rows.filter((r) => toleranceFor(r.what) !== undefined).map((r) => [r.file, r.what, r] as const))(
    '%s: %s',
    (_file, what, row) => {
      expect(row.actual.length).toBe(row.expected.data.length);
      expectClose(row.actual, row.expected.data, {
        atol: toleranceFor(what),
        shape: row.shape,
        where: (e) => e > COMPARE_ABOVE,
        label: `${row.file} ${what}`,
      });
    },
  );

  it('with different resamplers (our Kaiser vs torchaudio default), downsampled files still agree to 1e-2', () => {
    for (const row of rows.filter((r) => r.what.startsWith('our Kaiser') && !r.inBand)) {
      expect(
        row.comparison.maxAbsError,
        describeComparison(row.actual, row.expected.data, row.comparison),
      ).toBeLessThan(1e-2);
    }
  });

  it('fails clearly when compared with the wrong reference (the 8-bit file against the 16-bit one)', () => {
    const ours = analyzeWav(readFixture('audio', 'speech_pcm8.wav'), 'speech_pcm8.wav', TACOTRON2_MEL).mel
      .data;
    const other = readNpyFloat32(readFixture('mel', 'speech_pcm16.tacotron2.npy')).data;
    expect(() =>
      expectClose(ours, other, {
        atol: 1e-3,
        where: (e) => e > COMPARE_ABOVE,
        shape: [80, other.length / 80],
      }),
    ).toThrow(
      /differ beyond atol 0\.001.*\n {2}worst at \d+ \[\d+, \d+\]: actual -?[\d.]+, expected -?[\d.]+/,
    );
  });
});

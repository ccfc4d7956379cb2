import { describe, expect, it } from 'vitest';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { melFilterbank } from '../../../shared/mel/filterbank';
import { hzToMelSlaney, melToHzSlaney } from '../../../shared/mel/slaney';
import { paddedPeriodicHann } from '../../../shared/mel/window';
import { expectClose } from '../../helpers/close';

describe('Slaney mel scale', () => {
  it('is linear below 1 kHz (200/3 Hz per mel) and logarithmic above; 1000 Hz = 15 mel', () => {
    expectClose([hzToMelSlaney(0), hzToMelSlaney(500), hzToMelSlaney(1000)], [0, 7.5, 15], { atol: 1e-12 });
    expectClose(hzToMelSlaney(6400), 15 + 27, { atol: 1e-12 });
    for (const hz of [0, 123.4, 999.9, 1000, 4000, 8000, 11025])
      expectClose(melToHzSlaney(hzToMelSlaney(hz)), hz, { atol: 1e-9 });
  });

  it('extends the linear part below 0 Hz: −100 Hz = −1.5 mel (no NaN from the log branch)', () => {
    expectClose(hzToMelSlaney(-100), -1.5, { atol: 1e-12 });
  });
});

describe('melFilterbank, tacotron2 (librosa htk=False, norm=slaney)', () => {
  const bank = melFilterbank(TACOTRON2_MEL);

  it('is [80, 513] with the checksums of TACOTRON2.md: Σ W = 3.71368820, Σ W[i,k]·k = 413.671693', () => {
    expect([bank.nMels, bank.nBins, bank.weights.length]).toEqual([80, 513, 80 * 513]);
    let sum = 0;
    let moment = 0;
    for (let m = 0; m < 80; m++) {
      for (let k = 0; k < 513; k++) {
        sum += bank.weights[m * 513 + k]!;
        moment += bank.weights[m * 513 + k]! * k;
      }
    }
    expectClose(sum, 3.7136882, { atol: 1e-5 });
    expectClose(moment, 413.671693, { atol: 1e-5 });
  });

  it('each band is non-zero only on [firstBin, endBin), rising then falling', () => {
    for (let m = 0; m < 80; m++) {
      const row = bank.weights.subarray(m * 513, (m + 1) * 513);
      for (let k = 0; k < 513; k++) {
        const inside = k >= bank.firstBin[m]! && k < bank.endBin[m]!;
        if (!inside) expect(row[k], `band ${m} bin ${k}`).toBe(0);
      }
      expect(bank.endBin[m]! > bank.firstBin[m]!, `band ${m} is empty`).toBe(true);
    }
  });

  it('fails clearly when bands outnumber FFT bins: rows come out empty (which validation rejects)', () => {
    const crowded = melFilterbank({ ...TACOTRON2_MEL, nMels: 400 });
    const empty = Array.from({ length: 400 }, (_, m) => m).filter(
      (m) => crowded.endBin[m]! <= crowded.firstBin[m]!,
    );
    expect(empty.length).toBeGreaterThan(0);
  });

  it('edges run from fMin to fMax on the mel scale', () => {
    expectClose([bank.edgesHz[0]!, bank.edgesHz[81]!], [0, 8000], { atol: 1e-9 });
  });
});

describe('paddedPeriodicHann', () => {
  it('is periodic (w[0] = 0, w[N/2] = 1, no repeated end zero) and centred in nFft', () => {
    const w = paddedPeriodicHann(8, 8);
    expectClose(w, [0, 0.1464466, 0.5, 0.8535534, 1, 0.8535534, 0.5, 0.1464466], { atol: 1e-7 });
    const centred = paddedPeriodicHann(4, 8);
    expectClose(centred, [0, 0, 0, 0.5, 1, 0.5, 0, 0], { atol: 1e-12 });
  });
});

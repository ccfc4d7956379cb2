/**
 * The worker as a real worker thread running the pipeline jobs: the same numbers as the shared
 * functions in-process, cancellation mid-run, and the terminate fallback on a job that cannot
 * look at the flag.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerOwner } from '../../../electron/main/worker-owner';
import type { JobProgress } from '../../../shared/api/contract';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { defaultWeights } from '../../../shared/weights/load';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { pcm16Wav } from '../../helpers/make-wav';
import { createTestOwner } from './start-worker';
import { rejectionOf } from '../../helpers/rejection';

let owner: WorkerOwner | null = null;
afterEach(async () => {
  await owner?.dispose();
  owner = null;
});

function open(options: Parameters<typeof createTestOwner>[0] = {}): WorkerOwner {
  owner = createTestOwner(options);
  return owner;
}

/** `seconds` of a 220 Hz tone with a little noise, as 16-bit PCM at 22.05 kHz. */
function toneWav(seconds: number): Uint8Array {
  const n = Math.round(seconds * 22050);
  const values: number[] = new Array(n);
  for (let i = 0; i < n; i++)
    values[i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 22050) + ((i * 7919) % 200) - 100);
  return pcm16Wav(values);
}

describe('pipeline jobs in the real worker', () => {
  it('open WAV: the worker’s mel equals analyzeWav in-process, and the WAV bytes are moved, not copied', async () => {
    const worker = open();
    const bytes = readFixture('audio', 'speech_pcm16.wav');
    const expected = analyzeWav(bytes.slice(), 'speech_pcm16.wav', TACOTRON2_MEL);
    const sent = bytes.slice();
    const result = await worker.run(
      { kind: 'analyze-wav', name: 'speech_pcm16.wav', bytes: sent, melConfig: TACOTRON2_MEL },
      { transfer: [sent] },
    );
    expect(sent.byteLength).toBe(0);
    expect(result.audio).toEqual(expected.audio);
    expect([result.mel.nMels, result.mel.nFrames]).toEqual([expected.mel.nMels, expected.mel.nFrames]);
    expectClose(result.mel.data, expected.mel.data, {
      atol: 0,
      shape: [80, expected.mel.nFrames],
      label: 'worker mel',
    });
    expect(result.mel.source).toEqual({ name: 'speech_pcm16.wav', kind: 'wav' });
  });

  it('fails clearly on a file that is not a WAV: WavFormatError naming the file, the worker lives on', async () => {
    const worker = open();
    const error = await rejectionOf(
      worker.run({
        kind: 'analyze-wav',
        name: 'notes.wav',
        bytes: new Uint8Array(64),
        melConfig: TACOTRON2_MEL,
      }),
    );
    expect(error.name).toBe('WavFormatError');
    expect(error.message).toMatch(/^notes\.wav: /);
    expect(worker.workersStarted).toBe(1);
  });

  it('process: the worker’s residual and output equal processSpectrogram in-process', async () => {
    const worker = open();
    const mel = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech_pcm16.wav', TACOTRON2_MEL).mel;
    const { summary } = await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    expect(summary.isDefault).toBe(true);
    const result = await worker.run({ kind: 'process', weightsId: 'w', input: mel, keepActivations: [0] });
    const expected = await processSpectrogram(defaultWeights().stack, mel, { activations: [0] });
    expect([result.nMels, result.nFrames]).toEqual([80, mel.nFrames]);
    expectClose(result.residual, expected.residual, { atol: 0, label: 'residual' });
    expectClose(result.output, expected.output, { atol: 0, label: 'output' });
    expect(result.activations.map((a) => [a.layer, a.nChannels, a.nFrames])).toEqual([[0, 512, mel.nFrames]]);
  });

  it('layer-output: the worker runs up to the layer only and its output equals layerOutputOf in-process', async () => {
    const progress: JobProgress[] = [];
    const worker = open({ onProgress: (p) => progress.push(p) });
    const mel = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech_pcm16.wav', TACOTRON2_MEL).mel;
    await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    const out = await worker.run({ kind: 'layer-output', weightsId: 'w', input: mel, layer: 1 });
    const expected = await layerOutputOf(defaultWeights().stack, mel, 1);
    expect([out.layer, out.nChannels, out.nFrames]).toEqual([1, 512, mel.nFrames]);
    expectClose(out.data, expected.data, { atol: 0, rtol: 0, label: 'conv 1 output from the worker' });
    expect(out.data.buffer.byteLength).toBe(512 * mel.nFrames * 4); // its own buffer, moved whole
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.kind === 'process' && / of 2$/.test(p.label))).toBe(true);
  });

  it('a spectrogram .npy opens as an input; a [T, 80] one fails clearly as transposed', async () => {
    const worker = open();
    const data = new Float32Array(80 * 12).fill(-5);
    const { mel } = await worker.run({
      kind: 'read-spectrogram-npy',
      name: 'mel.npy',
      bytes: encodeNpyFloat32(data, [80, 12]),
      melConfig: TACOTRON2_MEL,
    });
    expect([mel.nMels, mel.nFrames, mel.source.kind]).toEqual([80, 12, 'npy']);
    const error = await rejectionOf(
      worker.run({
        kind: 'read-spectrogram-npy',
        name: 't.npy',
        bytes: encodeNpyFloat32(data, [12, 80]),
        melConfig: TACOTRON2_MEL,
      }),
    );
    expect(error.name).toBe('ShapeMismatchError');
    expect(error.message).toMatch(/looks transposed/);
  });

  it('fails clearly when a fresh worker is asked to run weights it never loaded (main then re-sends them)', async () => {
    const worker = open();
    const mel = analyzeWav(toneWav(0.5), 'tone.wav', TACOTRON2_MEL).mel;
    const error = await rejectionOf(
      worker.run({ kind: 'process', weightsId: 'gone', input: mel, keepActivations: [] }),
    );
    expect(error.name).toBe('WeightsNotLoadedError');
  });

  it('reports progress per layer with labels, and cancels a long run cooperatively (same worker after)', async () => {
    const progress: JobProgress[] = [];
    let cancelled = false;
    const worker = open({
      onProgress: (p) => {
        progress.push(p);
        if (cancelled || p.fraction <= 0.1) return;
        cancelled = true;
        worker.cancel();
      },
    });
    const mel = analyzeWav(toneWav(20), 'tone.wav', TACOTRON2_MEL).mel;
    await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    const started = Date.now();
    const error = await rejectionOf(
      worker.run({ kind: 'process', weightsId: 'w', input: mel, keepActivations: [] }),
    );
    expect(error.name).toBe('CancelledError');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(progress[0]).toMatchObject({ kind: 'process', label: 'conv 0 · 1 of 5' });
    expect(worker.workersStarted).toBe(1);
    const small = analyzeWav(toneWav(0.5), 'tone.wav', TACOTRON2_MEL).mel;
    const after = await worker.run({ kind: 'process', weightsId: 'w', input: small, keepActivations: [] });
    expect(after.nFrames).toBe(small.nFrames);
  });

  it('cancels a long layer-output run cooperatively too (the same worker answers the next job)', async () => {
    let cancelled = false;
    const worker = open({
      onProgress: (p) => {
        if (cancelled || p.fraction <= 0.1) return;
        cancelled = true;
        worker.cancel();
      },
    });
    const mel = analyzeWav(toneWav(20), 'tone.wav', TACOTRON2_MEL).mel;
    await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    const error = await rejectionOf(
      worker.run({ kind: 'layer-output', weightsId: 'w', input: mel, layer: 4 }),
    );
    expect([error.name, error.message]).toEqual(['CancelledError', 'the post-net run was cancelled']);
    expect(worker.workersStarted).toBe(1);
    const small = analyzeWav(toneWav(0.5), 'tone.wav', TACOTRON2_MEL).mel;
    expect((await worker.run({ kind: 'layer-output', weightsId: 'w', input: small, layer: 0 })).nFrames).toBe(
      small.nFrames,
    );
  });

  it('terminates a weights parse that cannot see the flag (one big JSON.parse) after the grace period', async () => {
    const worker = open({ cancelGraceMs: 100 });
    const big = Buffer.from(
      JSON.stringify({ 'conv.weight': Array.from({ length: 3_000_000 }, (_, i) => (i % 97) / 97) }),
    );
    const loading = worker.run({
      kind: 'load-weights',
      weightsId: 'big',
      files: [{ name: 'big.json', bytes: big }],
      nMels: 80,
    });
    setTimeout(() => worker.cancel(), 50);
    const error = await rejectionOf(loading);
    expect(error.name).toBe('CancelledError');
    expect(error.message).toMatch(/so the worker was restarted/);
    await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    expect(worker.workersStarted).toBe(2);
  });

  it('an out-of-memory weights file kills only the worker: WorkerCrashedError, then a fresh worker works', async () => {
    const worker = open({ heapLimitMb: 64 });
    const rows = Array.from({ length: 2000 }, () => Array.from({ length: 2000 }, (_, i) => i / 7));
    const huge = Buffer.from(JSON.stringify({ 'conv.weight': rows }));
    const error = await rejectionOf(
      worker.run({
        kind: 'load-weights',
        weightsId: 'huge',
        files: [{ name: 'huge.json', bytes: huge }],
        nMels: 80,
      }),
    );
    expect(error.name).toBe('WorkerCrashedError');
    expect(error.message).toMatch(
      /while loading weights from huge\.json: it ran out of memory \(limit 64 MB\)/,
    );
    const { summary } = await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    expect(summary.totalParameters).toBe(4_348_144);
  });
});

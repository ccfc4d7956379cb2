import { describe, expect, it } from 'vitest';
import { apiJobKind, describeJob, type WorkerJob } from '../../../shared/jobs/protocol';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { rampContent } from '../../electron/main/export-content';

const bytes = new Uint8Array(4);
const chunk = (lastLayer: number, index: number) => ({
  nFrames: 3000,
  chunkFrames: 512,
  lastLayer,
  index,
  sourceName: 'ramp.wav',
});
const window = { nChannels: 80, nFrames: 3, data: new Float32Array(240), firstFrame: 0 };
const JOBS: [WorkerJob, string, string][] = [
  [
    { kind: 'analyze-wav', name: 'speech.wav', bytes, melConfig: TACOTRON2_MEL },
    'open',
    'opening speech.wav',
  ],
  [
    { kind: 'read-spectrogram-npy', name: 'mel.npy', bytes, melConfig: TACOTRON2_MEL },
    'open',
    'opening mel.npy',
  ],
  [
    {
      kind: 'load-weights',
      weightsId: 'w',
      files: [
        { name: 'a.npy', bytes },
        { name: 'b.npy', bytes },
      ],
      nMels: 80,
      hash: false,
    },
    'weights',
    'loading weights from a.npy, b.npy',
  ],
  [{ kind: 'load-default-weights', weightsId: 'd' }, 'weights', 'building the untrained post-net'],
  [
    { kind: 'load-default-weights', weightsId: 'd', demoBytes: new Uint8Array(4) },
    'weights',
    'building the demo post-net',
  ],
  [{ kind: 'release-weights', weightsId: 'w' }, 'weights', 'releasing weights'],
  [
    { kind: 'process-chunk', weightsId: 'w', engine: 'auto', chunk: chunk(4, 0), input: window },
    'process',
    'running the stack over ramp.wav (chunk 1)',
  ],
  [
    {
      kind: 'layer-chunk',
      weightsId: 'w',
      engine: 'wasm',
      chunk: chunk(2, 3),
      input: window,
      step: 1,
      reduce: 'max',
    },
    'process',
    'computing conv 2 output of ramp.wav (chunk 4)',
  ],
  [{ kind: 'export', content: rampContent('csv', 3) }, 'export', 'encoding ramp.csv'],
];

describe('what the hosts say about a job', () => {
  it.each(JOBS)('%o is a %s job, described as “%s”', (job, kind, description) => {
    expect(apiJobKind(job.kind)).toBe(kind);
    expect(describeJob(job)).toBe(description);
  });

  it('fails clearly on nothing to describe: a weights job without files says so', () => {
    expect(describeJob({ kind: 'load-weights', weightsId: 'w', files: [], nMels: 80, hash: false })).toBe(
      'loading weights from no files',
    );
  });
});

describe('what the hosts say about a job of another build', () => {
  it('describes a job kind it does not know by its kind, and never throws on the way to a crash message', () => {
    expect(describeJob({ kind: 'test-hang' } as unknown as WorkerJob)).toBe("running a 'test-hang' job");
  });
});

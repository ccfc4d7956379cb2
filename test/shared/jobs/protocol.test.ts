import { describe, expect, it } from 'vitest';
import { apiJobKind, describeJob, type WorkerJob } from '../../../shared/jobs/protocol';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { rampContent } from '../../electron/main/export-content';

const bytes = new Uint8Array(4);
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
    { kind: 'process', weightsId: 'w', input: rampContent('npy', 3).input, keepActivations: [] },
    'process',
    'running the stack over ramp.wav',
  ],
  [
    { kind: 'layer-output', weightsId: 'w', input: rampContent('npy', 3).input, layer: 2 },
    'process',
    'computing conv 2 output of ramp.wav',
  ],
  [{ kind: 'export', content: rampContent('csv', 3) }, 'export', 'encoding ramp.csv'],
];

describe('what the hosts say about a job', () => {
  it.each(JOBS)('%o is a %s job, described as “%s”', (job, kind, description) => {
    expect(apiJobKind(job.kind)).toBe(kind);
    expect(describeJob(job)).toBe(description);
  });

  it('fails clearly on nothing to describe: a weights job without files says so', () => {
    expect(describeJob({ kind: 'load-weights', weightsId: 'w', files: [], nMels: 80 })).toBe(
      'loading weights from no files',
    );
  });
});

describe('what the hosts say about a job of another build', () => {
  it('describes a job kind it does not know by its kind, and never throws on the way to a crash message', () => {
    expect(describeJob({ kind: 'test-hang' } as unknown as WorkerJob)).toBe("running a 'test-hang' job");
  });
});

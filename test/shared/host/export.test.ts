/** Export content as both hosts build it (shared/host/export.ts): what the sidecar records. */
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { InputDocument, WeightsSummary } from '../../../shared/api/contract';
import { exportJob, sidecarWeights } from '../../../shared/host/export';
import { inProcessRunner } from '../jobs/in-process-runner';
import { rampContent } from '../../electron/main/export-content';

const ramp = rampContent('npy', 12);
const input: InputDocument = {
  id: 'input-1',
  revision: 1,
  name: 'ramp.wav',
  audio: ramp.audio,
  mel: ramp.input,
  warnings: [],
};
const weights = {
  id: 'weights-2',
  name: 'postnet.npz',
  isDefault: false,
  sha256: 'ab'.repeat(32),
  residual: true,
  moduleText: 'Sequential()',
  tensors: [],
  totalParameters: 0,
  layers: [],
  warnings: [],
  files: [],
  stacks: [],
  built: null,
  embedding: null,
} satisfies WeightsSummary;

/** What ran the result: the sidecar keeps its name and workers. */
const engine = { name: 'wasm-simd', kind: 'wasm', workers: 2, note: null } as const;

describe('exportJob', () => {
  it('records the input, the weights (name, sha256, default, residual), the app version and the time', async () => {
    const job = exportJob({
      format: 'npy',
      fileName: 'ramp.npy',
      input,
      weights,
      result: { residual: ramp.residual, output: ramp.output, engine },
      appVersion: '0.1.0',
      createdAt: new Date('2025-01-01T00:00:00Z'),
    });
    expect(job.content).toEqual(ramp);
    expect(sidecarWeights(weights)).toEqual(ramp.weights);
    const encoded = await inProcessRunner().run(job);
    const sidecar = JSON.parse(strFromU8(encoded.sidecar));
    expect(sidecar).toMatchObject({
      file: 'ramp.npy',
      createdAt: '2025-01-01T00:00:00.000Z',
      weights: ramp.weights,
      engine: { name: 'wasm-simd', workers: 2 },
    });
  });

  it('fails clearly when a PNG export comes without the rendered view', async () => {
    const job = exportJob({
      format: 'png',
      fileName: 'ramp.png',
      input,
      weights,
      result: { ...ramp, engine },
      appVersion: '0.1.0',
      createdAt: new Date(0),
    });
    expect(job.content).not.toHaveProperty('png');
    await expect(inProcessRunner().run(job)).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      message: 'a PNG export needs the rendered view (request.png)',
    });
  });
});

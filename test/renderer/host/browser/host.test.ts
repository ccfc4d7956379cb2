/**
 * The browser host in Node: the real host, worker client and job server, with the Web Worker
 * replaced by one running in this thread and the page's files replaced by Node `File`s. Covers
 * what the e2e suite cannot see directly: what is kept across a worker restart, job messages,
 * partial failures, export names and sidecars. (The real Web Worker is covered by test/e2e.)
 */
import { strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress, PostnetApi } from '../../../../shared/api/contract';
import { encodeNpyFloat32, parseNpy } from '../../../../shared/formats/npy';
import { TACOTRON2_MEL, MEL_PRESETS } from '../../../../shared/mel/config';
import { analyzeWav } from '../../../../shared/pipeline/analyze';
import { processSpectrogram } from '../../../../shared/pipeline/process';
import { loadWeights } from '../../../../shared/pipeline/weights';
import { createBrowserHost } from '../../../../renderer/src/host/browser/host';
import { pageIo, type BrowserIo } from '../../../../renderer/src/host/browser/files';
import type { FileBytes } from '../../../../shared/jobs/protocol';
import { expectClose } from '../../../helpers/close';
import { readFixture } from '../../../helpers/fixtures';
import { smallPostnetNpz } from '../../../e2e/helpers/weights-npz';
import { inProcessWorkers } from './in-process-worker';

const speechBytes = () => readFixture('audio', 'speech_pcm16.wav');
const file = (name: string, bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], name);
const melNpy = () => encodeNpyFloat32(new Float32Array(80 * 6).fill(-4), [80, 6]);

interface Saved {
  file: FileBytes;
  mimeType: string;
}

let host: PostnetApi;
let workers: ReturnType<typeof inProcessWorkers>;
let saved: Saved[];
let progress: JobProgress[];

function start(): PostnetApi {
  workers = inProcessWorkers();
  saved = [];
  progress = [];
  const io: BrowserIo = {
    ...pageIo, // the real readFiles, over Node's File
    pickFiles: async () => [],
    fetchSample: async () => ({ name: 'sample.wav', bytes: speechBytes() }),
    save: (saving, mimeType) => {
      saved.push({ file: saving, mimeType });
      return saving.name;
    },
    setTitle: () => undefined,
  };
  host = createBrowserHost({ io, startWorker: workers.start, now: () => new Date('2025-06-01T12:00:00Z') });
  host.onProgress((p) => progress.push(p));
  return host;
}

afterEach(() => host?.cancel());

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('browser host (shared jobs in an in-process worker)', () => {
  it('opens the sample: analyzeWav’s mel, progress labelled, and the job sent as analyze-wav', async () => {
    const api = start();
    expect((await api.startup()).openFirst).toEqual({ kind: 'sample' });
    const { inputs, weights } = await api.open({ kind: 'sample' }, 'auto');
    expect(weights).toBeNull();
    const expected = analyzeWav(speechBytes(), 'sample.wav', TACOTRON2_MEL);
    expect(inputs[0]!.audio).toEqual(expected.audio);
    expectClose(inputs[0]!.mel.data, expected.mel.data, { atol: 0, label: 'sample mel' });
    expect(workers.started[0]!.received.map((m) => m.job.kind)).toEqual(['analyze-wav']);
    expect(progress[0]).toMatchObject({ kind: 'open', label: 'analysing sample.wav' });
  });

  it('a drop of a WAV, a broken WAV and weights opens what it can and lists the failure', async () => {
    const api = start();
    const result = await api.open(
      {
        kind: 'dropped',
        files: [
          file('speech.wav', speechBytes()),
          file('broken.wav', new TextEncoder().encode('RIFF....WAVEnot really')),
          file('small.npz', smallPostnetNpz()),
        ],
      },
      'auto',
    );
    expect(result.inputs.map((i) => i.name)).toEqual(['speech.wav']);
    expect(result.weights?.name).toBe('small.npz');
    expect(result.failures).toEqual([
      {
        name: 'broken.wav',
        error: { name: 'WavFormatError', message: expect.stringMatching(/^broken\.wav: /) },
      },
    ]);
  });

  it('fails clearly when nothing in a drop opens, and for granted ids (a browser grants none)', async () => {
    const api = start();
    const error = await rejectionOf(
      api.open(
        { kind: 'dropped', files: [file('broken.wav', new TextEncoder().encode('RIFF....WAVEnot really'))] },
        'auto',
      ),
    );
    expect(error.name).toBe('WavFormatError');
    const granted = await rejectionOf(api.open({ kind: 'granted', ids: ['x'] }, 'auto'));
    expect(granted).toMatchObject({
      name: 'InvalidArgumentError',
      message: expect.stringMatching(/drop them/),
    });
  });

  it('cancel rejects the running job at once; the next job gets a fresh worker and the kept weights', async () => {
    const api = start();
    const { inputs, weights } = await api.open(
      { kind: 'dropped', files: [file('speech.wav', speechBytes()), file('small.npz', smallPostnetNpz())] },
      'auto',
    );
    const request = { inputId: inputs[0]!.id, weightsId: weights!.id };
    const running = api.process(request);
    api.cancel();
    const error = await rejectionOf(running);
    expect(error).toMatchObject({
      name: 'CancelledError',
      message: 'running the stack over speech.wav was cancelled',
    });
    expect(workers.started[0]!.terminated).toBe(true);
    const result = await api.process(request);
    expect(workers.started).toHaveLength(2);
    // The fresh worker had no stack: the host re-sent the weights it kept, then ran the job again.
    expect(workers.started[1]!.received.map((m) => m.job.kind)).toEqual([
      'process',
      'load-weights',
      'process',
    ]);
    const reference = await processSpectrogram(
      loadWeights([{ name: 'small.npz', bytes: smallPostnetNpz() }], { nMels: 80 }).stack,
      inputs[0]!.mel,
    );
    expectClose(result.output, reference.output, { atol: 0, label: 'output after a restart' });
  });

  it('fails clearly when the worker crashes: WorkerCrashedError naming the job; the next job works', async () => {
    const api = start();
    const opening = api.open({ kind: 'sample' }, 'auto');
    await new Promise((resolve) => setTimeout(resolve, 0));
    workers.started[0]!.crash('out of memory');
    const error = await rejectionOf(opening);
    expect(error.name).toBe('WorkerCrashedError');
    expect(error.message).toMatch(
      /stopped while opening sample\.wav: out of memory\. Nothing you had open was lost/,
    );
    expect((await api.open({ kind: 'sample' }, 'auto')).inputs).toHaveLength(1);
  });

  it('exports the processed result as a download named after the input, with its sidecar', async () => {
    const api = start();
    const { inputs } = await api.open(
      { kind: 'dropped', files: [file('speech.wav', speechBytes())] },
      'auto',
    );
    const weights = await api.defaultWeights();
    expect(await api.defaultWeights()).toEqual(weights); // built once
    const processed = await api.process({ inputId: inputs[0]!.id, weightsId: weights.id });
    const result = await api.exportResult({ format: 'npy', inputId: inputs[0]!.id, weightsId: weights.id });
    expect(result).toEqual({ location: 'speech.npy', sidecarLocation: 'speech.npy.json' });
    expect(saved.map((s) => [s.file.name, s.mimeType])).toEqual([
      ['speech.npy', 'application/octet-stream'],
      ['speech.npy.json', 'application/json'],
    ]);
    const npy = parseNpy(saved[0]!.file.bytes, 'speech.npy');
    expect(npy.shape).toEqual([80, processed.nFrames]);
    expectClose(npy.data as Float32Array, processed.output, { atol: 0, label: 'exported output' });
    const sidecar = JSON.parse(strFromU8(saved[1]!.file.bytes));
    expect(sidecar).toMatchObject({
      file: 'speech.npy',
      createdAt: '2025-06-01T12:00:00.000Z',
      input: { name: 'speech.wav', kind: 'wav' },
      weights: { isDefault: true, sha256: null },
    });
  });

  it('remel re-analyses a WAV from the bytes it kept; fails clearly for a spectrogram .npy', async () => {
    const api = start();
    const { inputs } = await api.open(
      { kind: 'dropped', files: [file('speech.wav', speechBytes())] },
      'auto',
    );
    const hifigan = MEL_PRESETS['hifigan']!;
    const again = await api.remel(inputs[0]!.id, hifigan);
    const expected = analyzeWav(speechBytes(), 'speech.wav', hifigan).mel;
    expect([again.id, again.mel.nFrames, again.mel.config.preset]).toEqual([
      inputs[0]!.id,
      expected.nFrames,
      'hifigan',
    ]);
    const remelTwice = await api.remel(inputs[0]!.id, TACOTRON2_MEL); // the kept bytes were not moved away
    expect(remelTwice.mel.nFrames).toBe(inputs[0]!.mel.nFrames);
    const npy = await api.open({ kind: 'dropped', files: [file('mel.npy', melNpy())] }, 'auto');
    const error = await rejectionOf(api.remel(npy.inputs[0]!.id, hifigan));
    expect(error).toMatchObject({
      name: 'InvalidArgumentError',
      message: expect.stringMatching(/^mel\.npy is a spectrogram/),
    });
  });

  it('fails clearly for ids it does not hold', async () => {
    const api = start();
    const error = await rejectionOf(api.process({ inputId: 'input-9', weightsId: 'weights-9' }));
    expect(error).toMatchObject({ name: 'UnknownDocumentError', message: expect.stringMatching(/input-9/) });
  });
});

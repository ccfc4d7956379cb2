/**
 * The browser host in Node: the real host, worker client and job server, with the Web Worker
 * replaced by one running in this thread and the page's files replaced by Node `File`s. Covers
 * what the e2e suite cannot see directly: what is kept across a worker restart, job messages,
 * partial failures, export names and sidecars. (The real Web Worker is covered by test/e2e.)
 */
import { strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/api/contract';
import { MAX_KEPT_INPUTS, MAX_KEPT_WEIGHTS } from '../../../../shared/host/kept';
import { encodeNpy, encodeNpyFloat32, parseNpy } from '../../../../shared/formats/npy';
import { TACOTRON2_MEL, MEL_PRESETS } from '../../../../shared/mel/config';
import { analyzeWav } from '../../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../../shared/pipeline/process';
import { defaultWeights, filesSha256, loadWeights } from '../../../../shared/weights/load';
import { DEMO_WEIGHTS_NAME } from '../../../../shared/demo/weights';
import { createBrowserHost, type BrowserHost } from '../../../../renderer/src/host/browser/host';
import { pageIo, type PageIo } from '../../../../renderer/src/host/browser/files';
import type { FileBytes } from '../../../../shared/jobs/protocol';
import { expectClose } from '../../../helpers/close';
import { readFixture } from '../../../helpers/fixtures';
import { smallPostnetNpz } from '../../../e2e/helpers/weights-npz';
import { inProcessWorkers } from './in-process-worker';
import { processWhole, wholeLayerRequest } from '../../../helpers/host-process';
import { rejectionOf } from '../../../helpers/rejection';
import { demoWeightsBytes } from '../../../helpers/demo-weights';

const speechBytes = () => readFixture('audio', 'speech_pcm16.wav');
const file = (name: string, bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], name);
const melNpy = () => encodeNpyFloat32(new Float32Array(80 * 6).fill(-4), [80, 6]);

interface Saved {
  file: FileBytes;
  mimeType: string;
}

let host: BrowserHost;
let workers: ReturnType<typeof inProcessWorkers>;
let saved: Saved[];
let progress: JobProgress[];

/** A `File` as a folder chooser (`webkitdirectory`) gives it: with its path under the chosen folder. */
function folderFile(path: string, bytes: Uint8Array): File {
  const picked = file(path.slice(path.lastIndexOf('/') + 1), bytes);
  Object.defineProperty(picked, 'webkitRelativePath', { value: path });
  return picked;
}

function start(picked: readonly File[] = []): BrowserHost {
  workers = inProcessWorkers();
  saved = [];
  progress = [];
  const page: PageIo = {
    ...pageIo, // the real readFile, over Node's File
    pickFiles: async () => picked,
    fetchSample: async () => ({ name: 'sample.wav', bytes: speechBytes() }),
    fetchDemoWeights: async () => demoWeightsBytes(),
    save: (saving, mimeType) => {
      saved.push({ file: saving, mimeType });
      return saving.name;
    },
    setTitle: () => undefined,
  };
  host = createBrowserHost({
    page,
    startWorker: workers.start,
    workers: 1,
    now: () => new Date('2025-06-01T12:00:00Z'),
  });
  host.onProgress((p) => progress.push(p));
  return host;
}

afterEach(() => host?.cancel());

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

  it('reads each dropped file on its own: one that cannot be read is listed, the others open', async () => {
    const api = start();
    const forged = { name: 'forged.wav', size: 4 }; // not a File: nothing to read
    const result = await api.open(
      { kind: 'dropped', files: [forged, file('speech.wav', speechBytes())] },
      'auto',
    );
    expect(result.inputs.map((input) => input.name)).toEqual(['speech.wav']);
    expect(result.failures).toEqual([
      {
        name: 'forged.wav',
        error: {
          name: 'InvalidArgumentError',
          message: 'forged.wav: not a File from a drop or a file chooser',
        },
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
    const request = { inputId: inputs[0]!.id, weightsId: weights!.id, stream: 1 };
    const running = api.process(request);
    api.cancel();
    const error = await rejectionOf(running);
    expect(error).toMatchObject({
      name: 'CancelledError',
      message: 'running the stack over speech.wav (chunk 1) was cancelled',
    });
    expect(workers.started[0]!.terminated).toBe(true);
    const result = await processWhole(api, request);
    expect(workers.started).toHaveLength(2);
    // The fresh worker had no stack: the host re-sent the weights it kept, then ran the job again.
    expect(workers.started[1]!.received.map((m) => m.job.kind)).toEqual([
      'process-chunk',
      'load-weights',
      'process-chunk',
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
    const processed = await processWhole(api, { inputId: inputs[0]!.id, weightsId: weights.id });
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
      weights: {
        isDefault: true,
        name: DEMO_WEIGHTS_NAME,
        sha256: filesSha256([{ name: 'demo', bytes: demoWeightsBytes() }]),
      },
    });
  });

  it('a folder picked with Folder… is called by its name (summary and sidecar); files beside the tensors are skipped', async () => {
    const small = loadWeights([{ name: 'small.npz', bytes: smallPostnetNpz() }]);
    const tensors = [...small.tensors].map(([key, tensor]) =>
      folderFile(`tacotron2_npy/${key}.npy`, encodeNpy(tensor)),
    );
    const notes = folderFile('tacotron2_npy/README.md', new TextEncoder().encode('converted with np.save'));
    const nested = folderFile(
      'tacotron2_npy/old/iteration.npy',
      encodeNpy(small.tensors.values().next().value!),
    );
    const api = start([notes, ...tensors, nested]);
    const { weights } = await api.open({ kind: 'dialog', folder: true }, 'weights');
    expect(weights).toMatchObject({ name: 'tacotron2_npy', totalParameters: small.summary.totalParameters });
    expect(weights!.tensors).toHaveLength(small.tensors.size);
    const { inputs } = await api.open(
      { kind: 'dropped', files: [file('speech.wav', speechBytes())] },
      'auto',
    );
    await api.exportResult({ format: 'npy', inputId: inputs[0]!.id, weightsId: weights!.id });
    expect(JSON.parse(strFromU8(saved[1]!.file.bytes)).weights.name).toBe('tacotron2_npy');
  });

  it('fails clearly for a picked folder with no weights files in it, naming the folder', async () => {
    const api = start([folderFile('notes/README.md', new TextEncoder().encode('nothing here'))]);
    const error = await rejectionOf(api.open({ kind: 'dialog', folder: true }, 'weights'));
    expect(error).toMatchObject({
      name: 'WeightsFormatError',
      message: 'the folder notes has no .npy, .npz, .json, .pt, .pth or .safetensors files',
    });
  });

  it('exports .npy [80, T] and [1, 80, T] of one input as two downloads whose sidecars name each', async () => {
    const api = start();
    const { inputs, weights } = await api.open(
      { kind: 'dropped', files: [file('speech.wav', speechBytes()), file('small.npz', smallPostnetNpz())] },
      'auto',
    );
    const request = { inputId: inputs[0]!.id, weightsId: weights!.id };
    await api.exportResult({ format: 'npy', ...request });
    const batched = await api.exportResult({ format: 'npy-batched', ...request });
    expect(batched).toEqual({ location: 'speech_batched.npy', sidecarLocation: 'speech_batched.npy.json' });
    expect(saved.map((s) => s.file.name)).toEqual([
      'speech.npy',
      'speech.npy.json',
      'speech_batched.npy',
      'speech_batched.npy.json',
    ]);
    const files = [1, 3].map((i) => JSON.parse(strFromU8(saved[i]!.file.bytes)).file);
    expect(files).toEqual(['speech.npy', 'speech_batched.npy']);
  });

  it('remel reads the WAV again from its File and re-analyses it (new revision); fails clearly for a spectrogram .npy', async () => {
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
    expect(again.revision).not.toBe(inputs[0]!.revision);
    const remelTwice = await api.remel(inputs[0]!.id, TACOTRON2_MEL); // read again: nothing was moved away
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
    const error = await rejectionOf(api.process({ inputId: 'input-9', weightsId: 'weights-9', stream: 1 }));
    expect(error).toMatchObject({ name: 'UnknownDocumentError', message: expect.stringMatching(/input-9/) });
  });
});

describe('browser host: layer outputs and what it keeps', () => {
  const dropped = (...names: string[]) => ({
    kind: 'dropped' as const,
    files: names.map((name) => file(name, melNpy())),
  });

  it('layerOutput runs one layer-chunk job and gives layerOutputOf’s numbers, keeping none of it', async () => {
    const api = start();
    const { inputs } = await api.open(
      { kind: 'dropped', files: [file('speech.wav', speechBytes())] },
      'auto',
    );
    const weights = await api.defaultWeights('untrained');
    const before = api.held().bytes;
    const out = await api.layerOutput(
      wholeLayerRequest({ inputId: inputs[0]!.id, weightsId: weights.id, layer: 0 }),
    );
    const expected = await layerOutputOf(defaultWeights().stack, inputs[0]!.mel, 0);
    expect([out.layer, out.nChannels, out.nFrames]).toEqual([0, 512, inputs[0]!.mel.nFrames]);
    expectClose(out.data, expected.data, { atol: 0, rtol: 0, label: 'conv 0 output' });
    expect(workers.started[0]!.received.map((m) => m.job.kind)).toEqual([
      'analyze-wav',
      'load-default-weights',
      'layer-chunk',
    ]);
    expect(progress.at(-1)).toMatchObject({ kind: 'process', label: 'conv 0 · 1 of 1', fraction: 1 });
    expect(api.held().bytes).toBe(before);
  });

  it('keeps a result’s residual and output for export, and the parts it sent are the window’s', async () => {
    const api = start();
    const weightsBytes = smallPostnetNpz();
    const { inputs, weights } = await api.open(
      { kind: 'dropped', files: [file('speech.wav', speechBytes()), file('small.npz', weightsBytes)] },
      'auto',
    );
    const processed = await processWhole(api, { inputId: inputs[0]!.id, weightsId: weights!.id });
    expect(processed.parts.length).toBeGreaterThan(0);
    const melBytes = inputs[0]!.mel.data.byteLength;
    // Kept: the mel, residual, output and the weights file (to rebuild the stack in a fresh worker);
    // not the parts sent, nor the WAV (read again from its File).
    expect(api.held().bytes).toBe(3 * melBytes + weightsBytes.byteLength);
  });

  it(`keeps the ${MAX_KEPT_INPUTS} most recently used inputs; every file of one drop survives until one is processed`, async () => {
    const api = start();
    const weights = await api.defaultWeights();
    const { inputs } = await api.open(dropped('a.npy', 'b.npy', 'c.npy', 'd.npy', 'e.npy', 'f.npy'), 'audio');
    expect(api.held().inputIds).toHaveLength(6);
    await api.process({ inputId: inputs[0]!.id, weightsId: weights.id, stream: 1 });
    const held = api.held().inputIds;
    expect(held).toHaveLength(MAX_KEPT_INPUTS);
    expect(held.at(-1)).toBe(inputs[0]!.id); // the one the window shows
    expect(held).toEqual([...inputs.slice(3).map((i) => i.id), inputs[0]!.id]);
  });

  it('fails clearly for an input released by the bound: UnknownDocumentError saying to open it again', async () => {
    const api = start();
    const weights = await api.defaultWeights();
    const { inputs } = await api.open(dropped('a.npy', 'b.npy', 'c.npy', 'd.npy', 'e.npy'), 'audio');
    for (const input of inputs.slice(1))
      await api.process({ inputId: input.id, weightsId: weights.id, stream: 1 });
    const error = await rejectionOf(
      api.layerOutput(wholeLayerRequest({ inputId: inputs[0]!.id, weightsId: weights.id, layer: 0 })),
    );
    expect(error).toMatchObject({
      name: 'UnknownDocumentError',
      message: `no open input has id '${inputs[0]!.id}'; open the file again`,
    });
  });

  it(`keeps ${MAX_KEPT_WEIGHTS} sets of weights, never counting out the default, and frees the rest in the worker`, async () => {
    const api = start();
    const defaults = await api.defaultWeights();
    const loaded: string[] = [];
    for (let i = 0; i < MAX_KEPT_WEIGHTS + 1; i++) {
      const { weights } = await api.open(
        { kind: 'dropped', files: [file(`w${i}.npz`, smallPostnetNpz())] },
        'weights',
      );
      loaded.push(weights!.id);
    }
    await new Promise((resolve) => setTimeout(resolve, 10)); // the release jobs are not awaited
    const held = api.held().weightsIds;
    expect(held).toHaveLength(MAX_KEPT_WEIGHTS);
    expect(held[0]).toBe(defaults.id);
    expect(held.slice(1)).toEqual(loaded.slice(2));
    const released = workers.started[0]!.received.filter((m) => m.job.kind === 'release-weights');
    expect(released.map((m) => (m.job as { weightsId: string }).weightsId)).toEqual(loaded.slice(0, 2));
  });
});

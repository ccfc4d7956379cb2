/**
 * The host's listening and demo calls through the browser host in Node (the real host, worker
 * client and job server, the Web Worker in this thread): the demo post-net as the default
 * weights and the untrained one beside it, the decoder-smoothed copy of an input, the WAV for
 * playback, and Griffin-Lim of an input's and an output's mel — each a worker job with progress.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/api/contract';
import { griffinLim } from '../../../../shared/audio-synthesis/griffin-lim';
import { resample } from '../../../../shared/audio/resample';
import { parseWav } from '../../../../shared/audio/wav';
import { smoothLikeDecoder } from '../../../../shared/demo/smoothing';
import { DEMO_WEIGHTS_NAME, demoWeightsFromBytes } from '../../../../shared/demo/weights';
import { encodeNpyFloat32 } from '../../../../shared/formats/npy';
import { UNTRAINED_WEIGHTS_NAME } from '../../../../shared/model/defaults';
import { processSpectrogram } from '../../../../shared/pipeline/process';
import { createBrowserHost, type BrowserHost } from '../../../../renderer/src/host/browser/host';
import { pageIo, type PageIo } from '../../../../renderer/src/host/browser/files';
import { expectClose } from '../../../helpers/close';
import { demoWeightsBytes } from '../../../helpers/demo-weights';
import { readFixture } from '../../../helpers/fixtures';
import { rejectionOf } from '../../../helpers/rejection';
import { inProcessWorkers } from './in-process-worker';
import { processWhole } from '../../../helpers/host-process';

const file = (name: string, bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], name);
const speechBytes = () => readFixture('audio', 'speech_pcm16.wav');

let host: BrowserHost;
let workers: ReturnType<typeof inProcessWorkers>;
let progress: JobProgress[];

function start(demo: () => Promise<Uint8Array> = async () => demoWeightsBytes()): BrowserHost {
  workers = inProcessWorkers();
  progress = [];
  const page: PageIo = {
    ...pageIo,
    fetchSample: async () => ({ name: 'sample.wav', bytes: speechBytes() }),
    fetchDemoWeights: demo,
    save: (saving) => saving.name,
    setTitle: () => undefined,
  };
  host = createBrowserHost({ page, startWorker: workers.start, workers: 1 });
  host.onProgress((p) => progress.push(p));
  return host;
}

async function openSpeech(api: BrowserHost, name = 'speech.wav', bytes = speechBytes()) {
  const { inputs } = await api.open({ kind: 'dropped', files: [file(name, bytes)] }, 'auto');
  return inputs[0]!;
}

afterEach(() => host?.cancel());

describe('browser host: built-in weights', () => {
  it('the default weights are the demo post-net from the bundled file, built once; processing matches it in Node', async () => {
    const api = start();
    const input = await openSpeech(api);
    const weights = await api.defaultWeights();
    expect(await api.defaultWeights('demo')).toEqual(weights);
    expect(weights).toMatchObject({ name: DEMO_WEIGHTS_NAME, isDefault: true, warnings: [] });
    expect(weights.layers[0]!.outChannels).toBe(128);
    const result = await processWhole(api, { inputId: input.id, weightsId: weights.id });
    const reference = await processSpectrogram(demoWeightsFromBytes(demoWeightsBytes()).stack, input.mel);
    expectClose(result.output, reference.output, { atol: 0, label: 'demo post-net output' });
    const jobs = workers.started[0]!.received.map((m) => m.job);
    expect(jobs.filter((job) => job.kind === 'load-default-weights')).toHaveLength(1);
  });

  it('the untrained post-net stays available beside the demo: both kept, each built once', async () => {
    const api = start();
    const demo = await api.defaultWeights();
    const untrained = await api.defaultWeights('untrained');
    expect(untrained.id).not.toBe(demo.id);
    expect(untrained).toMatchObject({ name: UNTRAINED_WEIGHTS_NAME, isDefault: true, sha256: null });
    expect(await api.defaultWeights('untrained')).toEqual(untrained);
    expect(api.held().weightsIds).toEqual([demo.id, untrained.id]);
  });

  it('a fresh worker (after a cancel) gets the demo post-net again from the kept bytes', async () => {
    const api = start();
    const input = await openSpeech(api);
    const weights = await api.defaultWeights();
    const running = api.process({ inputId: input.id, weightsId: weights.id, stream: 1 });
    api.cancel();
    expect((await rejectionOf(running)).name).toBe('CancelledError');
    const result = await processWhole(api, { inputId: input.id, weightsId: weights.id });
    expect(workers.started[1]!.received.map((m) => m.job.kind)).toEqual([
      'process-chunk',
      'load-default-weights',
      'process-chunk',
    ]);
    const reference = await processSpectrogram(demoWeightsFromBytes(demoWeightsBytes()).stack, input.mel);
    expectClose(result.output, reference.output, { atol: 0, label: 'output after a restart' });
  });

  it('fails soft when the demo file cannot be read: the untrained weights, with a warning saying why', async () => {
    const api = start(async () => {
      throw new Error('HTTP 404 for assets/demo-postnet.npz');
    });
    const weights = await api.defaultWeights();
    expect(weights.name).toBe(UNTRAINED_WEIGHTS_NAME);
    expect(weights.warnings[0]).toBe(
      'the bundled demo post-net could not be read (HTTP 404 for assets/demo-postnet.npz): these are the untrained weights',
    );
  });
});

describe('browser host: the demo smoothing', () => {
  it('smooth gives a new input: the mel blurred as shared/demo does, the same audio and config, smoothedFrom set', async () => {
    const api = start();
    const clean = await openSpeech(api);
    const smoothed = await api.smooth(clean.id);
    expect(smoothed.id).not.toBe(clean.id);
    expect(smoothed.smoothedFrom).toEqual({ inputId: clean.id, revision: clean.revision });
    expect(smoothed.audio).toEqual(clean.audio);
    expect(smoothed.mel.config).toEqual(clean.mel.config);
    const expected = smoothLikeDecoder(clean.mel.data, clean.mel.nMels, clean.mel.nFrames);
    expectClose(smoothed.mel.data, expected, { atol: 0, label: 'smoothed mel' });
    expect(progress.at(-1)).toMatchObject({ kind: 'process', label: 'smoothing speech.wav like a decoder' });
  });

  it('fails clearly when smoothing a smoothed input or re-analysing one (the clean input is re-analysed instead)', async () => {
    const api = start();
    const clean = await openSpeech(api);
    const smoothed = await api.smooth(clean.id);
    expect(await rejectionOf(api.smooth(smoothed.id))).toMatchObject({
      name: 'InvalidArgumentError',
      message: `speech.wav is already the smoothed copy of input '${clean.id}'; smooth that one`,
    });
    const remel = await rejectionOf(api.remel(smoothed.id, clean.mel.config));
    expect(remel.name).toBe('InvalidArgumentError');
    expect(remel.message).toContain(`made from input '${clean.id}': re-analyse that one`);
  });
});

describe('browser host: audio for playback', () => {
  it('inputAudio is the WAV decoded to mono at the mel rate (resampled when the file’s rate differs)', async () => {
    const api = start();
    const same = await openSpeech(api);
    const audio = await api.inputAudio(same.id);
    expect([audio.inputId, audio.inputRevision, audio.sampleRateHz]).toEqual([same.id, same.revision, 22050]);
    expectClose(audio.samples, parseWav(speechBytes()).samples, { atol: 0, label: 'same-rate samples' });
    const bytes44 = readFixture('audio', 'speech_44k.wav');
    const resampled = await api.inputAudio((await openSpeech(api, 'speech_44k.wav', bytes44)).id);
    const decoded = parseWav(bytes44);
    expect(decoded.sampleRateHz).toBe(44100);
    const expected = resample(decoded.samples, 44100, 22050);
    expect(resampled.samples.length).toBe(expected.length);
    expectClose(resampled.samples, expected, { atol: 0, label: '44.1 kHz → 22.05 kHz' });
    expect(progress.at(-1)).toMatchObject({ kind: 'listen', label: 'decoding speech_44k.wav' });
  });

  it('the smoothed copy plays its clean WAV; a spectrogram (.npy) input fails clearly: no audio', async () => {
    const api = start();
    const clean = await openSpeech(api);
    const smoothed = await api.inputAudio((await api.smooth(clean.id)).id);
    expectClose(smoothed.samples, parseWav(speechBytes()).samples, { atol: 0, label: 'smoothed copy audio' });
    const npy = encodeNpyFloat32(new Float32Array(80 * 40).fill(-4), [80, 40]);
    const { inputs } = await api.open({ kind: 'dropped', files: [file('mel.npy', npy)] }, 'auto');
    expect(await rejectionOf(api.inputAudio(inputs[0]!.id))).toMatchObject({
      name: 'InvalidArgumentError',
      message: 'mel.npy is a spectrogram (.npy): there is no audio to compute another mel from',
    });
  });
});

describe('browser host: Griffin-Lim', () => {
  it('synthesize of the input is griffinLim of its mel with its config, as a listen job with progress', async () => {
    const api = start();
    const input = await openSpeech(api);
    const heard = await api.synthesize({ inputId: input.id, mel: 'input', iterations: 8 });
    const expected = griffinLim(input.mel.data, input.mel.nFrames, input.mel.config, { iterations: 8 });
    expect([heard.sampleRateHz, heard.mel, heard.weightsId, heard.iterations]).toEqual([
      22050,
      'input',
      null,
      8,
    ]);
    expectClose(heard.samples, expected, { atol: 0, label: 'Griffin-Lim of the input' });
    const steps = progress.filter((p) => p.kind === 'listen');
    expect(steps.at(-1)).toMatchObject({ label: 'Griffin-Lim, 8 iterations' });
  });

  it('synthesize of the output uses the kept result (no second run), or runs the stack when there is none', async () => {
    const api = start();
    const input = await openSpeech(api);
    const weights = await api.defaultWeights();
    const heardFirst = await api.synthesize({
      inputId: input.id,
      mel: 'output',
      weightsId: weights.id,
      iterations: 4,
    });
    // The engine synthesize's own run used (the host's default), so both outputs are the same bits.
    const result = await processWhole(api, { inputId: input.id, weightsId: weights.id, engine: 'auto' });
    await api.synthesize({ inputId: input.id, mel: 'output', weightsId: weights.id, iterations: 4 });
    const kinds = workers.started[0]!.received.map((m) => m.job.kind);
    expect(kinds.slice(kinds.indexOf('load-default-weights') + 1)).toEqual([
      'process-chunk',
      'griffin-lim',
      'process-chunk',
      'griffin-lim',
    ]);
    const expected = griffinLim(result.output, input.mel.nFrames, input.mel.config, { iterations: 4 });
    expectClose(heardFirst.samples, expected, { atol: 0, label: 'Griffin-Lim of the output' });
    expect(heardFirst.weightsId).toBe(weights.id);
  });

  it('cancel stops a Griffin-Lim job at once (CancelledError naming it)', async () => {
    const api = start();
    const input = await openSpeech(api);
    const running = api.synthesize({ inputId: input.id, mel: 'input', iterations: 100 });
    api.cancel();
    expect(await rejectionOf(running)).toMatchObject({
      name: 'CancelledError',
      message: 'turning the mel of speech.wav into sound was cancelled',
    });
  });
});

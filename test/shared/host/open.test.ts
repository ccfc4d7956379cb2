/**
 * Opening files as both hosts do (shared/host/open.ts), against the shared runner in this
 * thread: sorting by content, one job per input, all weight files as one set, partial failures.
 */
import { describe, expect, it } from 'vitest';
import type { InputDocument, OpenIntent, WeightsSummary } from '../../../shared/api/contract';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import {
  assertHasAudio,
  isWeightsFileName,
  openInputFile,
  openSorted,
  sortReadItems,
  weightsSetName,
} from '../../../shared/host/open';
import { loadWeightsAs } from '../../../shared/host/weights';
import type { FileBytes } from '../../../shared/jobs/protocol';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { smallPostnetNpz } from '../../e2e/helpers/weights-npz';
import { inProcessRunner, type InProcessRunner } from '../jobs/in-process-runner';
import { rejectionOf } from '../../helpers/rejection';

const wav = (name = 'speech.wav'): FileBytes => ({ name, bytes: readFixture('audio', 'speech_pcm16.wav') });
const melNpy = (name = 'mel.npy'): FileBytes => ({
  name,
  bytes: encodeNpyFloat32(new Float32Array(80 * 6).fill(-4), [80, 6]),
});
const npz = (name = 'postnet.npz'): FileBytes => ({ name, bytes: smallPostnetNpz() });
const tensorNpy: FileBytes = {
  name: 'postnet.convolutions.0.0.conv.weight.npy',
  bytes: encodeNpyFloat32(new Float32Array(4), [1, 1, 4]),
};
const broken: FileBytes = { name: 'broken.wav', bytes: new TextEncoder().encode('RIFF....WAVEnot really') };

/** The steps a host gives openSorted, keeping nothing but ids. */
function steps(runner: InProcessRunner) {
  let next = 1;
  return {
    openInput: async (input: FileBytes & { role: 'audio' | 'spectrogram' }): Promise<InputDocument> => ({
      id: `input-${next++}`,
      name: input.name,
      revision: next,
      ...(await openInputFile(runner, input, TACOTRON2_MEL)),
    }),
    loadWeights: (files: readonly FileBytes[]): Promise<WeightsSummary> =>
      loadWeightsAs(runner, `weights-${next++}`, { kind: 'files', files, nMels: 80 }),
  };
}

/** Loose files as a shell reads them, each its own origin (its name here), sorted by the host. */
function sortFiles(files: readonly FileBytes[], intent: OpenIntent) {
  return sortReadItems(
    { files: files.map((file) => ({ ...file, origin: file.name })), folders: [], failures: [] },
    intent,
  );
}

describe('sortReadItems', () => {
  it('auto: a WAV and a plain .npy are inputs; an .npz and a state_dict-named .npy are weights', () => {
    const sorted = sortFiles([wav(), npz(), melNpy(), tensorNpy], 'auto');
    expect(sorted.inputs.map((f) => [f.name, f.role])).toEqual([
      ['speech.wav', 'audio'],
      ['mel.npy', 'spectrogram'],
    ]);
    expect(sorted.weightFiles.map((f) => f.name)).toEqual(['postnet.npz', tensorNpy.name]);
  });

  it('weights: every file is weights but audio (a WAV on the weights panel opens as the input); audio: weights by content are weights, a non-WAV goes to the WAV reader', () => {
    const onWeights = sortFiles([wav(), melNpy()], 'weights');
    expect(onWeights.inputs.map((f) => [f.name, f.role])).toEqual([['speech.wav', 'audio']]);
    expect(onWeights.weightFiles.map((f) => f.name)).toEqual(['mel.npy']);
    const mp3: FileBytes = {
      name: 'take1.mp3',
      bytes: new TextEncoder().encode('ID3\x04\x00 not audio we read'),
    };
    const audio = sortFiles([npz(), tensorNpy, melNpy(), mp3], 'audio');
    expect(audio.inputs.map((f) => [f.name, f.role])).toEqual([
      ['mel.npy', 'spectrogram'],
      ['take1.mp3', 'audio'],
    ]);
    expect(audio.weightFiles.map((f) => f.name)).toEqual(['postnet.npz', tensorNpy.name]);
  });
});

describe('sortReadItems: folders, known roles and the item that reopens the weights', () => {
  it('a folder’s files join the weights and name them; the folder is the one item that reopens them', () => {
    const read = {
      files: [{ ...wav(), origin: '/a/speech.wav' }],
      folders: [{ name: 'tacotron2_npy', files: [tensorNpy], origin: '/a/tacotron2_npy' }],
      failures: [],
    };
    const sorted = sortReadItems(read, 'auto');
    expect(sorted.inputs.map((input) => [input.name, input.role, input.origin])).toEqual([
      ['speech.wav', 'audio', '/a/speech.wav'],
    ]);
    expect(sorted.weightFiles).toEqual([tensorNpy]);
    expect([sorted.weightsName, sorted.weightsItem]).toEqual([
      'tacotron2_npy',
      { origin: '/a/tacotron2_npy' },
    ]);
  });

  it('fails clearly to name one item for weights from several: loose files have no item that reopens them all', () => {
    const sorted = sortFiles([npz('a.npz'), tensorNpy], 'weights');
    expect(sorted.weightFiles).toHaveLength(2);
    expect([sorted.weightsName, sorted.weightsItem]).toEqual([undefined, null]);
  });

  it('a role the shell knows (the bundled sample is audio) is kept whatever the content', () => {
    const read = {
      files: [{ ...npz(), origin: 'sample', role: 'audio' as const }],
      folders: [],
      failures: [],
    };
    expect(sortReadItems(read, 'auto').inputs.map((input) => input.role)).toEqual(['audio']);
  });
});

describe('weights from a folder', () => {
  it('one folder and nothing else is called by the folder’s name (as postnet-studio inspect does)', () => {
    expect(weightsSetName(['tacotron2_npy'], 0)).toBe('tacotron2_npy');
  });

  it('fails clearly to name a mix: a folder with loose files, two folders or no folder get no set name', () => {
    expect(weightsSetName(['tacotron2_npy'], 1)).toBeUndefined();
    expect(weightsSetName(['a', 'b'], 0)).toBeUndefined();
    expect(weightsSetName([], 3)).toBeUndefined();
  });

  it('reads the .npy, .npz and .json files in it and skips the rest (a README, a config.yaml)', () => {
    expect(
      ['a.weight.npy', 'w.NPZ', 'w.json', 'model.pt', 'model.pth', 'm.safetensors'].map(isWeightsFileName),
    ).toEqual([true, true, true, true, true, true]);
    expect(['README.md', 'config.yaml', 'npy'].map(isWeightsFileName)).toEqual([false, false, false]);
  });
});

describe('openInputFile', () => {
  it('a WAV runs analyze-wav (audio facts, analyzeWav’s mel); an .npy runs read-spectrogram-npy (no audio)', async () => {
    const runner = inProcessRunner();
    const fromWav = await openInputFile(runner, { ...wav(), role: 'audio' }, TACOTRON2_MEL);
    const expected = analyzeWav(wav().bytes, 'speech.wav', TACOTRON2_MEL);
    expect(fromWav.audio).toEqual(expected.audio);
    expectClose(fromWav.mel.data, expected.mel.data, { atol: 0, label: 'mel' });
    const fromNpy = await openInputFile(runner, { ...melNpy(), role: 'spectrogram' }, TACOTRON2_MEL);
    expect([fromNpy.audio, fromNpy.mel.nFrames]).toEqual([null, 6]);
    expect(runner.jobs.map((job) => job.kind)).toEqual(['analyze-wav', 'read-spectrogram-npy']);
  });

  it('fails clearly with the reader’s error naming the file', async () => {
    const error = await rejectionOf(
      openInputFile(inProcessRunner(), { ...broken, role: 'audio' }, TACOTRON2_MEL),
    );
    expect(error.name).toBe('WavFormatError');
    expect(error.message).toMatch(/^broken\.wav: /);
  });
});

describe('openSorted', () => {
  it('opens every input and builds one set of weights from all weight files of the call', async () => {
    const runner = inProcessRunner();
    const sorted = sortFiles([wav(), melNpy(), npz()], 'auto');
    const result = await openSorted(sorted.inputs, sorted.weightFiles, steps(runner));
    expect(result.inputs.map((i) => i.name)).toEqual(['speech.wav', 'mel.npy']);
    expect(result.weights?.name).toBe('postnet.npz');
    expect(result).not.toHaveProperty('failures');
  });

  it('keeps what opened when another file fails, and lists the failure after earlier (read) failures', async () => {
    const runner = inProcessRunner();
    const sorted = sortFiles([wav(), broken], 'auto');
    const readFailure = {
      name: 'gone.wav',
      error: { name: 'FileAccessError', message: 'cannot read gone.wav' },
    };
    const result = await openSorted(sorted.inputs, sorted.weightFiles, steps(runner), [readFailure]);
    expect(result.inputs.map((i) => i.name)).toEqual(['speech.wav']);
    expect(result.failures).toEqual([
      readFailure,
      {
        name: 'broken.wav',
        error: { name: 'WavFormatError', message: expect.stringMatching(/^broken\.wav: /) },
      },
    ]);
  });

  it('names a failed weights set by all its files', async () => {
    const runner = inProcessRunner();
    const bad: FileBytes = { name: 'b.json', bytes: new TextEncoder().encode('{"x": [1, 2') };
    const result = await openSorted(
      [{ ...wav(), role: 'audio' as const }],
      [npz('a.npz'), bad],
      steps(runner),
    );
    expect(result.failures?.map((f) => [f.name, f.error.name])).toEqual([
      ['a.npz, b.json', 'WeightsFormatError'],
    ]);
  });

  it('fails clearly when nothing opened: rejects with the first failure’s name and message', async () => {
    const error = await rejectionOf(
      openSorted([{ ...broken, role: 'audio' as const }], [], steps(inProcessRunner())),
    );
    expect(error.name).toBe('WavFormatError');
    expect(error.message).toMatch(/^broken\.wav: /);
  });

  it('a cancel stops the whole call (not listed as one file’s failure), even when other files opened', async () => {
    let calls = 0;
    const cancelling = {
      openInput: async (input: { name: string }): Promise<InputDocument> => {
        if (++calls === 2)
          throw Object.assign(new Error('opening b.wav was cancelled'), { name: 'CancelledError' });
        return {
          id: input.name,
          revision: calls,
          name: input.name,
          audio: null,
          mel: null as never,
          warnings: [],
        };
      },
      loadWeights: async (): Promise<WeightsSummary> => {
        throw new Error('not reached');
      },
    };
    const error = await rejectionOf(
      openSorted([{ name: 'a.wav' }, { name: 'b.wav' }, { name: 'c.wav' }], [], cancelling),
    );
    expect(error.name).toBe('CancelledError');
    expect(calls).toBe(2);
  });
});

describe('assertHasAudio', () => {
  it('passes a WAV input and fails clearly for a spectrogram .npy (nothing to re-analyse)', () => {
    const document = { id: 'i', revision: 1, name: 'mel.npy', audio: null, mel: null as never, warnings: [] };
    expect(() =>
      assertHasAudio({
        ...document,
        name: 's.wav',
        audio: analyzeWav(wav().bytes, 's.wav', TACOTRON2_MEL).audio,
      }),
    ).not.toThrow();
    expect(() => assertHasAudio(document)).toThrow(
      'mel.npy is a spectrogram (.npy): there is no audio to compute another mel from',
    );
  });
});

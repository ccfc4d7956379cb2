/**
 * The host in main with the files trainers write (issue 13's window side): a full Tacotron 2
 * checkpoint's stacks built on request, the files' facts in the summary, an `.npy`'s settings
 * (assumed, from its sidecar, or set by the user), a cut-off WAV's warning, and a WAV dropped on
 * the weights panel. Real fixtures, the shared runner in this thread.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIDECAR_SCHEMA } from '../../../shared/export/sidecar';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { fixturePath } from '../../helpers/fixtures';
import { rejectionOf } from '../../helpers/rejection';
import { mainHost, type MainHost } from './main-host';

let folder = '';
let main: MainHost;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-host-checkpoints-'));
  main = await mainHost(join(folder, 'state'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const drop = (...paths: string[]) => ({ kind: 'resolved-drop', paths }) as const;
/** The fixtures' small Tacotron 2 has 8 mel bands. */
const BANDS8 = { ...TACOTRON2_MEL, preset: 'custom', nMels: 8 } as const;

async function melNpy(name = 'mel.npy', nMels = 8, nFrames = 10): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, encodeNpyFloat32(new Float32Array(nMels * nFrames).fill(-4), [nMels, nFrames]));
  return path;
}

async function sidecarBeside(npyPath: string, melConfig: object): Promise<void> {
  await writeFile(`${npyPath}.json`, strToU8(JSON.stringify({ schema: SIDECAR_SCHEMA, melConfig })));
}

describe('the host: a full Tacotron 2 checkpoint', () => {
  it('builds the post-net, lists both stacks and the checkpoint’s other entries', async () => {
    const { weights } = await main.host.open(
      drop(fixturePath('checkpoints', 'checkpoint_1000')),
      'weights',
      BANDS8,
    );
    expect(weights!.built).toBe('postnet');
    expect(weights!.stacks.map((stack) => [stack.role, stack.prefix])).toEqual([
      ['postnet', 'postnet.convolutions.'],
      ['encoder', 'encoder.convolutions.'],
    ]);
    expect(weights!.files).toEqual([
      expect.objectContaining({
        name: 'checkpoint_1000',
        format: 'torch-zip',
        stateDictPath: ['state_dict'],
      }),
    ]);
    expect(weights!.files[0]!.ignored.map((entry) => entry.key).sort()).toEqual([
      'iteration',
      'learning_rate',
      'optimizer',
    ]);
    expect(weights!.embedding).toBeNull();
  });

  it('chooseStack builds the encoder from the same file under its own id, once; back gives the post-net again', async () => {
    const { weights } = await main.host.open(
      drop(fixturePath('checkpoints', 'checkpoint_1000')),
      'weights',
      BANDS8,
    );
    const encoder = await main.host.chooseStack(weights!.id, 'encoder');
    expect(encoder.id).not.toBe(weights!.id);
    expect(encoder.built).toBe('encoder');
    expect(encoder.layers.map((layer) => layer.name)).toEqual(
      [0, 1, 2].map((i) => `encoder.convolutions.${i}`),
    );
    expect(encoder.embedding).toEqual({ key: 'embedding.weight', shape: [expect.any(Number), 12] });
    expect((await main.host.chooseStack(weights!.id, 'encoder')).id).toBe(encoder.id);
    expect((await main.host.chooseStack(encoder.id, 'postnet')).id).toBe(weights!.id);
    expect(await main.host.chooseStack(weights!.id, 'postnet')).toBe(weights);
  });

  it('fails clearly to build another stack of the built-in weights, or of weights never loaded', async () => {
    const builtIn = await main.host.defaultWeights();
    expect((await rejectionOf(main.host.chooseStack(builtIn.id, 'encoder'))).message).toMatch(
      /are built in and hold one stack only: there is no encoder to build$/,
    );
    expect((await rejectionOf(main.host.chooseStack('weights-99', 'encoder'))).message).toMatch(
      /no loaded weights have id 'weights-99'/,
    );
  });

  it('a .safetensors file brings its __metadata__', async () => {
    const { weights } = await main.host.open(
      drop(fixturePath('checkpoints', 'postnet.safetensors')),
      'weights',
      BANDS8,
    );
    expect(weights!.files[0]).toMatchObject({
      format: 'safetensors',
      metadata: { format: 'pt', source: 'postnet-studio test fixture' },
    });
  });
});

describe('the host: an .npy input’s mel settings', () => {
  it('without a sidecar they are assumed: the settings it was opened with', async () => {
    const { inputs } = await main.host.open(drop(await melNpy()), 'auto', BANDS8);
    expect(inputs[0]!.mel.source.settings).toEqual({ from: 'assumed' });
    expect(inputs[0]!.mel.config).toEqual(BANDS8);
  });

  it('the sidecar our exports write beside it gives them, whether dropped with it or found beside it', async () => {
    const npy = await melNpy();
    const recorded = { ...BANDS8, sampleRateHz: 16000, hopLength: 200, fMaxHz: 8000 };
    await sidecarBeside(npy, recorded);
    const alone = await main.host.open(drop(npy), 'auto', BANDS8);
    expect(alone.inputs[0]!.mel.source.settings).toEqual({ from: 'sidecar', file: 'mel.npy.json' });
    expect(alone.inputs[0]!.mel.config).toMatchObject({ sampleRateHz: 16000, hopLength: 200 });
    const together = await main.host.open(drop(npy, `${npy}.json`), 'auto', BANDS8);
    expect(together.weights).toBeNull(); // the sidecar went with its .npy, not to the weights reader
    expect(together.inputs).toHaveLength(1);
    expect(together.inputs[0]!.mel.source.settings).toEqual({ from: 'sidecar', file: 'mel.npy.json' });
  });

  it('fails clearly when the JSON beside it is not one of our sidecars: names the file and what is missing', async () => {
    const npy = await melNpy();
    await writeFile(`${npy}.json`, strToU8('{"hello": 1}'));
    const error = await rejectionOf(main.host.open(drop(npy), 'auto', BANDS8));
    expect(error.message).toMatch(/mel\.npy\.json: not a Postnet Studio export sidecar/);
  });

  it('relabel sets the sample rate and hop: same id, revision and numbers; the origin says given', async () => {
    const { inputs } = await main.host.open(drop(await melNpy()), 'auto', BANDS8);
    const input = inputs[0]!;
    const settings = { ...BANDS8, sampleRateHz: 16000, hopLength: 200, fMaxHz: 8000 };
    const relabelled = await main.host.relabel(input.id, settings);
    expect(relabelled).toMatchObject({ id: input.id, revision: input.revision });
    expect(relabelled.mel.config).toEqual(settings);
    expect(relabelled.mel.source.settings).toEqual({ from: 'given' });
    expect(relabelled.mel.data).toEqual(input.mel.data);
  });

  it('fails clearly to relabel with other bands than the array’s, with settings that cannot work, or a WAV', async () => {
    const { inputs } = await main.host.open(drop(await melNpy()), 'auto', BANDS8);
    const bands = await rejectionOf(main.host.relabel(inputs[0]!.id, TACOTRON2_MEL));
    expect(bands.name).toBe('MelConfigError');
    expect(bands.message).toBe('mel.npy holds 8 mel bands: its settings must have n_mels 8, not 80');
    const nyquist = await rejectionOf(main.host.relabel(inputs[0]!.id, { ...BANDS8, sampleRateHz: 8000 }));
    expect(nyquist.message).toMatch(/fMaxHz 8000 Hz is above the Nyquist frequency 4000 Hz/);
    const wav = await main.host.open({ kind: 'sample' }, 'audio');
    expect((await rejectionOf(main.host.relabel(wav.inputs[0]!.id, BANDS8))).message).toMatch(
      /is audio: its mel is computed with the settings \(re-analyse it\), not relabelled$/,
    );
  });
});

describe('the host: audio a user drops', () => {
  it('a WAV cut off mid data chunk opens what is there, with a warning saying how much is missing', async () => {
    const whole = await readFile(fixturePath('audio', 'speech_pcm16.wav'));
    const path = join(folder, 'cut.wav');
    await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const { inputs } = await main.host.open(drop(path), 'auto');
    expect(inputs[0]!.warnings).toHaveLength(1);
    expect(inputs[0]!.warnings[0]).toMatch(/^cut\.wav: truncated WAV: .*missing/);
    const full = await main.host.open({ kind: 'sample' }, 'audio');
    expect(full.inputs[0]!.warnings).toEqual([]);
  });

  it('a WAV dropped on the weights panel opens as the input, not as weights that fail', async () => {
    const path = join(folder, 'speech.wav');
    await copyFile(fixturePath('audio', 'speech_pcm16.wav'), path);
    const opened = await main.host.open(drop(path), 'weights');
    expect(opened.weights).toBeNull();
    expect(opened.inputs.map((input) => input.name)).toEqual(['speech.wav']);
    expect(opened.failures ?? []).toEqual([]);
  });
});

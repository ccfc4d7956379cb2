/**
 * The host as main runs it (the shared host over main's I/O port, electron/main/host-io.ts) end
 * to end with real files in a temporary folder, scripted dialogs and the shared runner in this
 * thread: open (sample, drops, granted ids, partial failures), process, every export (and its
 * failures), recovery after a worker restart, remel. File weights are a small 2-layer post-net;
 * the default Tacotron 2 post-net is used where the test is about it.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeNpy, encodeNpyFloat32, parseNpy } from '../../../shared/formats/npy';
import { encodeNpz, parseNpz } from '../../../shared/formats/npz';
import { sha256Hex } from '../../../shared/formats/sha256';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { defaultWeights, loadWeights } from '../../../shared/weights/load';
import { smallPostnetNpz } from '../../e2e/helpers/weights-npz';
import { expectClose } from '../../helpers/close';
import { fixturePath } from '../../helpers/fixtures';
import { rejectionOf } from '../../helpers/rejection';
import { processWhole, wholeLayerRequest } from '../../helpers/host-process';
import { mainHost, type MainHost } from './main-host';

let folder = '';
let main: MainHost;
let wavPath = '';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-main-host-'));
  wavPath = join(folder, 'speech.wav');
  await copyFile(fixturePath('audio', 'speech_pcm16.wav'), wavPath);
  main = await mainHost(join(folder, 'state'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const drop = (...paths: string[]) => ({ kind: 'resolved-drop', paths }) as const;
const smallBytes = smallPostnetNpz();
const small = () => loadWeights([{ name: 'postnet.npz', bytes: smallBytes }]);

async function expectedMel() {
  return analyzeWav(new Uint8Array(await readFile(wavPath)), 'speech.wav', TACOTRON2_MEL).mel;
}

/** The small post-net saved as `postnet.npz` in the folder; returns its path. */
async function smallNpz(): Promise<string> {
  const path = join(folder, 'postnet.npz');
  await writeFile(path, smallBytes);
  return path;
}

describe('the host in main: opening', () => {
  it('opens the bundled sample first when nothing was on the command line', async () => {
    expect((await main.host.startup()).openFirst).toEqual({ kind: 'sample' });
    const { inputs } = await main.host.open({ kind: 'sample' }, 'audio');
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.name).toBe('speech_pcm16.wav');
    expect(main.recentChanges).toEqual([]); // the sample is not a recent file
  });

  it('opens a dropped WAV: its mel equals analyzeWav’s, and it joins Open Recent', async () => {
    const { inputs, weights } = await main.host.open(drop(wavPath), 'auto');
    expect(weights).toBeNull();
    expectClose(inputs[0]!.mel.data, (await expectedMel()).data, { atol: 0, label: 'mel of speech.wav' });
    expect(inputs[0]!.audio?.sampleRateHz).toBe(22050);
    expect(main.recentChanges).toEqual([[wavPath]]);
    expect(main.recent.files()).toEqual([{ name: 'speech.wav', location: wavPath }]);
  });

  it('opens the command line’s files first, by granted id; fails clearly for an id that was never granted', async () => {
    const started = await mainHost(join(folder, 'other-state'), [wavPath]);
    const { openFirst } = await started.host.startup();
    if (openFirst.kind !== 'granted') throw new Error(`expected granted ids, got ${openFirst.kind}`);
    const { inputs } = await started.host.open(openFirst, 'auto');
    expect(inputs[0]!.name).toBe('speech.wav');
    const error = await rejectionOf(
      main.host.open({ kind: 'granted', ids: [join(folder, 'secret.wav')] }, 'auto'),
    );
    expect(error.name).toBe('AccessDeniedError');
  });

  it('keeps what opened when another file in the same drop fails, and lists the failure', async () => {
    const bad = join(folder, 'broken.wav');
    await writeFile(bad, 'RIFF....WAVEnot really');
    const result = await main.host.open(drop(wavPath, bad), 'auto');
    expect(result.inputs.map((input) => input.name)).toEqual(['speech.wav']);
    expect(result.failures).toEqual([
      { name: 'broken.wav', error: expect.objectContaining({ name: 'WavFormatError' }) },
    ]);
  });

  it('fails clearly with the file’s own error when nothing could be opened', async () => {
    const missing = join(folder, 'missing.wav');
    const error = await rejectionOf(main.host.open(drop(missing), 'auto'));
    expect(error.name).toBe('FileAccessError');
    expect(error.message).toBe(`cannot read ${missing}: no such file or directory`);
  });

  it('File → Open… with an .npz loads it as weights, as a drop does; an MP3 still gets the WAV reader’s message', async () => {
    main.dialogs.pickToOpen.mockResolvedValueOnce([await smallNpz()]);
    const { inputs, weights } = await main.host.open({ kind: 'dialog' }, 'audio');
    expect(inputs).toEqual([]);
    expect(weights).toMatchObject({ name: 'postnet.npz', totalParameters: small().summary.totalParameters });
    const mp3 = join(folder, 'take1.mp3');
    await writeFile(mp3, Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00 not a wav at all'));
    main.dialogs.pickToOpen.mockResolvedValueOnce([mp3]);
    const error = await rejectionOf(main.host.open({ kind: 'dialog' }, 'audio'));
    expect(error.name).toBe('WavFormatError');
    expect(error.message).toMatch(/an MP3 file: audio in a format we do not read yet: convert it to WAV/);
  });

  it('fails clearly on a refused file without echoing its contents: a password file, a JSON of secrets', async () => {
    const SECRET = 'root:$6$hunter2$0123456789abcdef:19000:0:99999:7:::';
    const shadow = join(folder, 'shadow');
    await writeFile(shadow, `${SECRET}\n`);
    const secrets = join(folder, 'secrets.json');
    await writeFile(secrets, JSON.stringify({ 'conv.weight': SECRET }));
    const broken = join(folder, 'broken.json');
    await writeFile(broken, `{"token": ${SECRET}}`);
    const messages: string[] = [];
    for (const [path, intent] of [
      [shadow, 'auto'],
      [shadow, 'audio'],
      [secrets, 'auto'],
      [broken, 'weights'],
    ] as const) {
      const error = await rejectionOf(main.host.open(drop(path), intent));
      expect(error.name, path).toMatch(/^(WeightsFormatError|WavFormatError)$/);
      messages.push(error.message);
    }
    expect(messages).toEqual([
      expect.stringMatching(/^shadow: unknown weights format: starts with text \(not shown\);/),
      expect.stringMatching(/^shadow: not a RIFF\/WAVE file: it starts with text \(not shown\)/),
      expect.stringMatching(new RegExp(`found a string of ${SECRET.length} characters$`)),
      expect.stringMatching(/^broken\.json: not valid JSON: /),
    ]);
    for (const message of messages) {
      expect(message).not.toContain('hunter2');
      expect(message).not.toContain('root:');
    }
  });

  it('a cancelled open dialog opens nothing', async () => {
    expect(await main.host.open({ kind: 'dialog' }, 'audio')).toEqual({ inputs: [], weights: null });
  });

  it('a folder of .npy (Load Weights Folder…) is called by the folder’s name in the summary and the sidecar', async () => {
    const npyFolder = join(folder, 'tacotron2_npy');
    await mkdir(npyFolder);
    const { tensors } = small();
    for (const [key, tensor] of tensors) await writeFile(join(npyFolder, `${key}.npy`), encodeNpy(tensor));
    await writeFile(join(npyFolder, 'README.md'), 'converted with np.save');
    main.dialogs.pickToOpen.mockResolvedValueOnce([npyFolder]);
    const { weights } = await main.host.open({ kind: 'dialog', folder: true }, 'weights');
    expect(weights).toMatchObject({
      name: 'tacotron2_npy',
      totalParameters: small().summary.totalParameters,
    });
    expect(weights!.tensors).toHaveLength(tensors.size);
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const out = join(folder, 'speech.npy');
    main.dialogs.pickExportPath.mockResolvedValueOnce(out);
    await main.host.exportResult({ format: 'npy', inputId: inputs[0]!.id, weightsId: weights!.id });
    const sidecar = JSON.parse(strFromU8(new Uint8Array(await readFile(`${out}.json`))));
    expect(sidecar.weights.name).toBe('tacotron2_npy');
  });

  it('fails clearly to name a mix: a folder dropped with a loose .npz is "N files", not the folder', async () => {
    const npyFolder = join(folder, 'part_npy');
    await mkdir(npyFolder);
    const tensors = [...small().tensors];
    for (const [key, tensor] of tensors.slice(0, -2))
      await writeFile(join(npyFolder, `${key}.npy`), encodeNpy(tensor));
    const rest = join(folder, 'rest.npz');
    await writeFile(rest, encodeNpz(new Map(tensors.slice(-2))));
    const { weights } = await main.host.open(drop(npyFolder, rest), 'auto');
    expect(weights!.name).toBe(`${tensors.length - 1} files`);
  });
});

describe('the host in main: processing and export', () => {
  it('loads weights from a dialog, processes like processSpectrogram, exports npy + sidecar atomically', async () => {
    main.dialogs.pickToOpen.mockResolvedValueOnce([await smallNpz()]);
    const { weights } = await main.host.open({ kind: 'dialog' }, 'weights');
    expect(weights).toMatchObject({ name: 'postnet.npz', isDefault: false, sha256: sha256Hex(smallBytes) });
    expect(main.dialogs.pickToOpen).toHaveBeenCalledWith('weights', false);
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const result = await processWhole(main.host, { inputId: inputs[0]!.id, weightsId: weights!.id });
    expect(result.inputRevision).toBe(inputs[0]!.revision);
    const expected = await processSpectrogram(small().stack, await expectedMel());
    expectClose(result.output, expected.output, { atol: 0, label: 'output' });

    const out = join(folder, 'speech.npy');
    main.dialogs.pickExportPath.mockResolvedValueOnce(out);
    const exported = await main.host.exportResult({
      format: 'npy',
      inputId: inputs[0]!.id,
      weightsId: weights!.id,
    });
    expect(main.dialogs.pickExportPath).toHaveBeenCalledWith('npy', 'speech.npy');
    expect(exported).toEqual({ location: out, sidecarLocation: `${out}.json` });
    const saved = parseNpy(new Uint8Array(await readFile(out)), 'speech.npy');
    expect(saved.shape).toEqual([80, result.nFrames]);
    expectClose(saved.data, result.output, { atol: 0, label: 'exported output' });
    const sidecar = JSON.parse(strFromU8(new Uint8Array(await readFile(`${out}.json`))));
    expect(sidecar.weights).toEqual({
      name: 'postnet.npz',
      sha256: sha256Hex(smallBytes),
      isDefault: false,
      residual: true,
    });
    expect(sidecar.input.name).toBe('speech.wav');
    expect(sidecar.engine).toEqual({ name: result.engine.name, workers: result.engine.workers });
    expect(sidecar.createdAt).toBe('2025-06-01T12:00:00.000Z');
  });

  it('exports an npz of input, residual and output even before an explicit process call', async () => {
    const { weights } = await main.host.open(drop(await smallNpz()), 'auto');
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const out = join(folder, 'all.npz');
    main.dialogs.pickExportPath.mockResolvedValueOnce(out);
    await main.host.exportResult({ format: 'npz', inputId: inputs[0]!.id, weightsId: weights!.id });
    const tensors = parseNpz(new Uint8Array(await readFile(out)), 'all.npz');
    expect([...tensors.keys()]).toEqual(['input', 'residual', 'output', 'mel_config_json']);
  });

  it('fails clearly when the export folder cannot be written, leaving no file behind', async () => {
    const { weights } = await main.host.open(drop(await smallNpz()), 'auto');
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const notAFolder = join(folder, 'speech.wav'); // a regular file used as a folder: fails even for root
    main.dialogs.pickExportPath.mockResolvedValueOnce(join(notAFolder, 'out.csv'));
    const error = await rejectionOf(
      main.host.exportResult({ format: 'csv', inputId: inputs[0]!.id, weightsId: weights!.id }),
    );
    expect(error.name).toBe('FileAccessError');
    expect(error.message).toMatch(
      /cannot write .*speech\.wav\/out\.csv: a part of the path is not a folder$/,
    );
    expect((await readdir(folder)).sort()).toEqual(['postnet.npz', 'speech.wav', 'state']);
  });

  it('a cancelled save dialog exports nothing and resolves null', async () => {
    const { weights } = await main.host.open(drop(await smallNpz()), 'auto');
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    expect(
      await main.host.exportResult({ format: 'npy', inputId: inputs[0]!.id, weightsId: weights!.id }),
    ).toBeNull();
  });

  it('after a worker restart, processing and a layer output still work: the host re-sends the weights files it kept', async () => {
    const { weights } = await main.host.open(drop(await smallNpz()), 'auto');
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const request = { inputId: inputs[0]!.id, weightsId: weights!.id };
    main.runner.restart(); // a fresh worker has no stacks
    expect((await processWhole(main.host, request)).nFrames).toBe(inputs[0]!.mel.nFrames);
    main.runner.restart();
    const out = await main.host.layerOutput(wholeLayerRequest({ ...request, layer: 0 }));
    expect([out.nChannels, out.nFrames]).toEqual([32, inputs[0]!.mel.nFrames]);
    expect(main.runner.jobs.map((job) => job.kind).slice(-6)).toEqual([
      'process-chunk',
      'load-weights',
      'process-chunk',
      'layer-chunk',
      'load-weights',
      'layer-chunk',
    ]);
  });

  it('layerOutput of the untrained post-net equals layerOutputOf; the host keeps none of it, and a result only its arrays', async () => {
    const weights = await main.host.defaultWeights('untrained');
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const before = main.host.held().bytes;
    const out = await main.host.layerOutput(
      wholeLayerRequest({ inputId: inputs[0]!.id, weightsId: weights.id, layer: 1 }),
    );
    const expected = await layerOutputOf(defaultWeights().stack, await expectedMel(), 1);
    expect([out.layer, out.nChannels, out.nFrames]).toEqual([1, 512, inputs[0]!.mel.nFrames]);
    expectClose(out.data, expected.data, { atol: 0, rtol: 0, label: 'conv 1 output' });
    expect(main.host.held().bytes).toBe(before);
    await processWhole(main.host, { inputId: inputs[0]!.id, weightsId: weights.id });
    const melBytes = inputs[0]!.mel.data.byteLength;
    expect(main.host.held().bytes).toBe(3 * melBytes); // mel + residual + output (default weights: no files)
  });

  it('fails clearly for a layer the weights do not have, and for unknown ids, before any work', async () => {
    const { weights } = await main.host.open(drop(await smallNpz()), 'auto');
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const missing = await rejectionOf(
      main.host.layerOutput(wholeLayerRequest({ inputId: inputs[0]!.id, weightsId: weights!.id, layer: 5 })),
    );
    expect([missing.name, missing.message]).toEqual([
      'InvalidArgumentError',
      'layer 5 does not exist: the weights have 2 layers (0…1)',
    ]);
    const unknown = await rejectionOf(
      main.host.layerOutput(wholeLayerRequest({ inputId: 'input-9', weightsId: weights!.id, layer: 0 })),
    );
    expect(unknown.name).toBe('UnknownDocumentError');
    const process = await rejectionOf(
      main.host.process({ inputId: 'input-9', weightsId: 'weights-default', stream: 1 }),
    );
    expect(process.name).toBe('UnknownDocumentError');
  });

  it('remel re-reads the WAV and recomputes it under the same id with a new revision; fails clearly for a spectrogram .npy', async () => {
    const { inputs } = await main.host.open(drop(wavPath), 'audio');
    const hifigan = await main.host.remel(inputs[0]!.id, {
      ...TACOTRON2_MEL,
      preset: 'hifigan',
      padding: 'hifigan',
      magnitudeEpsilon: 1e-9,
    });
    expect(hifigan.id).toBe(inputs[0]!.id);
    expect(hifigan.revision).not.toBe(inputs[0]!.revision);
    expect(hifigan.mel.nFrames).toBe(inputs[0]!.mel.nFrames - 1);
    const npy = join(folder, 'mel.npy');
    await writeFile(npy, encodeNpyFloat32(new Float32Array(80 * 10).fill(-4), [80, 10]));
    const opened = await main.host.open(drop(npy), 'auto');
    expect(opened.inputs[0]!.audio).toBeNull();
    const remel = await rejectionOf(main.host.remel(opened.inputs[0]!.id, TACOTRON2_MEL));
    expect(remel.message).toBe(
      'mel.npy is a spectrogram (.npy): there is no audio to compute another mel from',
    );
  });
});

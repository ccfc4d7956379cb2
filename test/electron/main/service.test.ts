/**
 * The service end to end with a real worker thread, real files in a temporary folder and a
 * scripted dialog: open (sample, drops, granted ids), process, export (and its failures),
 * recovery after a worker crash, Open Recent.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dialogs } from '../../../electron/main/dialogs';
import { FileGrants } from '../../../electron/main/grants';
import { PostnetService, type ServiceDeps } from '../../../electron/main/service';
import type { InputOrigin } from '../../../electron/main/read-opened';
import { Session } from '../../../shared/host/session';
import { StateStore } from '../../../electron/main/state-store';
import type { WorkerOwner } from '../../../electron/main/worker-owner';
import type { RecentFile } from '../../../shared/api/contract';
import { encodeNpz, parseNpz } from '../../../shared/formats/npz';
import { encodeNpy, parseNpy } from '../../../shared/formats/npy';
import { sha256Hex } from '../../../shared/formats/sha256';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { defaultWeights } from '../../../shared/pipeline/weights';
import { expectClose } from '../../helpers/close';
import { fixturePath } from '../../helpers/fixtures';
import { createTestOwner } from '../worker/start-worker';
import { rejectionOf } from '../../helpers/rejection';

let folder = '';
let owner: WorkerOwner;
let dialogs: { pickToOpen: ReturnType<typeof vi.fn>; pickExportPath: ReturnType<typeof vi.fn> };
let recentEvents: (readonly RecentFile[])[];
let service: PostnetService;
let session: Session<InputOrigin>;
let wavPath = '';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-service-'));
  wavPath = join(folder, 'speech.wav');
  await copyFile(fixturePath('audio', 'speech_pcm16.wav'), wavPath);
  owner = createTestOwner();
  dialogs = { pickToOpen: vi.fn(async () => []), pickExportPath: vi.fn(async () => null) };
  recentEvents = [];
  const store = new StateStore(folder, 10_000);
  await store.load();
  session = new Session<InputOrigin>();
  const deps: ServiceDeps = {
    owner,
    grants: new FileGrants(),
    session,
    store,
    dialogs: dialogs as unknown as Dialogs,
    paths: { sampleWav: fixturePath('audio', 'speech_pcm16.wav') },
    appVersion: '0.1.0',
    startupPaths: [],
    onRecentChanged: (recent) => recentEvents.push(recent),
    setTitle: () => undefined,
    now: () => new Date('2025-06-01T12:00:00Z'),
  };
  service = new PostnetService(deps);
});

afterEach(async () => {
  await owner.dispose();
  await rm(folder, { recursive: true, force: true });
});

async function expectedMel() {
  return analyzeWav(new Uint8Array(await readFile(wavPath)), 'speech.wav', TACOTRON2_MEL).mel;
}

describe('PostnetService', () => {
  it('opens the bundled sample first when nothing was on the command line', async () => {
    expect(service.startup().openFirst).toEqual({ kind: 'sample' });
    const { inputs } = await service.open({ kind: 'sample' }, 'audio', null);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.name).toBe('speech_pcm16.wav');
    expect(recentEvents).toEqual([]); // the sample is not a recent file
  });

  it('opens a dropped WAV: its mel equals analyzeWav’s, and it joins Open Recent', async () => {
    const { inputs, weights } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'auto', null);
    expect(weights).toBeNull();
    const expected = await expectedMel();
    expectClose(inputs[0]!.mel.data, expected.data, { atol: 0, label: 'mel of speech.wav' });
    expect(inputs[0]!.audio?.sampleRateHz).toBe(22050);
    expect(recentEvents.at(-1)!.map((r) => r.location)).toEqual([wavPath]);
  });

  it('opens a file by a granted id (Open Recent) and refuses an id that was never granted', async () => {
    await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'auto', null);
    const [recent] = service.recentFiles();
    const { inputs } = await service.open({ kind: 'granted', ids: [recent!.id] }, 'auto', null);
    expect(inputs[0]!.name).toBe('speech.wav');
    const error = await rejectionOf(
      service.open({ kind: 'granted', ids: [join(folder, 'secret.wav')] }, 'auto', null),
    );
    expect(error.name).toBe('AccessDeniedError');
  });

  it('keeps what opened when another file in the same drop fails, and lists the failure', async () => {
    const bad = join(folder, 'broken.wav');
    await writeFile(bad, 'RIFF....WAVEnot really');
    const result = await service.open({ kind: 'dropped-paths', paths: [wavPath, bad] }, 'auto', null);
    expect(result.inputs.map((input) => input.name)).toEqual(['speech.wav']);
    expect(result.failures).toEqual([
      { name: 'broken.wav', error: expect.objectContaining({ name: 'WavFormatError' }) },
    ]);
  });

  it('fails clearly with the file’s own error when nothing could be opened', async () => {
    const missing = join(folder, 'missing.wav');
    const error = await rejectionOf(service.open({ kind: 'dropped-paths', paths: [missing] }, 'auto', null));
    expect(error.name).toBe('FileAccessError');
    expect(error.message).toBe(`cannot read ${missing}: no such file or directory`);
  });

  it('File → Open… with an .npz loads it as weights, as a drop does; an MP3 still gets the WAV reader’s message', async () => {
    const weightsPath = join(folder, 'postnet.npz');
    await writeFile(weightsPath, encodeNpz(defaultWeights().tensors));
    dialogs.pickToOpen.mockResolvedValueOnce([weightsPath]);
    const { inputs, weights } = await service.open({ kind: 'dialog' }, 'audio', null);
    expect(inputs).toEqual([]);
    expect(weights).toMatchObject({ name: 'postnet.npz', totalParameters: 4_348_144 });
    const mp3 = join(folder, 'take1.mp3');
    await writeFile(mp3, Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00 not a wav at all'));
    dialogs.pickToOpen.mockResolvedValueOnce([mp3]);
    const error = await rejectionOf(service.open({ kind: 'dialog' }, 'audio', null));
    expect(error.name).toBe('WavFormatError');
    expect(error.message).toMatch(/an MP3 file: audio in a format we do not read yet: convert it to WAV/);
  });

  it('a cancelled open dialog opens nothing', async () => {
    expect(await service.open({ kind: 'dialog' }, 'audio', null)).toEqual({ inputs: [], weights: null });
  });

  it('loads weights from a dialog, processes like processSpectrogram, exports npy + sidecar atomically', async () => {
    const weightsPath = join(folder, 'postnet.npz');
    const weightsBytes = encodeNpz(defaultWeights().tensors);
    await writeFile(weightsPath, weightsBytes);
    dialogs.pickToOpen.mockResolvedValueOnce([weightsPath]);
    const { weights } = await service.open({ kind: 'dialog' }, 'weights', null);
    expect(weights).toMatchObject({ name: 'postnet.npz', isDefault: false, sha256: sha256Hex(weightsBytes) });
    expect(dialogs.pickToOpen).toHaveBeenCalledWith('weights', false);
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const result = await service.process({ inputId: inputs[0]!.id, weightsId: weights!.id });
    const expected = await processSpectrogram(defaultWeights().stack, await expectedMel());
    expectClose(result.output, expected.output, { atol: 0, label: 'output' });

    const out = join(folder, 'speech.npy');
    dialogs.pickExportPath.mockResolvedValueOnce(out);
    const exported = await service.exportResult({
      format: 'npy',
      inputId: inputs[0]!.id,
      weightsId: weights!.id,
    });
    expect(dialogs.pickExportPath).toHaveBeenCalledWith('npy', 'speech.npy');
    expect(exported).toEqual({ location: out, sidecarLocation: `${out}.json` });
    const saved = parseNpy(new Uint8Array(await readFile(out)), 'speech.npy');
    expect(saved.shape).toEqual([80, result.nFrames]);
    expectClose(saved.data, result.output, { atol: 0, label: 'exported output' });
    const sidecar = JSON.parse(strFromU8(new Uint8Array(await readFile(`${out}.json`))));
    expect(sidecar.weights).toEqual({
      name: 'postnet.npz',
      sha256: sha256Hex(weightsBytes),
      isDefault: false,
      residual: true,
    });
    expect(sidecar.input.name).toBe('speech.wav');
    expect(sidecar.createdAt).toBe('2025-06-01T12:00:00.000Z');
  });

  it('a folder of .npy (Load Weights Folder…) is called by the folder’s name in the summary and the sidecar', async () => {
    const npyFolder = join(folder, 'tacotron2_npy');
    await mkdir(npyFolder);
    for (const [key, tensor] of defaultWeights().tensors)
      await writeFile(join(npyFolder, `${key}.npy`), encodeNpy(tensor));
    await writeFile(join(npyFolder, 'README.md'), 'converted with np.save');
    dialogs.pickToOpen.mockResolvedValueOnce([npyFolder]);
    const { weights } = await service.open({ kind: 'dialog', folder: true }, 'weights', null);
    expect(weights).toMatchObject({ name: 'tacotron2_npy', totalParameters: 4_348_144 });
    expect(weights!.tensors).toHaveLength(35);
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const out = join(folder, 'speech.npy');
    dialogs.pickExportPath.mockResolvedValueOnce(out);
    await service.exportResult({ format: 'npy', inputId: inputs[0]!.id, weightsId: weights!.id });
    const sidecar = JSON.parse(strFromU8(new Uint8Array(await readFile(`${out}.json`))));
    expect(sidecar.weights.name).toBe('tacotron2_npy');
  });

  it('fails clearly to name a mix: a folder dropped with a loose .npz is "N files", not the folder', async () => {
    const npyFolder = join(folder, 'part_npy');
    await mkdir(npyFolder);
    const tensors = [...defaultWeights().tensors];
    for (const [key, tensor] of tensors.slice(0, 30))
      await writeFile(join(npyFolder, `${key}.npy`), encodeNpy(tensor));
    const rest = join(folder, 'rest.npz');
    await writeFile(rest, encodeNpz(new Map(tensors.slice(30))));
    const { weights } = await service.open({ kind: 'dropped-paths', paths: [npyFolder, rest] }, 'auto', null);
    expect(weights!.name).toBe('31 files');
  });

  it('exports an npz of input, residual and output even before an explicit process call', async () => {
    const weights = await service.defaultWeights();
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const out = join(folder, 'all.npz');
    dialogs.pickExportPath.mockResolvedValueOnce(out);
    await service.exportResult({ format: 'npz', inputId: inputs[0]!.id, weightsId: weights.id });
    const tensors = parseNpz(new Uint8Array(await readFile(out)), 'all.npz');
    expect([...tensors.keys()]).toEqual(['input', 'residual', 'output', 'mel_config_json']);
  });

  it('fails clearly when the export folder cannot be written, leaving no file behind', async () => {
    const weights = await service.defaultWeights();
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const notAFolder = join(folder, 'speech.wav'); // a regular file used as a folder: fails even for root
    dialogs.pickExportPath.mockResolvedValueOnce(join(notAFolder, 'out.csv'));
    const error = await rejectionOf(
      service.exportResult({ format: 'csv', inputId: inputs[0]!.id, weightsId: weights.id }),
    );
    expect(error.name).toBe('FileAccessError');
    expect(error.message).toMatch(
      /cannot write .*speech\.wav\/out\.csv: a part of the path is not a folder$/,
    );
    expect(await readdir(folder)).toEqual(['speech.wav']);
  });

  it('a cancelled save dialog exports nothing and resolves null', async () => {
    const weights = await service.defaultWeights();
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    expect(
      await service.exportResult({ format: 'npy', inputId: inputs[0]!.id, weightsId: weights.id }),
    ).toBeNull();
  });

  it('after a worker crash, processing still works: main re-sends the weights files it kept', async () => {
    const weightsPath = join(folder, 'postnet.npz');
    await writeFile(weightsPath, encodeNpz(defaultWeights().tensors));
    const { weights } = await service.open({ kind: 'dropped-paths', paths: [weightsPath] }, 'auto', null);
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const crash = await rejectionOf(owner.run({ kind: 'fault', fault: 'exit' }));
    expect(crash.name).toBe('WorkerCrashedError');
    const result = await service.process({ inputId: inputs[0]!.id, weightsId: weights!.id });
    expect(result.nFrames).toBe(inputs[0]!.mel.nFrames);
    expect(owner.workersStarted).toBe(2);
  });

  it('layerOutput runs the stack only up to the layer in the worker and equals layerOutputOf; main keeps none of it', async () => {
    const weights = await service.defaultWeights();
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const before = session.held().bytes;
    const out = await service.layerOutput({ inputId: inputs[0]!.id, weightsId: weights.id, layer: 2 });
    const expected = await layerOutputOf(defaultWeights().stack, await expectedMel(), 2);
    expect([out.layer, out.nChannels, out.nFrames]).toEqual([2, 512, inputs[0]!.mel.nFrames]);
    expectClose(out.data, expected.data, { atol: 0, rtol: 0, label: 'conv 2 output from the worker' });
    expect(session.held().bytes).toBe(before);
  });

  it('keeps a result’s residual and output for export, never the layer outputs that came with it', async () => {
    const weights = await service.defaultWeights();
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const result = await service.process({ inputId: inputs[0]!.id, weightsId: weights.id, activations: [0] });
    expect(result.activations.map((a) => [a.layer, a.nChannels])).toEqual([[0, 512]]);
    const melBytes = inputs[0]!.mel.data.byteLength;
    expect(session.held().bytes).toBe(3 * melBytes); // mel + residual + output (default weights: no files)
  });

  it('after a worker crash, a layer output still comes: main re-sends the weights files it kept', async () => {
    const weightsPath = join(folder, 'postnet.npz');
    await writeFile(weightsPath, encodeNpz(defaultWeights().tensors));
    const { weights } = await service.open({ kind: 'dropped-paths', paths: [weightsPath] }, 'auto', null);
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    await rejectionOf(owner.run({ kind: 'fault', fault: 'exit' }));
    const out = await service.layerOutput({ inputId: inputs[0]!.id, weightsId: weights!.id, layer: 0 });
    expect([out.nChannels, out.nFrames]).toEqual([512, inputs[0]!.mel.nFrames]);
    expect(owner.workersStarted).toBe(2);
  });

  it('fails clearly for a layer the weights do not have, and for unknown ids, before any work', async () => {
    const weights = await service.defaultWeights();
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const missing = await rejectionOf(
      service.layerOutput({ inputId: inputs[0]!.id, weightsId: weights.id, layer: 5 }),
    );
    expect([missing.name, missing.message]).toEqual([
      'InvalidArgumentError',
      'layer 5 does not exist: the weights have 5 layers (0…4)',
    ]);
    const unknown = await rejectionOf(
      service.layerOutput({ inputId: 'input-9', weightsId: weights.id, layer: 0 }),
    );
    expect(unknown.name).toBe('UnknownDocumentError');
  });

  it('fails clearly for unknown ids, and for remel of a spectrogram that has no audio', async () => {
    const error = await rejectionOf(service.process({ inputId: 'input-9', weightsId: 'weights-default' }));
    expect(error.name).toBe('UnknownDocumentError');
    const npy = join(folder, 'mel.npy');
    const { encodeNpyFloat32 } = await import('../../../shared/formats/npy');
    await writeFile(npy, encodeNpyFloat32(new Float32Array(80 * 10).fill(-4), [80, 10]));
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [npy] }, 'auto', null);
    expect(inputs[0]!.audio).toBeNull();
    const remel = await rejectionOf(service.remel(inputs[0]!.id, TACOTRON2_MEL));
    expect(remel.message).toBe(
      'mel.npy is a spectrogram (.npy): there is no audio to compute another mel from',
    );
  });

  it('remel recomputes a WAV input with another config under the same id', async () => {
    const { inputs } = await service.open({ kind: 'dropped-paths', paths: [wavPath] }, 'audio', null);
    const hifigan = await service.remel(inputs[0]!.id, {
      ...TACOTRON2_MEL,
      preset: 'hifigan',
      padding: 'hifigan',
      magnitudeEpsilon: 1e-9,
    });
    expect(hifigan.id).toBe(inputs[0]!.id);
    expect(hifigan.mel.nFrames).toBe(inputs[0]!.mel.nFrames - 1);
  });
});

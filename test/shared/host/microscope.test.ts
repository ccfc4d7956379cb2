/**
 * The host's microscope calls (shared/host/microscope.ts) over the shared runner in this thread:
 * a cell explained in the worker from its receptive field only equals the layer's full output
 * there; the text run is PyTorch's encoder; statistics, filters and tensor exports read the
 * state_dict the worker kept; a restarted worker gets the weights again.
 */
import { DEFAULT_APP_SETTINGS } from '../../../shared/api/settings';
import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/api/contract';
import { CLEANER_NAMES } from '../../../shared/text/cleaners';
import { parseNpy } from '../../../shared/formats/npy';
import { createHost } from '../../../shared/host/host';
import type { ExportTarget, HostIo } from '../../../shared/host/io';
import type { ExportFileKind } from '../../../shared/export/names';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { DEFAULT_ENCODER_NAME } from '../../../shared/model/default-encoder';
import { DEFAULT_EMBEDDING_NAME } from '../../../shared/explain/text-input';
import { expectClose } from '../../helpers/close';
import { demoWeightsBytes } from '../../helpers/demo-weights';
import { readFixture } from '../../helpers/fixtures';
import { rejectionOf } from '../../helpers/rejection';
import { floatsOf, readNpzFixture, scaleOf } from '../backend/fixtures';
import { inProcessRunner } from '../jobs/in-process-runner';
import { wholeLayerRequest } from '../../helpers/host-process';

const FILES: Record<string, Uint8Array> = {
  'speech.wav': readFixture('audio', 'speech_pcm16.wav'),
  'tacotron2_small.npz': readFixture('explain', 'tacotron2_small.npz'),
};

function testHost(options: { cancelExport?: boolean } = {}) {
  const runner = inProcessRunner();
  const written: { kind: ExportFileKind; name: string; file: Uint8Array; sidecar: Uint8Array }[] = [];
  const io: HostIo<string, string> = {
    startup: () => ({
      host: 'browser',
      openFirst: { kind: 'sample' },
      recent: [],
      settings: DEFAULT_APP_SETTINGS,
    }),
    saveSettings: () => undefined,
    read: async (name) => ({
      files: [{ name, bytes: FILES[name]!.slice(), origin: name }],
      folders: [],
      failures: [],
    }),
    reread: async (name) => FILES[name]!.slice(),
    demoWeights: async () => demoWeightsBytes(),
    async exportTarget(kind, defaultName): Promise<ExportTarget | null> {
      if (options.cancelExport) return null;
      return {
        fileName: defaultName,
        async write(file, sidecar): Promise<ExportResult> {
          written.push({ kind, name: defaultName, file, sidecar });
          return { location: defaultName, sidecarLocation: `${defaultName}.json` };
        },
      };
    },
    setTitle: () => undefined,
  };
  const host = createHost({ runner, io, appVersion: '0.1.0', now: () => new Date('2025-06-01T12:00:00Z') });
  return { host, runner, written };
}

const TEXT = '{HH AH0 L OW1} there, {W ER1 L D}.';
const encoderText = readNpzFixture('explain', 'encoder_text.npz');

describe('host.explain over an open input', () => {
  it('computes only the cell in the worker, and its value is the layer output’s there', async () => {
    const { host, runner } = testHost();
    const weights = await host.defaultWeights('untrained');
    const { inputs } = await host.open('speech.wav', 'audio');
    const input = inputs[0]!;
    for (const [layer, channel, frame] of [
      [0, 10, 0],
      [2, 300, 57],
      [4, 79, input.mel.nFrames - 1],
    ] as const) {
      const before = runner.jobs.length;
      const cell = await host.explain({
        weightsId: weights.id,
        source: { kind: 'input', inputId: input.id },
        layer,
        channel,
        frame,
      });
      expect(runner.jobs.slice(before).map((job) => job.kind)).toEqual(['explain-cell']);
      const full = await host.layerOutput(
        wholeLayerRequest({ inputId: input.id, weightsId: weights.id, layer }),
      );
      const expected = full.data[channel * full.nFrames + frame]!;
      expectClose(cell.value, expected, {
        rtol: 1e-5,
        atol: 1e-6,
        label: `conv ${layer} [${channel}, ${frame}]`,
      });
      expect([cell.layer, cell.channel, cell.frame]).toEqual([layer, channel, frame]);
      expect(cell.window.shape).toEqual([layer === 0 ? 80 : 512, 5]);
    }
  });

  it('after a worker restart the weights are re-sent once', async () => {
    const { host, runner } = testHost();
    const weights = await host.defaultWeights('untrained');
    const { inputs } = await host.open('speech.wav', 'audio');
    runner.restart();
    const cell = await host.explain({
      weightsId: weights.id,
      source: { kind: 'input', inputId: inputs[0]!.id },
      layer: 1,
      channel: 3,
      frame: 9,
    });
    expect(runner.jobs.slice(-3).map((job) => job.kind)).toEqual([
      'explain-cell',
      'load-default-weights',
      'explain-cell',
    ]);
    expect(cell.layer).toBe(1);
  });

  it('fails clearly for a cell that does not exist, and for ids the host does not hold', async () => {
    const { host } = testHost();
    const weights = await host.defaultWeights('untrained');
    const { inputs } = await host.open('speech.wav', 'audio');
    const source = { kind: 'input', inputId: inputs[0]!.id } as const;
    const bad = await rejectionOf(
      host.explain({ weightsId: weights.id, source, layer: 0, channel: 512, frame: 0 }),
    );
    expect([bad.name, bad.message]).toEqual([
      'CellIndexError',
      'channel 512 is out of range: layer 0 (postnet.convolutions.0) has 512 output channels (0…511)',
    ]);
    const gone = await rejectionOf(
      host.explain({ weightsId: 'weights-99', source, layer: 0, channel: 0, frame: 0 }),
    );
    expect(gone.name).toBe('UnknownDocumentError');
  });
});

describe('host.textRun and host.explain over text', () => {
  it('a full Tacotron 2 state_dict: its encoder and embedding, every layer equal to PyTorch', async () => {
    const { host } = testHost();
    const { weights } = await host.open('tacotron2_small.npz', 'weights', { ...TACOTRON2_MEL, nMels: 8 });
    const run = await host.textRun({ weightsId: weights!.id, text: TEXT, cleaners: 'english' });
    expect(run.ids).toEqual(Array.from(encoderText.get('ids')!.data, Number));
    expect(run.encoder).toMatchObject({
      name: 'encoder.convolutions.* of tacotron2_small.npz',
      trained: true,
    });
    expect(run.embedding).toEqual({
      name: 'embedding.weight of tacotron2_small.npz',
      trained: true,
      nSymbols: 148,
      dim: 16,
    });
    expectClose(run.input.data, floatsOf(encoderText, 'x'), { atol: 0, label: 'embedded text' });
    for (const output of run.outputs) {
      const expected = floatsOf(encoderText, `L${output.layer}.act`);
      expectClose(output.data, expected, {
        rtol: 1e-5,
        atol: 1e-5 * scaleOf(expected),
        label: `layer ${output.layer}`,
      });
    }
    const cell = await host.explain({
      weightsId: weights!.id,
      source: { kind: 'text', text: TEXT, cleaners: 'english' },
      layer: 2,
      channel: 5,
      frame: 3,
    });
    const out = run.outputs[2]!;
    expectClose(cell.value, out.data[5 * out.nFrames + 3]!, { rtol: 1e-5, atol: 1e-6, label: 'text cell' });
    expect(cell.trace.input).toEqual({ first: -3, last: 9 });
  });

  it('weights without an encoder run text through the untrained default encoder and embedding, labelled so', async () => {
    const { host } = testHost();
    const weights = await host.defaultWeights('untrained');
    for (const cleaners of CLEANER_NAMES) {
      const run = await host.textRun({ weightsId: weights.id, text: 'Hi!', cleaners });
      expect(run.symbols).toEqual(['h', 'i', '!']);
      expect(run.encoder).toMatchObject({ name: DEFAULT_ENCODER_NAME, trained: false });
      expect(
        run.encoder.layers.map((l) => [l.inChannels, l.outChannels, l.kernelSize, l.activation]),
      ).toEqual([
        [512, 512, 5, 'relu'],
        [512, 512, 5, 'relu'],
        [512, 512, 5, 'relu'],
      ]);
      expect(run.embedding).toMatchObject({ name: DEFAULT_EMBEDDING_NAME, trained: false, dim: 512 });
      expect(run.outputs.map((o) => [o.nChannels, o.nFrames])).toEqual([
        [512, 3],
        [512, 3],
        [512, 3],
      ]);
    }
  });

  it('text with nothing left after the cleaners fails with a TextInputError', async () => {
    const { host } = testHost();
    const weights = await host.defaultWeights('untrained');
    const error = await rejectionOf(host.textRun({ weightsId: weights.id, text: '€€', cleaners: 'basic' }));
    expect([error.name, error.message]).toEqual([
      'TextInputError',
      'no symbols left in "€€" after basic_cleaners',
    ]);
  });
});

describe('host tensors: statistics, filters, export', () => {
  it('statistics for every tensor of the state_dict, used or not, in file order', async () => {
    const { host } = testHost();
    const { weights } = await host.open('tacotron2_small.npz', 'weights', { ...TACOTRON2_MEL, nMels: 8 });
    const stats = await host.tensorStats(weights!.id);
    expect(stats.map((s) => s.key)).toEqual(weights!.tensors.map((row) => row.key));
    expect(stats.map((s) => s.used)).toEqual(weights!.tensors.map((row) => row.used));
    const embedding = stats.find((s) => s.key === 'embedding.weight')!;
    expect(embedding).toMatchObject({ shape: [148, 16], numel: 2368, used: false, nonFinite: 0 });
    expect(embedding.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(2368);
  });

  it('a layer’s filters with their L2 norms, for the loaded stack and for the text encoder', async () => {
    const { host } = testHost();
    const { weights } = await host.open('tacotron2_small.npz', 'weights', { ...TACOTRON2_MEL, nMels: 8 });
    const filters = await host.layerFilters({ weightsId: weights!.id, stack: 'loaded', layer: 0 });
    expect([filters.name, filters.shape]).toEqual(['postnet.convolutions.0', [16, 8, 5]]);
    const w = floatsOf(
      readNpzFixture('explain', 'tacotron2_small.npz'),
      'postnet.convolutions.0.0.conv.weight',
    );
    expectClose(filters.weight, w, { atol: 0, label: 'weight' });
    const norm3 = Math.hypot(...w.subarray(3 * 40, 4 * 40));
    expectClose(filters.norms[3]!, norm3, { rtol: 1e-12, label: 'norm of filter 3' });
    const encoder = await host.layerFilters({ weightsId: weights!.id, stack: 'text-encoder', layer: 2 });
    expect([encoder.name, encoder.shape]).toEqual(['encoder.convolutions.2', [16, 16, 5]]);
    const missing = await rejectionOf(
      host.layerFilters({ weightsId: weights!.id, stack: 'text-encoder', layer: 3 }),
    );
    expect(missing.message).toMatch(/^layer 3 does not exist: the .* has 3 layers \(0…2\)$/);
  });

  it('exports one tensor as .npy (its dtype and shape) or .csv, with a sidecar, through the export target', async () => {
    const { host, written } = testHost();
    const { weights } = await host.open('tacotron2_small.npz', 'weights', { ...TACOTRON2_MEL, nMels: 8 });
    const key = 'encoder.convolutions.1.1.running_var';
    expect(await host.exportTensor({ weightsId: weights!.id, key, format: 'npy' })).toEqual({
      location: `${key}.npy`,
      sidecarLocation: `${key}.npy.json`,
    });
    const npy = parseNpy(written[0]!.file);
    expect([written[0]!.kind, npy.dtype, npy.shape]).toEqual(['tensor-npy', 'float32', [16]]);
    expectClose(npy.data, floatsOf(readNpzFixture('explain', 'tacotron2_small.npz'), key), { atol: 0 });
    const sidecar = JSON.parse(new TextDecoder().decode(written[0]!.sidecar));
    expect(sidecar).toMatchObject({
      schema: 'postnet-studio.tensor-export/1',
      file: `${key}.npy`,
      key,
      dtype: 'float32',
      shape: [16],
      weights: { name: 'tacotron2_small.npz', isDefault: false },
      createdAt: '2025-06-01T12:00:00.000Z',
    });
    await host.exportTensor({
      weightsId: weights!.id,
      key: 'postnet.convolutions.4.0.conv.bias',
      format: 'csv',
    });
    const csv = new TextDecoder().decode(written[1]!.file).split('\n');
    expect([written[1]!.kind, csv[0]]).toEqual(['tensor-csv', '0,1,2,3,4,5,6,7']);
  });

  it('a cancelled save dialog exports nothing; a key the file lacks fails naming it', async () => {
    const cancelled = testHost({ cancelExport: true });
    const w1 = await cancelled.host.defaultWeights('untrained');
    expect(
      await cancelled.host.exportTensor({
        weightsId: w1.id,
        key: 'postnet.convolutions.0.1.bias',
        format: 'npy',
      }),
    ).toBeNull();
    expect(cancelled.written).toEqual([]);
    const { host } = testHost();
    const w2 = await host.defaultWeights('untrained');
    const error = await rejectionOf(host.exportTensor({ weightsId: w2.id, key: 'decoder.x', format: 'csv' }));
    expect(error.message).toBe("untrained Tacotron 2 post-net has no tensor 'decoder.x' (35 tensors)");
  });
});

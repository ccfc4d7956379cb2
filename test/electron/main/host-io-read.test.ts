/**
 * Reading what the user opened (electron/main/host-io.ts `readItems`): each path is looked at once
 * (one `stat`, then the read), failures collected per item; sorted into inputs and weights as the
 * host sorts them (shared/host/open.ts `sortReadItems`).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileGrants } from '../../../electron/main/grants';
import { readItems, type OpenItem } from '../../../electron/main/host-io';
import { sortReadItems } from '../../../shared/host/open';
import type { OpenIntent } from '../../../shared/api/contract';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { readFixture } from '../../helpers/fixtures';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return { ...real, stat: vi.fn(real.stat) };
});

let folder = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-read-opened-'));
  vi.mocked(fs.stat).mockClear();
});
afterEach(() => rm(folder, { recursive: true, force: true }));

function granted(...paths: string[]): OpenItem[] {
  const grants = new FileGrants();
  return paths.map((path) => ({ kind: 'grant', grant: grants.grant(path) }));
}

async function readOpened(items: OpenItem[], intent: OpenIntent) {
  const read = await readItems(items);
  return { ...sortReadItems(read, intent), failures: read.failures };
}

describe('readItems, sorted', () => {
  it('stats each opened file once and sorts a WAV, a spectrogram .npy and a weights folder', async () => {
    const wav = join(folder, 'speech.wav');
    await writeFile(wav, readFixture('audio', 'speech_pcm16.wav'));
    const mel = join(folder, 'mel.npy');
    await writeFile(mel, encodeNpyFloat32(new Float32Array(80 * 4), [80, 4]));
    const weights = join(folder, 'tacotron2_npy');
    await mkdir(weights);
    await writeFile(
      join(weights, 'postnet.convolutions.0.0.conv.weight.npy'),
      encodeNpyFloat32(new Float32Array(4), [1, 1, 4]),
    );
    const read = await readOpened(granted(wav, mel, weights), 'auto');
    expect(read.inputs.map((input) => [input.name, input.role])).toEqual([
      ['speech.wav', 'audio'],
      ['mel.npy', 'spectrogram'],
    ]);
    expect(read.weightFiles.map((file) => file.name)).toEqual(['postnet.convolutions.0.0.conv.weight.npy']);
    expect([read.weightsName, read.weightsItem]).toEqual([
      'tacotron2_npy',
      { origin: { kind: 'path', path: weights } },
    ]);
    // one stat per opened path, one per file read from the folder
    expect(vi.mocked(fs.stat).mock.calls.map(([path]) => path)).toEqual([
      wav,
      mel,
      weights,
      join(weights, 'postnet.convolutions.0.0.conv.weight.npy'),
    ]);
  });

  it('fails clearly per item: a missing file is listed with its error, the others still read', async () => {
    const wav = join(folder, 'speech.wav');
    await writeFile(wav, readFixture('audio', 'speech_pcm16.wav'));
    const missing = join(folder, 'missing.wav');
    const read = await readOpened(granted(missing, wav), 'auto');
    expect(read.inputs.map((input) => input.name)).toEqual(['speech.wav']);
    expect(read.failures).toEqual([
      {
        name: 'missing.wav',
        error: { name: 'FileAccessError', message: `cannot read ${missing}: no such file or directory` },
      },
    ]);
  });

  it('weights from several loose files have no one path to reopen them from', async () => {
    const paths = ['a.weight.npy', 'a.bias.npy'].map((name) => join(folder, name));
    for (const path of paths) await writeFile(path, encodeNpyFloat32(new Float32Array(2), [2]));
    const read = await readOpened(granted(...paths), 'weights');
    expect(read.weightFiles).toHaveLength(2);
    expect(read.weightsItem).toBeNull();
  });
});

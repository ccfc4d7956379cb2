import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../electron/cli/backend';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { encodeNpyFloat32, parseNpy } from '../../../shared/formats/npy';
import { readFileSync } from 'node:fs';
import { toFloat32 } from '../../../shared/tensor';
import { expectClose } from '../../helpers/close';
import { floatsOf, readNpzFixture, residualOutputOf, scaleOf } from '../../shared/backend/fixtures';

const scratch = useScratchFolder('backend-cli');
const UNTRAINED_NOTE =
  'note: --weights untrained: using the untrained Tacotron 2 post-net (its initialisation, seed 1234)\n';
const speech = readNpzFixture('conv', 'default_postnet_speech.npz');
const speechX = floatsOf(speech, 'x');

describe('selectBackend', () => {
  it('auto and native pick onnxruntime-node where it loads, with one thread per core by default', async () => {
    for (const choice of ['auto', 'native'] as const) {
      const selected = await selectBackend(choice, 2);
      expect(selected.kind).toBe('native');
      expect(selected.backend.name).toMatch(/^native \(onnxruntime-node \d+\.\d+\.\d+, 2 threads\)$/);
      expect(selected.notices).toEqual([]);
    }
  });

  it('wasm picks the best WASM variant this runtime validates, js the TypeScript backend', async () => {
    expect((await selectBackend('wasm', 1)).backend.name).toMatch(/^wasm-(relaxed-simd|simd)$/);
    expect((await selectBackend('js', 1)).backend.name).toBe('typescript-blocked');
  });

  it('falls back to WASM with one note when onnxruntime-node does not load', async () => {
    const missing = async () => ({
      ok: false as const,
      reason: "onnxruntime-node could not be loaded (Cannot find package 'onnxruntime-node')",
    });
    for (const choice of ['auto', 'native'] as const) {
      const selected = await selectBackend(choice, 1, missing);
      expect(selected.kind).toBe('wasm');
      expect(selected.notices).toEqual([
        `note: onnxruntime-node could not be loaded (Cannot find package 'onnxruntime-node'); the ${selected.backend.name} backend runs instead`,
      ]);
    }
  });
});

describe('postnet-studio process --backend', () => {
  it.each(['auto', 'native', 'wasm', 'js'])(
    '--backend %s gives PyTorch’s output on a speech mel',
    async (backend) => {
      const input = scratch.file(
        `speech-${backend}.npy`,
        encodeNpyFloat32(speechX, [80, speechX.length / 80]),
      );
      const out = scratch.file(`out-${backend}.npy`);
      expect(
        await runCli(
          'process',
          input,
          '--weights',
          'untrained',
          '-o',
          out,
          '--backend',
          backend,
          '--preset',
          'tacotron2',
        ),
      ).toEqual({
        status: 0,
        stdout: '',
        stderr: UNTRAINED_NOTE,
      });
      const expected = residualOutputOf(speech);
      const actual = toFloat32(parseNpy(new Uint8Array(readFileSync(out))));
      expectClose(actual, expected, { rtol: 1e-5, atol: 1e-5 * scaleOf(expected), label: backend });
    },
  );

  it('fails with a usage error naming the choices on an unknown backend', async () => {
    const input = scratch.file('speech-bad.npy', encodeNpyFloat32(speechX, [80, speechX.length / 80]));
    expect(await runCli('process', input, '-o', scratch.file('bad.npy'), '--backend', 'gpu')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "error: process: --backend must be one of auto, native, wasm, js, got 'gpu' (see postnet-studio --help)\n",
    });
  });
});

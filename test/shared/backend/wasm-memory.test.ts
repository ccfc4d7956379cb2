import { describe, expect, it } from 'vitest';
import { kernelBytes } from '../../../shared/backend/wasm/embedded';
import { KernelInstance, WasmMemoryError } from '../../../shared/backend/wasm/kernel-instance';
import { wasmBackendFrom } from '../../../shared/backend/wasm/wasm-backend';
import { webAssembly } from '../../../shared/backend/wasm/webassembly';
import { SeededRandom } from '../../../shared/model/rng';
import { defaultWeights } from '../../../shared/weights/load';
import { decodeBase64 } from '../../../shared/backend/wasm/base64';

async function instance(limitBytes: number): Promise<KernelInstance> {
  const api = webAssembly()!;
  const module = await api.compile(kernelBytes('simd'));
  return new KernelInstance(await api.instantiate(module, {}), 'simd', limitBytes);
}

describe('the WASM kernel’s memory', () => {
  const { stack } = defaultWeights();
  const input = { nChannels: 80, nFrames: 200, data: new SeededRandom(1).fillUniform(80 * 200, -11, 1) };

  it('fails with WasmMemoryError naming the layer and the sizes before growing past its limit', async () => {
    const kernel = await instance(2 * 2 ** 20);
    const run = wasmBackendFrom(kernel).run(stack, input);
    await expect(run).rejects.toThrow(WasmMemoryError);
    await expect(wasmBackendFrom(kernel).run(stack, input)).rejects.toThrow(
      /^postnet\.convolutions\.0 \(winograd weights and one chunk\) needs \d+\.\d MiB of WebAssembly memory, more than the 2 MiB the kernel may use$/,
    );
    expect(kernel.memoryBytes).toBeLessThanOrEqual(2 * 2 ** 20);
  });

  it('grows only as far as one run needs: the resident weights and one chunk', async () => {
    const kernel = await instance(1 << 30);
    await wasmBackendFrom(kernel).run(stack, input);
    const weights = stack.layers.reduce((sum, l) => sum + l.weight.length * 4, 0);
    // Winograd F(4, 5) stores 8 transformed taps for 5: 1.6× the weights, plus chunk scratch.
    expect(kernel.memoryBytes).toBeGreaterThan(1.6 * weights);
    expect(kernel.memoryBytes).toBeLessThan(1.6 * weights + 16 * 2 ** 20);
  });
});

describe('decodeBase64', () => {
  it('decodes padded base64 and fails clearly on a character outside the alphabet', () => {
    expect([...decodeBase64('AGFzbQ==')]).toEqual([0, 97, 115, 109]);
    expect(() => decodeBase64('AG*z')).toThrow('not base64: character "*" at 2');
  });
});

/**
 * The kernel module built into the bundle (shared/backend/wasm/generated/kernels.ts, made by
 * wasm/build.mjs), which variant this runtime can run, and one instance per variant per thread.
 * Relaxed SIMD is chosen when the runtime validates a tiny module using f32x4.relaxed_madd
 * (Electron 45 and Chromium do; Node 20 does not without a V8 flag); plain SIMD otherwise.
 */
import type { Backend } from '../types';
import { decodeBase64 } from './base64';
import { KERNEL_WASM_BASE64 } from './generated/kernels';
import { KernelInstance, type KernelVariant } from './kernel-instance';
import { wasmBackendFrom, type WasmBackendOptions } from './wasm-backend';
import { webAssembly } from './webassembly';

/** (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd) */
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32,
  1, 32, 2, 253, 133, 2, 11,
]);
/** The same with f32x4.mul then f32x4.add: plain SIMD. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 16, 1, 14, 0, 32, 0, 32,
  1, 253, 230, 1, 32, 2, 253, 228, 1, 11,
]);

/** Which kernel variants this runtime validates, best first (empty: no WebAssembly SIMD here). */
export function supportedVariants(): KernelVariant[] {
  const api = webAssembly();
  if (!api) return [];
  const variants: KernelVariant[] = [];
  if (api.validate(RELAXED_PROBE)) variants.push('relaxed-simd');
  if (api.validate(SIMD_PROBE)) variants.push('simd');
  return variants;
}

/** The module's bytes for a variant. */
export function kernelBytes(variant: KernelVariant): Uint8Array {
  return decodeBase64(variant === 'relaxed-simd' ? KERNEL_WASM_BASE64.relaxed : KERNEL_WASM_BASE64.simd);
}

/** No WebAssembly SIMD in this runtime (or not the variant asked for). */
export class WasmUnavailableError extends Error {
  override name = 'WasmUnavailableError';
}

const instances = new Map<KernelVariant, Promise<KernelInstance>>();

/** This thread's instance of a variant (compiled and instantiated once). */
export function kernelInstance(variant: KernelVariant): Promise<KernelInstance> {
  let instance = instances.get(variant);
  if (!instance) {
    const api = webAssembly();
    if (!api || !supportedVariants().includes(variant)) {
      return Promise.reject(
        new WasmUnavailableError(`this runtime cannot run the ${variant} WebAssembly kernel`),
      );
    }
    instance = api
      .compile(kernelBytes(variant))
      .then((module) => api.instantiate(module, {}))
      .then((wasm) => new KernelInstance(wasm, variant));
    instances.set(variant, instance);
    instance.catch(() => instances.delete(variant));
  }
  return instance;
}

/**
 * The WASM backend in this thread, best variant by default. Instantiation is asynchronous, so the
 * backend instantiates on its first run; its name is known at once.
 */
export function wasmBackend(
  variant: KernelVariant | 'auto' = 'auto',
  options: WasmBackendOptions = {},
): Backend {
  const chosen = variant === 'auto' ? supportedVariants()[0] : variant;
  if (!chosen) throw new WasmUnavailableError('this runtime has no WebAssembly SIMD');
  const backend = kernelInstance(chosen).then((kernel) => wasmBackendFrom(kernel, options));
  backend.catch(() => undefined);
  const winograd = options.winograd ?? true;
  return {
    name: `wasm-${chosen}${winograd ? '' : '-direct'}`,
    run: async (stack, input, runOptions) => (await backend).run(stack, input, runOptions),
    runUntil: async (stack, input, runOptions) => (await backend).runUntil(stack, input, runOptions),
    runChunk: async (stack, input, plan, index, runOptions) =>
      (await backend).runChunk(stack, input, plan, index, runOptions),
  };
}

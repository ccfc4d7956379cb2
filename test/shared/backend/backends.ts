/**
 * Every backend the engine tests run, so each exactness test covers all of them: the TypeScript
 * reference and fast backends, and the WASM kernel in both builds (plain SIMD and relaxed SIMD),
 * with Winograd where it applies and direct everywhere. Node 20's V8 has relaxed SIMD only behind
 * a flag (Electron 45 and Chromium ship it), so the tests turn the flag on before any module is
 * compiled, to check the relaxed build's numbers here too.
 */
import { setFlagsFromString } from 'node:v8';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import type { Backend } from '../../../shared/backend/types';
import { supportedVariants, wasmBackend } from '../../../shared/backend/wasm/embedded';

setFlagsFromString('--experimental-wasm-relaxed-simd');

if (supportedVariants().join() !== 'relaxed-simd,simd') {
  throw new Error(
    `expected both WASM kernel variants to validate here, got: ${supportedVariants().join(', ')}`,
  );
}

/** The WASM backends that run Winograd where it applies (the others run every layer direct). */
export const winogradBackends: readonly Backend[] = [wasmBackend('simd'), wasmBackend('relaxed-simd')];

export const wasmBackends: readonly Backend[] = [
  winogradBackends[0]!,
  wasmBackend('simd', { winograd: false }),
  winogradBackends[1]!,
  wasmBackend('relaxed-simd', { winograd: false }),
];

/**
 * How close a backend must come to PyTorch's float64 result, relative to the output's scale:
 * float64 sums (the TypeScript backends) and float32 blocked sums (WASM direct) within 1e-6;
 * Winograd's transforms roughly double float32's error (measured 2.0e-6 on the full-size
 * post-net, PyTorch's own float32 7.5e-7), so it gets 5e-6, half the 1e-5 every backend meets
 * against PyTorch's float32.
 */
export function float64Tolerance(backend: Backend): number {
  return winogradBackends.includes(backend) ? 5e-6 : 1e-6;
}

export const allBackends: readonly Backend[] = [referenceBackend, fastBackend, ...wasmBackends];

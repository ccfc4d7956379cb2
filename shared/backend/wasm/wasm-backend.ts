/**
 * The WASM SIMD backend: the shared driver (chunks, progress, cancellation, kept layers, the
 * residual) around wasmLayerKernel, in one instantiated kernel module. Each layer is packed once
 * (BatchNorm folded) and cached per layer object; a layer runs Winograd F(m, r) where
 * `winogradTile` allows it, direct otherwise.
 */
import type { Conv1dGeometry } from '../../model/geometry';
import type { Conv1dLayer } from '../../model/types';
import { backendFromKernel } from '../driver';
import type { Backend } from '../types';
import type { KernelInstance } from './kernel-instance';
import { packDirect, packWinograd, type PackedLayer } from './pack';
import { wasmLayerKernel } from './wasm-kernel';

export interface WasmBackendOptions {
  /** Use Winograd where winogradTile allows (default true); false runs every layer direct. */
  winograd?: boolean;
}

/**
 * Multiply-accumulates between progress reports and cancellation checks: about 6–10 ms of the
 * kernel on one core, a few times the cost of a yield to the host's event loop (≥ 1 ms for a
 * setTimeout), so yielding costs little.
 */
export const WASM_CHUNK_MACS = 256_000_000;

/**
 * The Winograd tile size m for F(m, kernelSize) on this layer, or null to run it direct: stride 1,
 * dilation 1, one group, and enough channels on both sides to pay for the transforms. The sizes
 * are the largest whose float32 error stays well inside 1e-5 of PyTorch on the fixtures
 * (docs/engine.md has the measurements).
 */
export function winogradTile(layer: Conv1dLayer): number | null {
  if (layer.stride !== 1 || layer.dilation !== 1 || layer.groups !== 1) return null;
  if (layer.inChannels < 16 || layer.outChannels < 16) return null;
  return WINOGRAD_TILE_BY_KERNEL[layer.kernelSize] ?? null;
}

const WINOGRAD_TILE_BY_KERNEL: Readonly<Record<number, number>> = { 3: 4, 5: 4, 7: 2 };

/** Packed layers per layer object, per method ('direct' or the Winograd tile size). */
const packedCache = new WeakMap<Conv1dLayer, Map<string, PackedLayer>>();

const packedKey = (packed: PackedLayer): string =>
  packed.method === 'direct' ? 'direct' : `winograd-${packed.matrices.m}`;

/** Adds a layer packed elsewhere (a pool's main thread) to the cache of its `layer`. */
export function rememberPacked(packed: PackedLayer): void {
  let forLayer = packedCache.get(packed.layer);
  if (!forLayer) packedCache.set(packed.layer, (forLayer = new Map()));
  forLayer.set(packedKey(packed), packed);
}

export function packedLayer(layer: Conv1dLayer, winograd: boolean): PackedLayer {
  const m = winograd ? winogradTile(layer) : null;
  const key = m === null ? 'direct' : `winograd-${m}`;
  let forLayer = packedCache.get(layer);
  if (!forLayer) packedCache.set(layer, (forLayer = new Map()));
  let packed = forLayer.get(key);
  if (!packed) {
    packed = m === null ? packDirect(layer) : packWinograd(layer, m);
    forLayer.set(key, packed);
  }
  return packed;
}

/** A Backend running every layer in `kernel` (one module instance: one thread). */
export function wasmBackendFrom(kernel: KernelInstance, options: WasmBackendOptions = {}): Backend {
  const winograd = options.winograd ?? true;
  const name = `wasm-${kernel.variant}${winograd ? '' : '-direct'}`;
  return backendFromKernel(
    name,
    (layer, input, geometry: Conv1dGeometry) =>
      wasmLayerKernel(kernel, packedLayer(layer, winograd), layer, input, geometry),
    { chunkMacs: WASM_CHUNK_MACS },
  );
}

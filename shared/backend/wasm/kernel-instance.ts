/**
 * One instantiated conv1d kernel module and the memory it computes in. The module allocates
 * nothing; this class lays out its linear memory:
 *   [0, RESERVED_BYTES)          the module's own statics and stack
 *   [RESERVED_BYTES, weightsTop) packed layers kept resident (re-uploaded when evicted)
 *   [weightsTop, …)              one call's scratch: input tile, transforms, output tile
 * and grows it only up to `limitBytes` (checked before growing, a WasmMemoryError otherwise).
 * Calls are synchronous, so two runs interleaved by awaits never share scratch; a run re-checks
 * that its layer is still resident before every call.
 */
import { WASM_PAGE_BYTES, type WasmInstance, type WasmMemory } from './webassembly';
import { BLOCK_CHANNELS, type PackedLayer } from './pack';

export type KernelVariant = 'relaxed-simd' | 'simd';

/** The module's exports (wasm/index.ts), with byte addresses and byte strides. */
export interface KernelExports {
  memory: WasmMemory;
  gemm(
    w: number,
    x: number,
    xFrameStep: number,
    y: number,
    yFrameStep: number,
    bias: number,
    nBlocks: number,
    nIn: number,
    nFrames: number,
    start: number,
  ): void;
  winogradInput(
    bt: number,
    alpha: number,
    m: number,
    x: number,
    xFrameStep: number,
    v: number,
    vTileStep: number,
    vPointStep: number,
    nTiles: number,
    nC4: number,
  ): void;
  winogradOutput(
    at: number,
    alpha: number,
    m: number,
    mm: number,
    mTileStep: number,
    mPointStep: number,
    bias: number,
    y: number,
    yFrameStep: number,
    nTiles: number,
    nO4: number,
  ): void;
  /** Applies ACTIVATION_* in place to count4 × 4 floats. */
  activate(data: number, count4: number, activation: number): void;
  peakLoop(iterations: number, seed: number): number;
}

/** activate's `activation` argument (wasm/activation.ts). */
export const ACTIVATION_CODES = { identity: 0, tanh: 1, relu: 2 } as const;

/** gemm's `start` argument (wasm/gemm.ts). */
export const START_BIAS = 0;
export const START_ADD = 1;
export const START_ZERO = 2;
/** Frames per gemm block: gemm's nFrames must be a multiple of it. */
export const BLOCK_FRAMES = 4;

export const RESERVED_BYTES = WASM_PAGE_BYTES;
/** The module declares 16384 pages (1 GiB) as its maximum (wasm/build.mjs). */
export const DEFAULT_LIMIT_BYTES = 1 << 30;

/** Memory the kernel would need beyond what it may grow to: names what wanted it and how much. */
export class WasmMemoryError extends Error {
  override name = 'WasmMemoryError';
  constructor(
    readonly what: string,
    readonly neededBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `${what} needs ${(neededBytes / 2 ** 20).toFixed(1)} MiB of WebAssembly memory, more than the ` +
        `${(limitBytes / 2 ** 20).toFixed(0)} MiB the kernel may use`,
    );
  }
}

function exportsOf(instance: WasmInstance): KernelExports {
  const e = instance.exports;
  for (const name of ['memory', 'gemm', 'winogradInput', 'winogradOutput', 'activate', 'peakLoop']) {
    if (!(name in e)) throw new TypeError(`the conv1d kernel module has no export '${name}'`);
  }
  const block = (e.BLOCK_CHANNELS as { value?: unknown } | undefined)?.value;
  if (block !== BLOCK_CHANNELS) {
    throw new TypeError(
      `the conv1d kernel module blocks ${String(block)} channels, this code expects ${BLOCK_CHANNELS}`,
    );
  }
  return e as unknown as KernelExports;
}

const align64 = (bytes: number): number => Math.ceil(bytes / 64) * 64;

export class KernelInstance {
  readonly exports: KernelExports;
  private readonly resident = new Map<PackedLayer, number>();
  private weightsTop = RESERVED_BYTES;
  private view: Float32Array;

  constructor(
    instance: WasmInstance,
    readonly variant: KernelVariant,
    readonly limitBytes = DEFAULT_LIMIT_BYTES,
  ) {
    this.exports = exportsOf(instance);
    this.view = new Float32Array(this.exports.memory.buffer);
  }

  /** The memory as floats; a fresh view after growth (growing detaches the old buffer). */
  get f32(): Float32Array {
    if (this.view.buffer !== this.exports.memory.buffer)
      this.view = new Float32Array(this.exports.memory.buffer);
    return this.view;
  }

  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** Grows the memory to at least `bytes`, or throws WasmMemoryError naming `what`. */
  private ensure(bytes: number, what: string): void {
    if (bytes > this.limitBytes) throw new WasmMemoryError(what, bytes, this.limitBytes);
    const have = this.exports.memory.buffer.byteLength;
    if (bytes > have) this.exports.memory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
  }

  /**
   * The byte address of `packed` in memory, uploading it first when it is not resident (all
   * resident layers are dropped when it would not fit beside them), then makes room for
   * `scratchBytes` after the resident layers and returns where they start.
   */
  prepare(packed: PackedLayer, scratchBytes: number): { weights: number; scratch: number } {
    const bytes = packed.data.length * 4;
    let weights = this.resident.get(packed);
    if (weights === undefined) {
      if (this.weightsTop + bytes + scratchBytes > this.limitBytes) {
        this.resident.clear();
        this.weightsTop = RESERVED_BYTES;
      }
      weights = this.weightsTop;
      this.ensure(
        weights + align64(bytes) + scratchBytes,
        `${packed.layer.name} (${packed.method} weights and one chunk)`,
      );
      this.f32.set(packed.data, weights / 4);
      this.resident.set(packed, weights);
      this.weightsTop = weights + align64(bytes);
    }
    this.ensure(this.weightsTop + scratchBytes, `${packed.layer.name} (one chunk)`);
    return { weights, scratch: this.weightsTop };
  }
}

/**
 * The few parts of the WebAssembly JavaScript API the kernel needs, typed here because shared/
 * compiles with neither DOM nor Node types (both declare `WebAssembly`; the ES library does not).
 * Every runtime we target (Node 20, Electron 45, Chromium, any browser with SIMD) has it.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows by `pages` × 64 KiB, returns the old size in pages; throws past the declared maximum. */
  grow(pages: number): number;
}

export interface WasmModule {
  readonly __wasmModule?: never;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: Record<string, never>): Promise<WasmInstance>;
}

/** Bytes in one WebAssembly page. */
export const WASM_PAGE_BYTES = 65536;

/** The runtime's WebAssembly object, or null where there is none (a host with wasm turned off). */
export function webAssembly(): WasmApi | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return api && typeof api.validate === 'function' ? api : null;
}

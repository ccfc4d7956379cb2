/**
 * Which engine runs the post-net, chosen once for every host (the CLI's `--backend`, the app's
 * engine setting): `native` (onnxruntime, where the host can load it), `wasm` (the SIMD kernel,
 * relaxed SIMD where the runtime validates it) or `js` (the TypeScript backend, the
 * reference-checked fallback); `auto` is the fastest that runs here. A choice that cannot run
 * falls back the way `auto` does and says why once (`note`). The native runtime is the host's to
 * load (shared/ imports none): it hands in a loader.
 */
import { fastBackend } from './fast/fast-backend';
import { nativeBackend } from './onnx/native-backend';
import type { OnnxRuntime } from './onnx/runtime';
import type { Backend } from './types';
import { supportedVariants, wasmBackend } from './wasm/embedded';

import type { EngineChoice, EngineKind } from './engine-choice';

export {
  ENGINE_CHOICES,
  describeEngine,
  type EngineChoice,
  type EngineKind,
  type EngineUsed,
} from './engine-choice';

/** onnxruntime loaded, or why it could not be. */
export type NativeLoad = { ok: true; runtime: OnnxRuntime } | { ok: false; reason: string };

export interface EngineLoaders {
  /** Loads the native runtime (Node hosts); absent where there is none (a browser). */
  native?: () => Promise<NativeLoad>;
  /** Threads one native session computes on (default 1). */
  nativeThreads?: number;
}

export interface SelectedEngine {
  backend: Backend;
  kind: EngineKind;
  /** Why the choice fell back to another engine, or null when it runs as asked. */
  note: string | null;
}

/** The WASM kernel where the runtime has SIMD, else the TypeScript backend; `why` the earlier choice failed. */
function wasmOrJs(why: string | null): SelectedEngine {
  const variant = supportedVariants()[0];
  if (!variant) {
    const reason = 'this runtime has no WebAssembly SIMD, so the TypeScript backend runs';
    return { backend: fastBackend, kind: 'js', note: why ? `${why}; ${reason}` : reason };
  }
  const backend = wasmBackend(variant);
  return { backend, kind: 'wasm', note: why ? `${why}; the ${backend.name} backend runs instead` : null };
}

export async function selectEngine(
  choice: EngineChoice,
  loaders: EngineLoaders = {},
): Promise<SelectedEngine> {
  switch (choice) {
    case 'js':
      return { backend: fastBackend, kind: 'js', note: null };
    case 'wasm':
      return wasmOrJs(null);
    case 'auto':
    case 'native': {
      if (!loaders.native) {
        return wasmOrJs(choice === 'native' ? 'there is no native runtime in this host' : null);
      }
      const loaded = await loaders.native();
      if (!loaded.ok) return wasmOrJs(loaded.reason);
      const threads = loaders.nativeThreads ?? 1;
      return { backend: nativeBackend(loaded.runtime, { threads }), kind: 'native', note: null };
    }
  }
}

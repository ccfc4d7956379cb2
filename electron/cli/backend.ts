/**
 * `--backend auto|native|wasm|js` for the CLI: which engine runs the post-net, how many threads it
 * gets, and the one `note: …` when the one asked for cannot run here.
 *   auto    native (onnxruntime-node) where it loads, else WASM (relaxed SIMD where the runtime
 *           validates it, else plain SIMD), else the TypeScript backend
 *   native  onnxruntime-node, falling back as auto does (with a note)
 *   wasm    the WASM kernel (best variant), falling back to TypeScript (with a note)
 *   js      the fast TypeScript backend (the reference-checked fallback)
 * Native runs on one session with one thread per core (faster here than a pool of one-thread
 * sessions, docs/engine.md); WASM and TypeScript use the worker pool (pool.ts) on long inputs.
 */
import { availableParallelism } from 'node:os';
import { fastBackend } from '../../shared/backend/fast/fast-backend';
import { nativeBackend } from '../../shared/backend/onnx/native-backend';
import type { Backend } from '../../shared/backend/types';
import { supportedVariants, wasmBackend } from '../../shared/backend/wasm/embedded';
import { loadOnnxRuntime } from '../native/onnxruntime';
import { UsageError, stringOption, type ParsedArgs } from './args';
import { note } from './command';

export const BACKEND_CHOICES = ['auto', 'native', 'wasm', 'js'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** What runs, and what to tell the user about how it was chosen. */
export interface SelectedBackend {
  backend: Backend;
  /** The engine family that runs (after any fallback). */
  kind: 'native' | 'wasm' | 'js';
  /** Threads it computes on (native: the session's; wasm/js: pool workers, 1 = no pool). */
  threads: number;
  notices: string[];
}

export const BACKEND_OPTION = { backend: { type: 'string' } } as const;

export const BACKEND_HELP = `  --backend NAME        auto (default): native onnxruntime where it loads, else WASM SIMD,
                        else TypeScript; or native, wasm, js`;

export function backendChoice(command: string, values: ParsedArgs['values']): BackendChoice {
  const raw = stringOption(values, 'backend');
  if (raw === undefined) return 'auto';
  if ((BACKEND_CHOICES as readonly string[]).includes(raw)) return raw as BackendChoice;
  throw new UsageError(`${command}: --backend must be one of ${BACKEND_CHOICES.join(', ')}, got '${raw}'`);
}

/** One thread per core the process may use. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function wasmOrJs(threads: number, notices: string[], why?: string): SelectedBackend {
  const variant = supportedVariants()[0];
  if (!variant) {
    notices.push(
      note(`${why ? `${why}; ` : ''}this runtime has no WebAssembly SIMD, so the TypeScript backend runs`),
    );
    return { backend: fastBackend, kind: 'js', threads, notices };
  }
  const backend = wasmBackend(variant);
  if (why) notices.push(note(`${why}; the ${backend.name} backend runs instead`));
  return { backend, kind: 'wasm', threads, notices };
}

export async function selectBackend(
  choice: BackendChoice,
  threads = defaultThreads(),
  loadNative = loadOnnxRuntime,
): Promise<SelectedBackend> {
  const notices: string[] = [];
  switch (choice) {
    case 'js':
      return { backend: fastBackend, kind: 'js', threads, notices };
    case 'wasm':
      return wasmOrJs(threads, notices);
    case 'auto':
    case 'native': {
      const loaded = await loadNative();
      if (!loaded.ok) return wasmOrJs(threads, notices, loaded.reason);
      return { backend: nativeBackend(loaded.runtime, { threads }), kind: 'native', threads, notices };
    }
  }
}

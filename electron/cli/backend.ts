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
import {
  ENGINE_CHOICES,
  selectEngine,
  type EngineChoice,
  type EngineKind,
} from '../../shared/backend/engine';
import type { Backend } from '../../shared/backend/types';
import { loadOnnxRuntime } from '../native/onnxruntime';
import { UsageError, stringOption, type ParsedArgs } from './args';
import { note } from './command';

export const BACKEND_CHOICES = ENGINE_CHOICES;
export type BackendChoice = EngineChoice;

/** What runs, and what to tell the user about how it was chosen. */
export interface SelectedBackend {
  backend: Backend;
  /** The engine family that runs (after any fallback). */
  kind: EngineKind;
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

export async function selectBackend(
  choice: BackendChoice,
  threads = defaultThreads(),
  loadNative = loadOnnxRuntime,
): Promise<SelectedBackend> {
  const selected = await selectEngine(choice, { native: loadNative, nativeThreads: threads });
  const notices = selected.note === null ? [] : [note(selected.note)];
  return { backend: selected.backend, kind: selected.kind, threads, notices };
}

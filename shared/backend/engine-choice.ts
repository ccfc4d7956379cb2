/**
 * The engine choices and what a host reports about the engine that ran, apart from the engines
 * themselves (engine.ts), so the API's validators and the window import no backend.
 */

export const ENGINE_CHOICES = ['auto', 'native', 'wasm', 'js'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

/** The engine families, after any fallback. */
export type EngineKind = 'native' | 'wasm' | 'js';

/** What ran a job, as the window's status bar and an export's sidecar say it. */
export interface EngineUsed {
  /** The backend's own name, e.g. `wasm-relaxed-simd` or `native (onnxruntime-node 1.30.0, 1 thread)`. */
  name: string;
  kind: EngineKind;
  /** Workers that ran it side by side (the host's pool). */
  workers: number;
  /** Why the engine asked for did not run, or null. */
  note: string | null;
}

/** `wasm-relaxed-simd × 2 workers`: an engine in a few words. */
export function describeEngine(engine: Pick<EngineUsed, 'name' | 'workers'>): string {
  return engine.workers > 1 ? `${engine.name} × ${engine.workers} workers` : engine.name;
}

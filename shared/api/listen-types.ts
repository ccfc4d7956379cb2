/**
 * What the window asks the host to hear and to derive for the demo: the opened WAV as mono audio
 * at the mel config's rate, any mel turned back into sound (Griffin-Lim, in the worker), the
 * built-in weights to choose from, and the decoder-smoothed copy of an input (shared/demo).
 * Plain data, like everything in contract.ts: it crosses structured clone and contextBridge.
 */

/** The built-in weights: the trained demo post-net (the default) or the untrained Tacotron 2 one. */
export type BuiltInWeights = 'demo' | 'untrained';

export const BUILT_IN_WEIGHTS: readonly BuiltInWeights[] = ['demo', 'untrained'];

/** Mono audio for the window to play. */
export interface AudioClip {
  sampleRateHz: number;
  /** Mono float samples, nominally −1 … 1 (a Griffin-Lim result may exceed it a little). */
  samples: Float32Array;
}

/** An input's WAV, decoded and resampled to its mel config's rate (what its mel was made from). */
export interface InputAudio extends AudioClip {
  inputId: string;
  /** The input's `revision` (its mel config) the audio was resampled for. */
  inputRevision: number;
}

/** Which mel of an input to hear: the input's own, or the post-net's output for it. */
export type SynthesisMel = 'input' | 'output';

export const SYNTHESIS_MELS: readonly SynthesisMel[] = ['input', 'output'];

/**
 * The most Griffin-Lim iterations a synthesis may ask for: audio-synthesis's
 * MAX_GRIFFIN_LIM_ITERATIONS (a test keeps them equal), here so the API's checks, which the
 * sandboxed preload runs, do not pull in the synthesis code.
 */
export const MAX_SYNTHESIS_ITERATIONS = 1000;

/** The Griffin-Lim iterations the window offers (the CLI takes 1 … 1000). */
export const WINDOW_GRIFFIN_LIM_ITERATIONS = { min: 32, max: 100, default: 60 } as const;

export interface SynthesisRequest {
  inputId: string;
  mel: SynthesisMel;
  /** The weights whose output to hear; required for `output`, ignored for `input`. */
  weightsId?: string;
  /** Griffin-Lim iterations, 1 … MAX_SYNTHESIS_ITERATIONS (the window offers 32 … 100). */
  iterations: number;
}

export interface SynthesisResult extends AudioClip {
  inputId: string;
  inputRevision: number;
  mel: SynthesisMel;
  /** The weights of an `output` synthesis, null for `input`. */
  weightsId: string | null;
  iterations: number;
  elapsedMs: number;
}

/**
 * For an input made by `smooth`: the input it was smoothed from, and that input's revision. Its
 * mel is the clean one blurred as shared/demo/smoothing.ts does (σ 1 band × 2 frames).
 */
export interface SmoothedFrom {
  inputId: string;
  revision: number;
}

/**
 * The Playback menu's commands, as Sonic Visualiser names them: Play / Pause (Space), Play the
 * Visible Range (S, SV's "Constrain Playback to Selection"), Loop Playback (Shift+L here: L shows
 * the layer pane), Rewind / Fast Forward by one time-ruler step (Page Up / Page Down), Rewind to
 * Start (Home), Fast Forward to End (End).
 */
export type PlaybackCommand =
  'play-pause' | 'play-visible' | 'loop' | 'rewind' | 'ffwd' | 'rewind-start' | 'ffwd-end';

/**
 * The transport: play / pause from the play position, loop, the visible range, seek, and
 * switching the source while playing at the same position (A/B). It drives an `AudioOutput`
 * (Web Audio in the page, ./web-audio.ts; a fake in tests) and publishes where it is in a tiny
 * store, advanced once per animation frame while playing. The positions math is
 * app/playback-math.ts; this owns only the running state.
 */
import type { AudioClip } from '../../../shared/api/contract';
import { advance, startPosition, type PlaySpan } from '../app/playback-math';
import { createTinyStore, type TinyStore } from '../state/tiny-store';

/** A clip started on an output: stop it (with a short fade, so a switch does not click). */
export interface PlayingSound {
  stop(): void;
}

/** Where sound goes. Times are the output's clock in seconds. */
export interface AudioOutput {
  now(): number;
  /**
   * Starts `clip` at `fromS`, confined to `span`: looping inside it, or ending at its end (then
   * `onEnded` is called, unless the sound was stopped first).
   */
  start(clip: AudioClip, fromS: number, span: PlaySpan, loop: boolean, onEnded: () => void): PlayingSound;
}

export interface PlaybackState {
  playing: boolean;
  /** Seconds into the clips (every source shares the input's time axis). */
  positionS: number;
  loop: boolean;
  /** The span playback is confined to while playing (the clip, or the visible range); null when stopped. */
  span: PlaySpan | null;
  /** The source playing or to play, by its clip key; null before one is chosen. */
  clipKey: string | null;
  /** The current clip's length in seconds (0 without one). */
  durationS: number;
}

export const STOPPED: PlaybackState = {
  playing: false,
  positionS: 0,
  loop: false,
  span: null,
  clipKey: null,
  durationS: 0,
};

export interface PlayerDeps {
  output: AudioOutput;
  /** Calls back on the next animation frame; returns a cancel. */
  onFrame: (callback: () => void) => () => void;
}

export interface Player {
  readonly state: TinyStore<PlaybackState>;
  /** The clip to hear. While playing it replaces the sounding one at the same position. */
  setClip(key: string, clip: AudioClip): void;
  /** Forgets the clip (another input, or a source made from something else): stops at `positionS` (0). */
  clear(positionS?: number): void;
  /** Plays from the play position inside `visible` (the view's span), or the whole clip when null. */
  play(visible: PlaySpan | null): void;
  pause(): void;
  /** Moves the play position; playing continues from there. */
  seek(positionS: number): void;
  setLoop(loop: boolean): void;
}

export function createPlayer(deps: PlayerDeps): Player {
  const { output } = deps;
  const state = createTinyStore<PlaybackState>(STOPPED);
  let clip: AudioClip | null = null;
  let sound: PlayingSound | null = null;
  /** When the sounding clip started, on the output's clock, and from where. */
  let started = { atS: 0, fromS: 0 };
  let cancelFrame: (() => void) | null = null;

  const update = (change: Partial<PlaybackState>) => state.set({ ...state.get(), ...change });
  const duration = () => (clip ? clip.samples.length / clip.sampleRateHz : 0);

  /** Where the sounding clip is now. */
  function now(): { positionS: number; ended: boolean } {
    const { span, loop } = state.get();
    if (!span) return { positionS: state.get().positionS, ended: false };
    return advance(started.fromS, output.now() - started.atS, span, loop);
  }

  function stopSound(): void {
    sound?.stop();
    sound = null;
    cancelFrame?.();
    cancelFrame = null;
  }

  function tick(): void {
    cancelFrame = null;
    if (!sound) return;
    const { positionS, ended } = now();
    if (ended) {
      stopSound();
      update({ playing: false, positionS, span: null });
      return;
    }
    update({ positionS });
    cancelFrame = deps.onFrame(tick);
  }

  /** Starts the current clip at `fromS` inside `span`. */
  function startAt(fromS: number, span: PlaySpan): void {
    if (!clip) return;
    stopSound();
    const mine = output.start(clip, fromS, span, state.get().loop, () => {
      if (sound !== mine) return; // a sound already replaced or stopped
      sound = null;
      update({ playing: false, positionS: span.endS, span: null });
    });
    sound = mine;
    started = { atS: output.now(), fromS };
    update({ playing: true, positionS: fromS, span });
    cancelFrame = deps.onFrame(tick);
  }

  return {
    state,
    setClip(key, next) {
      const playing = state.get().playing && sound !== null;
      const at = playing ? now().positionS : state.get().positionS;
      clip = next;
      const durationS = duration();
      update({ clipKey: key, durationS, positionS: Math.min(at, durationS) });
      if (!playing) return;
      const span = state.get().span!;
      const clipped = { startS: span.startS, endS: Math.min(span.endS, durationS) };
      if (at >= clipped.endS) {
        stopSound();
        update({ playing: false, positionS: Math.min(at, durationS), span: null });
        return;
      }
      startAt(at, clipped);
    },
    clear(positionS = 0) {
      stopSound();
      clip = null;
      state.set({ ...STOPPED, loop: state.get().loop, positionS: Math.max(0, positionS) });
    },
    play(visible) {
      if (!clip) return;
      const durationS = duration();
      const span: PlaySpan = visible
        ? { startS: Math.max(0, visible.startS), endS: Math.min(durationS, visible.endS) }
        : { startS: 0, endS: durationS };
      if (!(span.endS > span.startS)) return;
      startAt(startPosition(state.get().positionS, span), span);
    },
    pause() {
      if (!sound) return;
      const { positionS } = now();
      stopSound();
      update({ playing: false, positionS, span: null });
    },
    seek(positionS) {
      // Before any clip (nothing played yet) the position is kept as asked: the clip clamps it.
      const to = Math.min(clip ? duration() : Infinity, Math.max(0, positionS));
      const { playing, span } = state.get();
      if (playing && sound && span) {
        if (to >= span.startS && to < span.endS) startAt(to, span);
        else startAt(to, { startS: 0, endS: duration() });
        return;
      }
      update({ positionS: to });
    },
    setLoop(loop) {
      if (loop === state.get().loop) return;
      const { playing, span } = state.get();
      const at = playing ? now().positionS : state.get().positionS;
      update({ loop });
      if (playing && sound && span) startAt(at, span);
    },
  };
}

/**
 * Listening in the window: which source is heard (the WAV, or a mel through Griffin-Lim), the
 * Griffin-Lim iterations, and the Playback commands, on top of the player (playback/player.ts).
 * A source's audio is fetched from the host once (a job in the controller's queue, with progress
 * and Cancel) and cached; choosing another source while playing switches at the same position.
 * It also keeps the play position's line (`stores.playhead`) and pages the view to follow it.
 */
import type { PlaybackCommand, PostnetApi } from '../../../shared/api/contract';
import { WINDOW_GRIFFIN_LIM_ITERATIONS } from '../../../shared/api/contract';
import { assertNever, toErrorInfo } from '../../../shared/errors';
import type { Player } from '../playback/player';
import type { FrameClock } from '../render/mel-axis';
import type { NavigationStores } from '../state/navigation';
import { createTinyStore, type TinyStore } from '../state/tiny-store';
import type { ClipCache } from './clip-cache';
import {
  clipRequest,
  listenChoices,
  type ClipRequest,
  type ListenContext,
  type ListenSource,
} from './listen';
import { followPlayhead, playheadFrame, secondsAtFrame, stepPosition, visibleSpan } from './playback-math';

export interface ListenStatus {
  /** What Play plays, and what the 1–4 keys choose. */
  source: ListenSource;
  iterations: number;
  /** Play only the visible range (Sonic Visualiser's "Constrain Playback to Selection", S). */
  visibleOnly: boolean;
  /** The clip key being fetched now, or null. */
  fetching: string | null;
}

export interface ListenerDeps {
  api: Pick<PostnetApi, 'inputAudio' | 'synthesize'>;
  player: Player;
  clips: ClipCache;
  stores: Pick<NavigationStores, 'navigation' | 'playhead'>;
  /** What is on screen now. */
  context: () => ListenContext;
  /** The input's time axis (frames ↔ seconds). */
  clock: () => FrameClock;
  /** Runs a fetch in the controller's job queue (status bar, Cancel, errors shown). */
  runTask: (label: string, work: () => Promise<void>) => Promise<void>;
}

export interface Listener {
  readonly status: TinyStore<ListenStatus>;
  choose(source: ListenSource): Promise<void>;
  /** Chooses the n-th source (1-based, as the keys 1–4 and the buttons are numbered). */
  chooseNumber(n: number): Promise<void>;
  command(command: PlaybackCommand): Promise<void>;
  setIterations(iterations: number): void;
  /** Moves the play position to an input frame coordinate (a click on a pane, the axis or the overview). */
  seekToFrame(frame: number): void;
  /** Call when what is on screen changed: a source made from something else is let go. */
  sync(): void;
  /** Starts moving the play line (and the view) with the player; returns the stop. */
  follow(): () => void;
}

const clampIterations = (n: number) =>
  Math.min(WINDOW_GRIFFIN_LIM_ITERATIONS.max, Math.max(WINDOW_GRIFFIN_LIM_ITERATIONS.min, Math.round(n)));

export function createListener(deps: ListenerDeps): Listener {
  const { player, clips, stores } = deps;
  const status = createTinyStore<ListenStatus>({
    source: 'wav',
    iterations: WINDOW_GRIFFIN_LIM_ITERATIONS.default,
    visibleOnly: false,
    fetching: null,
  });
  const update = (change: Partial<ListenStatus>) => status.set({ ...status.get(), ...change });
  /** The timeline the player's clip belongs to (the WAV's input), to tell a new file from a new source. */
  let timeline: string | null = null;
  let playWhenFetched = false;

  const requestFor = (source: ListenSource) => clipRequest(source, deps.context(), status.get().iterations);

  /** The source's clip, fetched through the job queue unless cached; null when it failed or was cancelled. */
  async function fetchClip(request: ClipRequest): Promise<boolean> {
    if (clips.has(request.key)) return true;
    if (status.get().fetching === request.key) return false;
    update({ fetching: request.key });
    let fetched = false;
    try {
      await deps.runTask(request.label, async () => {
        const clip =
          request.kind === 'wav'
            ? await deps.api.inputAudio(request.inputId)
            : await deps.api.synthesize(request.request);
        clips.put(request.key, { sampleRateHz: clip.sampleRateHz, samples: clip.samples });
        fetched = true;
      });
    } finally {
      if (status.get().fetching === request.key) update({ fetching: null });
    }
    return fetched;
  }

  /** Makes the chosen source the player's clip (fetching it first); true when it is ready. */
  async function load(source: ListenSource): Promise<boolean> {
    const request = requestFor(source);
    if (!request) return false;
    if (!(await fetchClip(request))) return false;
    if (status.get().source !== source) return false; // another was chosen meanwhile
    const clip = clips.get(request.key);
    if (!clip) return false;
    if (player.state.get().clipKey !== request.key) player.setClip(request.key, clip);
    return true;
  }

  function visibleOrNull() {
    if (!status.get().visibleOnly) return null;
    const { view, bounds } = stores.navigation.get();
    return visibleSpan(view, bounds, deps.clock());
  }

  async function togglePlay(): Promise<void> {
    if (player.state.get().playing) {
      player.pause();
      return;
    }
    if (status.get().fetching !== null) {
      playWhenFetched = !playWhenFetched; // a second press while fetching: do not play after all
      return;
    }
    playWhenFetched = true;
    const ready = await load(status.get().source);
    if (ready && playWhenFetched) player.play(visibleOrNull());
    playWhenFetched = false;
  }

  function seek(positionS: number): void {
    player.seek(positionS);
  }

  // The line and the view follow the player (subscribed by `follow`).
  const onPlayer = () => {
    const { positionS, playing } = player.state.get();
    if (!deps.context().input) {
      stores.playhead.set(null);
      return;
    }
    const frame = playheadFrame(positionS, deps.clock());
    stores.playhead.set(frame);
    if (!playing) return;
    const current = stores.navigation.get();
    const view = followPlayhead(current.view, current.bounds, frame);
    if (view !== current.view) stores.navigation.set({ ...current, view });
  };

  return {
    status,
    async choose(source) {
      if (!listenChoices(deps.context()).some((choice) => choice.source === source && choice.available))
        return;
      update({ source });
      try {
        await load(source);
      } catch (error) {
        if (toErrorInfo(error).name !== 'CancelledError') throw error;
      }
    },
    chooseNumber(n) {
      const choice = listenChoices(deps.context())[n - 1];
      return choice ? this.choose(choice.source) : Promise.resolve();
    },
    async command(command) {
      const { positionS, durationS, playing, span } = player.state.get();
      const { view } = stores.navigation.get();
      switch (command) {
        case 'play-pause':
          return togglePlay();
        case 'play-visible':
          update({ visibleOnly: !status.get().visibleOnly });
          if (playing) player.play(visibleOrNull());
          return;
        case 'loop':
          player.setLoop(!player.state.get().loop);
          return;
        case 'rewind':
        case 'ffwd':
          seek(stepPosition(positionS, command === 'ffwd' ? 1 : -1, view, deps.clock(), durationS));
          return;
        case 'rewind-start':
          seek(playing && span ? span.startS : (visibleOrNull()?.startS ?? 0));
          return;
        case 'ffwd-end':
          seek(durationS);
          return;
        default:
          assertNever(command, 'playback command');
      }
    },
    setIterations(iterations) {
      const next = clampIterations(iterations);
      if (next === status.get().iterations) return;
      update({ iterations: next });
      const source = status.get().source;
      if (source !== 'wav' && player.state.get().playing) void load(source);
    },
    seekToFrame(frame) {
      if (!deps.context().input) return;
      seek(secondsAtFrame(frame, deps.clock()));
    },
    sync() {
      const context = deps.context();
      const wavOf = context.clean ?? context.input;
      const now = wavOf ? `${wavOf.id}@${wavOf.revision}` : null;
      const sameTimeline = now !== null && now === timeline;
      timeline = now;
      const key = requestFor(status.get().source)?.key ?? null;
      const { clipKey, positionS } = player.state.get();
      if (!sameTimeline) {
        if (!listenChoices(context).some((c) => c.source === status.get().source && c.available))
          update({ source: 'wav' });
        player.clear();
        stores.playhead.set(now === null ? null : playheadFrame(0, deps.clock()));
        return;
      }
      if (clipKey !== null && clipKey !== key) player.clear(positionS);
    },
    follow: () => player.state.subscribe(onPlayer),
  };
}

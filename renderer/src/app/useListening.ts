/**
 * The window's listening, made once per window: the Web Audio player, the clips fetched so far,
 * and the listener (app/listen-controller.ts) that reads what is on screen from the workspace
 * store. Whatever the window shows next, the listener is told (`sync`), so it never plays a clip
 * made from something that is no longer there.
 */
import { useEffect, useState } from 'react';
import type { PostnetApi } from '../../../shared/api/contract';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { createPlayer, type Player } from '../playback/player';
import { webAudioOutput } from '../playback/web-audio';
import { frameClock } from '../render/mel-axis';
import type { NavigationStores } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';
import type { WorkspaceState } from '../state/workspace';
import { createClipCache } from './clip-cache';
import type { Controller } from './controller';
import type { ListenContext } from './listen';
import { createListener, type Listener } from './listen-controller';

export interface Listening {
  player: Player;
  listener: Listener;
}

/** What is on screen, as the listener sees it. */
export function listenContext(state: WorkspaceState): ListenContext {
  const { input, weights, result } = state;
  const hasOutput =
    input !== null &&
    weights !== null &&
    result !== null &&
    result.inputId === input.id &&
    result.inputRevision === input.revision &&
    result.weightsId === weights.id;
  return { input, clean: state.demo?.clean ?? null, weights, hasOutput };
}

export function useListening(
  api: PostnetApi,
  store: TinyStore<WorkspaceState>,
  stores: NavigationStores,
  controller: Controller,
): Listening {
  const [listening] = useState<Listening>(() => {
    const player = createPlayer({
      output: webAudioOutput(),
      onFrame: (callback) => {
        const id = requestAnimationFrame(callback);
        return () => cancelAnimationFrame(id);
      },
    });
    const listener = createListener({
      api,
      player,
      clips: createClipCache(),
      stores,
      context: () => listenContext(store.get()),
      clock: () => frameClock(store.get().input?.mel.config ?? TACOTRON2_MEL),
      runTask: (label, work) => controller.runTask(label, work),
    });
    return { player, listener };
  });
  const { input, demo, weights, result } = store.get();
  useEffect(() => listening.listener.sync(), [listening, input, demo, weights, result]);
  useEffect(() => listening.listener.follow(), [listening]);
  return listening;
}

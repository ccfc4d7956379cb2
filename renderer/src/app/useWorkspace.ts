import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createTinyStore } from '../state/tiny-store';
import type { TinyStore } from '../state/tiny-store';
import type { PostnetApi } from '../../../shared/api/contract';
import { createNavigationStores, withBounds } from '../state/navigation';
import type { NavigationStores } from '../state/navigation';
import { INITIAL_STATE, workspaceReducer } from '../state/workspace';
import type { WorkspaceAction, WorkspaceState } from '../state/workspace';
import { useTinyStore } from '../hooks/useTinyStore';
import { createController } from './controller';
import { applyHostCommand } from './host-commands';
import { syncSettings } from './settings-sync';
import type { Controller } from './controller';
import { useListening, type Listening } from './useListening';

/** How long the view must rest before a layer pane fetches the frames now on screen. */
const VIEW_REST_MS = 150;

/** Holds the function that renders the current view as PNG bytes (set by the App after each render). */
export type PngRenderer = TinyStore<() => Promise<Uint8Array>>;

export interface Workspace {
  state: WorkspaceState;
  /** The state now (read by controllers after an await, before React re-renders). */
  getState: () => WorkspaceState;
  dispatch: (action: WorkspaceAction) => void;
  controller: Controller;
  stores: NavigationStores;
  listening: Listening;
}

/**
 * Owns the window's state: one store the reducer advances, the navigation stores and the
 * controller, wired to the host's progress and command events. `renderPng` is read through a ref
 * so it sees the latest view.
 */
export function useWorkspace(api: PostnetApi, pngRenderer: PngRenderer): Workspace {
  // One store, advanced synchronously by the pure reducer: the controller reads it right after an
  // await, before React re-renders; the window renders from it through useSyncExternalStore.
  const [store] = useState(() => createTinyStore(INITIAL_STATE));
  const state = useTinyStore(store);
  const dispatch = useCallback(
    (action: WorkspaceAction) => store.set(workspaceReducer(store.get(), action)),
    [store],
  );
  const [stores] = useState(createNavigationStores);

  const controller = useMemo(
    () =>
      createController({
        api,
        dispatch,
        getState: store.get,
        renderPng: () => pngRenderer.get()(),
        visibleFrames: () => {
          const { view, bounds } = stores.navigation.get();
          const start = Math.max(0, Math.floor(view.startFrame));
          return {
            start,
            end: Math.max(start, Math.ceil(view.startFrame + view.framesPerPixel * bounds.widthPx)),
          };
        },
        engine: () => store.get().engine,
        onNewInput: (input) => {
          const current = stores.navigation.get();
          stores.navigation.set(withBounds(current, { ...current.bounds, nFrames: input.mel.nFrames }, true));
          stores.hover.set(null);
        },
      }),
    [api, stores, pngRenderer, dispatch, store],
  );

  const listening = useListening(api, store, stores, controller);

  useEffect(() => syncSettings(store, api), [store, api]);

  useEffect(
    () => api.onProgress((progress) => dispatch({ type: 'job-progress', progress })),
    [api, dispatch],
  );

  // A layer pane shows the frames on screen: a view that left what it holds fetches again, once
  // the view has rested for a moment (not at every pointer move of a pan).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = stores.navigation.subscribe(() => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        controller.viewChanged();
      }, VIEW_REST_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [stores, controller]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void controller.start();
  }, [controller]);

  useEffect(
    () =>
      api.onCommand((command) =>
        applyHostCommand(command, {
          controller,
          stores,
          dispatch,
          playback: (playback) => void listening.listener.command(playback),
          nBands: () => store.get().input?.mel.nMels ?? 0,
        }),
      ),
    [api, controller, stores, dispatch, listening, store],
  );

  useEffect(() => {
    void api.setTitle(state.input?.name ?? null);
  }, [api, state.input]);

  return { state, getState: store.get, dispatch, controller, stores, listening };
}

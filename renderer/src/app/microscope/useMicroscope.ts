import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PostnetApi } from '../../../../shared/api/contract';
import { useTinyStore } from '../../hooks/useTinyStore';
import type { NavigationStores } from '../../state/navigation';
import { createTinyStore } from '../../state/tiny-store';
import type { WorkspaceState } from '../../state/workspace';
import { viewShowing } from '../keyboard-cursor';
import { layerFrameMap } from '../frame-map';
import { layersThrough } from '../receptive-field';
import { createMicroscopeController } from './controller';
import type { MicroscopeController } from './controller';
import { INITIAL_MICROSCOPE, microscopeReducer } from './state';
import type { MicroscopeAction, MicroscopeState, PinnedCell } from './state';

export interface Microscope {
  state: MicroscopeState;
  controller: MicroscopeController;
}

/**
 * Owns the microscope's store and controller beside the workspace's: one store the reducer
 * advances synchronously (the controller reads it right after an await), the panes scrolled to
 * keep the pinned cell in view, and a pinned cell of an input or weights no longer open let go.
 */
export function useMicroscope(
  api: PostnetApi,
  getWorkspace: () => WorkspaceState,
  workspace: WorkspaceState,
  stores: NavigationStores,
): Microscope {
  const [store] = useState(() => createTinyStore(INITIAL_MICROSCOPE));
  const state = useTinyStore(store);
  const dispatch = useCallback(
    (action: MicroscopeAction) => store.set(microscopeReducer(store.get(), action)),
    [store],
  );
  const controller = useMemo(
    () =>
      createMicroscopeController({
        api,
        dispatch,
        getState: store.get,
        getWorkspace,
        follow: (cell: PinnedCell) => {
          const layers = getWorkspace().weights?.layers;
          if (cell.source !== 'audio' || !layers?.[cell.layer]) return;
          const map = layerFrameMap(layersThrough(layers, cell.layer));
          const current = stores.navigation.get();
          const view = viewShowing(current.view, map.stride * cell.frame + map.offset, current.bounds);
          if (view !== current.view) stores.navigation.set({ ...current, view });
        },
      }),
    [api, dispatch, store, getWorkspace, stores],
  );
  const inputKey = workspace.input ? `${workspace.input.id}/${workspace.input.revision}` : null;
  const weightsId = workspace.weights?.id ?? null;
  useEffect(() => {
    controller.documentsChanged();
  }, [controller, inputKey, weightsId]);
  return { state, controller };
}

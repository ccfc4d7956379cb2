import { useSyncExternalStore } from 'react';
import type { TinyStore } from '../state/tiny-store';

/** Re-renders the component whenever the store changes. */
export function useTinyStore<T>(store: TinyStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

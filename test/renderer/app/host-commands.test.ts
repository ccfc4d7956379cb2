import { describe, expect, it } from 'vitest';
import type {
  BuiltInWeights,
  ExportFormat,
  FileSource,
  OpenIntent,
  PlaybackCommand,
} from '../../../shared/api/contract';
import { applyHostCommand } from '../../../renderer/src/app/host-commands';
import { createNavigationStores, withBounds, zoomed } from '../../../renderer/src/state/navigation';
import type { WorkspaceAction } from '../../../renderer/src/state/workspace';

function targets() {
  const calls: string[] = [];
  const actions: WorkspaceAction[] = [];
  const stores = createNavigationStores();
  stores.navigation.set(withBounds(stores.navigation.get(), { nFrames: 1000, widthPx: 100 }, true));
  return {
    calls,
    actions,
    stores,
    targets: {
      controller: {
        open: async (source: FileSource, intent: OpenIntent) =>
          void calls.push(`open ${source.kind} ${intent}`),
        exportAs: async (format: ExportFormat) => void calls.push(`export ${format}`),
        useDefaultWeights: async (which?: BuiltInWeights) => void calls.push(`weights ${which}`),
      },
      stores,
      dispatch: (action: WorkspaceAction) => void actions.push(action),
      playback: (command: PlaybackCommand) => void calls.push(`playback ${command}`),
      nBands: () => 80,
    },
  };
}

describe('host commands', () => {
  it('View ▸ band zoom zooms the mel panes’ bands and shows them all again; Decimation sets the display', () => {
    const t = targets();
    applyHostCommand({ type: 'band-zoom', direction: 'in' }, t.targets);
    const zoomedIn = t.stores.bands.get();
    expect(zoomedIn?.count).toBeLessThan(80);
    applyHostCommand({ type: 'band-zoom', direction: 'in' }, t.targets);
    expect(t.stores.bands.get()!.count).toBeLessThan(zoomedIn!.count);
    applyHostCommand({ type: 'band-zoom', direction: 'reset' }, t.targets);
    expect(t.stores.bands.get()).toBeNull();
    applyHostCommand({ type: 'decimation', decimation: 'max' }, t.targets);
    expect(t.actions).toEqual([{ type: 'display', change: { decimation: 'max' } }]);
  });

  it('File ▸ Engine sets the engine setting', () => {
    const t = targets();
    applyHostCommand({ type: 'engine', engine: 'wasm' }, t.targets);
    expect(t.actions).toEqual([{ type: 'engine', engine: 'wasm' }]);
  });

  it('open and export go to the controller', () => {
    const t = targets();
    applyHostCommand({ type: 'open', intent: 'weights', source: { kind: 'dialog' } }, t.targets);
    applyHostCommand({ type: 'export', format: 'npz' }, t.targets);
    expect(t.calls).toEqual(['open dialog weights', 'export npz']);
  });

  it('the Playback menu goes to the listener and the built-in weights to the controller', () => {
    const t = targets();
    applyHostCommand({ type: 'playback', command: 'play-pause' }, t.targets);
    applyHostCommand({ type: 'playback', command: 'loop' }, t.targets);
    applyHostCommand({ type: 'built-in-weights', which: 'untrained' }, t.targets);
    expect(t.calls).toEqual(['playback play-pause', 'playback loop', 'weights untrained']);
  });

  it('zoom in/out and fit move the shared view', () => {
    const t = targets();
    const fit = t.stores.navigation.get().view.framesPerPixel;
    applyHostCommand({ type: 'zoom', direction: 'in' }, t.targets);
    expect(t.stores.navigation.get().view.framesPerPixel).toBeCloseTo(fit / 1.5, 9);
    applyHostCommand({ type: 'fit' }, t.targets);
    expect(t.stores.navigation.get().view).toEqual({ startFrame: 0, framesPerPixel: fit });
  });

  it('show-shortcuts and recent-changed update the window state', () => {
    const t = targets();
    applyHostCommand({ type: 'show-shortcuts' }, t.targets);
    applyHostCommand(
      { type: 'recent-changed', recent: [{ name: 'a.wav', location: '/x/a.wav' }] },
      t.targets,
    );
    expect(t.actions).toEqual([
      { type: 'shortcuts', show: true },
      { type: 'recent-changed', recent: [{ name: 'a.wav', location: '/x/a.wav' }] },
    ]);
  });

  it('fails clearly when zooming out past fit: the view stays at fit', () => {
    const t = targets();
    const fit = t.stores.navigation.get().view;
    applyHostCommand({ type: 'zoom', direction: 'out' }, t.targets);
    expect(t.stores.navigation.get().view).toEqual(fit);
    expect(zoomed(t.stores.navigation.get(), 1e-6).view).toEqual(fit);
  });
});

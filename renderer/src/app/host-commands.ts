/** What each HostCommand (menu item, command line, second instance) does in the window. */
import type { HostCommand, PlaybackCommand } from '../../../shared/api/contract';
import { assertNever } from '../../../shared/errors';
import { bandsAfter, fitted, zoomed, ZOOM_STEP } from '../state/navigation';
import type { NavigationStores } from '../state/navigation';
import type { WorkspaceAction } from '../state/workspace';
import type { Controller } from './controller';

export interface CommandTargets {
  controller: Pick<Controller, 'open' | 'exportAs' | 'useDefaultWeights'>;
  stores: NavigationStores;
  dispatch: (action: WorkspaceAction) => void;
  /** The Playback menu's commands (app/listen-controller.ts). */
  playback: (command: PlaybackCommand) => void;
  /** Bands of the open input (the mel panes' rows), for the frequency zoom. */
  nBands: () => number;
}

export function applyHostCommand(
  command: HostCommand,
  { controller, stores, dispatch, playback, nBands }: CommandTargets,
): void {
  switch (command.type) {
    case 'open':
      void controller.open(command.source, command.intent);
      return;
    case 'export':
      void controller.exportAs(command.format);
      return;
    case 'fit':
      stores.navigation.set(fitted(stores.navigation.get()));
      return;
    case 'zoom':
      stores.navigation.set(
        zoomed(stores.navigation.get(), command.direction === 'in' ? ZOOM_STEP : 1 / ZOOM_STEP),
      );
      return;
    case 'band-zoom':
      stores.bands.set(bandsAfter(stores.bands.get(), command.direction, nBands()));
      return;
    case 'decimation':
      dispatch({ type: 'display', change: { decimation: command.decimation } });
      return;
    case 'engine':
      dispatch({ type: 'engine', engine: command.engine });
      return;
    case 'show-shortcuts':
      dispatch({ type: 'shortcuts', show: true });
      return;
    case 'recent-changed':
      dispatch({ type: 'recent-changed', recent: command.recent });
      return;
    case 'playback':
      playback(command.command);
      return;
    case 'built-in-weights':
      void controller.useDefaultWeights(command.which);
      return;
    default:
      assertNever(command, 'host command');
  }
}

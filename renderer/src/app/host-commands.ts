/** What each HostCommand (menu item, command line, second instance) does in the window. */
import type { HostCommand } from '../../../shared/api/contract';
import { assertNever } from '../../../shared/errors';
import { fitted, zoomed, ZOOM_STEP } from '../state/navigation';
import type { NavigationStores } from '../state/navigation';
import type { WorkspaceAction } from '../state/workspace';
import type { Controller } from './controller';

export interface CommandTargets {
  controller: Pick<Controller, 'open' | 'exportAs'>;
  stores: NavigationStores;
  dispatch: (action: WorkspaceAction) => void;
}

export function applyHostCommand(
  command: HostCommand,
  { controller, stores, dispatch }: CommandTargets,
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
    case 'show-shortcuts':
      dispatch({ type: 'shortcuts', show: true });
      return;
    case 'recent-changed':
      dispatch({ type: 'recent-changed', recent: command.recent });
      return;
    default:
      assertNever(command, 'host command');
  }
}

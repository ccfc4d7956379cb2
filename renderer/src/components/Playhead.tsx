import { useTinyStore } from '../hooks/useTinyStore';
import { pxAtFrame } from '../render/view';
import type { NavigationStores } from '../state/navigation';

interface Props {
  stores: Pick<NavigationStores, 'navigation' | 'playhead'>;
  widthPx: number;
}

/** The play position as a line; every pane draws one from the same store, as the crosshair. */
export function Playhead({ stores, widthPx }: Props) {
  const frame = useTinyStore(stores.playhead);
  const { view } = useTinyStore(stores.navigation);
  if (frame === null) return null;
  const x = pxAtFrame(view, frame);
  if (x < 0 || x > widthPx) return null;
  return <div className="playhead" data-frame={frame.toFixed(2)} style={{ left: Math.round(x) }} />;
}

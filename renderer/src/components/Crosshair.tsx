import { useTinyStore } from '../hooks/useTinyStore';
import type { Hover } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';

/** The hovered time and band as thin lines; every pane renders one from the same store. */
export function Crosshair({ hover, widthPx }: { hover: TinyStore<Hover | null>; widthPx: number }) {
  const position = useTinyStore(hover);
  if (!position || position.xPx < 0 || position.xPx > widthPx) return null;
  return (
    <>
      <div className="crosshair-x" style={{ left: Math.round(position.xPx) }} />
      <div className="crosshair-y" style={{ top: `${position.yFraction * 100}%` }} />
    </>
  );
}

import type { LayerSummary } from '../../../shared/api/contract';
import { clipSpan, receptiveField } from '../app/receptive-field';
import { useTinyStore } from '../hooks/useTinyStore';
import { pxAtFrame } from '../render/view';
import type { NavigationStores } from '../state/navigation';

interface Props {
  stores: NavigationStores;
  widthPx: number;
  nFrames: number;
  /** When set (the input pane), shades the input frames the hovered output frame depends on. */
  receptiveLayers: readonly LayerSummary[] | null;
}

/** The hovered time and band as thin lines; every pane renders one from the same stores. */
export function Crosshair({ stores, widthPx, nFrames, receptiveLayers }: Props) {
  const position = useTinyStore(stores.hover);
  const { view } = useTinyStore(stores.navigation);
  if (!position) return null;
  const x = pxAtFrame(view, position.frame + 0.5);
  if (x < 0 || x > widthPx) return null;
  const span = receptiveLayers ? clipSpan(receptiveField(receptiveLayers, position.frame), nFrames) : null;
  return (
    <>
      {span && (
        <div
          className="receptive-field"
          data-first={span.first}
          data-last={span.last}
          style={{
            left: pxAtFrame(view, span.first),
            width: (span.last + 1 - span.first) / view.framesPerPixel,
          }}
        />
      )}
      <div className="crosshair-x" style={{ left: Math.round(x) }} />
      <div className="crosshair-y" style={{ top: `${position.yFraction * 100}%` }} />
    </>
  );
}

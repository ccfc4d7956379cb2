import type { ReceptiveShading } from '../app/panes';
import { layerFrameAt } from '../app/frame-map';
import { clipSpan, receptiveField } from '../app/receptive-field';
import { useTinyStore } from '../hooks/useTinyStore';
import { pxAtFrame } from '../render/view';
import type { NavigationStores } from '../state/navigation';

interface Props {
  stores: NavigationStores;
  widthPx: number;
  /** Input frames (the shared time axis). */
  nFrames: number;
  /** When set (the input pane), shades the input frames the hovered output frame depends on. */
  receptive: ReceptiveShading | null;
}

/** The hovered time and height as thin lines; every pane renders one from the same stores. */
export function Crosshair({ stores, widthPx, nFrames, receptive }: Props) {
  const position = useTinyStore(stores.hover);
  const { view } = useTinyStore(stores.navigation);
  if (!position) return null;
  const x = pxAtFrame(view, position.frame + 0.5);
  if (x < 0 || x > widthPx) return null;
  const span = receptive
    ? clipSpan(receptiveField(receptive.layers, layerFrameAt(receptive.map, position.frame)), nFrames)
    : null;
  return (
    <>
      {span && receptive && (
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

import type { PaneSpec } from '../../app/panes';
import { useTinyStore } from '../../hooks/useTinyStore';
import { markBox } from '../../render/marks';
import type { PaneMark } from '../../render/marks';
import type { RowWindow } from '../../render/row-window';
import type { NavigationStores } from '../../state/navigation';

interface Props {
  marks: readonly PaneMark[];
  spec: PaneSpec;
  navigation: NavigationStores['navigation'];
  /** The plot's size in CSS pixels. */
  width: number;
  height: number;
  /** The rows the plot shows (frequency zoom); all by default. */
  rows?: RowWindow;
}

/**
 * The microscope's marks over one pane's plot (render/marks.ts places them for the current view):
 * the pinned cell, the window it reads, its receptive field and, while playing, the frames not
 * yet reached. Boxes in the DOM, so they move with the view without redrawing the pane.
 */
export function PaneMarks({ marks, spec, navigation, width, height, rows }: Props) {
  const { view } = useTinyStore(navigation);
  const { frameMap, nRows, nFrames } = spec;
  const geometry = { view, frameMap, nRows, nFrames, width, height, ...(rows ? { rows } : {}) };
  return (
    <div className="pane-marks" aria-hidden="true">
      {marks.map((mark, index) => {
        const box = markBox(mark, geometry);
        if (!box) return null;
        const span =
          mark.kind === 'cell'
            ? { 'data-frame': mark.frame, 'data-row': mark.row }
            : mark.kind === 'cover'
              ? { 'data-first': mark.from }
              : { 'data-first': mark.first, 'data-last': mark.last };
        return (
          <div
            key={`${mark.kind}-${index}`}
            className={`pane-mark mark-${mark.kind}`}
            data-mark={mark.kind}
            {...span}
            style={{ left: box.left, top: box.top, width: box.width, height: box.height }}
          />
        );
      })}
    </div>
  );
}

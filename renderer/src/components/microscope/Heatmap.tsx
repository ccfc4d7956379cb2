import { useEffect, useRef, useState } from 'react';
import type { PointerEvent } from 'react';
import type { HeatmapModel } from '../../app/microscope/view-model';
import { colormapPacked } from '../../render/colormaps';
import { heatmapCellAt, heatmapRows, rasterHeatmap } from '../../render/heatmap';
import { StagingCanvas } from '../../hooks/staging-canvas';

interface Props {
  model: HeatmapModel;
  /** CSS size of the drawn matrix. */
  width: number;
  height: number;
  pixelRatio: number;
  /** `window`, `filter`…: names the canvas for tests and styles. */
  name: string;
  label: string;
  /** Columns to hatch (padding taps). */
  padding?: readonly boolean[];
  /** Which cell the pointer is on (row 0 at the bottom), or null when it leaves. */
  onHover?: (cell: { row: number; col: number } | null) => void;
  /** The hovered cell, outlined. */
  hovered?: { row: number; col: number } | null;
}

/**
 * One of the microscope's matrices: the pixels from render/heatmap.ts scaled to the box with
 * smoothing off, padding columns hatched, the hovered cell outlined. The component owns the
 * canvas and the pointer; the colours and numbers come in the model.
 */
export function Heatmap({ model, width, height, pixelRatio, name, label, padding, onHover, hovered }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [staging] = useState(() => new StagingCanvas());
  const { values, nRows, nCols, range, colormap, decimation } = model;
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const deviceHeight = Math.round(height * pixelRatio);
    const rowsPx = heatmapRows(nRows, deviceHeight);
    const pixels = rasterHeatmap({
      values,
      nRows,
      nCols,
      range,
      lut: colormapPacked(colormap),
      decimation,
      rowsPx,
    });
    const image = new ImageData(nCols, rowsPx);
    new Uint32Array(image.data.buffer).set(pixels);
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = deviceHeight;
    staging.blit(context, image, canvas.width, canvas.height);
  }, [staging, values, nRows, nCols, range, colormap, decimation, width, height, pixelRatio]);

  const cellAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return heatmapCellAt(
      event.clientX - box.left,
      event.clientY - box.top,
      box.width,
      box.height,
      nRows,
      nCols,
    );
  };
  const colWidth = width / nCols;
  const rowHeight = height / nRows;
  return (
    <div
      className="heatmap"
      data-name={name}
      data-rows={nRows}
      data-cols={nCols}
      style={{ width, height }}
      role="img"
      aria-label={label}
      onPointerMove={onHover ? (event) => onHover(cellAt(event)) : undefined}
      onPointerLeave={onHover ? () => onHover(null) : undefined}
    >
      <canvas ref={ref} style={{ width, height }} />
      {padding?.map((pad, col) =>
        pad ? (
          <div key={col} className="heatmap-padding" style={{ left: col * colWidth, width: colWidth }} />
        ) : null,
      )}
      {hovered && (
        <div
          className="heatmap-hovered"
          style={{
            left: hovered.col * colWidth - 1,
            top: (nRows - 1 - hovered.row) * rowHeight - 1,
            width: colWidth + 2,
            height: Math.max(3, rowHeight + 2),
          }}
        />
      )}
    </div>
  );
}

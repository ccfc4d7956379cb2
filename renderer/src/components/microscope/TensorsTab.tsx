import { useMemo, useState } from 'react';
import type { PostnetApi, WeightsSummary } from '../../../../shared/api/contract';
import type { TensorStats } from '../../../../shared/api/microscope';
import { formatShape } from '../../../../shared/errors';
import { groupThousands } from '../../../../shared/model/print';
import {
  FILTER_ORDERS,
  filterValues,
  galleryRange,
  histogramBars,
  sortedFilters,
} from '../../app/microscope/gallery';
import type { FilterOrder } from '../../app/microscope/gallery';
import { useTensors } from '../../app/microscope/useTensors';
import { formatNumber } from '../../app/microscope/words';
import { layerLabel } from '../../app/layer-output';
import type { DivergingMap } from '../../render/colormaps';
import { Heatmap } from './Heatmap';

interface Props {
  api: PostnetApi;
  weights: WeightsSummary | null;
  /** The layer to show first (the pinned cell's, or the selected one). */
  initialLayer: number;
  diverging: DivergingMap;
  pixelRatio: number;
  /** Pins filter o of the layer in the microscope. */
  onPickFilter: (layer: number, channel: number) => void;
  /** Shows a line in the status bar. */
  onNotice: (text: string) => void;
}

/** Filters shown before "show all": a screenful. */
const FIRST_FILTERS = 96;

/**
 * One layer's filters as small heatmaps on one colour scale, sortable by L2 norm (click one to
 * pin it in the microscope); every tensor of the state_dict with min, max, mean, std and a
 * histogram, each exportable as `.npy` or `.csv`.
 */
export function TensorsTab({
  api,
  weights,
  initialLayer,
  diverging,
  pixelRatio,
  onPickFilter,
  onNotice,
}: Props) {
  const count = weights?.layers.length ?? 0;
  const [chosen, setLayer] = useState(initialLayer);
  const layer = Math.min(Math.max(0, chosen), Math.max(0, count - 1));
  const [order, setOrder] = useState<FilterOrder>('norm-desc');
  const [all, setAll] = useState(false);
  const { filters, stats, exportTensor } = useTensors(api, weights?.id ?? null, layer, weights !== null);
  const loaded = filters?.value ?? null;
  const sorted = useMemo(() => (loaded ? sortedFilters(loaded.norms, order) : []), [loaded, order]);
  const range = useMemo(() => (loaded ? galleryRange(loaded) : null), [loaded]);
  if (!weights) return <p className="muted">No weights loaded.</p>;
  const shown = all ? sorted : sorted.slice(0, FIRST_FILTERS);
  const save = async (key: string, format: 'npy' | 'csv') => {
    const notice = await exportTensor(key, format);
    if (notice) onNotice(notice);
  };
  return (
    <section className="tensors" aria-label="filters and tensors">
      <div className="gallery-head">
        <h2>Filters of</h2>
        <select aria-label="layer" value={layer} onChange={(event) => setLayer(Number(event.target.value))}>
          {weights.layers.map((item, index) => (
            <option key={item.name} value={index}>
              {layerLabel(index)} · {item.name}
            </option>
          ))}
        </select>
        <select
          aria-label="order"
          value={order}
          onChange={(event) => setOrder(event.target.value as FilterOrder)}
        >
          {FILTER_ORDERS.map((item) => (
            <option key={item.order} value={item.order}>
              {item.label}
            </option>
          ))}
        </select>
      </div>
      {filters?.error && <p className="microscope-error">{filters.error}</p>}
      {loaded && range ? (
        <>
          <p className="muted gallery-note">
            {groupThousands(loaded.shape[0])} filters W[o] of {formatShape(loaded.shape.slice(1))} (rows:
            input channels, columns: taps), one colour scale ±{formatNumber(range.hi, 3)}; click one to pin
            it.
          </p>
          <div className="filter-gallery" data-layer={layer} data-order={order}>
            {shown.map((o) => (
              <button
                key={o}
                type="button"
                className="filter-tile"
                data-channel={o}
                data-norm={loaded.norms[o]}
                title={`W[${o}] · ‖W‖₂ = ${formatNumber(loaded.norms[o]!)}`}
                onClick={() => onPickFilter(layer, o)}
              >
                <Heatmap
                  model={{
                    values: filterValues(loaded, o),
                    nRows: loaded.shape[1],
                    nCols: loaded.shape[2],
                    colormap: diverging,
                    range,
                    decimation: 'absmax',
                  }}
                  width={30}
                  height={44}
                  pixelRatio={pixelRatio}
                  name={`filter-${o}`}
                  label={`filter ${o}`}
                />
                <span className="filter-index">{o}</span>
                <span className="filter-norm">{formatNumber(loaded.norms[o]!, 3)}</span>
              </button>
            ))}
          </div>
          {!all && sorted.length > shown.length && (
            <button type="button" className="show-all" onClick={() => setAll(true)}>
              Show all {sorted.length}
            </button>
          )}
        </>
      ) : (
        !filters?.error && <p className="muted">Reading the filters…</p>
      )}
      <h3>Tensors of the state_dict</h3>
      {stats?.error && <p className="microscope-error">{stats.error}</p>}
      {stats?.value ? (
        <ul className="tensor-stats">
          {stats.value.map((tensor) => (
            <TensorRow key={tensor.key} tensor={tensor} onExport={save} />
          ))}
        </ul>
      ) : (
        !stats?.error && <p className="muted">Computing statistics…</p>
      )}
    </section>
  );
}

function TensorRow({
  tensor,
  onExport,
}: {
  tensor: TensorStats;
  onExport: (key: string, format: 'npy' | 'csv') => Promise<void>;
}) {
  const bars = tensor.histogram ? histogramBars(tensor.histogram) : [];
  const numbers =
    tensor.min === null
      ? 'no finite values'
      : `min ${formatNumber(tensor.min, 3)} · max ${formatNumber(tensor.max!, 3)} · mean ${formatNumber(tensor.mean!, 3)} · std ${formatNumber(tensor.std!, 3)}`;
  return (
    <li className={tensor.used ? 'tensor' : 'tensor unused'} data-key={tensor.key}>
      <div className="tensor-line">
        <span className="tensor-key">{tensor.key}</span>
        <span className="tensor-shape">
          {formatShape(tensor.shape)} {tensor.dtype}
        </span>
      </div>
      <div className="tensor-line">
        <svg
          className="histogram"
          width={96}
          height={22}
          viewBox={`0 0 ${Math.max(1, bars.length)} 1`}
          preserveAspectRatio="none"
          aria-label="histogram"
        >
          {bars.map((height, bin) => (
            <rect key={bin} x={bin + 0.08} width={0.84} y={1 - height} height={height} />
          ))}
        </svg>
        <span
          className="tensor-numbers"
          data-min={tensor.min ?? undefined}
          data-max={tensor.max ?? undefined}
        >
          {numbers}
          {tensor.nonFinite > 0 ? ` · ${tensor.nonFinite} NaN/Inf` : ''}
        </span>
        <span className="tensor-export">
          <button
            type="button"
            onClick={() => void onExport(tensor.key, 'npy')}
            title={`Save ${tensor.key} as .npy`}
          >
            .npy
          </button>
          <button
            type="button"
            onClick={() => void onExport(tensor.key, 'csv')}
            title={`Save ${tensor.key} as .csv`}
          >
            .csv
          </button>
        </span>
      </div>
    </li>
  );
}

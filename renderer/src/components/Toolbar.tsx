import type { ExportFormat, RecentFile } from '../../../shared/api/contract';
import { DIVERGING_MAPS, SEQUENTIAL_MAPS } from '../render/colormaps';
import type { DivergingMap, SequentialMap } from '../render/colormaps';
import { ZOOM_STEP } from '../state/navigation';
import type { DisplaySettings } from '../state/workspace';

interface Props {
  display: DisplaySettings;
  /** Files the host remembers (Electron's Open Recent); empty in the browser. */
  recent: readonly RecentFile[];
  onOpenRecent: (id: string) => void;
  canExport: boolean;
  busy: boolean;
  onOpen: () => void;
  onExport: (format: ExportFormat) => void;
  onDisplay: (change: Partial<DisplaySettings>) => void;
  onFit: () => void;
  onZoom: (factor: number) => void;
  onShortcuts: () => void;
}

const EXPORTS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'npy', label: '.npy [80, T]' },
  { format: 'npy-batched', label: '.npy [1, 80, T]' },
  { format: 'npz', label: '.npz' },
  { format: 'csv', label: '.csv' },
  { format: 'png', label: '.png (view)' },
];

function parseNumber(text: string, fallback: number): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : fallback;
}

/** Open, export, display settings and view buttons, in one row of fixed height. */
export function Toolbar(props: Props) {
  const { display, canExport, busy, onDisplay } = props;
  return (
    <div className="toolbar" role="toolbar">
      <span className="app-name">Postnet Studio</span>
      <button type="button" onClick={props.onOpen} disabled={busy} title="Open a WAV or .npy mel (O)">
        Open…
      </button>
      {props.recent.length > 0 && (
        <select
          aria-label="Open recent"
          title="Open a recent file"
          value=""
          disabled={busy}
          onChange={(event) => {
            if (event.target.value) props.onOpenRecent(event.target.value);
            event.target.blur(); // an action, not a setting: give the keys back to the view
          }}
        >
          <option value="">Recent…</option>
          {props.recent.map((file) => (
            <option key={file.id} value={file.id} title={file.location}>
              {file.name}
            </option>
          ))}
        </select>
      )}
      <select
        aria-label="Export"
        title="Export the output (E: .npy [80, T], P: .png of the view)"
        value=""
        disabled={!canExport || busy}
        onChange={(event) => {
          if (event.target.value) props.onExport(event.target.value as ExportFormat);
          event.target.blur(); // an action, not a setting: give the keys back to the view
        }}
      >
        <option value="">Export…</option>
        {EXPORTS.map((item) => (
          <option key={item.format} value={item.format}>
            {item.label}
          </option>
        ))}
      </select>
      <span className="toolbar-sep" />
      <label>
        map{' '}
        <select
          aria-label="Colour map"
          title="Colour map of input and output"
          value={display.colormap}
          onChange={(event) => onDisplay({ colormap: event.target.value as SequentialMap })}
        >
          {SEQUENTIAL_MAPS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <label>
        residual{' '}
        <select
          aria-label="Residual colour map"
          title="Diverging colour map, centred on zero, of the residual and of signed layer outputs"
          value={display.residualColormap}
          onChange={(event) => onDisplay({ residualColormap: event.target.value as DivergingMap })}
        >
          {DIVERGING_MAPS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <label>
        range{' '}
        <select
          aria-label="Value range"
          title="Colour range: auto (1st–99th percentile of input and output) or fixed"
          value={display.rangeMode}
          onChange={(event) => onDisplay({ rangeMode: event.target.value as 'auto' | 'fixed' })}
        >
          <option value="auto">auto (1–99 %)</option>
          <option value="fixed">fixed</option>
        </select>
      </label>
      {display.rangeMode === 'fixed' && (
        <span className="range-inputs">
          <input
            aria-label="Range low"
            type="number"
            step="0.5"
            defaultValue={display.fixedRange.lo}
            onChange={(e) =>
              onDisplay({
                fixedRange: { ...display.fixedRange, lo: parseNumber(e.target.value, display.fixedRange.lo) },
              })
            }
          />
          …
          <input
            aria-label="Range high"
            type="number"
            step="0.5"
            defaultValue={display.fixedRange.hi}
            onChange={(e) =>
              onDisplay({
                fixedRange: { ...display.fixedRange, hi: parseNumber(e.target.value, display.fixedRange.hi) },
              })
            }
          />
          ±
          <input
            aria-label="Residual range"
            type="number"
            step="0.5"
            min="0"
            defaultValue={display.fixedResidualHalf}
            onChange={(e) =>
              onDisplay({ fixedResidualHalf: parseNumber(e.target.value, display.fixedResidualHalf) })
            }
          />
        </span>
      )}
      <span className="toolbar-sep" />
      <button type="button" onClick={() => props.onZoom(1 / ZOOM_STEP)} title="Zoom out (−)">
        −
      </button>
      <button type="button" onClick={() => props.onZoom(ZOOM_STEP)} title="Zoom in (+)">
        +
      </button>
      <button type="button" onClick={props.onFit} title="Fit to window (0 or F)">
        Fit
      </button>
      <span className="toolbar-grow" />
      <button type="button" onClick={props.onShortcuts} title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  );
}

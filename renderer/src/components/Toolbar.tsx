import type { ChangeEvent, ReactNode } from 'react';
import type { ExportFormat, RecentFile } from '../../../shared/api/contract';
import { exportChoices, melShape } from '../app/mel-labels';
import { parseNumberField } from '../app/number-field';
import { DIVERGING_MAPS, SEQUENTIAL_MAPS } from '../render/colormaps';
import type { DivergingMap, SequentialMap } from '../render/colormaps';
import { ZOOM_STEP } from '../state/navigation';
import { DECIMATION_CHOICES } from '../state/workspace';
import type { DecimationChoice, DisplaySettings } from '../state/workspace';

interface Props {
  display: DisplaySettings;
  /** Bands of the spectrogram on screen (or of the mel settings), for the export labels. */
  nMels: number;
  /** Files the host remembers (Electron's Open Recent); empty in the browser. */
  recent: readonly RecentFile[];
  /** Asks the host to show its Open Recent menu: the user picks there, and the host opens it. */
  onShowRecent: () => void;
  canExport: boolean;
  busy: boolean;
  onOpen: () => void;
  onExport: (format: ExportFormat) => void;
  onDisplay: (change: Partial<DisplaySettings>) => void;
  onFit: () => void;
  onZoom: (factor: number) => void;
  onShortcuts: () => void;
  /** The playback controls (components/Transport.tsx), after the view buttons. */
  transport?: ReactNode;
}

/** Open, export, display settings and view buttons, in one row of fixed height. */
export function Toolbar(props: Props) {
  const { display, canExport, busy, onDisplay } = props;
  const { fixedRange } = display;
  return (
    <div className="toolbar" role="toolbar">
      <span className="app-name">Postnet Studio</span>
      <button type="button" onClick={props.onOpen} disabled={busy} title="Open a WAV or .npy mel (O)">
        Open…
      </button>
      {props.recent.length > 0 && (
        <button
          type="button"
          onClick={props.onShowRecent}
          disabled={busy}
          title={`Open a recent file: ${props.recent.map((file) => file.name).join(', ')}`}
        >
          Recent…
        </button>
      )}
      <ActionSelect
        label="Export"
        title={`Export the output (E: .npy ${melShape(props.nMels)}, P: .png of the view)`}
        prompt="Export…"
        disabled={!canExport || busy}
        onAction={(value) => props.onExport(value as ExportFormat)}
      >
        {exportChoices(props.nMels).map((item) => (
          <option key={item.format} value={item.format}>
            {item.label}
          </option>
        ))}
      </ActionSelect>
      <span className="toolbar-sep" />
      <SettingSelect
        caption="map"
        label="Colour map"
        title="Colour map of input and output"
        value={display.colormap}
        options={SEQUENTIAL_MAPS}
        onChange={(value) => onDisplay({ colormap: value as SequentialMap })}
      />
      <SettingSelect
        caption="residual"
        label="Residual colour map"
        title="Diverging colour map, centred on zero, of the residual and of signed layer outputs"
        value={display.residualColormap}
        options={DIVERGING_MAPS}
        onChange={(value) => onDisplay({ residualColormap: value as DivergingMap })}
      />
      <SettingSelect
        caption="range"
        label="Value range"
        title="Colour range: auto (1st–99th percentile of input and output) or fixed"
        value={display.rangeMode}
        options={['auto', 'fixed']}
        optionLabels={{ auto: 'auto (1–99 %)' }}
        onChange={(value) => onDisplay({ rangeMode: value as 'auto' | 'fixed' })}
      />
      {display.rangeMode === 'fixed' && (
        <span className="range-inputs">
          <NumberField
            label="Range low"
            value={fixedRange.lo}
            onValue={(lo) => onDisplay({ fixedRange: { ...fixedRange, lo } })}
          />
          …
          <NumberField
            label="Range high"
            value={fixedRange.hi}
            onValue={(hi) => onDisplay({ fixedRange: { ...fixedRange, hi } })}
          />
          ±
          <NumberField
            label="Residual range"
            value={display.fixedResidualHalf}
            min={0}
            onValue={(half) => onDisplay({ fixedResidualHalf: half })}
          />
        </span>
      )}
      <SettingSelect
        caption="columns"
        label="Decimation"
        title="When many frames share a pixel column: their mean (pauses stay visible at fit), maximum (a one-frame peak survives any zoom) or minimum; signed panes take the value of largest or smallest magnitude"
        value={display.decimation}
        options={DECIMATION_CHOICES}
        onChange={(value) => onDisplay({ decimation: value as DecimationChoice })}
      />
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
      {props.transport && <span className="toolbar-sep" />}
      {props.transport}
      <span className="toolbar-grow" />
      <button type="button" onClick={props.onShortcuts} title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  );
}

/** A select that runs an action (Recent…, Export…) and goes back to its prompt. */
function ActionSelect(props: {
  label: string;
  title: string;
  prompt: string;
  disabled: boolean;
  onAction: (value: string) => void;
  children: ReactNode;
}) {
  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    if (event.target.value) props.onAction(event.target.value);
    event.target.blur(); // an action, not a setting: give the keys back to the view
  };
  return (
    <select
      aria-label={props.label}
      title={props.title}
      value=""
      disabled={props.disabled}
      onChange={onChange}
    >
      <option value="">{props.prompt}</option>
      {props.children}
    </select>
  );
}

/** A labelled select of one display setting. */
function SettingSelect(props: {
  caption: string;
  label: string;
  title: string;
  value: string;
  options: readonly string[];
  /** Option text where it differs from the value. */
  optionLabels?: Readonly<Record<string, string>>;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      <span className="toolbar-caption">{props.caption}</span>{' '}
      <select
        aria-label={props.label}
        title={props.title}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.options.map((name) => (
          <option key={name} value={name}>
            {props.optionLabels?.[name] ?? name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A number input of the fixed range: empty or partial text keeps the value in force. */
function NumberField(props: {
  label: string;
  value: number;
  min?: number;
  onValue: (value: number) => void;
}) {
  return (
    <input
      aria-label={props.label}
      type="number"
      step="0.5"
      min={props.min}
      defaultValue={props.value}
      onChange={(event) => {
        const next = parseNumberField(event.target.value, props.value);
        if (next !== props.value) props.onValue(next);
      }}
    />
  );
}

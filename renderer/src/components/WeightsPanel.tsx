import { useRef } from 'react';
import type { BuiltInWeights } from '../../../shared/api/contract';
import { DEMO_WEIGHTS_NAME } from '../../../shared/demo/weights';
import { DEFAULT_WEIGHTS_NAME } from '../../../shared/model/defaults';
import type { KeyboardEvent, ReactNode } from 'react';
import type { WeightsSummary } from '../../../shared/api/contract';
import { formatShape } from '../../../shared/errors';
import { groupThousands } from '../../../shared/model/print';
import type { PaneSpec } from '../app/panes';
import { tensorTableCaption, tensorsUsedText } from '../app/weights-text';
import type { Hover } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';
import { useDropTarget } from '../hooks/useDropTarget';
import { ConvLayerCard } from './ConvLayerCard';

interface Props {
  /** Shown above the weights: what is open. */
  inputFacts: ReactNode;
  weights: WeightsSummary | null;
  nFrames: number;
  selectedLayer: number;
  /** The open layer-output pane's spec, or null (the card reads o and the value at the cursor from it). */
  layerPaneSpec: PaneSpec | null;
  hover: TinyStore<Hover | null>;
  busy: boolean;
  /** Selects a layer: the card explains it and its output pane opens. */
  onShowLayer: (layer: number) => void;
  onLoad: () => void;
  onLoadFolder: () => void;
  onDropFiles: (files: File[]) => void;
  /** Built-in weights: the demo post-net (the default) or the untrained Tacotron 2 one. */
  onDefault: (which: BuiltInWeights) => void;
}

/** The side panel: the open input's facts, then the loaded weights: name, the module as PyTorch prints it, tensors, warnings, and one layer explained. */
export function WeightsPanel({
  inputFacts,
  weights,
  nFrames,
  selectedLayer,
  layerPaneSpec,
  hover,
  busy,
  onShowLayer,
  onLoad,
  onLoadFolder,
  onDropFiles,
  onDefault,
}: Props) {
  const panelRef = useRef<HTMLElement>(null);
  const dropping = useDropTarget(panelRef, onDropFiles);
  /** The layer whose output pane is open, or null. */
  const layerPane = layerPaneSpec?.layer ?? null;
  const layer = weights?.layers[selectedLayer] ?? null;
  const layerCount = weights?.layers.length ?? 0;
  const builtIn: BuiltInWeights | null =
    weights?.name === DEMO_WEIGHTS_NAME
      ? 'demo'
      : weights?.name === DEFAULT_WEIGHTS_NAME
        ? 'untrained'
        : null;
  /** ↑ ↓ Home End move through the layers like a list box (each move shows that layer). */
  const onListKey = (event: KeyboardEvent<HTMLOListElement>) => {
    const moves: Record<string, number> = {
      ArrowUp: selectedLayer - 1,
      ArrowDown: selectedLayer + 1,
      Home: 0,
      End: layerCount - 1,
    };
    const next = moves[event.key];
    if (next === undefined || layerCount === 0) return;
    event.preventDefault();
    const target = Math.min(layerCount - 1, Math.max(0, next));
    onShowLayer(target);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('button.layer')[target]?.focus();
  };
  return (
    <aside
      className={dropping ? 'weights-panel dropping' : 'weights-panel'}
      aria-label="weights"
      ref={panelRef}
    >
      {inputFacts}
      <div className="panel-title">
        <h2>Weights</h2>
        <div className="panel-actions">
          <button
            type="button"
            onClick={onLoad}
            disabled={busy}
            title="Load weights (W): .npz, .npy files, .json"
          >
            Load…
          </button>
          <button
            type="button"
            onClick={onLoadFolder}
            disabled={busy}
            title="A folder of .npy files named by state_dict key"
          >
            Folder…
          </button>
          <select
            aria-label="Built-in weights"
            data-testid="built-in-weights"
            className="built-in-select"
            value={builtIn ?? ''}
            disabled={busy}
            title={`Built-in weights: the ${DEMO_WEIGHTS_NAME} (the default), or the untrained Tacotron 2 post-net`}
            onChange={(event) => {
              const which = event.target.value;
              if (which === 'demo' || which === 'untrained') onDefault(which);
              event.target.blur(); // an action: give the keys back to the view
            }}
          >
            <option value="" disabled>
              Built-in…
            </option>
            <option value="demo">Demo post-net</option>
            <option value="untrained">Untrained</option>
          </select>
        </div>
      </div>
      {weights ? (
        <>
          <p className="weights-name" data-testid="weights-name" title={weights.sha256 ?? 'built in'}>
            {weights.name}
          </p>
          <p className="weights-total">
            <b>{groupThousands(weights.totalParameters)}</b> parameters {tensorsUsedText(weights.tensors)}
            {weights.residual ? ' · residual: output = input + stack(input)' : ''}
          </p>
          {weights.warnings.length > 0 && (
            <ul className="weights-warnings" data-testid="weights-warnings">
              {weights.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <h3>Layers</h3>
          <ol className="layer-list" onKeyDown={onListKey} aria-label="Layers: select one to see its output">
            {weights.layers.map((item, index) => (
              <li key={item.name}>
                <button
                  type="button"
                  className={index === selectedLayer ? 'layer selected' : 'layer'}
                  aria-pressed={index === layerPane}
                  data-layer={index}
                  onClick={() => onShowLayer(index)}
                  title={`Show what ${item.name} outputs, under the residual (↑ ↓ or [ ] step, L hides)`}
                >
                  <span className="layer-index">{index}</span>
                  <span>
                    Conv1d {item.inChannels}→{item.outChannels} k{item.kernelSize}
                    {item.dilation !== 1 ? ` d${item.dilation}` : ''}
                    {item.batchNorm ? ' · BN' : ''} · {item.activation}
                  </span>
                  {index === layerPane && (
                    <span className="layer-shown" title="Its output is the pane under the residual">
                      ●
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ol>
          {layer && (
            <ConvLayerCard
              layers={weights.layers}
              index={selectedLayer}
              nFrames={nFrames}
              hover={hover}
              layerPane={layerPaneSpec}
            />
          )}
          <details className="module-text" open>
            <summary>print(model)</summary>
            <pre data-testid="module-text">{weights.moduleText}</pre>
          </details>
          <details className="tensor-table">
            <summary>{tensorTableCaption(weights.tensors)}</summary>
            <table>
              <tbody>
                {weights.tensors.map((row) => (
                  <tr
                    key={row.key}
                    className={row.used ? undefined : 'unused'}
                    title={row.used ? undefined : 'not used by the stack'}
                  >
                    <td className="key">{row.key}</td>
                    <td>{formatShape(row.shape)}</td>
                    <td className="num">{groupThousands(row.numel)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>total</td>
                  <td />
                  <td className="num">{groupThousands(weights.totalParameters)}</td>
                </tr>
              </tfoot>
            </table>
          </details>
        </>
      ) : (
        <p className="muted">No weights loaded. Drop an .npz, .npy files or .json here.</p>
      )}
    </aside>
  );
}

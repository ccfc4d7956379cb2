import { Fragment, useRef } from 'react';
import type { BuiltInWeights } from '../../../shared/api/contract';
import { DEMO_WEIGHTS_NAME } from '../../../shared/demo/weights';
import { UNTRAINED_WEIGHTS_NAME } from '../../../shared/model/defaults';
import type { KeyboardEvent, ReactNode } from 'react';
import type { InputDocument, WeightsSummary } from '../../../shared/api/contract';
import type { StackRole } from '../../../shared/model/types';
import type { PaneSpec } from '../app/panes';
import { PARAMETERS_TITLE, parametersText, warningParts } from '../app/weights-text';
import {
  encoderNote,
  filesView,
  misfitNote,
  panelWarnings,
  runsOverMel,
  stackChoices,
} from '../app/weights-view';
import type { Hover } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';
import { useDropTarget } from '../hooks/useDropTarget';
import { ConvLayerCard } from './ConvLayerCard';
import { ModuleText } from './ModuleText';
import { StackChooser } from './StackChooser';
import { StateDictKey } from './StateDictKey';
import { TensorTable } from './TensorTable';
import { WeightsFiles } from './WeightsFiles';

interface Props {
  /** Shown above the weights: what is open. */
  inputFacts: ReactNode;
  weights: WeightsSummary | null;
  /** The open input: the card's T, and whether the weights fit its bands. */
  input: InputDocument | null;
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
  /** Builds another stack of the same file (a full Tacotron 2: post-net or encoder). */
  onChooseStack: (role: StackRole) => void;
}

/** The side panel: the open input's facts, then the loaded weights: name, the module as PyTorch prints it, tensors, warnings, and one layer explained. */
export function WeightsPanel({
  inputFacts,
  weights,
  input,
  selectedLayer,
  layerPaneSpec,
  hover,
  busy,
  onShowLayer,
  onLoad,
  onLoadFolder,
  onDropFiles,
  onDefault,
  onChooseStack,
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
      : weights?.name === UNTRAINED_WEIGHTS_NAME
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
            title="Load weights (W): a PyTorch checkpoint (.pt, .pth, no extension), .safetensors, .npz, .npy files, .json"
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
          <p className="weights-total" title={PARAMETERS_TITLE}>
            {parametersText(weights.tensors)}
            {weights.residual ? ' · residual: output = input + stack(input)' : ''}
          </p>
          <StackChooser choices={stackChoices(weights)} busy={busy} onChoose={onChooseStack} />
          {!runsOverMel(weights) && (
            <p className="encoder-note" data-testid="encoder-note">
              {encoderNote(weights)}
            </p>
          )}
          <WeightsFiles view={filesView(weights)} />
          <WeightsWarnings warnings={[...misfitLine(weights, input), ...panelWarnings(weights)]} />
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
              nFrames={input && runsOverMel(weights) ? input.mel.nFrames : 0}
              hover={hover}
              layerPane={layerPaneSpec}
            />
          )}
          <ModuleText text={weights.moduleText} />
          <TensorTable tensors={weights.tensors} />
        </>
      ) : (
        <p className="muted">
          No weights loaded. Drop a checkpoint (.pt, .pth, .safetensors, a train.py checkpoint_N), an .npz,
          .npy files or .json here.
        </p>
      )}
    </aside>
  );
}

/** The misfit note (weights for other bands than the input's), as the first warning, or nothing. */
function misfitLine(weights: WeightsSummary, input: InputDocument | null): string[] {
  const note = misfitNote(weights, input);
  return note === null ? [] : [note];
}

/** The loading warnings; the state_dict keys they quote wrap only after a dot, never inside a name. */
function WeightsWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="weights-warnings" data-testid="weights-warnings">
      {warnings.map((warning) => (
        <li key={warning}>
          {warningParts(warning).map((part, index) => (
            <Fragment key={index}>
              {part.key ? (
                <>
                  '<StateDictKey name={part.text} />'
                </>
              ) : (
                part.text
              )}
            </Fragment>
          ))}
        </li>
      ))}
    </ul>
  );
}

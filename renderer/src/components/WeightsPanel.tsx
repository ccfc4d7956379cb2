import { useState } from 'react';
import type { DragEvent, ReactNode } from 'react';
import type { WeightsSummary } from '../../../shared/api/contract';
import { formatShape } from '../../../shared/errors';
import { formatCount } from '../app/conv-text';
import { ConvLayerCard } from './ConvLayerCard';

interface Props {
  /** Shown above the weights: what is open. */
  inputFacts: ReactNode;
  weights: WeightsSummary | null;
  nFrames: number;
  selectedLayer: number;
  busy: boolean;
  onSelectLayer: (layer: number) => void;
  onLoad: () => void;
  onLoadFolder: () => void;
  onDropFiles: (files: File[]) => void;
  onDefault: () => void;
}

/** The side panel: the open input's facts, then the loaded weights: name, the module as PyTorch prints it, tensors, warnings, and one layer explained. */
export function WeightsPanel({
  inputFacts,
  weights,
  nFrames,
  selectedLayer,
  busy,
  onSelectLayer,
  onLoad,
  onLoadFolder,
  onDropFiles,
  onDefault,
}: Props) {
  const [dropping, setDropping] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setDropping(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onDropFiles(files);
  };
  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const layer = weights?.layers[selectedLayer] ?? null;
  return (
    <aside
      className={dropping ? 'weights-panel dropping' : 'weights-panel'}
      aria-label="weights"
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
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
          <button type="button" onClick={onDefault} disabled={busy || (weights?.isDefault ?? false)}>
            Default
          </button>
        </div>
      </div>
      {weights ? (
        <>
          <p className="weights-name" data-testid="weights-name" title={weights.sha256 ?? 'built in'}>
            {weights.name}
          </p>
          <p className="weights-total">
            <b>{formatCount(weights.totalParameters)}</b> parameters in {weights.tensors.length} tensors
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
          <ol className="layer-list">
            {weights.layers.map((item, index) => (
              <li key={item.name}>
                <button
                  type="button"
                  className={index === selectedLayer ? 'layer selected' : 'layer'}
                  onClick={() => onSelectLayer(index)}
                >
                  <span>{index}</span> Conv1d {item.inChannels}→{item.outChannels} k{item.kernelSize}
                  {item.batchNorm ? ' · BN' : ''} · {item.activation}
                </button>
              </li>
            ))}
          </ol>
          {layer && <ConvLayerCard layer={layer} index={selectedLayer} nFrames={nFrames} />}
          <details className="module-text">
            <summary>print(model)</summary>
            <pre data-testid="module-text">{weights.moduleText}</pre>
          </details>
          <details className="tensor-table">
            <summary>state_dict ({weights.tensors.length} tensors)</summary>
            <table>
              <tbody>
                {weights.tensors.map((row) => (
                  <tr key={row.key}>
                    <td className="key">{row.key}</td>
                    <td>{formatShape(row.shape)}</td>
                    <td className="num">{formatCount(row.numel)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>total</td>
                  <td />
                  <td className="num">{formatCount(weights.totalParameters)}</td>
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

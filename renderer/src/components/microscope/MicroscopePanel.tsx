import type { LayerSummary } from '../../../../shared/api/contract';
import type { MicroscopeController } from '../../app/microscope/controller';
import type { MicroscopeState } from '../../app/microscope/state';
import { explains } from '../../app/microscope/state';
import { microscopeView } from '../../app/microscope/view-model';
import type { ViewContext } from '../../app/microscope/view-model';
import { formatNumber } from '../../app/microscope/words';
import { CellMatrices } from './CellMatrices';

interface Props {
  state: MicroscopeState;
  controller: MicroscopeController;
  /** The layers of the stack the pinned cell is in (the loaded weights', or the encoder's over text). */
  layers: readonly LayerSummary[];
  /** What the view-model needs from the panes, or null while they cannot say (nothing open). */
  context: ViewContext | null;
  pixelRatio: number;
  /** Height of the matrices, CSS px (the panel's size decides it). */
  matrixHeight: number;
  tapWidth: number;
}

/**
 * The pinned cell with its real numbers: the window, the filter, the products and their sums,
 * Σ + bias → BatchNorm → activation = the pane's value, the layer's shapes and the receptive
 * field; ← → step it, play slides it along time.
 */
export function MicroscopePanel(props: Props) {
  const { state, controller, layers, context, pixelRatio, matrixHeight, tapWidth } = props;
  const { pinned, cell, loading, error, playing } = state;
  if (!pinned && state.mode === 'text') {
    return (
      <section className="microscope microscope-empty" aria-label="microscope">
        <h2>Microscope over characters</h2>
        <p>
          Type a sentence above the panes and run it: Tacotron 2’s symbol ids, their embedding and the
          encoder’s three Conv1d(512, 512, 5) layers appear as panes over the characters. Click a cell of a
          conv pane to pin it.
        </p>
      </section>
    );
  }
  if (!pinned) {
    return (
      <section className="microscope microscope-empty" aria-label="microscope">
        <h2>Microscope</h2>
        <p>
          Click any cell of the <b>output</b>, <b>residual</b> or a <b>layer output</b> pane to pin it: this
          panel then shows the input window it reads, the filter, their products and how they add up to the
          value in the pane, with your weights’ numbers.
        </p>
        <p className="muted">← → step the pinned cell one frame, ▶ slides it along time, Esc lets it go.</p>
      </section>
    );
  }
  const shown = cell && context && layers[cell.layer] ? cell : null;
  const view = shown && context ? microscopeView(shown, context) : null;
  const stale = !explains(cell, pinned);
  const stride = shown ? layers[shown.layer]!.stride : 1;
  return (
    <section
      className={stale || loading ? 'microscope loading' : 'microscope'}
      aria-label="microscope"
      data-layer={pinned.layer}
      data-channel={pinned.channel}
      data-frame={pinned.frame}
      data-ready={!stale && !loading && view !== null ? 'true' : 'false'}
      data-value={shown && !stale ? shown.value : undefined}
    >
      <div className="microscope-head">
        <h2 className="microscope-title">{view?.title ?? 'explaining…'}</h2>
        <div className="microscope-controls">
          <button
            type="button"
            onClick={() => controller.step(-1, 0)}
            title="Previous frame (←)"
            aria-label="previous frame"
          >
            ◀
          </button>
          <button
            type="button"
            className="play"
            onClick={controller.togglePlay}
            aria-pressed={playing}
            title={playing ? 'Stop' : 'Slide the window along time'}
          >
            {playing ? '■ stop' : '▶ play'}
          </button>
          <button
            type="button"
            onClick={() => controller.step(1, 0)}
            title="Next frame (→)"
            aria-label="next frame"
          >
            ▶
          </button>
          <button type="button" onClick={controller.unpin} title="Let the cell go (Esc)" aria-label="unpin">
            ×
          </button>
        </div>
      </div>
      {error && (
        <p className="microscope-error" role="alert">
          {error}
        </p>
      )}
      {view && shown && context && (
        <>
          <ul className="microscope-shapes">
            {view.shapes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <CellMatrices
            cell={shown}
            view={view}
            source={context.source}
            stride={stride}
            pixelRatio={pixelRatio}
            height={matrixHeight}
            tapWidth={tapWidth}
          />
          <table className="microscope-chain">
            <tbody>
              {view.steps.map((step) => (
                <tr key={step.id} data-step={step.id} data-value={step.value}>
                  <th scope="row">{step.label}</th>
                  <td className="chain-text">{step.text}</td>
                  <td className="chain-value">{formatNumber(step.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.agrees !== null && (
            <p className={view.agrees ? 'agrees' : 'disagrees'} data-agrees={view.agrees}>
              {view.agrees
                ? `✓ equals the pane’s value (|Δ| = ${formatNumber(Math.abs(view.value - view.paneValue!), 2)})`
                : `✗ differs from the pane’s ${formatNumber(view.paneValue!)}`}
            </p>
          )}
          <h3>Receptive field</h3>
          <table className="microscope-field">
            <tbody>
              {view.field.map((row) => (
                <tr key={row.label} data-first={row.span.first} data-last={row.span.last}>
                  <th scope="row">{row.label}</th>
                  <td>
                    {row.span.first} … {row.span.last}
                  </td>
                  <td>
                    {row.width} {context.source.kind === 'text' ? 'char' : 'frame'}
                    {row.width === 1 ? '' : 's'}
                    {row.padding > 0 ? ` (${row.padding} padding)` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

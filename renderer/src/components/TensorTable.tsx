import type { TensorRow } from '../../../shared/api/contract';
import { formatShape } from '../../../shared/errors';
import { groupThousands } from '../../../shared/model/print';
import { isBufferKey, tensorCounts, tensorTableCaption } from '../app/weights-text';
import { StateDictKey } from './StateDictKey';

/**
 * The state_dict as a table (folded): key, shape, number of values; buffers (BatchNorm's running
 * statistics) marked, tensors the stack does not use greyed; totals for the parameters, the
 * buffers and the unused tensors apart.
 */
export function TensorTable({ tensors }: { tensors: readonly TensorRow[] }) {
  const counts = tensorCounts(tensors);
  return (
    <details className="tensor-table">
      <summary>{tensorTableCaption(tensors)}</summary>
      <table>
        <tbody>
          {tensors.map((row) => {
            const buffer = isBufferKey(row.key);
            const className = [row.used ? '' : 'unused', buffer ? 'buffer' : ''].join(' ').trim();
            const title = !row.used
              ? 'not used by the stack'
              : buffer
                ? 'a buffer, not a parameter'
                : undefined;
            return (
              <tr key={row.key} className={className || undefined} title={title}>
                <td className="key">
                  <StateDictKey name={row.key} />
                </td>
                <td className="shape">{formatShape(row.shape)}</td>
                <td className="num">{groupThousands(row.numel)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="total-parameters">
            <td colSpan={2}>
              total parameters ({counts.parameters.tensors} tensors: weights, biases, BatchNorm γ and β)
            </td>
            <td className="num">{groupThousands(counts.parameters.values)}</td>
          </tr>
          {counts.buffers.tensors > 0 && (
            <tr data-testid="total-buffers">
              <td colSpan={2}>
                buffers, not parameters ({counts.buffers.tensors}: running_mean, running_var,
                num_batches_tracked)
              </td>
              <td className="num">{groupThousands(counts.buffers.values)}</td>
            </tr>
          )}
          {counts.unused.tensors > 0 && (
            <tr data-testid="total-unused" className="unused">
              <td colSpan={2}>not used by the stack ({counts.unused.tensors} tensors)</td>
              <td className="num">{groupThousands(counts.unused.values)}</td>
            </tr>
          )}
        </tfoot>
      </table>
    </details>
  );
}

/**
 * The weights panel's counts. A converted checkpoint holds more than the stack (embedding, encoder,
 * LSTM…), so the parameter total is said to be in the tensors the stack uses, of those in the file.
 */
import type { TensorRow } from '../../../shared/api/contract';

/** `in 35 tensors`, or `in 35 of the file’s 65 tensors` when some are not used. */
export function tensorsUsedText(tensors: readonly TensorRow[]): string {
  const used = tensors.filter((row) => row.used).length;
  return used === tensors.length
    ? `in ${tensors.length} tensors`
    : `in ${used} of the file’s ${tensors.length} tensors`;
}

/** The state_dict table's caption: `state_dict (35 tensors)` or `state_dict (65 tensors, 35 used)`. */
export function tensorTableCaption(tensors: readonly TensorRow[]): string {
  const used = tensors.filter((row) => row.used).length;
  return used === tensors.length
    ? `state_dict (${tensors.length} tensors)`
    : `state_dict (${tensors.length} tensors, ${used} used)`;
}
